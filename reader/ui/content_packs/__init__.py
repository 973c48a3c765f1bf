"""Content packs in the window.

feature.py   ContentPacks: the background check of the subscribed source (in a thread
             of its own), what a check brings shown without moving a resident's
             screen, and 从U盘导入内容包. Made by compose.py after the first picture.
"""
