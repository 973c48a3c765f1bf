"""Helpers shared by the tests; the folders beside this one mirror the source tree.

Qt-free (usable from tests/core, tests/speech, tests/cli):
  card_samples.py    hand-written card files for loader and linking tests.
  import_samples.py  files shaped like the ones staff bring (and tests/data/import).
  speech_fakes.py    a stand-in `aplay` and a look at which processes are still alive.
  pdf_tools.py       reading PDFs with poppler-utils.
  pack_samples.py    publishers, keys and hand-made (also hostile) content packs.
  pack_servers.py    http.server, a misbehaving server and nginx on a free port.
Qt (window tests):
  window_helpers.py        a real MainWindow over the real seed articles.
  card_window.py           the window with the topic cards loaded.
  community_helpers.py     the window with the real Community, driven by fake clocks.
  fake_speech_service.py   a SpeechService that records what it was asked.
  print_fixtures.py        sample cards and a print-font cache kept between runs.
"""
