#!/usr/bin/env bash
# Installs what Dateline needs to build, run, test and benchmark on Debian 12.
# Idempotent: packages already present are skipped, and npm packages come
# from package-lock.json only when node_modules is missing or stale.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config ccache clang lld clang-format
  libboost-dev libsqlite3-dev sqlite3 nlohmann-json3-dev
  zlib1g-dev libdeflate-dev libxxhash-dev libbrotli-dev libhowardhinnant-date-dev tzdata
  libcli11-dev libtomlplusplus-dev libspdlog-dev libfmt-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev libgumbo-dev libvips-dev libsodium-dev
  libxml2-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libxml2-utils python3 python3-feedparser curl
  chromium nodejs wrk nginx-light
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm: playwright-core drives Debian's chromium; never downloads a browser.
if ! command -v npm >/dev/null 2>&1; then
  echo "install-deps: npm is missing (Debian's nodejs should provide it)" >&2
  exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
