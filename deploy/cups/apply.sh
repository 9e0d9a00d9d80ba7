#!/bin/sh
# Applies cupsd-kiosk.conf to a cupsd.conf (default /etc/cups/cupsd.conf): every directive
# it sets is removed from the target, then the kiosk block is appended. Idempotent.
# Usage: apply.sh [CUPSD_CONF]    (then: systemctl restart cups)
set -eu
here=$(dirname "$0")
target=${1:-/etc/cups/cupsd.conf}
settings="$here/cupsd-kiosk.conf"
names=$(grep -v '^[[:space:]]*#' "$settings" | awk 'NF { print $1 }' | paste -sd '|')
tmp=$(mktemp "$target.XXXXXX")
trap 'rm -f "$tmp"' EXIT
grep -Ev "^[[:space:]]*($names)[[:space:]]" "$target" \
    | sed '/^# --- kiosk settings/,/^# --- end of kiosk settings/d' >"$tmp" || true
{
    echo "# --- kiosk settings (deploy/cups/cupsd-kiosk.conf; do not edit here) ---"
    grep -v '^[[:space:]]*#' "$settings" | awk 'NF'
    echo "# --- end of kiosk settings ---"
} >>"$tmp"
cupsd -t -c "$tmp" >/dev/null
chmod --reference="$target" "$tmp"
mv "$tmp" "$target"
trap - EXIT
echo "cupsd.conf updated: $target (restart CUPS: systemctl restart cups)"
