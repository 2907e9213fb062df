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


def test_hash_password_refuses_more_than_72_bytes_in_one_line():
    result = run_cli("hash-password", "--stdin", stdin="ж" * 40 + "\n")
    assert result.returncode == 2
    assert result.stderr == "error: passwords are limited to 72 bytes (UTF-8); this one has 80\n"


def test_throttle_waits_grow_per_session_and_lock_the_server():
    now = [0.0]
    throttle = auth.Throttle(clock=lambda: now[0])
    session: dict = {}
    waits = []
    for _ in range(5):
        throttle.failed(session)
        waits.append(throttle.wait(session))
    assert waits == [0, 0, 1.0, 2.0, 4.0]
    throttle.succeeded(session)
    assert throttle.wait(session) == 0
    locked = [throttle.failed({}) for _ in range(auth.SERVER_FAILURES - 5)]
    assert locked[-1] and throttle.wait({}) == auth.SERVER_LOCKOUT
    now[0] += auth.SERVER_LOCKOUT
    assert throttle.wait({}) == 0
