"""Sign-in for the actions that change data (imports and label edits); viewing stays open.

The operator sets a bcrypt hash of the editors' password, never the password itself:
`python -m dashboard hash-password` prints one, to put in DASHBOARD_PASSWORD_HASH or in
.streamlit/secrets.toml as `[auth] password_hash = "..."`.
"""

import collections
import os
import threading
import time
from collections.abc import Mapping, MutableMapping

import bcrypt

ENV_VARIABLE = "DASHBOARD_PASSWORD_HASH"


def hash_password(password: str) -> str:
    check_length(password)
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def configured_hash(secrets: Mapping | None = None) -> str | None:
    """The password hash from the environment, else from Streamlit's secrets; None when unset."""
    value = os.environ.get(ENV_VARIABLE)
    if not value and secrets is not None:
        section = secrets.get("auth") or {}
        value = section.get("password_hash")
    return value or None


def verify(password: str, password_hash: str) -> bool:
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        return False
    try:
        return bcrypt.checkpw(password.encode("utf-8"), password_hash.encode("ascii"))
    except ValueError:  # a malformed hash in the configuration never signs anyone in
        return False


# bcrypt reads at most 72 bytes of a password; longer ones are refused rather than cut.
MAX_PASSWORD_BYTES = 72
# A session waits after its third failure (1, 2, 4, ... seconds, at most a minute), and
# the whole server refuses sign-ins for a while after many failures from any sessions:
# a bot can open new sessions, and each attempt costs about 0.3 s of CPU.
FREE_ATTEMPTS = 3
SESSION_MAX_WAIT = 60.0
SERVER_FAILURES = 10
SERVER_WINDOW = 300.0
SERVER_LOCKOUT = 300.0


class PasswordTooLong(ValueError):
    def __init__(self, size: int):
        self.size = size
        super().__init__(f"passwords are limited to {MAX_PASSWORD_BYTES} bytes (UTF-8); this one has {size}")


def check_length(password: str) -> None:
    size = len(password.encode("utf-8"))
    if size > MAX_PASSWORD_BYTES:
        raise PasswordTooLong(size)


class Throttle:
    """Failed sign-ins, per session and across the server; says how long a session must wait."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: collections.deque[float] = collections.deque()
        self._locked_until = 0.0

    def wait(self, session: MutableMapping) -> float:
        """Seconds until this session may try again (0: now). Checked before the password is."""
        now = self._clock()
        with self._lock:
            server = max(0.0, self._locked_until - now)
        return max(server, session.get("_sign_in_next", 0.0) - now)

    def failed(self, session: MutableMapping) -> bool:
        """Count a failure; True when it locked sign-in for the whole server."""
        now = self._clock()
        count = session.get("_sign_in_failures", 0) + 1
        session["_sign_in_failures"] = count
        if count >= FREE_ATTEMPTS:
            session["_sign_in_next"] = now + min(SESSION_MAX_WAIT, 2.0 ** (count - FREE_ATTEMPTS))
        with self._lock:
            self._failures.append(now)
            while self._failures and self._failures[0] < now - SERVER_WINDOW:
                self._failures.popleft()
            if len(self._failures) >= SERVER_FAILURES and self._locked_until <= now:
                self._locked_until = now + SERVER_LOCKOUT
                self._failures.clear()
                return True
        return False

    def succeeded(self, session: MutableMapping) -> None:
        session.pop("_sign_in_failures", None)
        session.pop("_sign_in_next", None)

    def reset(self) -> None:
        with self._lock:
            self._failures.clear()
            self._locked_until = 0.0


THROTTLE = Throttle()
