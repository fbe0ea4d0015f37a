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
# Terminology exercises with a seed typed on the home screen (the button, since E would type into the field).
xdotool mousemove 900 270 click 1; type_text "12"; sleep 0.5
xdotool mousemove 840 418 click 1; sleep 1.5; shot 10-exercice-question
type_text "electrocardiogramme"; key Return; sleep 1; shot 11-exercice-correction
for _ in $(seq 9); do key Return; sleep 0.5; key 1; sleep 0.3; key Return; sleep 0.3; done
sleep 1; shot 12-exercices-bilan
stop_game

# The example lasts 45 min of game time: at ×60 it takes 45 s.
start_game "$out/vacation.log" play scenarios/exemple-commente.ron --speed 60
sleep 3; shot 02-briefing
key Return; sleep 4; shot 03-bureau-debut
key p; sleep 1; shot 04-patient-au-comptoir
key 1; sleep 2; key 1; sleep 1; shot 05-reponse-et-correction
key f; sleep 0.5; type_text "21/06/1949"; sleep 1; shot 06-fichier-des-patients
sleep 4; key t; sleep 1; shot 07-telephone-decroche
key 2; sleep 2; shot 08-apres-le-choix
sleep 40; shot 09-debriefing
stop_game
