"""Other implementations of minisign's file format to check ours against, each called the
way the `minisign` command is: the tool itself where the system's archive has it (Debian
12 does, Ubuntu 22.04 does not) and, on every machine, py-minisign, a separate
implementation in Python by minisign's author and x13a (a test dependency)."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import minisign as py_minisign
import pytest


@dataclass
class ToolResult:
    returncode: int
    stdout: str
    stderr: str


MinisignTool = Callable[..., ToolResult]


def minisign_command(*args: str, cwd: Path) -> ToolResult:
    done = subprocess.run(["minisign", *args], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=30)
    return ToolResult(done.returncode, done.stdout, done.stderr)


def py_minisign_as_command(*args: str, cwd: Path) -> ToolResult:
    """-G -W -p PUB -s KEY, -S -s KEY -m FILE -t COMMENT and -V -p PUB -m FILE, as the tool
    takes them (the only uses here)."""
    flags = {a for a in args if a in ("-G", "-W", "-S", "-V")}
    values = {a: cwd / b for a, b in itertools.pairwise(args)
              if a in ("-p", "-s", "-m")}
    comment = args[args.index("-t") + 1] if "-t" in args else None
    try:
        if "-G" in flags:
            pair = py_minisign.KeyPair.generate()
            values["-p"].write_bytes(bytes(pair.public_key))
            values["-s"].write_bytes(bytes(pair.secret_key))
            return ToolResult(0, "", "")
        message = values["-m"]
        signature_file = message.with_name(message.name + ".minisig")
        if "-S" in flags:
            secret = py_minisign.SecretKey.from_file(values["-s"])
            signature = secret.sign(message.read_bytes(), trusted_comment=comment)
            signature_file.write_bytes(bytes(signature))
            return ToolResult(0, "", "")
        public = py_minisign.PublicKey.from_file(values["-p"])
        signature = py_minisign.Signature.from_file(signature_file)
        public.verify(message.read_bytes(), signature)
        return ToolResult(0, f"Trusted comment: {signature.trusted_comment}\n", "")
    except py_minisign.Error as exc:
        return ToolResult(1, "", str(exc))


MINISIGN_TOOLS = [pytest.param(py_minisign_as_command, id="py-minisign")]
if shutil.which("minisign"):
    MINISIGN_TOOLS.append(pytest.param(minisign_command, id="minisign"))
