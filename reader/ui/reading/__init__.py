"""Reading: the home page and the article page. They fill in the shell's HomeScreen and
ArticleScreen (shell/screens.py); compose.py hands them to the window, which opens
articles, goes home and keeps the reader's place with them.

home.py          the home page (首页): every article as a big tile, newest first.
article_page.py  the page that holds the article being read.
"""
