"""Reading: the home page and the article.

home.py          the home page (首页): every article as a big tile, newest first.
article_page.py  the page that holds the article being read.
"""
