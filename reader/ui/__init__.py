"""The window (Qt). One folder per feature; open a feature's feature.py first.

app.py        `python -m reader` (the `run` command): QApplication, one window per
              user, first paint.
shell/        the frame: MainWindow (toolbar, message line, page stack, look, keys,
              focus), the settings, fonts, one instance, doctor's window checks.
reading/      the home page and the article (home, article_page, article_view).
read_aloud/   朗读: the buttons and highlight, where reading starts, the speech bridge.
cards/        topic cards: home's topic row, card and category pages, links in articles,
              reading a card aloud.
printing/     PDF, booklets and printers: page layout, the print font, the preview.
community/    shared-PC mode: kiosk, idle reset, crash guard.
staff/        the staff area behind Ctrl+Alt+S and a PIN, one module per panel.
widgets/      building blocks with no feature knowledge (big button, text block, page
              base classes, cover, after-paint).
tools/        commands that drive the whole window: screenshot, soak.

Who may import whom (checked by import-linter, configured in pyproject.toml): a feature
uses the shell, reading, widgets and reader.core; the shell imports no feature; sibling
features do not import each other except downward (cards and staff print through
printing/, cards read aloud through read_aloud/); features are put together in one place.
Qt-free values the window draws with (look, theme, strings, text_style) and the article
cache and source live in reader.core.

Package __init__ files stay empty of imports: the first paint loads only what it needs.
"""
