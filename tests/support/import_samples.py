"""Files shaped like the ones staff bring, made here (nothing copied from the web).

- tests/data/import/heating_gbk.txt: a GBK text (CRLF) with an SEO spam first line, a
  deck, a byline, a paragraph split mid-sentence and an editor line.
- tests/data/import/flu_big5.txt: a Big5 text in 繁體 with two section headings.
- tests/data/import/canteen_page.html: a news page with navigation, an ad, a
  breadcrumb, source/share lines, an editor line, a QR prompt, previous/next links,
  related and top-ten lists, a footer and scripts around the article.
- tests/data/import/wechat_article.html: an official-account article saved as "HTML
  only": its text hidden (visibility:hidden) until a script would reveal it, bold
  <p> subheads, an image caption, and read/like/share counters after it.
- `mhtml_of`: that page as Chrome's "save as single file" writes it.
- `word_file`: a .docx laid out the way Chinese Word writes one (style ids "1", "2",
  a Title style, runs split mid-word, a tracked deletion, a table, a text box with
  its legacy copy, an outline-level heading).
"""

from __future__ import annotations

import io
import quopri
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "import"
GBK_TEXT = DATA / "heating_gbk.txt"
BIG5_TEXT = DATA / "flu_big5.txt"
PAGE = DATA / "canteen_page.html"
WECHAT = DATA / "wechat_article.html"

PAGE_TITLE = "我市新建12个社区食堂 老人吃饭更方便"
PAGE_HEADINGS = ["一餐热饭暖人心", "送餐上门解难题"]
PAGE_BYLINE = "本报讯（记者 李明 通讯员 赵芳）"  # it opened the first paragraph
PAGE_PARAGRAPH_STARTS = [
    "记者从市民政局获悉", "中午11点", "据了解", "对于行动不便", "市民政局有关负责人"
]
PAGE_NOISE = [
    "首页",
    "限时特惠",
    "当前位置",
    "分享到",
    "责任编辑",
    "扫一扫",
    "上一篇",
    "相关新闻",
    "我市启动老年助餐服务试点",
    "热点排行",
    "版权所有",
    "备案号",
    "脚本写出的字",
    "console",
    "浏览次数",
]


def page_text() -> str:
    return PAGE.read_text(encoding="utf-8")


def page_in(encoding: str, label: str) -> bytes:
    """The page saved by a site that serves another charset, declared in <meta>."""
    html = page_text().replace("charset=utf-8", f"charset={label}")
    return html.encode(encoding)


def mhtml_of(html: bytes, charset: str) -> bytes:
    """Chrome's single-file page: MIME multipart/related, the page quoted-printable,
    an image base64, CRLF line ends."""
    boundary = "----MultipartBoundary--Xk3vQm9ZpL2fT8yR1wA7cN4sD6hJ0eGbU5----"
    body = quopri.encodestring(html).decode("ascii")
    head = (
        "From: <Saved by Blink>\r\n"
        "Snapshot-Content-Location: http://news.example.cn/local/2025/0312/1.html\r\n"
        "Subject: =?utf-8?Q?=E6=88=91=E5=B8=82?=\r\n"
        "Date: Wed, 12 Mar 2025 10:02:11 +0800\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/related;\r\n"
        '\ttype="text/html";\r\n'
        f'\tboundary="{boundary}"\r\n\r\n\r\n'
    )
    html_part = (
        f"--{boundary}\r\n"
        f"Content-Type: text/html; charset={charset}\r\n"
        "Content-ID: <frame-5D3C1E@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: http://news.example.cn/local/2025/0312/1.html\r\n\r\n"
        + body.replace("\n", "\r\n")
        + "\r\n"
    )
    image_part = (
        f"--{boundary}\r\n"
        "Content-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Location: http://ads.example.com/b.png\r\n\r\n"
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\r\n"
        f"--{boundary}--\r\n"
    )
    return (head + html_part + image_part).encode("ascii")


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_NAMESPACES = (
    f"{_W} "
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"'
)

DOCX_TITLE = "老旧小区加装电梯 今年再惠及三百户"
DOCX_HEADINGS = ["一、申请条件", "二、补贴标准", "三、办理流程"]


def paragraph_xml(text: str, style: str | None = None, outline: int | None = None,
                  num: tuple[int, int] | None = None) -> str:
    """A Word paragraph: its style, outline level, list (numId, level) as asked."""
    ppr = ""
    if style or outline is not None or num:
        ppr = "<w:pPr>"
        ppr += f'<w:pStyle w:val="{style}"/>' if style else ""
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
        ppr += "</w:pPr>"
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


_p = paragraph_xml


def row_xml(*cells: str) -> str:
    return "<w:tr>" + "".join(
        f"<w:tc><w:p><w:r><w:t>{cell}</w:t></w:r></w:p></w:tc>" for cell in cells
    ) + "</w:tr>"


def word_document_xml() -> str:
    body = [
        _p(DOCX_TITLE, "a3"),
        _p("记者 孙丽"),
        # Word splits runs wherever formatting or spell-check state changes.
        '<w:p><w:r><w:t>今年，</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>我市</w:t></w:r>'
        "<w:r><w:t>将为三百户老旧小区居民加装电梯，"
        "</w:t></w:r><w:del w:id=\"1\" w:author=\"审稿\"><w:r><w:delText>已删除的旧数字</w:delText>"
        "</w:r></w:del><w:r><w:t>住在高层的老人上下楼更方便了。</w:t></w:r></w:p>",
        _p(DOCX_HEADINGS[0], "1"),
        _p("楼龄满十五年、没有电梯的四层以上住宅，经本单元三分之二以上住户同意，可以申请加装。"),
        _p(DOCX_HEADINGS[1], "MyHeading"),
        _p("每部电梯补贴二十万元，不足部分由住户按楼层分摊，低层住户少出或不出。"),
        # A table with a row of column names, then two rows.
        "<w:tbl>" + row_xml("楼层", "分摊比例") + row_xml("一至二层", "不分摊")
        + row_xml("七层", "百分之二十") + "</w:tbl>",
        _p(DOCX_HEADINGS[2], None, outline=0),
        # A line break inside a paragraph, and a text box Word also stores as a
        # legacy (VML) copy: the box's words must come out once.
        '<w:p><w:r><w:t>居民可以到社区服务中心提交申请。</w:t><w:br/>'
        "<w:t>街道会在三十个工作日内答复。</w:t></w:r>"
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>"
        "<w:txbxContent><w:p><w:r><w:t>咨询电话：12345</w:t></w:r></w:p></w:txbxContent>"
        "</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        "<w:txbxContent><w:p><w:r><w:t>咨询电话：12345</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>",
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>',
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f"<w:document {_NAMESPACES}><w:body>{''.join(body)}</w:body></w:document>"
    )


def word_styles_xml() -> str:
    # Chinese Word: ids "1", "2", "a", "a3"; the names stay the English built-ins.
    styles = [
        ("a", "Normal", None),
        ("1", "heading 1", "a"),
        ("2", "heading 2", "a"),
        ("a3", "Title", "a"),
        ("MyHeading", "我的小标题", "2"),  # a custom style based on Heading 2
    ]
    parts = [
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>'
        + (f'<w:basedOn w:val="{base}"/>' if base else "")
        + "</w:style>"
        for sid, name, base in styles
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f"<w:styles {_W}>{''.join(parts)}</w:styles>"
    )


def word_file(document_xml: str | None = None, styles_xml: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr("word/document.xml", document_xml or word_document_xml())
        archive.writestr("word/styles.xml", styles_xml or word_styles_xml())
    return buffer.getvalue()
