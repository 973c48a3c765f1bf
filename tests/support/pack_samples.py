"""Publishing folders, keys and hand-made (also hostile) pack files for the pack tests."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from reader.core.content_store import ContentStore
from reader.core.pack_build import BuildRequest, BuildResult, build_pack
from reader.core.pack_format import MANIFEST, SIGNATURE, trusted_comment
from reader.core.signing import SecretKey
from reader.core.subscription import Subscription
from reader.paths import library_dir
from reader.resources import asset_path
from tests.conftest import SEEDS

ARTICLE_TEXT = """社区食堂开始为老人送餐

本社区的长者食堂从下周一开始，为行动不便的老人送餐上门。
需要送餐的老人，可以请家人到社区服务中心登记，写清楚住址和联系电话。
每份午餐收费标准由各地自定，具体请问社区工作人员，也可以拨打 12345 咨询。
"""


@dataclass
class Publisher:
    key: SecretKey
    folder: Path
    work: Path  # where article and card files are written before building

    def build(self, **kwargs: object) -> BuildResult:
        return build_pack(self.key, self.folder, BuildRequest(**kwargs))  # type: ignore[arg-type]

    def article(self, name: str, text: str = ARTICLE_TEXT) -> Path:
        path = self.work / name
        path.write_text(text, encoding="utf-8")
        return path

    def cards(self, *ids: str, change: str = "") -> Path:
        """A card folder with shipped cards `ids`, their `what` line changed by `change`."""
        folder = self.work / f"cards-{'-'.join(ids)}{len(change)}"
        folder.mkdir(exist_ok=True)
        for card_id in ids:
            text = (asset_path("cards") / f"{card_id}.toml").read_text(encoding="utf-8")
            if change:
                text = text.replace('what = "', f'what = "{change}', 1)
            (folder / f"{card_id}.toml").write_text(text, encoding="utf-8")
        return folder

    def subscription(self, source: str | Path | None = None) -> Subscription:
        return Subscription(str(source if source is not None else self.folder),
                            self.key.public_key().to_text())


def publisher(tmp_path: Path) -> Publisher:
    work = tmp_path / "work"
    work.mkdir(parents=True, exist_ok=True)
    return Publisher(SecretKey.generate(), tmp_path / "pub", work)


def first_pack(pub: Publisher) -> BuildResult:
    return pub.build(articles=[SEEDS[0]], cards=pub.cards("dibao"), note="第一周")


def store() -> ContentStore:
    return ContentStore(library_dir() / "published")


def zip_bytes(entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            archive.writestr(info, data)
    return buffer.getvalue()


def signed_pack(
    key: SecretKey, files: dict[str, bytes], *, version: int = 1,
    extra: list[tuple[zipfile.ZipInfo | str, bytes]] = (),  # type: ignore[assignment]
    manifest_files: dict[str, bytes] | None = None, manifest_patch: dict[str, object] | None = None,
) -> bytes:
    """A pack signed with `key` holding `files`, whose manifest lists `manifest_files`
    (default: the same files), plus raw `extra` zip entries. For making hostile packs
    that are correctly signed, so only the check under test can stop them."""
    listed = files if manifest_files is None else manifest_files
    manifest = {
        "format": 1, "kind": "大字读报内容包", "version": version,
        "created": "2026-12-01T08:00:00Z", "publisher": "测试", "note": "",
        "articles": [], "cards": [], "retired": [],
        "files": {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
                  for n, d in listed.items()},
        **(manifest_patch or {}),
    }
    raw = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    signature = key.sign(raw, trusted_comment(version, raw))
    return zip_bytes([(MANIFEST, raw), (SIGNATURE, signature.encode()), *files.items(),
                      *extra])
