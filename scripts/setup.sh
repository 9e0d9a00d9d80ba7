#!/usr/bin/env bash
# Sets up a development, CI or kiosk machine (Debian 12 or Ubuntu), idempotently:
#   1. installs the Debian packages of scripts/system-packages.txt that are missing,
#   2. creates .venv/ with Python 3.11 if it is absent,
#   3. installs the kiosk into it (editable, with test tools) when pyproject.toml changed,
#   4. compiles the translation catalogs.
# A second run on a ready machine changes nothing and takes about a second.
# KIOSK_SKIP_SYSTEM_PACKAGES=1 skips step 1 (machines without apt, or no admin rights).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VENV="$ROOT/.venv"
STAMP="$VENV/.installed-stamp"
PACKAGE_LIST="$ROOT/scripts/system-packages.txt"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

is_installed() {
    local status
    status="$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" || return 1
    [[ "$status" == *" ok installed" ]]
}

# Prints the first of the alternatives ("a|b") that apt can install.
pick_candidate() {
    local name candidate names
    IFS='|' read -r -a names <<<"$1"
    for name in "${names[@]}"; do
        candidate="$(apt-cache policy "$name" 2>/dev/null | awk '/Candidate:/ {print $2}')"
        if [[ -n "$candidate" && "$candidate" != "(none)" ]]; then
            printf '%s\n' "$name"
            return 0
        fi
    done
    printf '%s\n' "${names[0]}"  # let apt-get say what is wrong with it
}

install_system_packages() {
    if [[ "${KIOSK_SKIP_SYSTEM_PACKAGES:-}" == 1 ]]; then
        say "system packages skipped (KIOSK_SKIP_SYSTEM_PACKAGES=1)"
        return 0
    fi
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "warning: no dpkg-query: not a Debian/Ubuntu machine; install the equivalents of"
        say "         scripts/system-packages.txt by hand (or set KIOSK_SKIP_SYSTEM_PACKAGES=1)"
        return 0
    fi
    local line entry name found names missing=()
    while IFS= read -r line || [[ -n "$line" ]]; do
        entry="${line%%#*}"
        entry="${entry//[[:space:]]/}"
        [[ -z "$entry" ]] && continue
        found=0
        IFS='|' read -r -a names <<<"$entry"
        for name in "${names[@]}"; do
            if is_installed "$name"; then found=1; break; fi
        done
        [[ "$found" == 1 ]] || missing+=("$entry")
    done <"$PACKAGE_LIST"

    if [[ ${#missing[@]} -eq 0 ]]; then
        say "system packages: all present"
        return 0
    fi

    local sudo=()
    if [[ "$(id -u)" -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 \
            || die "missing Debian packages (${missing[*]}) and no sudo: install them as root"
        sudo=(sudo)
    fi
    say "installing ${#missing[@]} missing Debian package(s): ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    local to_install=()
    for entry in "${missing[@]}"; do
        if [[ "$entry" == *"|"* ]]; then
            to_install+=("$(pick_candidate "$entry")")
        else
            to_install+=("$entry")
        fi
    done
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${to_install[@]}"
}

is_python311() {
    "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' >/dev/null 2>&1
}

create_venv() {
    if [[ -x "$VENV/bin/python" ]]; then
        is_python311 "$VENV/bin/python" \
            || die ".venv/ is not a working Python 3.11 venv; remove it (rm -rf .venv) and run again"
        return 0
    fi
    local python=""
    if command -v python3.11 >/dev/null 2>&1 && is_python311 python3.11; then
        python=python3.11
    elif command -v python3 >/dev/null 2>&1 && is_python311 python3; then
        python=python3
    else
        die "Python 3.11 not found (neither python3.11 nor python3 is 3.11); install it first"
    fi
    say "creating .venv/ with $(command -v "$python")"
    "$python" -m venv "$VENV"
    rm -f "$STAMP"
}

install_package() {
    if [[ -f "$STAMP" && ! "$ROOT/pyproject.toml" -nt "$STAMP" && ! "${BASH_SOURCE[0]}" -nt "$STAMP" ]]; then
        say "python packages: up to date (pyproject.toml and setup.sh unchanged)"
        return 0
    fi
    say "installing the kiosk and its test tools into .venv/"
    # editable_mode=compat puts the checkout on sys.path with a plain .pth line; the default
    # mode's import hook costs about 10 ms at every start of the kiosk.
    "$VENV/bin/pip" install --disable-pip-version-check -q -e '.[test]' \
        --config-settings editable_mode=compat
    touch "$STAMP"
}

compile_translations() {
    "$VENV/bin/python" -m kiosk.i18n compile
}

install_system_packages
create_venv
install_package
compile_translations
say "ready"
