#!/usr/bin/env bash
# Renders the app icon, assets/icons/alliance-atlas.svg, to the PNGs the Linux desktop,
# the window, the web page and the Windows .exe use (all committed):
#   assets/icons/hicolor/SIZExSIZE/apps/alliance-atlas.png   16 … 512 (freedesktop sizes)
#   assets/icons/alliance-atlas.ico                          16 … 256 (Windows resource)
# Needs rsvg-convert (Debian: librsvg2-bin) and python3. Run it after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")/../assets/icons"
command -v rsvg-convert >/dev/null || { echo "needs rsvg-convert (apt install librsvg2-bin)"; exit 1; }
for s in 16 22 24 32 48 64 128 256 512; do
  mkdir -p "hicolor/${s}x${s}/apps"
  rsvg-convert -w "$s" -h "$s" alliance-atlas.svg -o "hicolor/${s}x${s}/apps/alliance-atlas.png"
done
# An .ico holds PNG images as they are (Windows Vista and later read them).
python3 - <<'PY'
import struct
sizes = [16, 24, 32, 48, 64, 128, 256]
pngs = [open(f"hicolor/{s}x{s}/apps/alliance-atlas.png", "rb").read() for s in sizes]
head = struct.pack("<HHH", 0, 1, len(sizes))
offset = 6 + 16 * len(sizes)
entries = b""
for s, data in zip(sizes, pngs):
    dim = 0 if s == 256 else s
    entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
    offset += len(data)
with open("alliance-atlas.ico", "wb") as f:
    f.write(head + entries + b"".join(pngs))
PY
ls -l hicolor/*/apps/alliance-atlas.png alliance-atlas.ico
