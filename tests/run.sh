#!/usr/bin/env bash
# The README's test command: install what the tests need, then lint and run every test.
# Browser tests drive Debian's chromium through Playwright; it is installed with apt
# when missing (as root, or through sudo). No browser is ever downloaded by Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt
if ! command -v chromium >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests" >&2
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
python3 -m ruff check .
python3 -m pytest "$@"
