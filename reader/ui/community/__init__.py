"""Shared-PC mode: what makes the window safe to leave running at a community centre.

feature.py      Community: puts the parts below together with the staff area, which it
                does not import: compose.py hands in a maker for the staff area and one
                for the first-PIN window (StaffDoor, FirstRunStep: what it uses of them).
kiosk.py        社区模式: full screen, and no way out for residents; a print preview that
                opens is made the residents' one by a function compose.py hands in.
idle_reset.py   a notice, then a fresh start for the next resident.
crash_guard.py  a plain message and 回到首页 when something unexpected goes wrong.
"""
