"""The window (Qt). One folder per feature; open a feature's feature.py first.

app.py        `python -m reader` (the `run` command): QApplication, one window per
              user, first paint.
compose.py    the composition root: builds the window, then every feature, and hands
              each what it needs (the window, the shared Voice, the cards).
shell/        the frame: MainWindow (toolbar, message line, page stack, look, keys,
              focus), the settings, fonts, one instance, doctor's window checks.
reading/      the home page and the article (home, article_page, article_view).
read_aloud/   朗读: the buttons and highlight, where reading starts, the Voice (the one
              speech worker every reader shares) and its bridge.
cards/        topic cards: home's topic row, card and category pages, links in articles,
              reading a card aloud.
printing/     PDF, booklets and printers: page layout, the print font, the preview.
community/    shared-PC mode: kiosk, idle reset, crash guard; the staff area's shortcut.
content_packs/  the background check for content packs, and 从U盘导入内容包.
staff/        the staff area behind Ctrl+Alt+S and a PIN, one module per panel.
widgets/      building blocks with no feature knowledge (big button, text block, page
              base classes, cover, after-paint).
tools/        commands that drive the whole window: screenshot, soak.

Who may import whom (import-linter contracts in pyproject.toml, run by
tests/run_all.sh): each folder imports only the folders below it in
app, tools > compose > community | staff > cards | content_packs >
read_aloud | printing > shell > reading > widgets (folders joined by | not each
other). So the shell imports no feature, and features are put together only in
compose.py. Qt-free values the window
draws with (look, theme, strings, text_style) and the article cache and source live in
reader.core, which never imports Qt or reader.ui.

Package __init__ files stay empty of imports: the first paint loads only what it needs.
"""
