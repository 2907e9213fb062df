"""The server's own settings: upload limit, no usage statistics, no watching of the source files, no magic,
no forced full garbage collection after each script run."""

import subprocess
import sys
import tomllib

from dashboard import config
from tests.conftest import ROOT

CONFIG = ROOT / ".streamlit" / "config.toml"


def test_upload_limit_and_no_usage_statistics():
    settings = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert settings["server"]["maxUploadSize"] == 20
    assert settings["browser"]["gatherUsageStats"] is False
    assert config.MAX_REPORT_BYTES < settings["server"]["maxUploadSize"] << 20


def test_streamlit_takes_the_values_from_the_file():
    """`streamlit config show`, run where the app is started, names our file as the source."""
    shown = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"], cwd=ROOT, capture_output=True, text=True, timeout=60
    ).stdout
    for line in ("maxUploadSize = 20", "gatherUsageStats = false", 'fileWatcherType = "none"', "magicEnabled = false"):
        assert f"set in {CONFIG}\n{line}\n" in shown


def test_no_forced_garbage_collection_after_each_run():
    """A hidden option, which `config show` leaves out: asked of Streamlit's config where the app starts."""
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "from streamlit import config; print(config.get_option('runner.postScriptGC'),"
            " config.get_where_defined('runner.postScriptGC'))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert shown.split() == ["False", str(CONFIG)]
