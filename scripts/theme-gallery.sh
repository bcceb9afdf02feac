#!/usr/bin/env bash
# The README's theme gallery: page 1 of profiles/gao-huang.yaml in every theme and engine, as small PNGs in
# docs/themes/ (THEME-ENGINE.png). Needs cvgen, TeX (scripts/install-system-deps.sh) and poppler's pdftoppm.
#   bash scripts/theme-gallery.sh            # all themes
#   bash scripts/theme-gallery.sh modern     # one theme
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cvgen="$root/.venv/bin/cvgen"
[ -x "$cvgen" ] || cvgen="$(command -v cvgen)"
themes=("$@")
[ ${#themes[@]} -eq 0 ] && mapfile -t themes < <("$cvgen" themes | cut -d' ' -f1)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/profiles" "$work/profiles"
mkdir -p "$root/docs/themes"
export SOURCE_DATE_EPOCH=1767225600  # "Last updated January 2026" in every picture, whenever it is made
for theme in "${themes[@]}"; do
  # the seed profile with `theme: NAME` as the first key of its `cv:` block
  sed "s/^cv:\$/cv:\n  theme: $theme/" "$work/profiles/gao-huang.yaml" > "$work/profiles/gallery-$theme.yaml"
  grep -q "^  theme: $theme\$" "$work/profiles/gallery-$theme.yaml" || { echo "no cv: block to set the theme in" >&2; exit 1; }
  for engine in weasyprint latex; do
    out="$work/out-$theme-$engine"
    "$cvgen" build "$work/profiles/gallery-$theme.yaml" --pdf --engine "$engine" -o "$out" >/dev/null
    pdftoppm -png -f 1 -l 1 -singlefile -scale-to-x 420 -scale-to-y -1 "$out/cv.pdf" "$root/docs/themes/$theme-$engine"
    echo "docs/themes/$theme-$engine.png"
  done
done
