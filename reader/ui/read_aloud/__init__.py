"""Read-aloud (朗读) of an article. It speaks through the shell's Voice (shell/voice.py),
which every reader shares; cards read themselves aloud in cards/card_reading.py.

feature.py        ReadAloud: the toolbar and section buttons, what is read, the highlight.
from_here.py      the 从这里读 button and keeping the sentence being read in view.
plan.py           the sentences of a scope (the whole article or one section).
"""
