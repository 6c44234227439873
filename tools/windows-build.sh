#!/usr/bin/env bash
# Cross-compiles the Windows program: dist/windows/alliance-atlas.exe, one file with the
# data, fonts and icon inside (x86_64-pc-windows-gnu, release profile). Needs mingw-w64
# (Debian: apt install mingw-w64); the Rust target is added here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v x86_64-w64-mingw32-gcc >/dev/null \
  || { echo "needs mingw-w64: apt-get install mingw-w64"; exit 1; }
rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu \
  || rustup target add x86_64-pc-windows-gnu
cargo build --locked --release --target x86_64-pc-windows-gnu --bin alliance-atlas
mkdir -p dist/windows
cp target/x86_64-pc-windows-gnu/release/alliance-atlas.exe dist/windows/
ls -l dist/windows/alliance-atlas.exe
