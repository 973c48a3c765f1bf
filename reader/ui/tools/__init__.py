"""Commands that drive the whole window.

screenshot.py  `python -m reader screenshot OUT.png`: the real window, rendered offscreen.
soak.py        `python -m reader soak`: thousands of random clicks, keys and wheel turns.
"""
