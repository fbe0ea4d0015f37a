//! Scripted trainees: the ideal, naive and random policies, the trainees that guess by the form
//! of the options (`guess`), and answers files. They drive the engine through the same actions as
//! a student at the desk.

pub mod answers;
pub mod guess;

use crate::scenario::{Channel, Scenario, Step};
use crate::sim::{Action, Mode, Secs, SimLog, Simulation, Status};
pub use guess::{CueWords, Order, WordModel};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PolicyKind {
    /// Sait tout : le plus urgent d'abord, les meilleures réponses.
    Ideal,
    /// Premier arrivé, premier servi, sans mise en attente ; tombe dans les pièges.
    Naive,
    /// Choix au hasard selon la graine.
    Random,
    /// Ne connaît pas le métier : choisit toujours la proposition la plus longue.
    #[value(alias = "plus-longue")]
    Longest,
    /// Ne connaît pas le métier : choisit toujours la proposition la plus courte.
    #[value(alias = "plus-courte")]
    Shortest,
    /// Ne connaît pas le métier : choisit la proposition dont les mots ressemblent le plus aux
    /// meilleures réponses des autres scénarios livrés.
    #[value(alias = "mots-indices")]
    CueWords,
    /// Comme cue-words, mais d'après les mots seuls.
    #[value(alias = "mots-indices-seuls")]
    CueSingleWords,
    /// Ne connaît pas le métier : choisit la proposition qui emploie le plus le vocabulaire des
    /// meilleures réponses des autres scénarios livrés (mots fréquents).
    #[value(alias = "vocabulaire")]
    SharedWords,
    /// Comme shared-words, chaque mot partagé comptant autant.
    #[value(alias = "vocabulaire-presence")]
    SharedPresence,
    /// Comme shared-words, les mots rares de la bibliothèque comptant davantage.
    #[value(alias = "vocabulaire-rare")]
    SharedRare,
    /// Ne connaît pas le métier : choisit au hasard (la référence des autres).
    #[value(alias = "aveugle")]
    Blind,
}

impl PolicyKind {
    /// The trainees that choose by the form of the options alone (and answer typed and file
    /// steps as the ideal trainee does, to test the choices alone).
    pub const FORM_GUESSERS: [PolicyKind; 7] = [
        PolicyKind::Longest,
        PolicyKind::Shortest,
        PolicyKind::CueWords,
        PolicyKind::CueSingleWords,
        PolicyKind::SharedWords,
        PolicyKind::SharedPresence,
        PolicyKind::SharedRare,
    ];

    /// How a word-based guesser rates options; `None` for the others.
    pub fn word_model(self) -> Option<guess::WordModel> {
        use guess::WordModel;
        match self {
            PolicyKind::CueWords => Some(WordModel::Pairs),
            PolicyKind::CueSingleWords => Some(WordModel::Words),
            PolicyKind::SharedWords => Some(WordModel::Frequency),
            PolicyKind::SharedPresence => Some(WordModel::Presence),
            PolicyKind::SharedRare => Some(WordModel::Rarity),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PolicyKind::Ideal => "ideal",
            PolicyKind::Naive => "naive",
            PolicyKind::Random => "random",
            PolicyKind::Longest => "la plus longue",
            PolicyKind::Shortest => "la plus courte",
            PolicyKind::CueWords => "mots-indices",
            PolicyKind::CueSingleWords => "mots-indices (mots seuls)",
            PolicyKind::SharedWords => "vocabulaire des bonnes réponses",
            PolicyKind::SharedPresence => "vocabulaire (présence)",
            PolicyKind::SharedRare => "vocabulaire (mots rares)",
            PolicyKind::Blind => "au hasard",
        }
    }
}

/// A scripted trainee: a policy, the order in which a guesser takes situations, and what the
/// cue-word guesser has learnt.
#[derive(Clone)]
pub struct Trainee {
    pub kind: PolicyKind,
    /// Only for the guessers: ideal, naive and random keep their own order.
    pub order: Order,
    pub cues: Arc<CueWords>,
}

impl Trainee {
    pub fn new(kind: PolicyKind) -> Self {
        Trainee {
            kind,
            order: Order::Best,
            cues: Arc::new(CueWords::default()),
        }
    }

    pub fn in_order(mut self, order: Order) -> Self {
        self.order = order;
        self
    }

    pub fn with_cues(mut self, cues: Arc<CueWords>) -> Self {
        self.cues = cues;
        self
    }
}

/// Decides the trainee's next action, or `None` to let time pass.
pub trait Policy {
    fn decide(&mut self, sim: &Simulation) -> Option<Action>;
}

/// Plays a whole shift with a policy (guessers in the ideal order, the cue-word one untrained).
pub fn run(scenario: Arc<Scenario>, seed: u64, mode: Mode, kind: PolicyKind) -> SimLog {
    run_trainee(scenario, seed, mode, &Trainee::new(kind))
}

/// Plays a whole shift with a scripted trainee.
pub fn run_trainee(scenario: Arc<Scenario>, seed: u64, mode: Mode, trainee: &Trainee) -> SimLog {
    let mut sim = Simulation::new(scenario, seed, mode);
    let mut policy: Box<dyn Policy> = match trainee.kind {
        PolicyKind::Ideal => Box::new(Ideal),
        PolicyKind::Naive => Box::new(Naive),
        PolicyKind::Random => Box::new(RandomPolicy::new(seed)),
        PolicyKind::Longest
        | PolicyKind::Shortest
        | PolicyKind::CueWords
        | PolicyKind::CueSingleWords
        | PolicyKind::SharedWords
        | PolicyKind::SharedPresence
        | PolicyKind::SharedRare
        | PolicyKind::Blind => Box::new(guess::Guesser::new(trainee, seed)),
    };
    // Bound the actions taken at one instant so a confused policy cannot spin forever.
    const MAX_ACTIONS_AT_ONCE: usize = 16;
    loop {
        for _ in 0..MAX_ACTIONS_AT_ONCE {
            match policy.decide(&sim) {
                Some(action) => {
                    if sim.apply(action).is_err() {
                        break;
                    }
                }
                None => break,
            }
        }
        match sim.next_event_time() {
            Some(t) if !sim.has_ended() => {
                sim.advance_to(t.max(sim.now() + 1).min(sim.shift_end()))
            }
            _ => break,
        }
        if sim.has_ended() {
            break;
        }
    }
    sim.finish()
}

/// The answer a policy gives to the current step of the active situation.
fn answer(sim: &Simulation, pick: impl FnOnce(&Step) -> Action) -> Option<Action> {
    let active = sim.active()?;
    let step = sim.state(active).step?;
    Some(pick(&sim.situation(active).steps[step]))
}

/// The moment a pending situation is lost or late, to break ties between equally urgent ones.
fn deadline(sim: &Simulation, i: usize) -> Secs {
    let spec = sim.situation(i);
    let st = sim.state(i);
    let response = if st.first_taken.is_none() {
        st.arrival.saturating_add(spec.acceptable_delay().seconds())
    } else {
        Secs::MAX
    };
    let due = spec.deadline.map_or(Secs::MAX, |d| d.seconds());
    sim.loss_time(i).unwrap_or(Secs::MAX).min(response).min(due)
}

fn is_ringing(sim: &Simulation, i: usize) -> bool {
    sim.situation(i).channel == Channel::Telephone && sim.state(i).status == Status::Waiting
}

/// What to take in the ideal order: the most urgent pending situation, and, even mid-sentence,
/// something more urgent or a ringing phone. `None` means go on with the current situation.
fn take_in_best_order(sim: &Simulation) -> Option<Action> {
    let most_urgent = sim.pending().min_by_key(|&i| {
        (
            std::cmp::Reverse(sim.situation(i).urgency),
            !is_ringing(sim, i),
            deadline(sim, i),
            i,
        )
    });
    let Some(active) = sim.active() else {
        return most_urgent.map(Action::Take);
    };
    let c = most_urgent?;
    let (urgency, current) = (sim.situation(c).urgency, sim.situation(active).urgency);
    (urgency > current || (is_ringing(sim, c) && urgency >= current)).then_some(Action::Take(c))
}

/// What to take first come, first served, never interrupting: the first arrival, when free.
fn take_in_arrival_order(sim: &Simulation) -> Option<Action> {
    if sim.active().is_some() || sim.is_busy() {
        return None;
    }
    let first = sim.pending().min_by_key(|&i| (sim.state(i).arrival, i))?;
    Some(Action::Take(first))
}

/// The ideal trainee's answer to a typed or file step.
fn ideal_answer(step: &Step) -> Action {
    match step {
        Step::Choice(c) => Action::Choose(c.options.iter().position(|o| o.best).unwrap_or(0)),
        Step::Typed(t) => Action::Type(t.accepted.first().cloned().unwrap_or_default()),
        Step::Record(r) => Action::Open(r.patient.clone()),
    }
}

struct Ideal;

impl Policy for Ideal {
    fn decide(&mut self, sim: &Simulation) -> Option<Action> {
        if let Some(take) = take_in_best_order(sim) {
            return Some(take);
        }
        if sim.active().is_none() || sim.is_busy() {
            return None;
        }
        answer(sim, ideal_answer)
    }
}

struct Naive;

impl Policy for Naive {
    fn decide(&mut self, sim: &Simulation) -> Option<Action> {
        if sim.is_busy() {
            return None;
        }
        if let Some(take) = take_in_arrival_order(sim) {
            return Some(take);
        }
        let scenario = sim.scenario();
        answer(sim, |step| match step {
            Step::Choice(c) => Action::Choose(
                c.options
                    .iter()
                    .position(|o| o.trap)
                    .or_else(|| c.options.iter().position(|o| o.best))
                    .unwrap_or(0),
            ),
            Step::Typed(t) => Action::Type(
                t.naive_answer
                    .clone()
                    .or_else(|| t.accepted.first().cloned())
                    .unwrap_or_default(),
            ),
            // Searches by name and opens the first file with that name: homonyms catch it out.
            Step::Record(r) => {
                let wanted = scenario.patient(&r.patient);
                let first_same_name = wanted.and_then(|w| {
                    scenario
                        .patients
                        .iter()
                        .find(|p| p.last_name == w.last_name && p.first_name == w.first_name)
                });
                Action::Open(first_same_name.map_or(r.patient.clone(), |p| p.id.clone()))
            }
        })
    }
}

struct RandomPolicy {
    rng: Xoshiro256PlusPlus,
}

impl RandomPolicy {
    fn new(seed: u64) -> Self {
        // A different stream from the engine's, from the same seed.
        RandomPolicy {
            rng: Xoshiro256PlusPlus::seed_from_u64(seed ^ 0x5EC2_E7A2_1A7D_0001),
        }
    }
}

impl Policy for RandomPolicy {
    fn decide(&mut self, sim: &Simulation) -> Option<Action> {
        if sim.is_busy() {
            return None;
        }
        let pending: Vec<usize> = sim.pending().collect();
        let switch = sim.active().is_some() && !pending.is_empty() && self.rng.random_bool(0.15);
        if sim.active().is_none() || switch {
            if pending.is_empty() {
                return None;
            }
            return Some(Action::Take(
                pending[self.rng.random_range(0..pending.len())],
            ));
        }
        let scenario = Arc::clone(sim.scenario());
        let rng = &mut self.rng;
        answer(sim, |step| match step {
            Step::Choice(c) => Action::Choose(rng.random_range(0..c.options.len().max(1))),
            Step::Typed(t) => {
                let reference = t.accepted.first().cloned().unwrap_or_default();
                let mut candidates = vec![reference.clone(), misspell(&reference, rng)];
                candidates.extend(t.confusables.iter().cloned());
                Action::Type(candidates[rng.random_range(0..candidates.len())].clone())
            }
            Step::Record(r) => {
                let wanted = scenario.patient(&r.patient);
                let same_name: Vec<&str> = scenario
                    .patients
                    .iter()
                    .filter(|p| wanted.is_none_or(|w| p.last_name == w.last_name))
                    .map(|p| p.id.as_str())
                    .collect();
                let pick = same_name
                    .get(rng.random_range(0..same_name.len().max(1)))
                    .copied();
                Action::Open(pick.unwrap_or(&r.patient).to_string())
            }
        })
    }
}

/// Drops one letter: the most common slip.
fn misspell(word: &str, rng: &mut Xoshiro256PlusPlus) -> String {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 2 {
        return word.to_string();
    }
    let k = rng.random_range(1..chars.len());
    chars
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != k)
        .map(|(_, c)| c)
        .collect()
}
