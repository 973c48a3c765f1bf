"""Import speed (issue 8). Prints numbers; nothing is asserted.

Reading each kind of file staff bring, a large portal-like page, and saving one
article into a library with many articles already in it (each save fsyncs).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reader.core.formats import read_bytes
from reader.core.library import Library
from tests.support import import_samples as samples


def best_of(func: Callable[[], object], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def portal_page(links: int) -> bytes:
    """The sample page with a long list of links after it, as portal pages have."""
    html = samples.page_text()
    more = "".join(f'<li><a href="/n{i}">栏目链接第{i}条新闻标题</a></li>' for i in range(links))
    return html.replace(
        '<div class="footer">', f'<div class="more"><ul>{more}</ul></div><div class="footer">'
    ).encode("utf-8")


def main() -> None:
    files = {
        "GBK text": (samples.GBK_TEXT.read_bytes(), "a.txt"),
        "web page": (samples.PAGE.read_bytes(), "a.html"),
        "WeChat page": (samples.WECHAT.read_bytes(), "a.html"),
        "mhtml": (samples.mhtml_of(samples.PAGE.read_bytes(), "utf-8"), "a.mhtml"),
        "Word": (samples.word_file(), "a.docx"),
        "portal page, 3000 links": (portal_page(3000), "big.html"),
    }
    for label, (data, name) in files.items():
        seconds = best_of(lambda d=data, n=name: read_bytes(d, n))  # type: ignore[misc]
        print(f"read {label} ({len(data) // 1024} KB): {seconds * 1000:.1f} ms")

    with tempfile.TemporaryDirectory() as folder:
        library = Library(Path(folder))
        for i in range(100):
            text = f"第{i}篇测试文章\n\n社区第{i}次通知：本周为老人免费量血压，请带上医保卡。\n"
            library.add(text.encode("utf-8"), name=f"{i}.txt")
        start = time.perf_counter()
        library.add(samples.PAGE)
        print(f"add a web page to a library of 100: {(time.perf_counter() - start) * 1000:.1f} ms")
        start = time.perf_counter()
        Library(Path(folder)).articles()
        print(f"open a library of 101 + seeds: {(time.perf_counter() - start) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
