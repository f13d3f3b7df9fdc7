#!/usr/bin/env bash
# The browser tests need Debian's Chromium and a Thai font (else Thai draws as empty boxes).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "tlwg\|Garuda\|Loma" || missing+=(fonts-thai-tlwg)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "ensure-browser: install the Debian packages: ${missing[*]}" >&2
  exit 1
fi
echo "ensure-browser: installing ${missing[*]}"
DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
