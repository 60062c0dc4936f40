#!/usr/bin/env bash
# Installs wrk (Debian's HTTP load generator) when missing: P1's load comes from it, since a
# load generator in Node spends more time reading the dashboard's body than the API spends
# sending it. Needs root and apt.
set -euo pipefail
if ! command -v wrk >/dev/null 2>&1; then
  echo "[bench-tools] installing wrk (one time)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
