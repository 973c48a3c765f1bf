"""Files made to hurt the import, in the shapes a probe from outside found: each is
small on disk and was minutes of work or a gigabyte of memory for the reader.
Shared by the regression tests and the import-limits benchmark."""

from __future__ import annotations

from tests.support import import_samples as samples

PARAGRAPH = "社区食堂今天开业，六十岁以上老人吃饭打八折，送餐上门的老人提前一天打电话预约就行。"
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def br_page(breaks: int) -> bytes:
    """A page of one paragraph and a long run of <br>: 100,000 make 411 KB."""
    return (
        "<html><head><title>社区食堂开业了_民生</title></head><body>"
        f"<h1>社区食堂开业了</h1><p>{PARAGRAPH}</p>" + "<br>\n" * breaks + "</body></html>"
    ).encode("utf-8")


def crowded_page(elements: int) -> bytes:
    """A page of many small elements that are not a run of breaks."""
    items = "".join(f'<div class="c{i % 7}"><a href="/n{i}">第{i}条</a></div>'
                    for i in range(elements // 2))
    return f"<html><body><p>{PARAGRAPH}</p>{items}</body></html>".encode()


def _document(paragraphs: str) -> str:
    return f"<w:document {_W}><w:body>{paragraphs}</w:body></w:document>"


def empty_paragraphs_docx(count: int) -> bytes:
    """Word paragraphs with nothing in them: a million zip to about 123 KB."""
    text = f"<w:p><w:r><w:t>{PARAGRAPH}</w:t></w:r></w:p>"
    return samples.word_file(_document(text + "<w:p/>" * count))


def based_on_chain_docx(depth: int) -> bytes:
    """A paragraph style based on a style based on … `depth` styles down to Heading 1:
    the paragraph in style s0 is a heading."""
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="s{i}"><w:name w:val="样式{i}"/>'
        f'<w:basedOn w:val="s{i + 1}"/></w:style>'
        for i in range(depth)
    )
    styles += (f'<w:style w:type="paragraph" w:styleId="s{depth}">'
               '<w:name w:val="heading 1"/></w:style>')
    document = _document(
        '<w:p><w:pPr><w:pStyle w:val="s0"/></w:pPr><w:r><w:t>开业时间</w:t></w:r></w:p>'
        f"<w:p><w:r><w:t>{PARAGRAPH}</w:t></w:r></w:p>"
    )
    return samples.word_file(document, f"<w:styles {_W}>{styles}</w:styles>")


def one_character_lines(megabytes: int) -> bytes:
    """A text file of one character a line."""
    return "字\n".encode() * (megabytes * 1024 * 1024 // 4)


def nested_mhtml(depth: int) -> bytes:
    """A saved page whose multipart parts nest `depth` deep."""
    head = "MIME-Version: 1.0\r\n"
    opening = "".join(
        f'Content-Type: multipart/related; boundary="b{i}"\r\n\r\n--b{i}\r\n'
        for i in range(depth)
    )
    page = (f'Content-Type: text/html; charset="utf-8"\r\n\r\n'
            f"<html><body><p>{PARAGRAPH}</p></body></html>\r\n")
    closing = "".join(f"\r\n--b{i}--\r\n" for i in reversed(range(depth)))
    return (head + opening + page + closing).encode("utf-8")


EMBED_AD = "低息贷款 当天放款 点击咨询"
EMBED_FOOTER = "主办单位：某市人民政府办公室"


def embed_page() -> bytes:
    """An old government page: a player put in with <embed> (no end tag, as HTML
    allows) above the article, then an ad and the footer."""
    paragraphs = "".join(f"<p>{PARAGRAPH}第{i}段。</p>" for i in range(1, 5))
    return (
        "<html><head><title>社区食堂开业了_民生_某市政府网</title></head><body>"
        '<div class="nav"><a href="/">首页</a> <a href="/a">政务公开</a></div>'
        '<div class="video"><embed src="/player.swf" width="400" height="300"></div>'
        f'<div class="article"><h1>社区食堂开业了</h1>{paragraphs}</div>'
        f'<div class="ad"><a href="/ad">{EMBED_AD}</a></div>'
        f'<div class="footer">{EMBED_FOOTER}</div>'
        "</body></html>"
    ).encode()


def utf8_with_stray_byte() -> bytes:
    """A UTF-8 article in which one byte on line 3 is broken."""
    text = f"社区食堂开业了\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n"
    data = text.encode("utf-8")
    first = data.index("送餐".encode())
    return data[:first] + b"\xff" + data[first + 1:]
