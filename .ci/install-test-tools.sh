#!/usr/bin/env bash
# Installs the system tools the tests drive for real, when missing (run by .ci/run, as root;
# `npm test` only skips the suites whose tool is missing and says so): Debian's Chromium (browser
# tests, with playwright-core — never a test tool's own browser download) with a Japanese font, and LibreOffice
# (the Excel export is opened headless to prove it reads cleanly). Needs root and apt.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
# A Japanese font, so the browser tests' screenshots of the pages show text rather than boxes.
if ! command -v fc-list >/dev/null 2>&1 || ! fc-list :lang=ja | grep -q .; then missing+=(fonts-ipafont-gothic); fi
if ((${#missing[@]})); then
  echo "[test-tools] installing ${missing[*]} (one time)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
