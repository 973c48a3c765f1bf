"""Keys and signatures: ours check, and other minisign implementations (the minisign tool
where the system has it, py-minisign everywhere) agree both ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.signing import PublicKey, SecretKey, SigningError, write_key_pair
from tests.support.minisign_tools import MINISIGN_TOOLS, MinisignTool


def test_a_signature_checks_and_carries_its_trusted_comment() -> None:
    key = SecretKey.generate()
    signature = key.sign(b"manifest", "version:7")
    assert key.public_key().verify(b"manifest", signature) == "version:7"


@pytest.mark.parametrize("change", ["message", "comment", "key"])
def test_anything_changed_is_refused(change: str) -> None:
    key = SecretKey.generate()
    signature = key.sign(b"manifest", "version:7")
    public = key.public_key()
    message = b"manifest"
    if change == "message":
        message = b"manifesT"
    elif change == "comment":
        signature = signature.replace("version:7", "version:9")
    else:
        other = SecretKey.generate()
        public = PublicKey(key.key_id, other.public_key().raw)  # same id, another key
    with pytest.raises(SigningError) as caught:
        public.verify(message, signature)
    assert "签名不对" in caught.value.message


def test_a_signature_from_another_key_is_named_as_such() -> None:
    signature = SecretKey.generate().sign(b"m", "c")
    with pytest.raises(SigningError, match="不是用设置的公钥"):
        SecretKey.generate().public_key().verify(b"m", signature)


@pytest.mark.parametrize("text", ["", "RWQ", "hello\nworld", "untrusted comment: x\n!!!!"])
def test_garbage_keys_and_signatures_give_plain_errors(text: str) -> None:
    with pytest.raises(SigningError):
        PublicKey.from_text(text)
    with pytest.raises(SigningError):
        SecretKey.from_text(text)
    with pytest.raises(SigningError):
        SecretKey.generate().public_key().verify(b"m", text)


def test_keys_survive_their_files(tmp_path: Path) -> None:
    public, secret_path, public_path = write_key_pair(tmp_path / "keys")
    secret = SecretKey.from_text(Path(secret_path).read_text())
    assert secret.public_key() == public == PublicKey.from_text(Path(public_path).read_text())
    assert (Path(secret_path).stat().st_mode & 0o077) == 0  # only its owner can read it
    # the bare base64 line, as staff paste it, is enough
    assert PublicKey.from_text(Path(public_path).read_text().splitlines()[1]) == public
    with pytest.raises(SigningError, match="已经有密钥"):
        write_key_pair(tmp_path / "keys")


def test_the_fingerprint_is_twenty_digits_and_depends_on_the_key() -> None:
    a, b = SecretKey.generate().public_key(), SecretKey.generate().public_key()
    groups = a.fingerprint().split(" ")
    assert [len(g) for g in groups] == [4] * 5 and "".join(groups).isdigit()
    assert a.fingerprint() != b.fingerprint()
    assert PublicKey(b.key_id, a.raw).fingerprint() == a.fingerprint()  # not from the id


@pytest.mark.parametrize("minisign", MINISIGN_TOOLS)
def test_minisign_verifies_our_signature_and_we_verify_its(
    tmp_path: Path, minisign: MinisignTool
) -> None:
    _public, secret_path, public_path = write_key_pair(tmp_path / "keys")
    secret = SecretKey.from_text(Path(secret_path).read_text())
    (tmp_path / "a.json").write_bytes(b'{"version": 3}')
    (tmp_path / "a.json.minisig").write_text(secret.sign(b'{"version": 3}', "大字读报 3"))
    out = minisign("-V", "-p", public_path, "-m", "a.json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "大字读报 3" in out.stdout

    (tmp_path / "a.json").write_bytes(b'{"version": 4}')
    assert minisign("-V", "-p", public_path, "-m", "a.json", cwd=tmp_path).returncode != 0

    (tmp_path / "b.txt").write_bytes(b"signed by minisign")
    out = minisign("-S", "-s", secret_path, "-m", "b.txt", "-t", "from the tool", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    signature = (tmp_path / "b.txt.minisig").read_text()
    assert secret.public_key().verify(b"signed by minisign", signature) == "from the tool"


@pytest.mark.parametrize("minisign", MINISIGN_TOOLS)
def test_a_minisign_key_without_password_works_here(
    tmp_path: Path, minisign: MinisignTool
) -> None:
    out = minisign("-G", "-W", "-p", "k.pub", "-s", "k.key", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    secret = SecretKey.from_text((tmp_path / "k.key").read_text())
    assert secret.public_key() == PublicKey.from_text((tmp_path / "k.pub").read_text())
    (tmp_path / "m").write_bytes(b"x")
    (tmp_path / "m.minisig").write_text(secret.sign(b"x", "c"))
    assert minisign("-V", "-p", "k.pub", "-m", "m", cwd=tmp_path).returncode == 0


def test_a_key_with_a_password_is_refused_plainly(tmp_path: Path) -> None:
    secret = SecretKey.generate().to_text().splitlines()
    import base64

    blob = bytearray(base64.b64decode(secret[1]))
    blob[2:4] = b"Sc"
    text = f"{secret[0]}\n{base64.b64encode(bytes(blob)).decode()}\n"
    with pytest.raises(SigningError, match="设了密码"):
        SecretKey.from_text(text)
