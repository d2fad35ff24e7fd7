#!/usr/bin/env bash
# Resolves Odoo's requirements (as scripts/lib.sh installs them) together with requirements.txt for
# each Python that Odoo 18.0 supports (3.10, 3.11, 3.12) with uv's resolver, without those
# interpreters, and fails on a conflict. Part of scripts/test.sh; also runs alone:
#   scripts/check_requirements.sh [REQUIREMENTS_FILE]   (default: requirements.txt)
source "$(dirname "$0")/lib.sh"

OWN="${1:-$PROJECT_DIR/requirements.txt}"
check_prerequisites
ensure_venv
[ -x "$VENV/bin/uv" ] || die "uv is not in $VENV (it is in requirements.txt: remove $VENV/.ficha-requirements and run this again)."

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
odoo_requirements "$WORK/odoo-requirements.txt"

# uv never downloads an interpreter: the venv's Python builds what has to be built for metadata.
# PyPDF2 1.26.0 (Odoo's pin for 3.10) ships an sdist whose archive uv cannot unpack; it has no
# dependencies, so its metadata is given here instead of built.
cat > "$WORK/uv.toml" <<'TOML'
python-downloads = "never"

[[dependency-metadata]]
name = "pypdf2"
version = "1.26.0"
requires-dist = []
TOML

pids=()
# The three resolutions in parallel (each mostly waits on the package index).
for version in 3.10 3.11 3.12; do
    "$VENV/bin/uv" pip compile --quiet --no-header --config-file "$WORK/uv.toml" --python "$VENV/bin/python" \
        --python-version "$version" \
        "$WORK/odoo-requirements.txt" "$OWN" -o "$WORK/resolved-$version.txt" 2> "$WORK/error-$version.txt" &
    pids+=("$!")
done
status=0
for version in 3.10 3.11 3.12; do
    if wait "${pids[0]}"; then
        say "Requirements resolve for Python $version: $(grep -c '^[a-z0-9]' "$WORK/resolved-$version.txt") packages"
    else
        status=1
        printf '\033[31mPython %s: Odoo'"'"'s requirements + %s do not resolve:\033[0m\n' "$version" "$(basename "$OWN")" >&2
        cat "$WORK/error-$version.txt" >&2
    fi
    pids=("${pids[@]:1}")
done
# Odoo's own rule, checked by name too (a pin equal to Odoo's resolves today and conflicts with
# its next change): Odoo's pins win, this project never pins the same package.
normalized_names() { sed -e 's/[[:space:];<>=!~#[].*//' "$1" | grep -v '^$' | tr 'A-Z_.' 'a-z--' | sort -u; }
both="$(comm -12 <(normalized_names "$WORK/odoo-requirements.txt") <(normalized_names "$OWN"))"
if [ -n "$both" ]; then
    status=1
    printf '\033[31m%s lists packages that Odoo pins: %s(Odoo pins them per Python version and its pin wins: remove them)\033[0m\n' \
        "$(basename "$OWN")" "$(echo "$both" | tr '\n' ' ')" >&2
fi
[ "$status" = 0 ] || die "the requirements check failed (above)."
