#!/usr/bin/env bash
# Debian packages cvgen's tests need. Safe to run again: apt-get skips what is there.
#   pdf      : WeasyPrint's fast font subsetter, CJK fonts, the themes' fonts (TeX Gyre, Lato, Charis SIL),
#              poppler (pdftotext/pdftoppm)
#   latex    : XeLaTeX + latexmk for `--engine latex`
#   browser  : Chromium + Java (Nu HTML Checker) for the homepage browser tests
# With no argument, everything.
set -euo pipefail
groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(pdf latex browser)
pkgs=()
for g in "${groups[@]}"; do
  case "$g" in
    pdf) pkgs+=(libharfbuzz-subset0 fonts-noto-cjk fonts-dejavu-core fonts-texgyre fonts-lato fonts-sil-charis poppler-utils) ;;
    latex) pkgs+=(texlive-xetex latexmk texlive-fonts-recommended fonts-noto-cjk fonts-dejavu-core fonts-lato fonts-sil-charis texlive-luatex bubblewrap) ;;
    browser) pkgs+=(chromium default-jre-headless) ;;
    *) echo "install-system-deps: unknown group '$g' (pdf, latex, browser)" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-system-deps: all present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
