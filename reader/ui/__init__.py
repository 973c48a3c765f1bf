"""The window (Qt). One folder per feature; open a feature's feature.py first.

app.py        `python -m reader` (the `run` command): QApplication, one window per
              user, first paint.
compose.py    the composition root: builds the window, then every feature, and hands
              each what it needs (the window, the shared Voice, and what one feature
              uses of another, as callables or small protocols).
shell/        the frame: MainWindow (toolbar, message line, page stack, look, keys,
              focus), what it needs of its home and article pages (screens), the
              settings, fonts, the one Voice, one instance, doctor's window checks.
reading/      the home page and the article page, which compose hands to the window.
read_aloud/   朗读 of an article: the buttons and highlight, where reading starts (the
              Voice every reader shares is the shell's).
cards/        topic cards: home's topic row, card and category pages, links in articles,
              reading a card aloud.
printing/     PDF, booklets and printers: page layout, the print font, the preview.
community/    shared-PC mode: kiosk, idle reset, crash guard; the staff area's shortcut.
content_packs/  the background check for content packs, and 从U盘导入内容包.
staff/        the staff area behind Ctrl+Alt+S and a PIN, one module per panel.
widgets/      building blocks with no feature knowledge (big button, text block, page
              base classes, cover, after-paint, the article view and tile).
tools/        commands that drive the whole window: screenshot, soak.

Who may import whom (three import-linter contracts in pyproject.toml, run by
tests/run_all.sh, counting TYPE_CHECKING and in-function imports too):
- app, tools > compose > the features > shell > widgets: each imports only what is
  below it, so the shell and the widgets import no feature;
- the features (reading, read_aloud, cards, printing, community, staff, content_packs)
  never import each other: what one needs of another is a Callable or a small Protocol
  in its own folder, and compose.py hands in the real thing;
- reader.core and reader.speech never import Qt or reader.ui (the Qt-free values the
  window draws with, look, theme, strings, text_style, live in reader.core).

Package __init__ files stay empty of imports: the first paint loads only what it needs.
"""
