"""大字读报: a large-print reader of local livelihood news for elderly residents."""

__version__ = "0.1.0"
APP_NAME = "大字读报"
APP_ID = "dazi-reader"
