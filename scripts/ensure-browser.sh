#!/usr/bin/env bash
# The browser tests need Debian's Chromium, a Thai font (else Thai draws as empty boxes) and
# an emoji font (the bot's ⭐ and ☎️ would be boxes in screenshots, unlike on any phone).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "tlwg\|Garuda\|Loma" || missing+=(fonts-thai-tlwg)
fc-list 2>/dev/null | grep -qi "Noto Color Emoji" || missing+=(fonts-noto-color-emoji)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "ensure-browser: install the Debian packages: ${missing[*]}" >&2
  exit 1
fi
echo "ensure-browser: installing ${missing[*]}"
DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
