//! Trainees who know nothing of the job and choose by the form of the options: the longest, the
//! shortest, or the one whose words look most like the best answers of other scenarios; and, as
//! the yardstick, one who chooses blindly. They answer typed and file steps as the ideal trainee
//! does, so that they test the choices alone. A scenario where they do well rewards test-taking,
//! not competence.

use super::{
    Policy, PolicyKind, Trainee, answer, ideal_answer, take_in_arrival_order, take_in_best_order,
};
use crate::scenario::{ChoiceStep, Scenario, Step};
use crate::sim::{Action, Simulation};
use crate::text::normalise;
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// In what order a guesser takes the situations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Order {
    /// Comme le stagiaire idéal : le plus urgent d'abord, en interrompant pour plus urgent.
    #[value(alias = "urgence")]
    Best,
    /// Premier arrivé, premier servi, sans mise en attente.
    #[value(alias = "arrivee")]
    Arrival,
}

impl Order {
    pub const BOTH: [Order; 2] = [Order::Best, Order::Arrival];

    pub fn label(self) -> &'static str {
        match self {
            Order::Best => "dans l'ordre idéal",
            Order::Arrival => "premier arrivé, premier servi",
        }
    }
}

/// Words and pairs of words that a test-wise trainee learns to associate with right answers,
/// from the best and the other options of a set of scenarios.
#[derive(Clone, Debug, Default)]
pub struct CueWords {
    weights: HashMap<String, f64>,
    /// How many best and other options of the library hold each feature (for explanations).
    counts: HashMap<String, (u32, u32)>,
    /// How many best and other options hold each content word.
    word_counts: HashMap<String, (u32, u32)>,
    /// How many options of the library there are: best ones, and the others.
    options: (u32, u32),
}

/// How a word-based guesser rates an option. Several ways, because a test-wise trainee could
/// learn the library's words in any of them, and content that defeats one formula only is not
/// safe from the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordModel {
    /// Words and pairs of words more frequent in best answers than in wrong ones (mean weight).
    Pairs,
    /// The same with single words only.
    Words,
    /// The share of its words found in best answers, each weighted by how often (log).
    Frequency,
    /// The plain share of its words found in best answers.
    Presence,
    /// The share of its words found in best answers, rare words of the library counting more.
    Rarity,
}

/// A word or pair must occur in this many options to count: rarer ones are noise.
const MIN_OCCURRENCES: u32 = 3;

impl CueWords {
    /// Learns from every choice step of `scenarios`: a feature's weight is the log-ratio of how
    /// often it appears in best options and in the others.
    pub fn learn<'a>(scenarios: impl IntoIterator<Item = &'a Scenario>) -> Self {
        let (mut in_best, mut in_other): (HashMap<String, u32>, HashMap<String, u32>) =
            Default::default();
        let (mut best_options, mut other_options) = (0u32, 0u32);
        let mut word_counts: HashMap<String, (u32, u32)> = HashMap::new();
        for scenario in scenarios {
            for step in scenario.situations.iter().flat_map(|s| &s.steps) {
                let Step::Choice(choice) = step else { continue };
                for option in &choice.options {
                    let (counts, total) = if option.best {
                        (&mut in_best, &mut best_options)
                    } else {
                        (&mut in_other, &mut other_options)
                    };
                    *total += 1;
                    for feature in features(&option.text) {
                        *counts.entry(feature).or_default() += 1;
                    }
                    for word in content_words(&option.text) {
                        let (b, o) = word_counts.entry(word).or_default();
                        *(if option.best { b } else { o }) += 1;
                    }
                }
            }
        }
        let keys: BTreeSet<&String> = in_best.keys().chain(in_other.keys()).collect();
        let mut weights = HashMap::new();
        let mut counts = HashMap::new();
        for f in keys {
            let b = in_best.get(f).copied().unwrap_or(0);
            let o = in_other.get(f).copied().unwrap_or(0);
            if b + o >= MIN_OCCURRENCES {
                let p_best = (b as f64 + 0.5) / (best_options as f64 + 1.0);
                let p_other = (o as f64 + 0.5) / (other_options as f64 + 1.0);
                weights.insert(f.clone(), (p_best / p_other).ln());
                counts.insert(f.clone(), (b, o));
            }
        }
        CueWords {
            weights,
            counts,
            word_counts,
            options: (best_options, other_options),
        }
    }

    /// How much an option looks like a best answer, in the given model.
    pub fn rate(&self, model: WordModel, text: &str) -> f64 {
        match model {
            WordModel::Pairs => self.score(text),
            WordModel::Words => self.word_score(text),
            WordModel::Frequency => self.mean_over_words(text, |b, _| (1.0 + b as f64).ln()),
            WordModel::Presence => self.mean_over_words(text, |_, _| 1.0),
            WordModel::Rarity => {
                let all = (self.options.0 + self.options.1) as f64;
                self.mean_over_words(text, |b, o| (all / (1.0 + (b + o) as f64)).ln())
            }
        }
    }

    /// The mean, over the content words of `text`, of `weight` for the words found in best
    /// answers (and 0 for the others).
    fn mean_over_words(&self, text: &str, weight: impl Fn(u32, u32) -> f64) -> f64 {
        let words = content_words(text);
        let total: f64 = words
            .iter()
            .filter_map(|w| self.word_counts.get(w))
            .filter(|&&(b, _)| b > 0)
            .map(|&(b, o)| weight(b, o))
            .sum();
        total / words.len().max(1) as f64
    }

    /// Single words more frequent in best answers than in wrong ones: the mean log-ratio over the
    /// words the library holds twice or more.
    fn word_score(&self, text: &str) -> f64 {
        let (best, other) = (self.options.0 as f64, self.options.1 as f64);
        mean(
            content_words(text)
                .iter()
                .filter_map(|w| self.word_counts.get(w))
                .filter(|&&(b, o)| b + o >= 2)
                .map(|&(b, o)| {
                    (((b as f64 + 1.0) / (best + 2.0)) / ((o as f64 + 1.0) / (other + 2.0))).ln()
                }),
        )
    }

    /// The content words of `text` found in the library's best answers, with how many best
    /// answers hold them, most frequent first.
    pub fn shared_words(&self, text: &str) -> Vec<(String, u32)> {
        let mut found: Vec<(String, u32)> = content_words(text)
            .into_iter()
            .filter_map(|w| {
                let b = self.word_counts.get(&w)?.0;
                (b > 0).then_some((w, b))
            })
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        found
    }

    /// The words and pairs of `text` that the library ties to best answers, strongest first,
    /// with how many best and other options hold them.
    pub fn telltales(&self, text: &str) -> Vec<(String, f64, (u32, u32))> {
        let mut found: Vec<(String, f64, (u32, u32))> = features(text)
            .into_iter()
            .filter_map(|f| {
                let w = *self.weights.get(&f)?;
                (w > 0.0).then(|| {
                    let c = self.counts.get(&f).copied().unwrap_or_default();
                    (f, w, c)
                })
            })
            .collect();
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        found
    }

    /// How much an option looks like a best answer: the mean weight of its known features, so
    /// that a long option does not win by its length alone.
    pub fn score(&self, text: &str) -> f64 {
        mean(
            features(text)
                .iter()
                .filter_map(|f| self.weights.get(f).copied()),
        )
    }
}

/// The mean of some weights, 0 when there are none (nothing known about the option).
fn mean(weights: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = weights.fold((0.0, 0usize), |(s, n), w| (s + w, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

/// Words that carry no meaning of their own: left out of the vocabulary comparison.
const FUNCTION_WORDS: &[&str] = &[
    "les", "des", "une", "est", "que", "qui", "pour", "par", "sur", "avec", "dans", "pas", "vous",
    "nous", "elle", "ils", "elles", "lui", "leur", "leurs", "son", "ses", "votre", "vos", "notre",
    "mais", "plus", "tout", "tous", "bien", "tres", "cette", "ces", "cet", "aux", "sans", "ne",
    "moi", "toi", "mon", "mes", "ton", "tes", "ete", "etre", "avoir", "fait", "faire",
];

/// The distinct content words of a text (three letters or more, function words left out).
fn content_words(text: &str) -> BTreeSet<String> {
    normalise(text)
        .split(' ')
        .filter(|w| w.len() >= 3 && !FUNCTION_WORDS.contains(w))
        .map(str::to_string)
        .collect()
}

/// The distinct words (two letters or more) and pairs of neighbouring words of a text.
fn features(text: &str) -> BTreeSet<String> {
    let plain = normalise(text);
    let words: Vec<&str> = plain.split(' ').filter(|w| w.len() >= 2).collect();
    let mut out: BTreeSet<String> = words.iter().map(|w| w.to_string()).collect();
    out.extend(words.windows(2).map(|pair| pair.join(" ")));
    out
}

pub(super) struct Guesser {
    kind: PolicyKind,
    order: Order,
    cues: Arc<CueWords>,
    rng: Xoshiro256PlusPlus,
}

impl Guesser {
    pub(super) fn new(trainee: &Trainee, seed: u64) -> Self {
        Guesser {
            kind: trainee.kind,
            order: trainee.order,
            cues: Arc::clone(&trainee.cues),
            // A stream of its own, apart from the engine's and the random policy's.
            rng: Xoshiro256PlusPlus::seed_from_u64(seed ^ 0xB11D_C4A5_E000_0002),
        }
    }
}

/// How a form guesser ranks an option: its length, minus its length, or its word rating.
fn form_key(kind: PolicyKind, text: &str, cues: &CueWords) -> f64 {
    let length = text.chars().count() as f64;
    match (kind, kind.word_model()) {
        (PolicyKind::Longest, _) => length,
        (PolicyKind::Shortest, _) => -length,
        (_, Some(model)) => cues.rate(model, text),
        _ => 0.0,
    }
}

/// The option a guesser of `kind` picks (an index in the file), looking at the options in the
/// order `shown`; `draw` is the blind chooser's random number.
pub fn pick(
    kind: PolicyKind,
    choice: &ChoiceStep,
    shown: &[usize],
    cues: &CueWords,
    draw: u64,
) -> usize {
    let key = |i: usize| form_key(kind, &choice.options[i].text, cues);
    // Ties go to the first shown, as a reader scanning down the list would.
    let first_max = |key: &dyn Fn(usize) -> f64| {
        shown
            .iter()
            .copied()
            .fold(None, |best: Option<usize>, i| match best {
                Some(b) if key(b) >= key(i) => Some(b),
                _ => Some(i),
            })
    };
    let blind = |among: &[usize]| {
        among
            .get((draw % among.len().max(1) as u64) as usize)
            .copied()
    };
    let chosen = match kind {
        PolicyKind::Longest | PolicyKind::Shortest => first_max(&key),
        // Words it has never seen tell it nothing: among equally likely options it guesses.
        _ if kind.word_model().is_some() => {
            let top = shown.iter().map(|&i| key(i)).fold(f64::MIN, f64::max);
            let tied: Vec<usize> = shown.iter().copied().filter(|&i| key(i) == top).collect();
            blind(&tied)
        }
        _ => blind(shown),
    };
    chosen.unwrap_or(0)
}

/// The option a form guesser picks for sure, whatever the order and the draw: `None` when the
/// form leaves it a choice between several (equal lengths, equal cue scores).
pub fn decisive_pick(kind: PolicyKind, choice: &ChoiceStep, cues: &CueWords) -> Option<usize> {
    let key = |i: usize| form_key(kind, &choice.options[i].text, cues);
    let n = choice.options.len();
    let top = (0..n).map(key).fold(f64::MIN, f64::max);
    let mut at_top = (0..n).filter(|&i| key(i) == top);
    match (at_top.next(), at_top.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}

impl Policy for Guesser {
    fn decide(&mut self, sim: &Simulation) -> Option<Action> {
        let take = match self.order {
            Order::Best => take_in_best_order(sim),
            Order::Arrival => take_in_arrival_order(sim),
        };
        if take.is_some() {
            return take;
        }
        if sim.active().is_none() || sim.is_busy() {
            return None;
        }
        let active = sim.active()?;
        let step = sim.state(active).step?;
        if let Step::Choice(choice) = &sim.situation(active).steps[step] {
            let shown = sim.option_order(active, step);
            let draw = self.rng.random_range(0..u64::MAX);
            return Some(Action::Choose(pick(
                self.kind, choice, shown, &self.cues, draw,
            )));
        }
        answer(sim, ideal_answer)
    }
}
