#!/usr/bin/env bash
# Game benchmark under Xvfb with software rendering (Mesa lavapipe), release build:
#  - time from launch to the first frame (median of 5 launches);
#  - frame times on a busy desk at 1280×800 (median and 95th percentile over 10 s);
#  - CPU use over 10 s on the home screen and on the paused desk (% of one core).
# Targets: first frame < 2 s; busy frame < 20 ms; idle and paused < 5 %.
source "$(dirname "$0")/xvfb-common.sh"
export SECRETARIAT_MESURES=1
log=$(mktemp)

firsts=()
for _ in 1 2 3 4 5; do
  start_game "$log" play
  for _ in $(seq 100); do grep -q premiere_image_ms "$log" && break; sleep 0.1; done
  firsts+=("$(grep -o 'premiere_image_ms=[0-9]*' "$log" | cut -d= -f2)")
  sleep 1
  if [ ${#firsts[@]} -eq 5 ]; then
    echo "CPU, écran d'accueil (10 s) : $(cpu_percent 10) % d'un cœur"
  fi
  stop_game
done
echo "Première image (5 lancements, ms) : ${firsts[*]} ; médiane $(printf '%s\n' "${firsts[@]}" | sort -n | sed -n 3p) ms"

# The busiest shipped shift at ×60, so that the desk fills up quickly.
start_game "$log" play scenarios/radiologie.ron --speed 60
sleep 3; key Return
sleep 22
grep 'mesure: bureau' "$log" | tail -1 | sed 's/^/Bureau chargé : /'
key space; sleep 1
echo "CPU, bureau en pause (10 s) : $(cpu_percent 10) % d'un cœur"
key space
stop_game
