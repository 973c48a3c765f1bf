"""The Windows installer script compiles with Debian's makensis (package `nsis`).

The real bundle is built on Windows (.github/workflows/windows-installer.yml); here a
small stand-in payload with the same layout goes in, and what comes out must be a
Windows PE program carrying NSIS's installer data.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

from tests.packaging._load import PACKAGING, load

SCRIPT = PACKAGING / "windows" / "installer.nsi"
APP_SVG = PACKAGING.parent / "assets" / "icons" / "app.svg"


def _stand_in_bundle(folder: Path) -> int:
    """dazi-reader.exe, dazi-reader-cli.exe and _internal/ as PyInstaller lays them out."""
    (folder / "_internal" / "assets").mkdir(parents=True)
    (folder / "dazi-reader.exe").write_bytes(b"MZ" + b"\0" * 4094)
    (folder / "dazi-reader-cli.exe").write_bytes(b"MZ" + b"\1" * 4094)
    payload = bytes(range(256)) * 512  # 128 KiB that compresses only so far
    (folder / "_internal" / "python311.dll").write_bytes(payload)
    (folder / "_internal" / "assets" / "卡片.toml").write_text("标题 = \"测试\"\n", "utf-8")
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _makensis(tmp_path: Path, version: str = "0.1.0") -> tuple[Path, str]:
    """Callers hold pytest-qt's `qapp`, so the icon rendering reuses its QApplication."""
    makensis = shutil.which("makensis")
    assert makensis, "makensis is missing: apt-get install nsis"
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    _stand_in_bundle(bundle)
    icon = load("make_icons").make_icons(APP_SVG, tmp_path / "icons")["ico"]
    out = tmp_path / f"dazi-reader-setup-{version}.exe"
    result = subprocess.run(
        [makensis, "-WX", "-V4", f"-DVERSION={version}", f"-DBUNDLE_DIR={bundle}",
         f"-DICON={icon}", f"-DOUTFILE={out}", str(SCRIPT)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    return out, result.stdout


def test_makensis_builds_a_windows_installer(qapp: object, tmp_path: Path) -> None:
    exe, log = _makensis(tmp_path)
    data = exe.read_bytes()
    # A PE file: "MZ", then at e_lfanew "PE\0\0", a 32-bit x86 GUI program (NSIS's stub).
    assert data[:2] == b"MZ"
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    assert data[pe : pe + 4] == b"PE\0\0"
    machine = struct.unpack_from("<H", data, pe + 4)[0]
    assert machine == 0x014C
    optional = pe + 24
    subsystem = struct.unpack_from("<H", data, optional + 68)[0]
    assert subsystem == 2  # Windows GUI
    # NSIS's first header signature marks the installer data appended to the stub.
    assert b"NullsoftInst" in data
    # Stub plus the compressed stand-in payload and icon; far below a real bundle.
    assert 60_000 < len(data) < 3_000_000
    # Every payload file went in.
    for name in ("dazi-reader.exe", "dazi-reader-cli.exe", "python311.dll", "卡片.toml"):
        assert f'File: "{name}"' in log
    # One language (Simplified Chinese) in installer and uninstaller; the program's
    # version resource is in Chinese (language 0804, UTF-16 strings).
    assert log.count("1 language table") == 2
    assert "大字读报 安装程序".encode("utf-16-le") in data
    assert "080404b0".encode("utf-16-le") in data


def test_the_installer_registers_in_apps_and_features(qapp: object, tmp_path: Path) -> None:
    _, log = _makensis(tmp_path, version="2.3.4")
    key = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\dazi-reader"
    for value in ("DisplayName=大字读报", "DisplayVersion=2.3.4", "Publisher=",
                  "DisplayIcon=", "UninstallString=", "EstimatedSize"):
        assert f"{key}\\{value}" in log, value
    for shortcut in ("$SMPROGRAMS\\大字读报.lnk", "$DESKTOP\\大字读报.lnk"):
        assert f'CreateShortcut: "{shortcut}"' in log


def test_upgrade_and_uninstall_leave_the_users_folder_alone() -> None:
    """Settings and local information live in %APPDATA%\\dazi-reader: the script must
    never delete there, and never delete the install folder recursively (a user may
    have chosen a folder that holds other files)."""
    script = SCRIPT.read_text("utf-8")
    removing = [line.strip() for line in script.splitlines()
                if re.match(r"\s*(Delete|RMDir)\b", line)]
    assert removing, "the uninstaller removes nothing"
    for line in removing:
        assert "APPDATA" not in line.upper() and "$LOCALAPPDATA" not in line
        assert not re.fullmatch(r'RMDir /r "\$INSTDIR"', line), line
    assert 'RMDir "$INSTDIR"' in script  # the install folder goes only when empty
