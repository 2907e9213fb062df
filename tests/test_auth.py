from dashboard import auth
from tests.conftest import run_cli


def test_hash_verifies_only_the_right_password():
    stored = auth.hash_password("correct horse battery")
    assert stored.startswith("$2b$") and "correct" not in stored
    assert auth.verify("correct horse battery", stored)
    assert not auth.verify("wrong password", stored)
    assert not auth.verify("anything", "not-a-bcrypt-hash")


def test_hash_comes_from_environment_then_secrets(monkeypatch):
    monkeypatch.delenv(auth.ENV_VARIABLE, raising=False)
    assert auth.configured_hash(None) is None
    assert auth.configured_hash({"auth": {"password_hash": "from-secrets"}}) == "from-secrets"
    monkeypatch.setenv(auth.ENV_VARIABLE, "from-env")
    assert auth.configured_hash({"auth": {"password_hash": "from-secrets"}}) == "from-env"


def test_hash_password_command():
    result = run_cli("hash-password", "--stdin", stdin="a long enough secret\n")
    assert result.returncode == 0
    assert auth.verify("a long enough secret", result.stdout.strip())
    short = run_cli("hash-password", "--stdin", stdin="short\n")
    assert short.returncode == 2 and "at least 8 characters" in short.stderr
