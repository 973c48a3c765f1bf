# Sourced by dev.sh and the packaging scripts: which Python 3.11+ to build and run with.
# Ubuntu 22.04's python3 is 3.10; its python3.11 package is newer.
pick_python() {
  for candidate in python3 python3.13 python3.12 python3.11; do
    if command -v "$candidate" >/dev/null 2>&1 \
        && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# PyInstaller copies the Python shared library into the bundle. A self-built Python keeps
# it beside itself; Debian's and Ubuntu's system Pythons ship it as a package of its own
# (libpython3.11 ...), which a fresh machine does not have. Prints that package's name
# when it is needed and missing, nothing otherwise.
missing_libpython_package() {
  "$1" - <<'PYEOF'
import os, sys, sysconfig
name = sysconfig.get_config_var("INSTSONAME") or ""
libdir = sysconfig.get_config_var("LIBDIR") or ""
multiarch = sysconfig.get_config_var("MULTIARCH") or ""
places = [os.path.join(libdir, name), os.path.join(libdir, multiarch, name)]
if name and not any(os.path.exists(p) for p in places) and sys.executable.startswith("/usr/"):
    print(f"libpython{sys.version_info[0]}.{sys.version_info[1]}")
PYEOF
}
