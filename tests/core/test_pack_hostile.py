"""Hostile and broken packs: each is refused with a plain message, nothing is applied,
what was there stays, and a good pack afterwards still goes in."""

from __future__ import annotations

import errno
import hashlib
import json
import stat
import zipfile
from pathlib import Path

import pytest

from reader.core import pack_format
from reader.core.pack_format import NOT_SIGNED, PackError, read_pack
from reader.core.pack_pull import import_pack_file, pull
from reader.core.signing import SecretKey
from tests.support.pack_samples import first_pack, publisher, signed_pack, store, zip_bytes

CARD = "cards/dibao.toml"


def _card() -> bytes:
    from reader.resources import asset_path

    return (asset_path("cards") / "dibao.toml").read_bytes()


def _link(name: str, target: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _hostile(key: SecretKey) -> dict[str, bytes]:
    """name -> a pack file that must be refused."""
    card = _card()
    good = signed_pack(key, {CARD: card}, version=5, manifest_patch={"cards": ["dibao"]})
    other_key = SecretKey.generate()
    with zipfile.ZipFile(__import__("io").BytesIO(good)) as z:
        manifest = z.read("manifest.json")
    unsigned = zip_bytes([("manifest.json", manifest), (CARD, card)])
    patched = manifest.replace(b'"version": 5', b'"version": 6')
    bomb = zipfile.ZipInfo(CARD)
    bomb.compress_type = zipfile.ZIP_DEFLATED
    return {
        "unsigned": unsigned,
        "wrong key": signed_pack(other_key, {CARD: card}, version=5,
                                 manifest_patch={"cards": ["dibao"]}),
        "manifest edited after signing": zip_bytes(
            [("manifest.json", patched), ("manifest.json.minisig",
                                          zipfile.ZipFile(__import__("io").BytesIO(good))
                                          .read("manifest.json.minisig")), (CARD, card)]),
        "file changed after signing": signed_pack(
            key, {CARD: card.replace(b"12345", b"12399")}, version=5,
            manifest_files={CARD: card}, manifest_patch={"cards": ["dibao"]}),
        "truncated": good[: len(good) * 2 // 3],
        "not a zip": b"<html><body>404</body></html>",
        "empty": b"",
        "malformed manifest": _signed_raw(key, b'{"kind": "\xe5\xa4\xa7'),
        "absolute path": signed_pack(key, {"/etc/cron.d/x": b"x"}),
        "dot dot": signed_pack(key, {"articles/../../evil.txt": b"x"}),
        "backslash": signed_pack(key, {"cards\\..\\..\\x.toml": b"x"}),
        "drive letter": signed_pack(key, {"C:/Windows/x.toml": b"x"}),
        "link": signed_pack(key, {}, extra=[(_link(CARD, "/etc/passwd"), b"/etc/passwd")],
                            manifest_files={CARD: b"/etc/passwd"}),
        "file not in manifest": signed_pack(key, {CARD: card}, extra=[("cards/x.toml", card)],
                                            manifest_patch={"cards": ["dibao"]}),
        "file missing": signed_pack(key, {}, manifest_files={CARD: card},
                                    manifest_patch={"cards": ["dibao"]}),
        "zip bomb": signed_pack(key, {}, extra=[(bomb, bytes(20 * 1024 * 1024))],
                                manifest_files={CARD: bytes(20 * 1024 * 1024)}),
        "broken card": signed_pack(key, {CARD: b'id = "dibao"\ntitle = "'}, version=5,
                                   manifest_patch={"cards": ["dibao"]}),
        "unreadable article": signed_pack(
            key, {"articles/pub_1/article.json": b'{"format": 1}'}, version=5,
            manifest_patch={"articles": [{"id": "pub_1", "title": "x"}]}),
        "card named in manifest only": signed_pack(key, {}, manifest_patch={"cards": ["x"]}),
        "future format": _signed_raw(key, json.dumps(
            {"format": 2, "kind": "大字读报内容包", "version": 9}).encode()),
    }


def _signed_raw(key: SecretKey, manifest: bytes) -> bytes:
    signature = key.sign(manifest, pack_format.trusted_comment(5, manifest))
    return zip_bytes([("manifest.json", manifest), ("manifest.json.minisig", signature.encode())])


def test_every_hostile_pack_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    assert pull(store(), pub.subscription()).version == 1
    before = {p.relative_to(store().root): p.read_bytes()
              for p in store().root.rglob("*") if p.is_file() and "v000001" in str(p)}
    usb = tmp_path / "usb"
    usb.mkdir()
    for name, data in _hostile(pub.key).items():
        path = usb / "pack.zip"
        path.write_bytes(data)
        result = import_pack_file(store(), pub.subscription(source=""), path)
        assert result.outcome == "refused", name
        assert "没有使用" in result.message and result.message.isascii() is False, (
            name, result.message)
        assert store().version() == 1, name
        assert {p.relative_to(store().root): p.read_bytes() for p in store().root.rglob("*")
                if p.is_file() and "v000001" in str(p)} == before, name
        assert not list(store().root.glob(".staging-*")), name
    assert not (tmp_path / "evil.txt").exists()
    second = pub.build(articles=[pub.article("meal.txt")])
    assert pull(store(), pub.subscription()).version == second.version


def test_signature_and_hash_messages_say_what_happened(tmp_path: Path) -> None:
    key = SecretKey.generate()
    packs = _hostile(key)
    path = tmp_path / "p.zip"
    for name in ("unsigned", "wrong key", "manifest edited after signing"):
        path.write_bytes(packs[name])
        with pytest.raises(PackError) as caught:
            read_pack(path, key.public_key())
        assert caught.value.message == NOT_SIGNED == "签名不对，没有使用这个内容包。"
    path.write_bytes(packs["file changed after signing"])
    with pytest.raises(PackError, match="不完整或者坏了"):
        read_pack(path, key.public_key())


def test_an_oversized_pack_is_refused_before_it_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = SecretKey.generate()
    path = tmp_path / "p.zip"
    path.write_bytes(signed_pack(key, {CARD: _card()}, manifest_patch={"cards": ["dibao"]}))
    monkeypatch.setattr(pack_format, "MAX_PACK_BYTES", path.stat().st_size - 1)
    with pytest.raises(PackError, match="太大"):
        read_pack(path, key.public_key())


def test_a_replayed_older_pack_is_refused(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    old = (pub.folder / "pack-000001.zip").read_bytes()
    pub.build(articles=[pub.article("meal.txt")])
    assert pull(store(), pub.subscription()).version == 2
    (pub.folder / "pack-000002.zip").write_bytes(old)  # the server now hands out the old one
    feed = json.loads((pub.folder / "feed.json").read_text())
    feed["packs"][0].update(version=3, file="pack-000003.zip",
                            sha256=hashlib.sha256(old).hexdigest(), size=len(old))
    (pub.folder / "feed.json").write_text(json.dumps(feed, ensure_ascii=False))
    (pub.folder / "pack-000003.zip").write_bytes(old)
    result = pull(store(), pub.subscription())
    assert result.outcome == "refused" and result.message == NOT_SIGNED  # feed 3, signed 1
    assert store().version() == 2


def test_a_feed_that_lies_about_the_hash_gets_nothing_applied(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    feed = json.loads((pub.folder / "feed.json").read_text())
    feed["packs"][0]["sha256"] = "0" * 64
    (pub.folder / "feed.json").write_text(json.dumps(feed, ensure_ascii=False))
    result = pull(store(), pub.subscription())
    assert result.outcome == "retry" and "和目录说的不一样" in result.message
    assert store().installed() is None
    assert not list(store().incoming().glob("*"))


def test_a_feed_cannot_point_outside_the_source(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    feed = json.loads((pub.folder / "feed.json").read_text())
    feed["packs"][0]["file"] = "../../secret/pack-000001.zip"
    (pub.folder / "feed.json").write_text(json.dumps(feed, ensure_ascii=False))
    result = pull(store(), pub.subscription())
    assert result.outcome == "retry" and "不是内容包目录" in result.message


def test_a_full_disk_applies_nothing_and_keeps_the_old_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    pull(store(), pub.subscription())
    pub.build(articles=[pub.article("meal.txt")])
    from reader.core import content_store

    real = content_store.write_staged
    calls = {"n": 0}

    def fill_up(path: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    monkeypatch.setattr(content_store, "write_staged", fill_up)
    result = pull(store(), pub.subscription())
    assert result.outcome == "retry" and "磁盘满了" in result.message
    assert store().version() == 1 and not list(store().root.glob(".staging-*"))
    monkeypatch.setattr(content_store, "write_staged", real)
    assert pull(store(), pub.subscription()).version == 2


def test_a_full_disk_during_the_download(tmp_path: Path) -> None:
    """The download's `.part` file is Linux's /dev/full, which answers every write with
    "No space left on device", as a full disk does."""
    pub = publisher(tmp_path)
    first_pack(pub)
    store().incoming().mkdir(parents=True)
    part = store().incoming() / "pack-000001.zip.part"
    part.symlink_to("/dev/full")
    result = pull(store(), pub.subscription())
    assert (result.outcome, result.message) == (
        "retry", "电脑的磁盘满了，内容包没有下载。请清理磁盘后再试。")
    assert store().installed() is None and not part.is_symlink()
    assert pull(store(), pub.subscription()).version == 1
