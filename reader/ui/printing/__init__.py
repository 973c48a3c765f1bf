"""Printing topic cards and booklets: PDF files and real printers.

output.py       PDF files, booklets, printers (CUPS on Linux); doctor's printing rows.
layout.py       large-print pages: HTML pieces with explicit sizes, split and painted.
card_layout.py  a card (or a booklet's contents) as those pieces (Qt-free).
font.py         the print font, built so text copied out of the PDF is the card's text.
preview.py      the print preview with 打印 / 保存为PDF / 返回.
"""
