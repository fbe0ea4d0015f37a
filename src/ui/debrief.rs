//! The debrief: the result and why, the three axes, critical errors first, then every situation
//! with what happened and the explanation of each point lost.

use super::theme::{self, DANGER, MUTED, OK, WARNING, points, with_key};
use crate::scenario::Axis;
use crate::scoring::{Outcome, Report};
use egui::{Key, ProgressBar, RichText, ScrollArea, Ui};

#[derive(Clone, Debug, PartialEq)]
pub enum DebriefAction {
    ReplaySameSeed,
    NewSeed,
    Home,
}

fn outcome_style(o: Outcome) -> (&'static str, egui::Color32) {
    match o {
        Outcome::OnTime => ("✔", OK),
        Outcome::Late => ("🕘", WARNING),
        Outcome::Wrong => ("⚠", WARNING),
        Outcome::Missed => ("✖", DANGER),
    }
}

/// The debrief of a shift just played, which can be played again, with a way home.
pub fn debrief(ui: &mut Ui, report: &Report) -> Option<DebriefAction> {
    debrief_with(ui, report, true, "Accueil")
}

/// `replayable`: offer to play the shift again (not after an exam); `back`: where Échap leads
/// (« Accueil », « Mes progrès »).
pub fn debrief_with(
    ui: &mut Ui,
    report: &Report,
    replayable: bool,
    back: &str,
) -> Option<DebriefAction> {
    let mut action = None;
    ui.add_space(8.0);
    ui.label(
        RichText::new(format!("Débriefing — {}", report.title))
            .size(24.0)
            .strong(),
    );
    ui.label(
        RichText::new(format!("{} · graine {}", report.mode.label(), report.seed)).color(MUTED),
    );
    ui.add_space(6.0);
    let (verdict, colour) = if report.validated {
        ("Séance VALIDÉE", OK)
    } else {
        ("Séance NON VALIDÉE", DANGER)
    };
    ui.label(
        RichText::new(format!(
            "{verdict} — note globale {}/100",
            points(report.scores.overall)
        ))
        .size(20.0)
        .color(colour)
        .strong(),
    );
    if !report.validated {
        let why = if report.critical_errors.is_empty() {
            format!(
                "La note globale est sous le seuil de validation ({}).",
                report.pass_mark
            )
        } else {
            format!(
                "{} erreur(s) éliminatoire(s) : une seule suffit à invalider la séance.",
                report.critical_errors.len()
            )
        };
        ui.label(RichText::new(why).color(DANGER));
    }
    ui.add_space(6.0);
    for axis in Axis::ALL.into_iter().filter(|&a| report.assesses(a)) {
        let score = report.scores.get(axis);
        ui.horizontal(|ui| {
            ui.add_sized(
                [140.0, 18.0],
                egui::Label::new(RichText::new(axis.label()).strong()),
            );
            ui.add(
                ProgressBar::new((score / 100.0) as f32)
                    .desired_width(320.0)
                    .fill(theme::level_colour((score / 100.0) as f32))
                    .text(format!("{}/100", points(score))),
            );
        });
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        if replayable {
            if ui
                .button(with_key("Rejouer la même vacation", "R"))
                .clicked()
                || ui.input(|i| i.key_pressed(Key::R))
            {
                action = Some(DebriefAction::ReplaySameSeed);
            }
            if ui.button(with_key("Nouvelle graine", "N")).clicked()
                || ui.input(|i| i.key_pressed(Key::N))
            {
                action = Some(DebriefAction::NewSeed);
            }
        }
        if ui.button(with_key(back, "Échap")).clicked() || ui.input(|i| i.key_pressed(Key::Escape))
        {
            action = Some(DebriefAction::Home);
        }
    });
    ui.separator();
    // One scroll position per session: a new debrief opens at its top.
    ScrollArea::vertical()
        .id_salt(("debrief", report.seed, &report.scenario))
        .show(ui, |ui| {
            if !report.critical_errors.is_empty() {
                ui.label(
                    RichText::new("Erreurs éliminatoires")
                        .size(18.0)
                        .color(DANGER)
                        .strong(),
                );
                for c in &report.critical_errors {
                    ui.label(
                        RichText::new(format!("✖ {} — {}", c.at, c.explanation)).color(DANGER),
                    );
                }
                ui.add_space(8.0);
            }
            ui.label(theme::heading(&format!(
                "Déroulé de la vacation ({})",
                crate::report::peak_phrase(report.load.peak_open)
            )));
            for entry in &report.timeline {
                let (mark, colour) = outcome_style(entry.outcome);
                let taken = entry.taken.as_deref().unwrap_or("jamais");
                let lost = if entry.points_lost > 0.0 {
                    format!(" · −{} pt", points(entry.points_lost))
                } else {
                    String::new()
                };
                ui.label(
                    RichText::new(format!(
                        "{mark} {} · {} · {} ({}) — prise {taken} — {}{lost}",
                        entry.arrival,
                        entry.channel,
                        entry.title,
                        entry.urgency,
                        entry.outcome.label()
                    ))
                    .color(colour),
                );
                for note in &entry.notes {
                    ui.label(RichText::new(format!("    {note}")).color(MUTED));
                }
                for item in report
                    .lost
                    .iter()
                    .filter(|l| l.situation == entry.situation)
                {
                    let axis = Axis::ALL
                        .iter()
                        .find(|a| a.key() == item.axis)
                        .map_or(item.axis.as_str(), |a| a.label());
                    ui.label(format!(
                        "    −{} {axis} ({}) : {}",
                        points(item.points),
                        item.at,
                        item.explanation
                    ));
                    let rules = crate::report::rule_titles(&item.rules);
                    if !rules.is_empty() {
                        ui.label(RichText::new(format!("       {}", rules.trim())).color(MUTED))
                            .on_hover_text(rule_texts(&item.rules));
                    }
                }
            }
            let rules = crate::report::rules_in_play(report);
            if !rules.is_empty() {
                ui.add_space(8.0);
                ui.label(theme::heading("Les règles en jeu"));
                for r in rules {
                    ui.label(RichText::new(format!("{} — {}", r.id, r.title.trim())).strong());
                    ui.label(r.text.trim());
                    ui.label(
                        RichText::new(format!("Source : {}", r.source.trim()))
                            .color(MUTED)
                            .small(),
                    );
                    ui.add_space(4.0);
                }
            }
        });
    action
}

/// The full text of the rules, for the tooltip of a lost point.
fn rule_texts(ids: &[String]) -> String {
    let book = crate::rulebook::rulebook();
    ids.iter()
        .filter_map(|id| book.rule(id))
        .map(|r| format!("{} — {} : {}", r.id, r.title.trim(), r.text.trim()))
        .collect::<Vec<_>>()
        .join("\n\n")
}
