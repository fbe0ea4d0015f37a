//! Renderings of a report: readable French text and JSON.

pub mod spreadsheet;

use crate::scenario::Axis;
use crate::scoring::{Outcome, Report};
use std::fmt::Write;

/// "au plus fort : 3 situations ouvertes en même temps", singular when there is one.
pub fn peak_phrase(peak: u32) -> String {
    if peak <= 1 {
        format!("au plus fort : {peak} situation ouverte à la fois")
    } else {
        format!("au plus fort : {peak} situations ouvertes en même temps")
    }
}

/// Every rule behind the points lost, once each, in the order they first come up.
pub fn rules_in_play(report: &Report) -> Vec<&'static crate::rulebook::Rule> {
    let book = crate::rulebook::rulebook();
    let mut out: Vec<&crate::rulebook::Rule> = Vec::new();
    for id in report.lost.iter().flat_map(|l| &l.rules) {
        if let Some(rule) = book.rule(id)
            && !out.iter().any(|r| r.id == rule.id)
        {
            out.push(rule);
        }
    }
    out
}

/// The rules an answer applies, short: « (règle SEC-2 : Title) », or nothing.
pub fn rule_titles(ids: &[String]) -> String {
    let book = crate::rulebook::rulebook();
    let named: Vec<String> = ids
        .iter()
        .filter_map(|id| book.rule(id))
        .map(|r| format!("{} : {}", r.id, r.title.trim()))
        .collect();
    match named.len() {
        0 => String::new(),
        1 => format!(" (règle {})", named[0]),
        _ => format!(" (règles {})", named.join(" ; ")),
    }
}

/// « 05/12/2026 14:03 » from an RFC 3339 stamp (as stored).
pub fn date_label(stamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stamp)
        .map(|d| d.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|_| stamp.to_string())
}

pub fn to_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).expect("a report always serialises")
}

fn bar(score: f64) -> String {
    let filled = (score / 5.0).round().clamp(0.0, 20.0) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(20 - filled))
}

/// Decimal comma, as French readers expect.
pub fn number(x: f64) -> String {
    spreadsheet::decimal(x)
}

pub fn to_text(report: &Report) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "{}", report.title);
    let _ = writeln!(
        w,
        "Scénario « {} » — mode {} — graine {}",
        report.scenario,
        report.mode.label(),
        report.seed
    );
    let _ = writeln!(w);
    let verdict = if report.validated {
        "VALIDÉE"
    } else {
        "NON VALIDÉE"
    };
    let _ = writeln!(
        w,
        "Résultat : {verdict} — note globale {}/100 (seuil {})",
        number(report.scores.overall),
        report.pass_mark
    );
    if !report.validated {
        if !report.critical_errors.is_empty() {
            let _ = writeln!(
                w,
                "  Motif : {} erreur(s) éliminatoire(s).",
                report.critical_errors.len()
            );
        } else {
            let _ = writeln!(w, "  Motif : note globale sous le seuil de validation.");
        }
    }
    let _ = writeln!(w);
    for axis in Axis::ALL.into_iter().filter(|&a| report.assesses(a)) {
        let s = report.scores.get(axis);
        let _ = writeln!(w, "  {:<16} {} {:>5}/100", axis.label(), bar(s), number(s));
    }
    if !report.critical_errors.is_empty() {
        let _ = writeln!(w, "\nErreurs éliminatoires");
        for c in &report.critical_errors {
            let _ = writeln!(w, "  ✖ {} [{}] {}", c.at, c.situation, c.explanation);
        }
    }
    let _ = writeln!(
        w,
        "\nDéroulé de la vacation ({})",
        peak_phrase(report.load.peak_open)
    );
    for t in &report.timeline {
        let mark = match t.outcome {
            Outcome::OnTime => "✔",
            Outcome::Late => "◷",
            Outcome::Wrong => "⚠",
            Outcome::Missed => "✖",
        };
        let taken = t.taken.as_deref().unwrap_or("jamais");
        let _ = writeln!(
            w,
            "  {mark} {} {:<18} {} ({}) — prise {taken} — {}{}",
            t.arrival,
            t.channel,
            t.title,
            t.urgency,
            t.outcome.label(),
            if t.points_lost > 0.0 {
                format!(", −{} pt", number(t.points_lost))
            } else {
                String::new()
            }
        );
        for note in &t.notes {
            let _ = writeln!(w, "      {note}");
        }
    }
    if !report.refused.is_empty() {
        let _ = writeln!(w, "\nActions refusées (sans effet)");
        for r in &report.refused {
            let _ = writeln!(w, "  {} {}", r.at, r.reason);
        }
    }
    if report.lost.is_empty() {
        let _ = writeln!(w, "\nAucun point perdu.");
    } else {
        let _ = writeln!(w, "\nPoints perdus");
        for l in &report.lost {
            let axis = Axis::ALL
                .iter()
                .find(|a| a.key() == l.axis)
                .map_or(l.axis.as_str(), |a| a.label());
            let _ = writeln!(
                w,
                "  −{} {} à {} [{}]",
                number(l.points),
                axis,
                l.at,
                l.situation
            );
            let _ = writeln!(w, "      {}", l.explanation);
            let rules = rule_titles(&l.rules);
            if !rules.is_empty() {
                let _ = writeln!(w, "     {rules}");
            }
        }
        let rules = rules_in_play(report);
        if !rules.is_empty() {
            let _ = writeln!(w, "\nLes règles en jeu");
            for r in rules {
                let _ = writeln!(w, "  {} — {}", r.id, r.title.trim());
                let _ = writeln!(w, "      {}", r.text.trim());
                let _ = writeln!(w, "      Source : {}", r.source.trim());
            }
        }
    }
    out
}
