"""A Word report made here in the shapes real notices and reports take: headings by
Chinese and English style names, by outline level (on the paragraph and on its
style), a custom style based on a heading, two headings in a row, a long heading;
numbered, Chinese-numbered and bulleted lists (numbering.xml); a table under its
title; a template's empty field prompt and a mail-merge field."""

from __future__ import annotations

import io
import zipfile

from tests.support.import_samples import paragraph_xml as _p
from tests.support.import_samples import row_xml as _row

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TITLE = "关于做好2026年冬季老年人助餐服务的通知"
REPORT_HEADINGS = [
    "一、总体要求",  # style "1", named "heading 1" (Chinese Word)
    "（一）指导思想",  # style "2", right after the one above
    "（二）工作目标",  # English style id and name "Heading2"
    "二、服务内容和各街道社区助餐点的开放时间安排",  # "heading 2", 23+ characters
    "三、报名办法",  # a style named "标题 3" (WPS writes Chinese names)
    "四、保障措施",  # custom "通知小标题" based on "2"
    "五、联系方式",  # outline level on the paragraph, no heading style
    "六、其他事项",  # a style that sets an outline level itself
]
REPORT_LIST_ITEMS = [
    "1. 带上身份证和社保卡。",
    "2. 到社区服务中心填表。",
    "一、六十岁以上老人可以报名。",
    "二、行动不便的可以电话报名。",
    "• 每餐收费不超过十元。",
]
REPORT_TABLE_TITLE = "表1　各街道助餐点数量"
REPORT_TABLE_ROWS = [
    "街道：东关街道；助餐点：12个；送餐：可以。",
    "街道：西城街道；助餐点：8个；送餐：不可以。",
]
PLACEHOLDER = "单击或点击此处输入文字。"

_BODY = "各街道要按照本通知要求，认真做好老年人助餐服务工作，确保老人吃得上、吃得好。"


def document_xml() -> str:
    h = REPORT_HEADINGS
    body = [
        _p(TITLE, "a3"),
        _p(h[0], "1"), _p(h[1], "2"), _p(_BODY),
        _p(h[2], "Heading2"), _p(_BODY),
        _p(h[3], "2"), _p(_BODY),
        _p(h[4], "biaoti3"),
        _p("报名要做的事："),
        _p("带上身份证和社保卡。", num=(1, 0)),
        _p("到社区服务中心填表。", num=(1, 0)),
        _p("六十岁以上老人可以报名。", num=(2, 0)),
        _p("行动不便的可以电话报名。", num=(2, 0)),
        _p("每餐收费不超过十元。", num=(3, 0)),
        _p(h[5], "tongzhi"), _p(_BODY),
        _p(REPORT_TABLE_TITLE),
        "<w:tbl>" + _row("街道", "助餐点", "送餐") + _row("东关街道", "12个", "可以")
        + _row("西城街道", "8个", "不可以") + "</w:tbl>",
        _p(h[6], outline=0), _p("咨询电话：12345。联系人：«联系人姓名»。"),
        '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
        f"{_p(PLACEHOLDER)}</w:sdtContent></w:sdt>",
        _p(h[7], "outline1"), _p(_BODY),
    ]
    return f"<w:document {_W}><w:body>{''.join(body)}</w:body></w:document>"


def styles_xml() -> str:
    styles = [
        ("a", "Normal", None, ""),
        ("a3", "Title", "a", ""),
        ("1", "heading 1", "a", ""),
        ("2", "heading 2", "a", ""),
        ("Heading2", "Heading2", "a", ""),
        ("biaoti3", "标题 3", "a", ""),
        ("tongzhi", "通知小标题", "2", ""),
        ("outline1", "条目", "a", '<w:pPr><w:outlineLvl w:val="0"/></w:pPr>'),
    ]
    parts = [
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>'
        + (f'<w:basedOn w:val="{base}"/>' if base else "") + extra + "</w:style>"
        for sid, name, base, extra in styles
    ]
    return f"<w:styles {_W}>{''.join(parts)}</w:styles>"


def numbering_xml() -> str:
    def abstract(number: int, fmt: str, text: str) -> str:
        return (f'<w:abstractNum w:abstractNumId="{number}"><w:lvl w:ilvl="0">'
                f'<w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                "</w:lvl></w:abstractNum>")

    lists = [abstract(0, "decimal", "%1."), abstract(1, "chineseCounting", "%1、"),
             abstract(2, "bullet", "\uf06c")]
    nums = "".join(f'<w:num w:numId="{i + 1}"><w:abstractNumId w:val="{i}"/></w:num>'
                   for i in range(3))
    return f"<w:numbering {_W}>{''.join(lists)}{nums}</w:numbering>"


def report_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml())
        archive.writestr("word/styles.xml", styles_xml())
        archive.writestr("word/numbering.xml", numbering_xml())
    return buffer.getvalue()
