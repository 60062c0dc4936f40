#!/usr/bin/env bash
# Installs the system tools the tests drive for real, when missing: Debian's Chromium (browser
# tests, with playwright-core — never a test tool's own browser download) and LibreOffice
# (the Excel export is opened headless to prove it reads cleanly). Needs root and apt.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
if ((${#missing[@]})); then
  echo "[test-tools] installing ${missing[*]} (one time)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
