"""Sign-in for the actions that change data (imports and label edits); viewing stays open.

The operator sets a bcrypt hash of the editors' password, never the password itself:
`python -m dashboard hash-password` prints one, to put in DASHBOARD_PASSWORD_HASH or in
.streamlit/secrets.toml as `[auth] password_hash = "..."`.
"""

import os
from collections.abc import Mapping

import bcrypt

ENV_VARIABLE = "DASHBOARD_PASSWORD_HASH"
SETUP_HELP = (
    "Editing is switched off because no editor password is set. Run `python -m dashboard hash-password`, "
    f"then put the printed hash in the environment variable {ENV_VARIABLE} or in .streamlit/secrets.toml "
    'as `[auth]` `password_hash = "..."`, and restart the app.'
)


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def configured_hash(secrets: Mapping | None = None) -> str | None:
    """The password hash from the environment, else from Streamlit's secrets; None when unset."""
    value = os.environ.get(ENV_VARIABLE)
    if not value and secrets is not None:
        section = secrets.get("auth") or {}
        value = section.get("password_hash")
    return value or None


def verify(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode("utf-8"), password_hash.encode("ascii"))
    except ValueError:  # a malformed hash in the configuration never signs anyone in
        return False
