"""The staff area (工作人员区): behind Ctrl+Alt+S and a PIN, out of the residents' way.

feature.py opens and locks it; pin_page.py is the keypad; staff_page.py holds the panels:
status (状况), import (添加文章, with its preview and background reading), manage
(文章管理), settings (设置, community mode), local information (本地信息) and the
printer (打印机). Each panel is its own small module built on parts.Panel, and gets a
context.StaffContext (settings, look, library, cards, printing, community-mode
switches), never the staff area or the window itself. The staff area imports no other
feature: context.py states what it uses of the cards, community mode, the content-pack
checker and printing as small protocols, and compose.py hands in the real ones.
"""
