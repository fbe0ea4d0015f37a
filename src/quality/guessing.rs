//! Trainees who know nothing of the job play the scenario, choosing by the form of the options
//! (see `policy::guess`). None may validate, nor beat by more than a margin a trainee who chooses
//! blindly in the same order: otherwise the score rewards test-taking, not competence.

use super::SEEDS;
use super::places::Places;
use crate::policy::{self, CueWords, Order, PolicyKind, Trainee, guess};
use crate::report::number;
use crate::scenario::{Scenario, Step};
use crate::scoring;
use crate::sim::Mode;
use std::sync::Arc;

/// The blind chooser plays more seeds than the guessers, so that its mean is stable.
pub const BLIND_SEEDS: u64 = 20;

/// How a guesser did over its seeds.
#[derive(Clone, Debug, PartialEq)]
pub struct GuessFigure {
    pub kind: PolicyKind,
    pub order: Order,
    pub mean: f64,
    pub best: f64,
    /// The seeds on which it validated the session.
    pub validated_on: Vec<u64>,
}

fn play(scenario: &Arc<Scenario>, trainee: &Trainee, seeds: &[u64]) -> GuessFigure {
    let reports: Vec<scoring::Report> = seeds
        .iter()
        .map(|&seed| {
            let log = policy::run_trainee(Arc::clone(scenario), seed, Mode::Exam, trainee);
            scoring::score(scenario, &log)
        })
        .collect();
    let scores: Vec<f64> = reports.iter().map(|r| r.scores.overall).collect();
    GuessFigure {
        kind: trainee.kind,
        order: trainee.order,
        mean: scores.iter().sum::<f64>() / scores.len().max(1) as f64,
        best: scores.iter().copied().fold(0.0, f64::max),
        validated_on: seeds
            .iter()
            .zip(&reports)
            .filter(|(_, r)| r.validated)
            .map(|(&s, _)| s)
            .collect(),
    }
}

/// Where a guesser finds the best answer, read in the file's order: the choices to rewrite first.
fn giveaways(scenario: &Scenario, kind: PolicyKind, cues: &CueWords, places: &Places) -> String {
    let mut found = Vec::new();
    let mut steps = 0;
    for (k, s) in scenario.situations.iter().enumerate() {
        for step in &s.steps {
            let Step::Choice(c) = step else { continue };
            steps += 1;
            let pick = guess::decisive_pick(kind, c, cues);
            if pick.and_then(|p| c.options.get(p)).is_some_and(|o| o.best) {
                found.push(places.step(k, &c.id).0);
            }
        }
    }
    let lines: Vec<String> = found.iter().take(12).map(|l| l.to_string()).collect();
    let more = if found.len() > lines.len() {
        ", …"
    } else {
        ""
    };
    let words = match kind {
        PolicyKind::CueWords | PolicyKind::CueSingleWords => telltale_words(scenario, cues),
        PolicyKind::SharedWords | PolicyKind::SharedPresence | PolicyKind::SharedRare => {
            shared_vocabulary(scenario, cues)
        }
        _ => String::new(),
    };
    format!(
        " ; il trouve la meilleure réponse dans {} choix sur {steps} (lignes {}{more}){words}",
        found.len(),
        lines.join(", ")
    )
}

/// The words this scenario's best answers share most with the library's best answers.
fn shared_vocabulary(scenario: &Scenario, cues: &CueWords) -> String {
    let mut seen: std::collections::BTreeMap<String, (u32, u32)> = Default::default();
    for s in &scenario.situations {
        for step in &s.steps {
            let Step::Choice(c) = step else { continue };
            for o in c.options.iter().filter(|o| o.best) {
                for (w, n) in cues.shared_words(&o.text) {
                    let entry = seen.entry(w).or_insert((n, 0));
                    entry.1 += 1;
                }
            }
        }
    }
    let mut ranked: Vec<(String, (u32, u32))> = seen.into_iter().collect();
    ranked.sort_by(|a, b| {
        (b.1.1 * b.1.0)
            .cmp(&(a.1.1 * a.1.0))
            .then_with(|| a.0.cmp(&b.0))
    });
    if ranked.is_empty() {
        return String::new();
    }
    let list: Vec<String> = ranked
        .iter()
        .take(10)
        .map(|(w, (n, here))| format!("« {w} » ({here} ici, {n} dans la bibliothèque)"))
        .collect();
    format!(
        ". Mots de vos bonnes réponses les plus courants dans les bonnes réponses de la bibliothèque (employez-les autant dans les réponses fausses, ou allégez les bonnes) : {}",
        list.join(", ")
    )
}

/// The words of this scenario's best answers that the library ties to best answers: put them
/// in wrong answers too, or say the right thing in other words.
fn telltale_words(scenario: &Scenario, cues: &CueWords) -> String {
    // Feature → (summed weight, (best options, other options) holding it in the library).
    type Tally = (f64, (u32, u32));
    let mut total: std::collections::BTreeMap<String, Tally> = Default::default();
    for s in &scenario.situations {
        for step in &s.steps {
            let Step::Choice(c) = step else { continue };
            for o in c.options.iter().filter(|o| o.best) {
                for (f, w, counts) in cues.telltales(&o.text) {
                    total.entry(f).or_insert((0.0, counts)).0 += w;
                }
            }
        }
    }
    let mut ranked: Vec<(String, Tally)> = total.into_iter().collect();
    ranked.sort_by(|a, b| b.1.0.total_cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
    if ranked.is_empty() {
        return String::new();
    }
    let list: Vec<String> = ranked
        .iter()
        .take(10)
        .map(|(f, (_, (b, o)))| format!("« {f} » ({b} bonnes, {o} mauvaises)"))
        .collect();
    format!(
        ". Mots des bonnes réponses que la bibliothèque associe aux bonnes réponses (à mettre aussi dans des réponses fausses, ou à dire autrement) : {}",
        list.join(", ")
    )
}

/// The guessers' and the blind chooser's figures, and what fails the gate.
pub(super) fn check(
    scenario: &Arc<Scenario>,
    cues: Arc<CueWords>,
    margin: f64,
    places: &Places,
) -> (Vec<GuessFigure>, Vec<GuessFigure>, Vec<String>) {
    let blind_seeds: Vec<u64> = (1..=BLIND_SEEDS).collect();
    let mut guessers = Vec::new();
    let mut blind = Vec::new();
    let mut problems = Vec::new();
    for order in Order::BOTH {
        let yardstick = play(
            scenario,
            &Trainee::new(PolicyKind::Blind).in_order(order),
            &blind_seeds,
        );
        for kind in PolicyKind::FORM_GUESSERS {
            let trainee = Trainee::new(kind)
                .in_order(order)
                .with_cues(Arc::clone(&cues));
            let figure = play(scenario, &trainee, &SEEDS);
            if let Some(&seed) = figure.validated_on.first() {
                problems.push(format!(
                    "un stagiaire qui choisit toujours « {} », {}, valide la séance (graine {seed}) sans rien savoir du métier : les mauvaises réponses doivent ressembler aux bonnes (longueur, mots, ton){}",
                    kind.label(),
                    order.label(),
                    giveaways(scenario, kind, &cues, places)
                ));
            } else if figure.mean > yardstick.mean + margin {
                problems.push(format!(
                    "un stagiaire qui choisit toujours « {} », {}, obtient en moyenne {}/100, plus de {} points au-dessus d'un choix au hasard ({}/100) : la forme des propositions trahit la bonne réponse{}",
                    kind.label(),
                    order.label(),
                    number(figure.mean),
                    number(margin),
                    number(yardstick.mean),
                    giveaways(scenario, kind, &cues, places)
                ));
            }
            guessers.push(figure);
        }
        blind.push(yardstick);
    }
    (guessers, blind, problems)
}
