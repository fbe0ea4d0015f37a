//! The quality gate for content (`secretariat check --strict`): a scenario must be tagged for
//! the coverage report, reachable at 100 by a careful trainee, and must not let a hasty one pass.

use crate::policy::{self, PolicyKind};
use crate::report::number;
use crate::scenario::locate::Locator;
use crate::scenario::{Problem, Scenario, tags};
use crate::scoring;
use crate::scoring::matching::normalise;
use crate::sim::Mode;
use std::sync::Arc;

/// The seeds every strict check plays (the same as the shipped-scenario tests).
pub const SEEDS: [u64; 5] = [1, 2, 3, 17, 2026];

/// The default highest overall score the naive policy may reach.
pub const NAIVE_MAX: f64 = 60.0;

/// What the policies scored, for the summary of a scenario that passes.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// The naive policy's best overall score over the seeds.
    pub naive_best: f64,
    /// Most situations open at once, and seconds with three or more, for the ideal trainee.
    pub peak_open: u32,
    pub seconds_three_or_more: u32,
}

/// Below beginner level, a shift must keep three things going at once for a while, even for a
/// trainee who never falls behind (the same rule as the shipped-scenario tests).
pub const BUSY_PEAK: u32 = 3;
pub const BUSY_SECONDS: u32 = 120;

/// Problems that make a valid scenario unfit to ship, or the figures when there are none.
pub fn strict_check(
    scenario: &Scenario,
    source: &str,
    naive_max: f64,
) -> Result<Figures, Vec<Problem>> {
    let (problems, figures) = run_checks(scenario, source, naive_max);
    if problems.is_empty() {
        Ok(figures)
    } else {
        Err(problems)
    }
}

/// Problems that make a valid scenario unfit to ship.
pub fn strict_problems(scenario: &Scenario, source: &str, naive_max: f64) -> Vec<Problem> {
    run_checks(scenario, source, naive_max).0
}

fn run_checks(scenario: &Scenario, source: &str, naive_max: f64) -> (Vec<Problem>, Figures) {
    let locator = Locator::new(source);
    let at = |offset: Option<usize>| {
        let (line, col) = locator.line_col(offset.unwrap_or(0));
        (line, col)
    };
    let mut problems = Vec::new();
    let situations_from = locator.key("situations", 0).unwrap_or(0);
    for situation in &scenario.situations {
        let (line, col) = at(locator.key_value("id", &situation.id, situations_from));
        if situation.tags.is_empty() {
            problems.push(Problem::new(
                line,
                col,
                format!(
                    "situation « {} » sans étiquette : ajoutez au moins son bloc de compétences (bloc-1, bloc-2 ou bloc-3) et ses thèmes",
                    situation.id
                ),
            ));
        } else if !situation.tags.iter().any(|t| tags::is_block(t)) {
            problems.push(Problem::new(
                line,
                col,
                format!(
                    "situation « {} » sans bloc de compétences : ajoutez bloc-1, bloc-2 ou bloc-3 à ses étiquettes",
                    situation.id
                ),
            ));
        }
    }
    for situation in &scenario.situations {
        for tag in &situation.tags {
            if let Some(known) = likely_typo(tag) {
                let from = locator.key_value("id", &situation.id, situations_from);
                let (line, col) = at(locator.key("etiquettes", from.unwrap_or(0)).or(from));
                problems.push(Problem::new(
                    line,
                    col,
                    format!(
                        "situation « {} » : étiquette « {tag} » inconnue ; vouliez-vous dire « {known} » ?",
                        situation.id
                    ),
                ));
            }
        }
    }
    let (line, col) = at(locator.key("id", 0));
    let level = tags::level(&scenario.tags);
    if level.0 > 3 {
        problems.push(Problem::new(
            line,
            col,
            "le scénario n'indique pas son niveau : ajoutez « debutant », « intermediaire » ou « confirme » à ses etiquettes",
        ));
    }
    let shared = Arc::new(scenario.clone());
    let load = policy::run(Arc::clone(&shared), SEEDS[0], Mode::Exam, PolicyKind::Ideal).load();
    let mut figures = Figures {
        naive_best: 0.0,
        peak_open: load.peak_open,
        seconds_three_or_more: load.seconds_three_or_more,
    };
    if (2..=3).contains(&level.0)
        && (load.peak_open < BUSY_PEAK || load.seconds_three_or_more < BUSY_SECONDS)
    {
        problems.push(Problem::new(
            line,
            col,
            format!(
                "niveau {} : trop peu de situations en même temps (au plus fort {}, et {} s avec au moins {BUSY_PEAK} ouvertes, pour {BUSY_SECONDS} s attendues) ; rapprochez des arrivées (decalage_arrivee: \"0 s\"), allongez des durées, ou classez le scénario « debutant »",
                level.1.to_lowercase(),
                load.peak_open,
                load.seconds_three_or_more
            ),
        ));
    }
    for seed in SEEDS {
        let report = play(&shared, PolicyKind::Ideal, seed);
        if !report.validated || report.scores.overall < 100.0 {
            let why = report
                .lost
                .first()
                .map(|l| format!(" ; premier point perdu ({}) : {}", l.situation, l.explanation))
                .unwrap_or_default();
            problems.push(Problem::new(
                line,
                col,
                format!(
                    "la politique ideal n'atteint pas 100 (graine {seed} : {}/100){why}",
                    number(report.scores.overall)
                ),
            ));
            break;
        }
    }
    for seed in SEEDS {
        let report = play(&shared, PolicyKind::Naive, seed);
        figures.naive_best = figures.naive_best.max(report.scores.overall);
        if report.validated {
            problems.push(Problem::new(
                line,
                col,
                format!(
                    "la politique naive valide la séance (graine {seed} : {}/100) : ses pièges ne suffisent pas à départager",
                    number(report.scores.overall)
                ),
            ));
            break;
        }
        if report.scores.overall > naive_max {
            problems.push(Problem::new(
                line,
                col,
                format!(
                    "la politique naive obtient {}/100 (graine {seed}), au-dessus du seuil {} : rendez les pièges plus coûteux",
                    number(report.scores.overall),
                    number(naive_max)
                ),
            ));
            break;
        }
    }
    (problems, figures)
}

fn play(scenario: &Arc<Scenario>, kind: PolicyKind, seed: u64) -> scoring::Report {
    scoring::score(
        scenario,
        &policy::run(Arc::clone(scenario), seed, Mode::Exam, kind),
    )
}

/// A tag outside the shared vocabulary that differs from a known one by accents or one letter from a known one is a typo
/// that would hide the situation from the coverage report.
fn likely_typo(tag: &str) -> Option<&'static str> {
    let known = tags::BLOCKS
        .iter()
        .chain(tags::THEMES)
        .map(|(id, _)| *id)
        .chain(tags::LEVELS);
    if known.clone().any(|k| k == tag) {
        return None;
    }
    let plain = normalise(tag);
    known.into_iter().find(|k| {
        // Accents or case (« urgence-déguisée »), or one slip in a long word (« homonyn »).
        normalise(k) == plain || (k.len() >= 6 && strsim::levenshtein(k, tag) == 1)
    })
}
