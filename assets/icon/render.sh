#!/usr/bin/env bash
# Renders assets/icon/riposte.svg to the PNG sizes desktops ask for. The PNGs
# are committed, so building Riposte needs none of this; run it after editing
# the SVG. Needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")"
command -v rsvg-convert >/dev/null || { echo "render.sh: needs rsvg-convert (apt-get install librsvg2-bin)" >&2; exit 1; }
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" riposte.svg --output "riposte-$size.png"
done
echo "rendered: $(ls riposte-*.png | tr '\n' ' ')"
