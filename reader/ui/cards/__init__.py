"""Topic cards (帮助卡片) in the window.

feature.py        TopicCards: the topic row on home, the card and category pages, back
                  navigation; CardPrinter, what 打印 on a card needs from printing.
card_page.py      one topic card, big and plain, with 朗读这张卡 / 打印 / 返回.
category_page.py  a topic and its cards, one tile per card.
card_reading.py   朗读这张卡: the card read aloud sentence by sentence.
article_links.py  links to topic cards in the article being read.
link_marks.py     how those links look and work without colour vision or a mouse.
icons.py          the topic icons in the colour of the current theme.
"""
