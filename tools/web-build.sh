#!/usr/bin/env bash
# Builds the web version into dist/web/: index.html, the JavaScript glue, the .wasm and
# the icons. Any static web server can serve that folder, e.g.
#   python3 -m http.server -d dist/web 8000   →   http://localhost:8000/
# Needs: the wasm32-unknown-unknown target and wasm-bindgen-cli at exactly the version of
# wasm-bindgen in Cargo.lock (both installed here when missing). (binaryen's wasm-opt
# -Os took 4% off the .wasm and nothing off it gzipped, so it is not used.)
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist/web

rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
  || rustup target add wasm32-unknown-unknown
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  echo "installing wasm-bindgen-cli $want (found: ${have:-none})"
  # --locked first (the versions wasm-bindgen was released with); a registry mirror that
  # lacks one of them gets the newest compatible versions instead.
  cargo install wasm-bindgen-cli --version "$want" --locked \
    || cargo install wasm-bindgen-cli --version "$want"
fi

cargo build --locked --profile web --target wasm32-unknown-unknown --bin alliance-atlas

rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$out" --out-name alliance-atlas target/wasm32-unknown-unknown/web/alliance-atlas.wasm
cp web/index.html "$out/"
cp assets/icons/alliance-atlas.svg "$out/icon.svg"
cp assets/icons/hicolor/64x64/apps/alliance-atlas.png "$out/icon-64.png"

echo "dist/web:"
for f in "$out/alliance-atlas_bg.wasm" "$out/alliance-atlas.js"; do
  printf '  %-28s %9d bytes raw, %9d gzipped\n' "$(basename "$f")" \
    "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done
