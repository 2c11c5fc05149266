#!/bin/sh
# Install the Debian packages iss needs that are missing (as root), or say
# which they are. Usage: sh tools/deps.sh PACKAGE...
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
set -u

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "deps: not a Debian system; install the equivalents of: $*" >&2
    exit 0
fi
# What installed packages provide counts too (a vendor's nodejs that
# provides npm, say).
provided=$(dpkg-query -W -f='${db:Status-Status} ${Provides}\n' 2>/dev/null |
    sed -n 's/^installed //p' | tr ',' '\n' | sed 's/ *(.*//; s/^ *//')
missing=
for p in "$@"; do
    st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$st" = installed ] && continue
    printf '%s\n' "$provided" | grep -qx "$p" && continue
    missing="$missing $p"
done
if [ -z "$missing" ]; then
    echo "deps: all installed"
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "deps: missing:$missing" >&2
    echo "deps: as root run: apt-get install$missing" >&2
    exit 1
fi
echo "deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q || exit 1
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing || exit 1
