"""Where this user's settings, local information, library and logs live.

Linux follows XDG ($XDG_CONFIG_HOME, $XDG_DATA_HOME); Windows uses %APPDATA%;
macOS ~/Library/Application Support. Tests point XDG_* (or APPDATA) at a temp folder.
Qt-free so the core and the command line can use it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from reader import APP_ID


def _base(xdg_var: str, fallback: str) -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support"
    value = os.environ.get(xdg_var)
    return Path(value) if value else Path.home() / fallback


def config_dir() -> Path:
    """Settings and the local-information file (things staff set)."""
    return _base("XDG_CONFIG_HOME", ".config") / APP_ID


def data_dir() -> Path:
    """The article library and the error log (things the program writes)."""
    return _base("XDG_DATA_HOME", ".local/share") / APP_ID


def cache_dir() -> Path:
    """Files the program can make again (the neural voice's rewritten model)."""
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local"
        return Path(local) / APP_ID / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP_ID
    return _base("XDG_CACHE_HOME", ".cache") / APP_ID


def settings_file() -> Path:
    return config_dir() / "settings.ini"


def local_info_file() -> Path:
    return config_dir() / "local-info.toml"


def local_cards_dir() -> Path:
    """Cards staff changed or wrote on this PC: they win over shipped and published ones."""
    return config_dir() / "cards"


def library_dir() -> Path:
    return data_dir() / "library"


def log_file() -> Path:
    return data_dir() / "errors.log"
