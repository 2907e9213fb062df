"""docs/architecture.md names only files and functions that exist, so it cannot drift from the code."""

import importlib
import re

from tests.conftest import ROOT

DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
CODE = re.findall(r"`([^`]+)`", DOC)
# Where a short path in the text may start: the repository, the package, the SQL folder.
FOLDERS = (ROOT, ROOT / "dashboard", ROOT / "queries")


def _paths() -> list[str]:
    paths = []
    for text in CODE:
        path = text.split(":")[0]
        if re.fullmatch(r"\w[\w./-]*", path) and ("/" in path or re.search(r"\.(py|sql|csv|md|cfg)$", path)):
            paths.append(path)
    return paths


def _attributes() -> list[tuple[str, str]]:
    """`module.name` and `module.name(...)` references to the dashboard package."""
    found = []
    for text in CODE:
        match = re.fullmatch(r"(\w+)\.(\w+)(\(.*\))?", text)
        if match and not re.fullmatch(r"\w+\.(py|sql|csv|md|duckdb)", text):
            found.append((match.group(1), match.group(2)))
    return found


def test_every_path_the_architecture_names_exists():
    paths = _paths()
    assert len(paths) > 30
    missing = [path for path in paths if not any((folder / path).exists() for folder in FOLDERS)]
    assert missing == []


def test_every_function_the_architecture_names_exists():
    attributes = _attributes()
    assert len(attributes) > 15
    missing = [
        f"{module}.{name}"
        for module, name in attributes
        if not hasattr(importlib.import_module(f"dashboard.{module}"), name)
    ]
    assert missing == []


def test_the_sql_behind_every_query_call_in_the_architecture_exists():
    names = re.findall(r'query\("([\w/]+)"', DOC)
    assert names
    assert [name for name in names if not (ROOT / "queries" / f"{name}.sql").is_file()] == []
