"""Shared-PC mode: what makes the window safe to leave running at a community centre.

feature.py      Community: puts the parts below and the staff area together.
kiosk.py        社区模式: full screen, and no way out for residents.
idle_reset.py   a notice, then a fresh start for the next resident.
crash_guard.py  a plain message and 回到首页 when something unexpected goes wrong.
"""
