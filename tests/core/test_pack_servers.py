"""Pulling from real web servers (Python's http.server, Debian's nginx), from a server
that misbehaves on purpose, and `kill -9` during a download and during an apply."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.pack_format import read_pack
from reader.core.pack_pull import pull
from reader.core.pack_source import Timeouts
from tests.conftest import ROOT
from tests.support.pack_samples import first_pack, publisher, store
from tests.support.pack_servers import (
    faulty_server,
    free_port,
    nginx_server,
    nginx_statuses,
    python_server,
)

QUICK = Timeouts(connect_and_read=1.0, total=3.0)


def test_python_http_server_full_then_conditional(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    with python_server(pub.folder) as (url, statuses):
        assert pull(store(), pub.subscription(url)).version == 1
        assert statuses == [200, 200]  # feed, pack
        assert pull(store(), pub.subscription(url)).outcome == "unchanged"
        assert statuses[2:] == [304]  # If-Modified-Since answered without a body
        time.sleep(1.1)  # http.server's Last-Modified has whole seconds
        pub.build(articles=[pub.article("meal.txt")], note="第二周")
        result = pull(store(), pub.subscription(url))
        assert (result.outcome, result.version) == ("applied", 2)
        assert statuses[3:] == [200, 200]


def test_nginx_full_then_conditional_with_etag(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    run = tmp_path / "nginx"
    with nginx_server(pub.folder, run) as url:
        assert pull(store(), pub.subscription(url)).version == 1
        remembered = store().status()["feed"]
        assert remembered["etag"].startswith('"') and remembered["last_modified"]
        assert pull(store(), pub.subscription(url)).outcome == "unchanged"
        assert pull(store(), pub.subscription(url + "feed.json")).outcome == "unchanged"
        pub.build(articles=[pub.article("meal.txt")])
        assert pull(store(), pub.subscription(url)).version == 2
        time.sleep(0.2)  # nginx writes its log after answering
        assert nginx_statuses(run) == [200, 200, 304, 200, 200, 200]  # the last feed: new URL
    assert nginx_statuses(run)  # and nginx is gone again
    with pytest.raises(OSError):
        __import__("socket").create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1][:-1])), 1)


@pytest.mark.parametrize(
    ("faults", "message"),
    [
        ({"feed.json": "404"}, "没有找到内容包（404）"),
        ({"feed.json": "500"}, "服务器出了问题（500）"),
        ({"feed.json": "html"}, "不是内容包目录"),
        ({"feed.json": "stall"}, "下载没有完成，下次再试。"),
        ({"pack-000001.zip": "404"}, "没有找到内容包（404）"),
        ({"pack-000001.zip": "500"}, "服务器出了问题（500）"),
        ({"pack-000001.zip": "stall"}, "下载没有完成，下次再试。"),
        ({"pack-000001.zip": "drip"}, "下载没有完成，下次再试。"),
        ({"pack-000001.zip": "truncate"}, "下载没有完成，下次再试。"),
        ({"pack-000001.zip": "junk"}, "和目录说的不一样"),
        ({"pack-000001.zip": "html"}, "是一个网页"),
        ({"pack-000001.zip": "long"}, "比目录说的大"),
    ],
)
def test_a_misbehaving_server_gets_nothing_applied_and_the_next_check_works(
    tmp_path: Path, faults: dict[str, str], message: str
) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    with faulty_server(pub.folder, faults) as url:
        started = time.monotonic()
        result = pull(store(), pub.subscription(url), timeouts=QUICK)
        assert time.monotonic() - started < 6  # a stalled server is given up on
        assert result.outcome == "retry" and message in result.message
        assert store().installed() is None and not list(store().incoming().glob("*"))
        assert store().status()["last_check"]["message"] == result.message
        faults.clear()
        assert pull(store(), pub.subscription(url), timeouts=QUICK).version == 1


def test_a_server_that_is_down(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    result = pull(store(), pub.subscription(f"http://127.0.0.1:{free_port()}/"), timeouts=QUICK)
    assert (result.outcome, result.message) == ("retry", "连不上内容包的来源，下次再试。")


_CHILD = """
import sys, time
from pathlib import Path
from reader.core import content_store, pack_source
from reader.core.content_store import ContentStore
from reader.core.pack_pull import pull
from reader.core.subscription import Subscription
slow = sys.argv[1] == "apply"
if slow:
    real = content_store.write_staged
    def slow_write(path, data):
        time.sleep(0.01)
        real(path, data)
    content_store.write_staged = slow_write
print("ready", flush=True)
key = Path(sys.argv[3]).read_text()
pull(ContentStore(Path(sys.argv[4])), Subscription(sys.argv[2], key))
"""


def _kill_during(step: str, source: str, key: str, root: Path, delay: float) -> None:
    child = subprocess.Popen([sys.executable, "-c", _CHILD, step, source, key, str(root)],
                             cwd=ROOT, stdout=subprocess.PIPE, env={**os.environ,
                                                                    "PYTHONPATH": str(ROOT)})
    assert child.stdout is not None
    child.stdout.readline()
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    child.stdout.close()


def _complete(version: int) -> bool:
    installed = store().installed()
    if installed is None or installed.version != version:
        return False
    for name, entry in installed.manifest.files.items():
        data = installed.folder.joinpath(*name.split("/")).read_bytes()
        assert len(data) == entry.size, name
    return True


def test_kill_9_during_apply_leaves_the_old_or_the_new_content(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    assert pull(store(), pub.subscription()).version == 1
    notices = [pub.article(f"a{n}.txt", f"社区通知{n}\n\n" + f"服务中心第{n}号窗口今天开门。" * 20)
               for n in range(30)]
    assert len(pub.build(articles=notices, cards=pub.cards("linshi")).manifest.articles) == 31
    key = tmp_path / "key.pub"
    key.write_text(pub.key.public_key().to_text())
    seen = set()
    half_written = 0
    for delay in (0.05, 0.15, 0.3, 0.45, 0.6, 0.8, 1.0, 1.3):
        if store().version() == 2:
            break
        _kill_during("apply", str(pub.folder), str(key), store().root, delay)
        half_written += bool(list(store().root.glob(".staging-*")))
        old, new = _complete(1), _complete(2)
        assert old or new, f"killed after {delay}s: neither version complete"
        seen.add(1 if old else 2)
    assert 1 in seen and half_written  # kills landed in the middle of an apply
    result = pull(store(), pub.subscription())
    assert store().version() == 2 and result.outcome in ("applied", "unchanged")
    assert _complete(2) and not list(store().root.glob(".staging-*"))
    assert [p.name for p in store().root.glob("v*")] == ["v000002"]


def test_kill_9_during_a_download_and_the_next_check_finishes_it(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    key = tmp_path / "key.pub"
    key.write_text(pub.key.public_key().to_text())
    with faulty_server(pub.folder, {"pack-000001.zip": "drip"}) as url:
        _kill_during("download", url, str(key), store().root, 1.5)
        assert store().installed() is None
        assert [p.name for p in store().incoming().glob("*")] == ["pack-000001.zip.part"]
    with python_server(pub.folder) as (url, _statuses):
        assert pull(store(), pub.subscription(url)).version == 1
    assert not list(store().incoming().glob("*"))
    read_pack(pub.folder / "pack-000001.zip", pub.key.public_key())
