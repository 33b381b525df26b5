#!/usr/bin/env bash
# Installs what `make bench-peers` needs on Debian 12: WordPress, PHP-FPM,
# MariaDB, nginx and wrk. Only the peer benchmark uses them, so CI and
# scripts/install-deps.sh do not. Idempotent: packages already present are
# skipped. Nothing is configured or started here: bench/peers.py runs every
# server from a private directory of its own.
set -euo pipefail

packages=(
  wordpress wordpress-theme-twentytwentythree php-fpm php-cli php-mysql mariadb-server mariadb-client nginx-light wrk
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-peer-deps: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  # Debian's maintainer scripts would start the system's own mariadb and
  # php-fpm services; the benchmark runs private instances, so keep them off.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
    "${sudo_cmd[@]}" chmod +x "$policy"
    trap '"${sudo_cmd[@]}" rm -f "$policy"' EXIT
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
