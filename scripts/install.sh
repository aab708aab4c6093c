#!/bin/sh
# Install docgen on Debian or Ubuntu: the system packages it needs (Pango for WeasyPrint, the fonts the
# house style names, Python with venv), then a virtual environment, .venv, with docgen in it; then
# `docgen doctor` says whether everything is there.
#
#   sh scripts/install.sh           what rendering needs
#   sh scripts/install.sh --test    also what the tests need: docgen's test extras, LibreOffice, poppler,
#                                   Chromium and the browser tests' npm packages (tests/browser)
#
# Run it as root, or as a user who may use sudo. Packages already installed are left as they are.
# PYTHON names the interpreter (default: the system's, /usr/bin/python3); VENV the environment's
# folder (default: .venv in docgen's folder).
set -eu
cd "$(dirname "$0")/.."

case "${1:-}" in
  "") tests=false ;;
  --test) tests=true ;;
  *) echo "usage: sh scripts/install.sh [--test]" >&2; exit 2 ;;
esac

say() { printf 'install: %s\n' "$*"; }

packages="python3 python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2"
if $tests; then
  packages="$packages libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils chromium"
  command -v npm >/dev/null 2>&1 || packages="$packages nodejs npm"
fi

if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=""
  for package in $packages; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      as_root=""
    elif command -v sudo >/dev/null 2>&1; then
      as_root="sudo"
    else
      echo "install: these packages are missing and installing them needs root (or sudo):$missing" >&2
      exit 1
    fi
    say "installing Debian packages:$missing"
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    case " $missing " in
      *" chromium "*)
        if ! apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; then
          missing=$(printf '%s\n' $missing | grep -vx chromium | tr '\n' ' ')
          say "Chromium is not a Debian package here (Ubuntu has it as a snap: sudo snap install chromium);" \
            "the browser tests are skipped without it"
        fi ;;
    esac
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
else
  say "not Debian or Ubuntu: install Python 3.11 or later with venv, Pango 1.44 or later and the fonts" \
    "DejaVu Sans and Liberation Sans yourself; docgen doctor checks them at the end"
fi

python=${PYTHON:-}
if [ -z "$python" ]; then
  if [ -x /usr/bin/python3 ]; then python=/usr/bin/python3; else python=python3; fi
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "install: docgen needs Python 3.11 or later; $python is $("$python" -V 2>&1)." \
    "Name another with PYTHON=/path/to/python3 sh scripts/install.sh" >&2
  exit 1
fi

venv=${VENV:-.venv}
identity='import sys; print(sys.base_prefix, sys.version)'
if [ "$("$venv/bin/python" -c "$identity" 2>/dev/null)" != "$("$python" -c "$identity")" ]; then
  say "creating the virtual environment $venv with $python ($("$python" -V 2>&1))"
  "$python" -m venv --clear "$venv"
fi

if $tests; then
  say "installing docgen (editable) and its test extras into $venv"
  "$venv/bin/python" -m pip install --quiet --editable '.[test]'
  say "installing the browser tests' npm packages into tests/browser/node_modules"
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
else
  say "installing docgen into $venv"
  "$venv/bin/python" -m pip install --quiet .
fi

"$venv/bin/docgen" doctor
say "done: run $venv/bin/docgen (or . $venv/bin/activate, then docgen)"
