"""Printing topic cards, articles and booklets: PDF files and real printers.

feature.py         Printing in the window: 打印 on a card, 打印这篇文章 at an article's end,
                   the wait for the print font; given the cards' data by reader.ui.compose.
output.py          PDF files, booklets, printers (CUPS on Linux); doctor's printing rows.
layout.py          large-print pages: HTML pieces with explicit sizes, split and painted.
card_layout.py     a card on one sheet (its phone box with the QR code), a booklet's contents.
article_layout.py  an article in large print, its cards' phone boxes at the end.
check_page.py      打印测试页: one page to check a printer.
font.py            the print font, built so text copied out of the PDF is the card's text.
jobs.py            what the preview prints (card, article, booklet) and sheets per job.
page_strip.py      the preview's pages, zoomable, with the page in view.
preview.py         the print preview with 打印 / 保存为PDF / 返回 (and the residents' one).
for_staff.py       what the staff area's booklet and printer panels use (given by compose.py).
"""
