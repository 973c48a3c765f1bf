"""`python -m reader pack …` as a district office and a centre's staff use it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reader.resources import asset_path
from tests.conftest import ROOT, SEEDS


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", "pack", *args], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          timeout=120)


def test_publish_subscribe_pull_status_and_a_conflict(tmp_path: Path) -> None:
    keys, pub = tmp_path / "keys", tmp_path / "pub"
    out = run("keygen", "--out", str(keys))
    assert out.returncode == 0, out.stderr
    fingerprint = out.stdout.split("公钥指纹：")[1][:24]
    assert len(fingerprint.replace(" ", "")) == 20

    cards = tmp_path / "cards"
    cards.mkdir()
    card = (asset_path("cards") / "dibao.toml").read_text(encoding="utf-8")
    (cards / "dibao.toml").write_text(card.replace('what = "', 'what = "区里改过：', 1),
                                      encoding="utf-8")
    out = run("build", "--key", str(keys / "secret"), "--out", str(pub), "--articles",
              str(SEEDS[0]), "--cards", str(cards), "--note", "第一周", "--publisher", "某区民政局")
    assert out.returncode == 0, out.stderr
    assert "做好了第 1 版内容包" in out.stdout and "共 1 篇文章、1 张卡片" in out.stdout

    out = run("pull")
    assert out.returncode == 1 and out.stderr == "还没有设置内容包的来源。\n"
    out = run("pull", "--source", str(pub))
    assert out.returncode == 1 and "还没有设置发布方的公钥" in out.stderr

    out = run("subscribe", "--source", str(pub), "--key", str(keys / "public.pub"))
    assert out.returncode == 0 and fingerprint in out.stdout

    mine = Path(os.environ["XDG_CONFIG_HOME"]) / "dazi-reader" / "cards"
    mine.mkdir(parents=True)
    (mine / "dibao.toml").write_text(card.replace('what = "', 'what = "本社区：', 1),
                                     encoding="utf-8")
    out = run("pull")
    assert out.returncode == 0, out.stderr
    assert "已经用上第 1 版内容包：第一周" in out.stdout
    assert "卡片 dibao 本机改过" in out.stdout

    out = run("status")
    assert "正在用：第 1 版" in out.stdout and "某区民政局" in out.stdout
    assert fingerprint in out.stdout and "1 篇文章、1 张卡片" in out.stdout

    doctor = subprocess.run([sys.executable, "-m", "reader", "doctor"], capture_output=True,
                            text=True, cwd=ROOT, timeout=120).stdout
    assert f"[OK  ] 内容包公钥指纹：{fingerprint}" in doctor
    assert "[提醒] 本机改过的卡片：dibao 内容包也带来了新版本" in doctor

    out = run("conflict", "dibao")
    assert "本社区：" in out.stdout and "区里改过：" in out.stdout
    assert out.stdout.index("本社区：") < out.stdout.index("区里改过：")
    out = run("conflict", "dibao", "--use-pack")
    assert out.returncode == 0 and not (mine / "dibao.toml").exists()
    assert list(mine.glob("dibao.toml.broken-*"))  # staff's version kept aside, not lost
    assert "没有需要处理" in run("conflict", "dibao").stdout

    assert run("pull").stdout.strip() == "已经是最新的内容。"
    out = run("build", "--key", str(keys / "secret"), "--out", str(pub), "--retire", "nosuch")
    assert out.returncode == 1 and "没有编号为 nosuch" in out.stderr
    out = run("pull", "--source", str(tmp_path / "nowhere"))
    assert out.returncode == 1 and "没有内容包目录" in out.stderr
