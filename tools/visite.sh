#!/usr/bin/env bash
# Guided tour: runs the release game under Xvfb, drives it with the keyboard through the short
# commented example and a series of terminology exercises, and saves a screenshot of each screen
# in captures/ (or the folder given).
#   bash tools/visite.sh [FOLDER]
source "$(dirname "$0")/xvfb-common.sh"
out=${1:-captures}
mkdir -p "$out"
shot() { import -window root "$out/$1.png"; echo "capture : $out/$1.png"; }

start_game "$out/accueil.log" play
sleep 3; shot 01-accueil
# Terminology exercises with a seed typed on the home screen (the button, since E would type into the
# field; coordinates below the profile bar).
xdotool mousemove 900 305 click 1; type_text "12"; sleep 0.5
xdotool mousemove 840 453 click 1; sleep 1.5; shot 10-exercice-question
type_text "electrocardiogramme"; key Return; sleep 1; shot 11-exercice-correction
for _ in $(seq 9); do key Return; sleep 0.5; key 1; sleep 0.3; key Return; sleep 0.3; done
sleep 1; shot 12-exercices-bilan
stop_game

# The example at ×10 with seed 1, so that arrivals are known (secretariat simulate … --seed 1):
# M. Leroy at 08:02:38, the call at 08:09:12 (it rings 30 s of game time, 3 s here).
start_game "$out/vacation.log" play scenarios/exemple-commente.ron --speed 10 --seed 1
sleep 3; shot 02-briefing
key Return; t0=$(date +%s.%N); sleep 2; shot 03-bureau-debut
# at_game HH MM SS: sleeps until that game time (game seconds / 10 after 08:00 at t0).
at_game() { local due; due=$(echo "$t0 + (($1 - 8) * 3600 + $2 * 60 + $3) / 10" | bc -l)
  sleep "$(echo "d = $due - $(date +%s.%N); if (d < 0) 0 else d" | bc -l)"; }
at_game 8 3 0; key p; sleep 1; shot 04-patient-au-comptoir
key 1; sleep 6; shot 05-reponse-et-correction
# The register's date field has the keyboard; Entrée opens the only match.
type_text "21/06/1949"; sleep 1; shot 06-fichier-des-patients
key Return
at_game 8 9 20; key t; sleep 1; shot 07-telephone-decroche
key 2; sleep 2; shot 08-apres-le-choix
# Échap, then Entrée: the rest of the shift plays out and the debrief shows.
key Escape; sleep 1; key Return; sleep 2; shot 09-debriefing
stop_game
