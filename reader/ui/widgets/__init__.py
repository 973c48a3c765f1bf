"""Building blocks shared by the pages; they know no feature.

basics.py       BigButton, FlowLayout (a wrapping row), give_own_viewport.
text_block.py   one block of reading text as a widget.
pages.py        Page and ColumnPage, the base classes of the pages, and how to add one.
cover.py        a layer over the whole window with one message and one big button.
after_paint.py  run something right after a widget is next painted.
article_view.py    ArticleView: an article or a card as a scrolling column of text
                   blocks with a row of big buttons; reading and cards both show one.
article_tile.py    ArticleTile: an article as one big button (home, a category page).
"""
