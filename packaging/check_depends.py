"""Check the .deb's hand-written Depends against what the bundle really links to.

    python packaging/check_depends.py dist/dazi-reader packaging/linux/depends.txt

Runs dpkg-shlibdeps over every ELF file of the PyInstaller bundle (libraries found
inside the bundle count as its own) and fails, naming them, if a system package the
bundle needs is missing from depends.txt, or if the bundle needs a newer glibc than
depends.txt states. Prints the Depends line built from depends.txt on success.

The list is kept by hand rather than generated, because dpkg-shlibdeps writes the
build machine's library versions (Debian 12's libx11 2:1.8.4, zstd 1.5.2), which would
refuse installation on Ubuntu 22.04 although the bundle runs there.

A line marked `[if linked]` goes into Depends only when the bundle built here links to
it: Ubuntu's Python links the system's libmpdec3, Debian 12's carries its own copy (and
Debian 12 has no libmpdec3 package at all).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ELF_MAGIC = b"\x7fELF"


IF_LINKED = "[if linked]"


def read_depends(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line]


def depends_line(declared: list[str], needed: list[str]) -> str:
    """The Depends field: every unmarked relation, and a marked one only when needed."""
    needed_names = set().union(*(package_names(rel) for rel in needed)) if needed else set()
    chosen = []
    for relation in declared:
        if relation.endswith(IF_LINKED):
            relation = relation.removesuffix(IF_LINKED).strip()
            if not package_names(relation) & needed_names:
                continue
        chosen.append(relation)
    return ", ".join(chosen)


def package_names(relation: str) -> set[str]:
    """'a (>= 1) | b' -> {'a', 'b'}; Ubuntu 24.04's renamed 't64' libraries count as
    their old names, which they provide."""
    names = set()
    for alternative in relation.split("|"):
        name = alternative.strip().split(" ", 1)[0].split(":", 1)[0]
        names.add(name.removesuffix("t64"))
    return names


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def shlibdeps(bundle: Path) -> list[str]:
    """The relations dpkg-shlibdeps finds, e.g. ['libc6 (>= 2.35)', 'libxcb1 (>= 1.8)']."""
    library_dirs = sorted({str(p.parent) for p in bundle.rglob("*.so*")})
    with tempfile.TemporaryDirectory() as work:
        # dpkg-shlibdeps reads debian/control from the current folder.
        (Path(work) / "debian").mkdir()
        (Path(work) / "debian" / "control").write_text(
            "Source: dazi-reader\n\nPackage: dazi-reader\nArchitecture: any\n", "utf-8"
        )
        command = ["dpkg-shlibdeps", "-O", "--ignore-missing-info", "--warnings=0"]
        command += [f"-l{d}" for d in library_dirs]
        command += [str(p) for p in elf_files(bundle)]
        result = subprocess.run(command, cwd=work, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"dpkg-shlibdeps failed:\n{result.stderr}")
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("shlibs:Depends="))
    return [rel.strip() for rel in line.split("=", 1)[1].split(",") if rel.strip()]


def problems(needed: list[str], declared: list[str]) -> list[str]:
    declared = [relation.removesuffix(IF_LINKED).strip() for relation in declared]
    declared_names = set().union(*(package_names(rel) for rel in declared))
    found = []
    for relation in needed:
        if not package_names(relation) & declared_names:
            found.append(f"missing from depends.txt: {relation}")
    glibc_needed = [r for r in needed if r.startswith("libc6 (>=")]
    glibc_declared = [r for r in declared if r.startswith("libc6 (>=")]
    if glibc_needed:
        need = re.search(r">=\s*([^)]+)", glibc_needed[0])
        have = re.search(r">=\s*([^)]+)", glibc_declared[0]) if glibc_declared else None
        if need and (not have or version_key(have.group(1)) < version_key(need.group(1))):
            found.append(f"the bundle needs {glibc_needed[0]}; depends.txt says "
                         f"{glibc_declared[0] if glibc_declared else 'no libc6 version'}")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    bundle, depends_file = Path(argv[0]).resolve(), Path(argv[1])
    declared = read_depends(depends_file)
    needed = shlibdeps(bundle)
    print("the bundle links to: " + ", ".join(needed))
    found = problems(needed, declared)
    for problem in found:
        print(f"DEPENDS PROBLEM: {problem}", file=sys.stderr)
    if found:
        return 1
    print("Depends: " + depends_line(declared, needed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
