#!/usr/bin/env bash
# Creates .venv from the pinned requirements, and beside it .venv-cffconvert from
# requirements-cffconvert.txt: cffconvert pins jsonschema<4, which frictionless cannot share. On a fresh Debian machine `python3 -m venv` needs
# the python3-venv package; as root we install it, otherwise we say how.
set -euo pipefail
python=${PYTHON:-python3}
venv=${VENV:-.venv}
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "bootstrap: $python is $("$python" --version 2>&1); this project needs Python 3.11 (set PYTHON=python3.11)" >&2
  exit 1
fi
if ! "$python" -m venv --help >/dev/null 2>&1 || ! "$python" -c 'import ensurepip' >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  else
    echo "bootstrap: Python's venv module is missing: run 'sudo apt-get install python3-venv'" >&2
    exit 1
  fi
fi
install() {  # a fresh venv $1 from the pinned requirements file $2
  rm -rf "$1"
  "$python" -m venv "$1"
  "$1/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$2"
}
install "$venv" requirements.txt
install "$venv-cffconvert" requirements-cffconvert.txt
