# Shared by visite.sh and bench-game.sh: a virtual 1280×800 display with software Vulkan, and the
# release game built. Sourced, not run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
need=""
for p in Xvfb:xvfb xdotool:xdotool import:imagemagick xdpyinfo:x11-utils; do
  command -v "${p%%:*}" >/dev/null || need="$need ${p#*:}"
done
dpkg -s mesa-vulkan-drivers >/dev/null 2>&1 || need="$need mesa-vulkan-drivers libvulkan1"
if [ -n "$need" ]; then
  echo "Installation :$need"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi
# No sound card here: the game then runs silently (bevy_audio only warns). Do not route ALSA to
# its "null" device: that device never blocks, and the audio thread spins at 100 % of a core.
# SECRETARIAT_BIN=target/debug/secretariat skips the release build (quick looks only).
if [ -z "${SECRETARIAT_BIN:-}" ]; then cargo build --release --quiet; fi
BIN="${SECRETARIAT_BIN:-${CARGO_TARGET_DIR:-target}/release/secretariat}"
DISPLAY_NUM=":$((150 + RANDOM % 50))"
Xvfb "$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp -noreset >/dev/null 2>&1 &
XVFB_PID=$!
export DISPLAY=$DISPLAY_NUM
ready=""
for _ in $(seq 100); do xdpyinfo >/dev/null 2>&1 && { ready=1; break; }; sleep 0.1; done
[ -n "$ready" ] || { echo "Xvfb n'a pas démarré sur $DISPLAY_NUM"; exit 1; }
APP_PID=""
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null; sleep 0.3; kill "$XVFB_PID" 2>/dev/null || true; }
trap cleanup EXIT

# start_game LOG ARGS...: starts the game and waits for its window (sets APP_PID and WINDOW).
start_game() {
  local log=$1; shift
  "$BIN" "$@" >"$log" 2>&1 &
  APP_PID=$!
  WINDOW=""
  for _ in $(seq 150); do
    WINDOW=$(xdotool search --onlyvisible --pid "$APP_PID" 2>/dev/null | head -1 || true)
    [ -n "$WINDOW" ] && break
    sleep 0.1
  done
  [ -n "$WINDOW" ] || { echo "aucune fenêtre ; voir $log"; tail -5 "$log"; exit 1; }
}

stop_game() { kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }

# Real key presses (XTEST) into the focused window: winit ignores synthetic per-window events.
key() { xdotool windowfocus --sync "$WINDOW" 2>/dev/null || true; xdotool key "$@"; }
type_text() { xdotool windowfocus --sync "$WINDOW" 2>/dev/null || true; xdotool type --delay 40 "$@"; }

# cpu_percent SECONDS: CPU used by the game over that many seconds, in % of one core.
cpu_percent() {
  local hz ticks0 ticks1
  hz=$(getconf CLK_TCK)
  ticks0=$(awk '{print $14 + $15}' "/proc/$APP_PID/stat")
  sleep "$1"
  ticks1=$(awk '{print $14 + $15}' "/proc/$APP_PID/stat")
  echo $(( (ticks1 - ticks0) * 100 / hz / $1 ))
}
