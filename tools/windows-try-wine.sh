#!/usr/bin/env bash
# Tries the Windows program under Wine in a virtual X screen and saves screenshots:
#   tools/windows-try-wine.sh OUT_DIR [--size 1366x768] [extra program arguments]
# Builds dist/windows/alliance-atlas.exe first if it is missing (tools/windows-build.sh).
# Wine 8 (Debian 12) lacks bcryptprimitives.dll, which Rust's std imports on Windows 10
# and later (ProcessPrng), so a stand-in (tools/wine/bcryptprimitives.c, built here with
# mingw-w64) is put beside a copy of the .exe. Real Windows has that DLL; nothing of this
# ships. Needs wine and ../shared/tools/screenshot.sh (Xvfb, xdotool).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: tools/windows-try-wine.sh OUT_DIR [--size WxH] [ARGS...]}
shift
size=1366x768
if [ "${1:-}" = "--size" ]; then size=$2; shift 2; fi
shots=../shared/tools/screenshot.sh
[ -x "$shots" ] || { echo "needs $shots"; exit 1; }
command -v wine >/dev/null || { echo "needs wine: apt-get install wine"; exit 1; }
[ -f dist/windows/alliance-atlas.exe ] || tools/windows-build.sh

mkdir -p "$out"
out=$(cd "$out" && pwd)
run=$(mktemp -d)
trap 'rm -rf "$run"' EXIT
cp dist/windows/alliance-atlas.exe "$run/"
x86_64-w64-mingw32-gcc -shared -O2 -o "$run/bcryptprimitives.dll" \
  tools/wine/bcryptprimitives.c -ladvapi32
# Wine's own prefix (~/.wine unless WINEPREFIX says otherwise), made once before the
# timed run: the first start of Wine takes longer than the screenshot's wait.
export WINEDEBUG=-all
wineboot -i >/dev/null 2>&1 || true
# Wine's server and desktop must start again inside the virtual screen.
wineserver -k 2>/dev/null || true
# The settings file as Windows names it (Wine's drive Z: is /). Not by winepath: that
# would start Wine's server outside the virtual screen.
settings="Z:${run//\//\\}\\settings.json"
cat >"$run/script" <<SCRIPT
shot $out/wine-start.png
key ctrl+s
sleep 2
shot $out/wine-export-dialog.png
key Escape
sleep 1
key Next Next
sleep 2
SCRIPT
"$shots" "$out/wine-$size.png" --size "$size" --wait 20 --script "$run/script" \
  -- wine "$run/alliance-atlas.exe" --settings "$settings" "$@"
ls -l "$out"/wine-*.png
