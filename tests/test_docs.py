"""The README documents every command and flag of `python -m dashboard` (as Datasette checks its docs)."""

import argparse
import re

import pytest

from dashboard.cli import build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PARAGRAPHS = re.split(r"\n\s*\n", README)


def _commands() -> dict[str, argparse.ArgumentParser]:
    found = {}

    def walk(parser: argparse.ArgumentParser, prefix: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found[f"{prefix}{name}"] = sub
                    walk(sub, f"{prefix}{name} ")

    walk(build_parser(), "")
    return found


def _flags(parser: argparse.ArgumentParser) -> list[str]:
    return [
        option
        for action in parser._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    ]


def _documented_for(command: str, flag: str) -> bool:
    """On the command's own example line, or in a paragraph naming the command (or all commands)."""
    flag_pattern = re.compile(rf"{re.escape(flag)}(?![\w-])")
    usage = re.compile(rf"-m dashboard {re.escape(command)}(?![\w-])")
    if any(usage.search(line) and flag_pattern.search(line) for line in README.splitlines()):
        return True
    named = re.compile(rf"`{re.escape(command)}`|everywhere")
    return any(named.search(paragraph) and flag_pattern.search(paragraph) for paragraph in PARAGRAPHS)


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_command_and_flag_is_in_the_readme(command):
    assert re.search(rf"python3? -m dashboard {re.escape(command)}(?![\w-])", README), f"README lacks `{command}`"
    missing = [flag for flag in _flags(_commands()[command]) if not _documented_for(command, flag)]
    assert not missing, f"README does not document {command}'s {', '.join(missing)}"
