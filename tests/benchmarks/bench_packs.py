"""Content packs: what publishing costs the static host and a PC. Prints numbers.

- A publishing folder with twelve weekly packs (eight new articles a week, every card,
  a pronunciation list), served by Debian's nginx on localhost.
- N simulated PCs (100, then 1,000), each polling feed.json with a conditional GET
  (If-None-Match with the ETag it got before), a new connection per poll as PCs hours
  apart would make, all N at once, bounded in polls and in time: requests served per
  second, and the bytes on the wire of one poll when nothing changed.
- One PC fetching and applying the newest weekly pack with the program's own code, and
  one unchanged check through it.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import tempfile
import time
from pathlib import Path

from reader.core.content_store import ContentStore
from reader.core.pack_build import BuildRequest, build_pack
from reader.core.pack_pull import pull
from reader.core.signing import SecretKey
from reader.core.subscription import Subscription
from reader.resources import asset_path
from tests.conftest import SEEDS
from tests.support.pack_servers import nginx_server

WEEKS = 12
ARTICLES_A_WEEK = 8
POLLS_EACH = {100: 20, 1000: 5}  # polls per simulated PC: 2,000 and 5,000 in all
TIME_LIMIT_S = 60.0


def weekly_articles(work: Path, week: int) -> list[Path]:
    """Articles like the seeds, each made different so none is a duplicate."""
    base = [s.read_text(encoding="utf-8") for s in SEEDS]
    paths = []
    for n in range(ARTICLES_A_WEEK):
        text = base[n % len(base)]
        lines = text.splitlines()
        lines.insert(3, f"第{week}周第{n}期：本社区服务中心通知，第{week * 100 + n}号。")
        path = work / f"w{week}-{n}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def publish(root: Path) -> tuple[SecretKey, Path]:
    key = SecretKey.generate()
    folder, work = root / "pub", root / "work"
    work.mkdir(parents=True)
    pronunciations = work / "pron.txt"
    pronunciations.write_text("银行 yin2 hang2\n重新 chong2 xin1\n便宜 pian2 yi5\n",
                              encoding="utf-8")
    for week in range(1, WEEKS + 1):
        build_pack(key, folder, BuildRequest(
            articles=weekly_articles(work, week), cards=asset_path("cards"),
            pronunciations=pronunciations, note=f"第{week}周"))
    return key, folder


async def _poll(port: int, etag: str, polls: int, deadline: float, stats: dict[str, int]
                ) -> None:
    request = (f"GET /feed.json HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
               f"User-Agent: dazi-reader (content packs)\r\nIf-None-Match: {etag}\r\n"
               "Connection: close\r\n\r\n").encode()
    for _ in range(polls):
        if time.monotonic() > deadline:
            return
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(request)
        await writer.drain()
        answer = await reader.read()
        writer.close()
        stats["requests"] += 1
        stats["request_bytes"] += len(request)
        stats["answer_bytes"] += len(answer)
        stats["not_modified"] += answer.startswith(b"HTTP/1.1 304")


async def _simulate(port: int, etag: str, pcs: int, polls: int) -> tuple[dict[str, int], float]:
    stats = {"requests": 0, "request_bytes": 0, "answer_bytes": 0, "not_modified": 0}
    deadline = time.monotonic() + TIME_LIMIT_S
    started = time.perf_counter()
    await asyncio.gather(*(_poll(port, etag, polls, deadline, stats) for _ in range(pcs)))
    return stats, time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        started = time.perf_counter()
        key, pub = publish(root)
        build_s = (time.perf_counter() - started) / WEEKS
        packs = sorted(pub.glob("pack-*.zip"))
        newest = packs[-1]
        cards = len(list(asset_path("cards").glob("*.toml")))
        print(f"publishing folder: {WEEKS} weekly packs, newest {newest.stat().st_size // 1024} KB "
              f"({WEEKS * ARTICLES_A_WEEK} articles, {cards} cards); "
              f"feed.json {(pub / 'feed.json').stat().st_size} bytes; "
              f"pack build {build_s:.2f} s a week")
        with nginx_server(pub, root / "nginx", access_log=False, workers=2) as url:
            port = int(re.findall(r":(\d+)/", url)[0])
            subscription = Subscription(url, key.public_key().to_text())
            applies = []
            for n in range(3):
                store = ContentStore(root / f"pc{n}" / "published")
                started = time.perf_counter()
                result = pull(store, subscription)
                applies.append(time.perf_counter() - started)
                assert result.outcome == "applied", result
            print(f"one PC: fetch + verify + apply the newest pack: "
                  f"median {statistics.median(applies) * 1000:.0f} ms of 3 "
                  f"({min(applies) * 1000:.0f}-{max(applies) * 1000:.0f} ms)")
            checks = []
            for _ in range(20):
                started = time.perf_counter()
                assert pull(store, subscription).outcome == "unchanged"
                checks.append(time.perf_counter() - started)
            print(f"one PC: an unchanged check (304) through the program: "
                  f"median {statistics.median(checks) * 1000:.1f} ms")
            etag = store.status()["feed"]["etag"]
            for pcs, polls in POLLS_EACH.items():
                stats, seconds = asyncio.run(_simulate(port, etag, pcs, polls))
                per_poll = (stats["request_bytes"] + stats["answer_bytes"]) / stats["requests"]
                print(f"{pcs} PCs polling at once: {stats['requests']} polls in {seconds:.2f} s "
                      f"= {stats['requests'] / seconds:.0f} requests/s; "
                      f"{stats['not_modified']} answered 304; bytes per unchanged poll "
                      f"{per_poll:.0f} ({stats['request_bytes'] // stats['requests']} asked, "
                      f"{stats['answer_bytes'] // stats['requests']} answered, before TCP/IP)")


if __name__ == "__main__":
    main()
