#!/usr/bin/env bash
# Build the addons' pip wheels for one Odoo series, from the one source of this repository:
#   bash scripts/build_wheels.sh 18.0 dist/    ->  odoo_addon_<name>-18.0.<version>-py3-none-any.whl
#   bash scripts/build_wheels.sh 19.0 dist/    ->  odoo_addon_<name>-19.0.<version>-py3-none-any.whl
# The manifests carry the addons' own version without a series ("1.3.0"): Odoo prefixes the
# series it runs (an 18.0 server installs 18.0.1.3.0, a 19.0 server 19.0.1.3.0), and refuses a
# version of the other series. A wheel must name its series (odoo==<series>.* and
# odoo-addon-<name>==<series>.* requirements, the "Framework :: Odoo :: <series>" classifier), so
# this script builds from a copy of the files under git control in which each manifest's version
# is stamped "<series>.<version>", with whool (pyproject.toml of each addon), as the OCA does.
set -euo pipefail
series=${1:?usage: build_wheels.sh SERIES OUTDIR}
out=$(mkdir -p "${2:?usage: build_wheels.sh SERIES OUTDIR}" && cd "$2" && pwd)
case "$series" in 18.0 | 19.0) ;; *) echo "unsupported series: $series" >&2; exit 2 ;; esac
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
addons=()
for manifest in "$repo"/*/__manifest__.py; do addons+=("$(basename "$(dirname "$manifest")")"); done
# the files under git control, as they are in the working tree
(cd "$repo" && git ls-files -z -- "${addons[@]}" | xargs -0 tar -cf - --) | tar -xf - -C "$work"
for addon in "${addons[@]}"; do
    sed -i -E "s/(\"version\": \")([0-9]+\.[0-9]+\.[0-9]+\")/\1$series.\2/" "$work/$addon/__manifest__.py"
    grep -q "\"version\": \"$series\." "$work/$addon/__manifest__.py" \
        || { echo "$addon: manifest version not of the form x.y.z" >&2; exit 1; }
done
git -C "$work" init -q
git -C "$work" add -A
git -C "$work" -c user.name=build -c user.email=build@localhost commit -qm "Odoo $series"
command=(python3 -m pip wheel --no-deps --wheel-dir "$out")
if python3 -c "import whool" 2>/dev/null; then  # requirements-test.txt: build offline
    command+=(--no-build-isolation --no-index)
fi
for addon in "${addons[@]}"; do command+=("$work/$addon"); done
PIP_DISABLE_PIP_VERSION_CHECK=1 "${command[@]}" >&2
ls "$out"/odoo_addon_*-"$series".*.whl
