#!/usr/bin/env bash
# Gives the built-in lesson tour in a real X window (Xvfb) and saves one screenshot per
# stop, pressing the keys a presentation clicker sends (Right / PageDown / space).
#
#   tools/tour_screenshots.sh OUT_DIR [--size 1920x1080] [--presenter] [--tour alliance]
#
# Like ../shared/tools/screenshot.sh, but it gives the window the X input focus first
# (Xvfb has no window manager, and without focus winit receives no keys).
set -euo pipefail
out=${1:?usage: tour_screenshots.sh OUT_DIR [--size WxH] [--presenter] [--tour ID]}
shift
size=1920x1080 presenter="" tour=alliance
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size=$2; shift 2 ;;
    --presenter) presenter=--presenter; shift ;;
    --tour) tour=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
bin=${ATLAS_BIN:-target/release/alliance-atlas}
[ -x "$bin" ] || cargo build --release
command -v Xvfb >/dev/null && command -v xdotool >/dev/null && command -v import >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    xvfb xauth xdotool imagemagick x11-utils libgl1-mesa-dri libgl1 libglx-mesa0 libegl1 libxkbcommon-x11-0 >/dev/null
}
unset WAYLAND_DISPLAY WAYLAND_SOCKET
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
fifo=$(mktemp -u); mkfifo "$fifo"
Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp 3>"$fifo" >/dev/null 2>&1 &
xvfb=$!
read -r n <"$fifo"; rm -f "$fifo"
export DISPLAY=:$n
settings=$(mktemp -u --suffix=.json)
"$bin" --size "$size" --settings "$settings" $presenter &
app=$!
trap 'kill $app $xvfb 2>/dev/null; wait 2>/dev/null || true; rm -f "$settings"' EXIT
sleep 4
win=$(xdotool search --name alliance-atlas | head -1)
xdotool windowfocus --sync "$win"
xdotool mousemove 5 5
stops=$(python3 -c "import json,sys; print(len(json.load(open('assets/tours/$tour.json'))['stops']))")
xdotool key t
keys=(Right Next space)
for i in $(seq 1 "$stops"); do
  sleep 2.2
  import -window root "$out/stop-$(printf %02d "$i").png"
  echo "stop $i saved"
  xdotool key "${keys[$(( i % 3 ))]}"
done
