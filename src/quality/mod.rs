//! The quality gate for content (`secretariat check --strict`): a scenario must be tagged for
//! the coverage report, say its level and live up to it, be reachable at 100 by a careful
//! trainee, must not let a hasty one pass, and must not reward guessing by the form of the
//! options (`form`, `guessing`). Red flags of the rulebook are warnings (`flags`).

mod flags;
mod form;
mod guessing;
mod places;

pub use flags::warnings;
pub use guessing::{BLIND_SEEDS, GuessFigure};

use crate::policy::{self, CueWords, PolicyKind};
use crate::report::number;
use crate::scenario::{Problem, Scenario, tags};
use crate::scoring;
use crate::sim::Mode;
use crate::text::normalise;
use places::Places;
use std::sync::Arc;

/// The seeds every strict check plays (the same as the shipped-scenario tests).
pub const SEEDS: [u64; 5] = [1, 2, 3, 17, 2026];

/// The default highest overall score the naive policy may reach.
pub const NAIVE_MAX: f64 = 60.0;

/// The default margin by which a form guesser's mean may beat the blind chooser's.
pub const GUESS_MARGIN: f64 = 5.0;

/// Above beginner level, a shift must keep three things going at once for a while, even for a
/// trainee who never falls behind (the same rule as the shipped-scenario tests).
pub const BUSY_PEAK: u32 = 3;
pub const BUSY_SECONDS: u32 = 120;

/// The thresholds of the gate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StrictOptions {
    pub naive_max: f64,
    pub guess_margin: f64,
}

impl Default for StrictOptions {
    fn default() -> Self {
        StrictOptions {
            naive_max: NAIVE_MAX,
            guess_margin: GUESS_MARGIN,
        }
    }
}

/// What the policies and the form checks found, printed whether the scenario passes or not.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// The naive policy's best overall score over the seeds.
    pub naive_best: f64,
    /// Most situations open at once, and seconds with three or more, for the ideal trainee.
    pub peak_open: u32,
    pub seconds_three_or_more: u32,
    pub form: form::FormFigures,
    /// Each form guesser in each order, and the blind chooser in each order.
    pub guessers: Vec<GuessFigure>,
    pub blind: Vec<GuessFigure>,
}

/// The result of the gate: problems make the scenario unfit to ship; warnings do not.
#[derive(Clone, Debug)]
pub struct StrictReport {
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
    pub figures: Figures,
}

/// Runs every strict check. `cues` is what the cue-word guesser learnt from the other scenarios
/// of the library (see [`cues_without`]).
pub fn strict_check(
    scenario: &Scenario,
    source: &str,
    options: StrictOptions,
    cues: Arc<CueWords>,
) -> StrictReport {
    let places = Places::new(source);
    let mut problems = tag_problems(scenario, &places);
    let mut at_header = |message: String| {
        let (line, col) = places.header();
        problems.push(Problem::new(line, col, message));
    };
    let shared = Arc::new(scenario.clone());
    let load = policy::run(Arc::clone(&shared), SEEDS[0], Mode::Exam, PolicyKind::Ideal).load();
    if let Some(message) = level_problem(scenario, load.peak_open, load.seconds_three_or_more) {
        at_header(message);
    }
    if let Some(message) = ideal_problem(&shared) {
        at_header(message);
    }
    let (naive_best, naive) = naive_problem(&shared, options.naive_max);
    if let Some(message) = naive {
        at_header(message);
    }
    let (guessers, blind, guess_problems) =
        guessing::check(&shared, cues, options.guess_margin, &places);
    for message in guess_problems {
        at_header(message);
    }
    let (form, form_problems) = form::check(scenario, &places);
    problems.extend(form_problems);
    problems.sort_by_key(|p| (p.line, p.col));
    StrictReport {
        problems,
        warnings: warnings(scenario, source),
        figures: Figures {
            naive_best,
            peak_open: load.peak_open,
            seconds_three_or_more: load.seconds_three_or_more,
            form,
            guessers,
            blind,
        },
    }
}

/// What a test-wise trainee learns from the library, leaving out the scenario being checked (and
/// any other file with its id), so that it never learns the answers it is tested on.
pub fn cues_without(library: &[Arc<Scenario>], id: &str) -> Arc<CueWords> {
    Arc::new(CueWords::learn(
        library.iter().filter(|s| s.id != id).map(|s| s.as_ref()),
    ))
}

/// Every situation has a certification block, and no tag is a misspelt shared one.
fn tag_problems(scenario: &Scenario, places: &Places) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (k, situation) in scenario.situations.iter().enumerate() {
        let (line, col) = places.situation(k);
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
        for tag in &situation.tags {
            if let Some(known) = likely_typo(tag) {
                let (line, col) = places.situation_key(k, "etiquettes");
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
    problems
}

/// The scenario says its level, and an intermediate or confirmed one is busy enough.
fn level_problem(scenario: &Scenario, peak: u32, seconds_busy: u32) -> Option<String> {
    let (rank, label) = tags::level(&scenario.tags);
    if rank > 3 {
        return Some(
            "le scénario n'indique pas son niveau : ajoutez « debutant », « intermediaire » ou « confirme » à ses etiquettes".into(),
        );
    }
    let calm = peak < BUSY_PEAK || seconds_busy < BUSY_SECONDS;
    ((2..=3).contains(&rank) && calm).then(|| {
        format!(
            "niveau {} : trop peu de situations en même temps (au plus fort {peak}, et {seconds_busy} s avec au moins {BUSY_PEAK} ouvertes, pour {BUSY_SECONDS} s attendues) ; rapprochez des arrivées (decalage_arrivee: \"0 s\"), allongez des durées, ou classez le scénario « debutant »",
            label.to_lowercase()
        )
    })
}

/// The ideal trainee reaches 100 and validates on every seed.
fn ideal_problem(scenario: &Arc<Scenario>) -> Option<String> {
    SEEDS.iter().find_map(|&seed| {
        let report = play(scenario, PolicyKind::Ideal, seed);
        (!report.validated || report.scores.overall < 100.0).then(|| {
            let why = report
                .lost
                .first()
                .map(|l| {
                    format!(
                        " ; premier point perdu ({}) : {}",
                        l.situation, l.explanation
                    )
                })
                .unwrap_or_default();
            format!(
                "la politique ideal n'atteint pas 100 (graine {seed} : {}/100){why}",
                number(report.scores.overall)
            )
        })
    })
}

/// The naive trainee never validates nor scores above `naive_max`; returns its best score too.
fn naive_problem(scenario: &Arc<Scenario>, naive_max: f64) -> (f64, Option<String>) {
    let mut best = 0.0_f64;
    for seed in SEEDS {
        let report = play(scenario, PolicyKind::Naive, seed);
        let score = report.scores.overall;
        best = best.max(score);
        if report.validated {
            return (
                best,
                Some(format!(
                    "la politique naive valide la séance (graine {seed} : {}/100) : ses pièges ne suffisent pas à départager",
                    number(score)
                )),
            );
        }
        if score > naive_max {
            return (
                best,
                Some(format!(
                    "la politique naive obtient {}/100 (graine {seed}), au-dessus du seuil {} : rendez les pièges plus coûteux",
                    number(score),
                    number(naive_max)
                )),
            );
        }
    }
    (best, None)
}

fn play(scenario: &Arc<Scenario>, kind: PolicyKind, seed: u64) -> scoring::Report {
    scoring::score(
        scenario,
        &policy::run(Arc::clone(scenario), seed, Mode::Exam, kind),
    )
}

/// A tag outside the shared vocabulary that differs from a known one by accents, case or one
/// letter is a typo that would hide the situation from the coverage report.
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
        // « urgence-déguisée », « Handicap », or one slip in a long word (« homonyn »).
        normalise(k) == plain || (k.len() >= 6 && strsim::levenshtein(k, tag) == 1)
    })
}
