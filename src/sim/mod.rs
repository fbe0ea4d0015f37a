//! The deterministic engine: an explicit game clock, seeded variation, and the trainee's actions.
//!
//! Event-driven: time jumps from one timer to the next (arrival, ring limit, patience, deadline,
//! end of an exchange), so a shift costs as much as its number of situations, not its seconds.

mod log;

pub use log::*;

use crate::scenario::{Channel, Scenario, Situation, Step, WhenImpatient, defaults};
use crate::text;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use std::sync::Arc;

/// What the trainee can do. Situations are named by index, options by their index in the file.
/// Serialised in journals and action logs: add variants, never rename them.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Pick up, call to the desk, open the request or the letter; or resume one on hold.
    Take(usize),
    /// Put the current situation on hold.
    Hold,
    /// Choose an option of the current choice step (index in the scenario file).
    Choose(usize),
    /// Answer the current typed step.
    Type(String),
    /// Open a patient's file for the current record step.
    Open(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    NotArrived,
    /// Arrived, never taken: ringing, waiting at the desk, in the tray.
    Waiting,
    Active,
    OnHold,
    Done,
    Missed(MissReason),
}

impl Status {
    /// Arrived and not yet dealt with: the trainee may take it.
    pub fn is_pending(self) -> bool {
        matches!(self, Status::Waiting | Status::OnHold)
    }

    pub fn is_over(self) -> bool {
        matches!(self, Status::Done | Status::Missed(_))
    }
}

/// The live state of one situation.
#[derive(Clone, Debug)]
pub struct SituationState {
    pub arrival: Secs,
    pub status: Status,
    pub first_taken: Option<Secs>,
    /// The step in progress; `None` once the last answer is given.
    pub step: Option<usize>,
    /// When the current wait (untaken or on hold) began.
    pub wait_started: Secs,
    /// Waiting time already spent in earlier waits (walk-ins' patience counts all of it).
    pub waited_before: Secs,
    pub complained: bool,
    pub overdue: bool,
    /// What remains of an exchange interrupted by a hold, resumed when the situation is taken back.
    pub exchange_left: Secs,
    pub completed_at: Option<Secs>,
    pub caller: Option<String>,
    /// Which presentation of the situation this shift shows (see `Situation::presented`).
    pub presentation: usize,
    /// For each step, the order in which its options are shown (indices into the file's order).
    pub option_order: Vec<Vec<usize>>,
}

/// An action refused, with the reason shown to the trainee.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    #[error("vous êtes occupé(e) jusqu'à la fin de l'échange en cours")]
    Busy { until: Secs },
    #[error("{0}")]
    Invalid(String),
}

pub struct Simulation {
    scenario: Arc<Scenario>,
    seed: u64,
    mode: Mode,
    now: Secs,
    states: Vec<SituationState>,
    active: Option<usize>,
    /// The current exchange runs from `busy_since` to `busy_until`; the trainee is busy meanwhile.
    busy_since: Secs,
    busy_until: Secs,
    entries: Vec<LogEntry>,
    actions: Vec<(Secs, Action)>,
    ended: bool,
}

impl Simulation {
    /// Starts a shift. The scenario must have passed validation. Situations with variants are
    /// told as the seed draws them: `scenario()` returns the scenario as this shift tells it.
    pub fn new(scenario: Arc<Scenario>, seed: u64, mode: Mode) -> Self {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let start = scenario.practice.shift_start.seconds();
        let last = scenario
            .practice
            .shift_end
            .seconds()
            .saturating_sub(1)
            .max(start);
        let states = scenario
            .situations
            .iter()
            .map(|s| {
                let jitter = s
                    .arrival_jitter
                    .unwrap_or(scenario.variation.arrival_jitter)
                    .seconds() as i64;
                let shift = if jitter > 0 {
                    rng.random_range(-jitter..=jitter)
                } else {
                    0
                };
                let arrival =
                    (s.arrival.seconds() as i64 + shift).clamp(start as i64, last as i64) as Secs;
                let caller = (!s.callers.is_empty())
                    .then(|| s.callers[rng.random_range(0..s.callers.len())].clone());
                // Drawn only when there is a choice, so that files without variants keep their shifts.
                let presentation = if s.variants.is_empty() {
                    0
                } else {
                    rng.random_range(0..s.presentations())
                };
                let option_order = s
                    .steps
                    .iter()
                    .map(|step| {
                        let n = if let Step::Choice(c) = step {
                            c.options.len()
                        } else {
                            0
                        };
                        let mut order: Vec<usize> = (0..n).collect();
                        if scenario.variation.shuffle_options {
                            order.shuffle(&mut rng);
                        }
                        order
                    })
                    .collect();
                SituationState {
                    arrival,
                    status: Status::NotArrived,
                    first_taken: None,
                    step: Some(0),
                    wait_started: arrival,
                    waited_before: 0,
                    complained: false,
                    overdue: false,
                    exchange_left: 0,
                    completed_at: None,
                    caller,
                    presentation,
                    option_order,
                }
            })
            .collect::<Vec<SituationState>>();
        let choices: Vec<usize> = states.iter().map(|s| s.presentation).collect();
        let scenario = if choices.iter().any(|&k| k > 0) {
            Arc::new(scenario.presented(&choices))
        } else {
            scenario
        };
        Simulation {
            scenario,
            seed,
            mode,
            now: start,
            states,
            active: None,
            busy_since: start,
            busy_until: start,
            entries: Vec::new(),
            actions: Vec::new(),
            ended: false,
        }
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn now(&self) -> Secs {
        self.now
    }

    pub fn shift_end(&self) -> Secs {
        self.scenario.practice.shift_end.seconds()
    }

    pub fn states(&self) -> &[SituationState] {
        &self.states
    }

    pub fn state(&self, situation: usize) -> &SituationState {
        &self.states[situation]
    }

    pub fn active(&self) -> Option<usize> {
        self.active
    }

    pub fn is_busy(&self) -> bool {
        self.busy_until > self.now
    }

    pub fn busy_until(&self) -> Secs {
        self.busy_until
    }

    /// How far the current exchange has gone, 0–1, while one is in progress.
    pub fn exchange_progress(&self) -> Option<f32> {
        self.is_busy().then(|| {
            let total = self.busy_until.saturating_sub(self.busy_since).max(1);
            self.now.saturating_sub(self.busy_since) as f32 / total as f32
        })
    }

    pub fn has_ended(&self) -> bool {
        self.ended
    }

    pub fn entries(&self) -> &[LogEntry] {
        &self.entries
    }

    /// Situations the trainee may take now, in scenario order.
    pub fn pending(&self) -> impl Iterator<Item = usize> + '_ {
        self.states
            .iter()
            .enumerate()
            .filter(|(_, s)| s.status.is_pending())
            .map(|(i, _)| i)
    }

    /// A text of a situation with `{appelant}` replaced by this shift's caller.
    pub fn personalise(&self, situation: usize, text: &str) -> String {
        personalise(text, self.states[situation].caller.as_deref())
    }

    /// Seconds the situation has been waiting in its current wait, or 0 if it is not waiting.
    pub fn waiting_for(&self, situation: usize) -> Secs {
        let s = &self.states[situation];
        if s.status.is_pending() {
            self.now.saturating_sub(s.wait_started)
        } else {
            0
        }
    }

    /// When the situation will be lost if nobody takes it (voicemail, hang-up, walk-out).
    pub fn loss_time(&self, situation: usize) -> Option<Secs> {
        let spec = &self.scenario.situations[situation];
        let st = &self.states[situation];
        match (spec.channel, st.status) {
            (Channel::Telephone, Status::Waiting) => {
                Some(st.arrival.saturating_add(spec.ring_limit().seconds()))
            }
            (Channel::Telephone, Status::OnHold) => {
                Some(st.wait_started.saturating_add(spec.hold_limit().seconds()))
            }
            (Channel::Accueil, Status::Waiting | Status::OnHold) if !st.complained => {
                let patience = spec.patience().seconds();
                Some(
                    st.wait_started
                        .saturating_add(patience.saturating_sub(st.waited_before)),
                )
            }
            _ => None,
        }
    }

    /// The next moment something happens by itself, if any before the end of the shift.
    pub fn next_event_time(&self) -> Option<Secs> {
        if self.ended {
            return None;
        }
        let mut next = self.shift_end();
        if self.busy_until > self.now {
            next = next.min(self.busy_until);
        }
        for (i, st) in self.states.iter().enumerate() {
            let spec = &self.scenario.situations[i];
            match st.status {
                Status::NotArrived => next = next.min(st.arrival),
                Status::Waiting | Status::OnHold => {
                    if let Some(t) = self.loss_time(i) {
                        next = next.min(t);
                    }
                }
                _ => {}
            }
            if let Some(deadline) = spec.deadline
                && !st.overdue
                && !st.status.is_over()
            {
                next = next.min(deadline.seconds());
            }
        }
        Some(next.max(self.now))
    }

    /// Runs the clock forward to `target`, firing every timer on the way, in time order.
    pub fn advance_to(&mut self, target: Secs) {
        let target = target.min(self.shift_end());
        while let Some(t) = self.next_event_time() {
            if t > target {
                break;
            }
            let before = self.now;
            self.now = t;
            let fired = self.fire_timers();
            if t == self.shift_end() {
                self.end_shift();
                return;
            }
            // Firing always moves the next timer later; this only guards against a stuck clock.
            if t == before && !fired {
                break;
            }
        }
        self.now = self.now.max(target);
    }

    /// Fires every timer due now; returns whether anything happened.
    fn fire_timers(&mut self) -> bool {
        let now = self.now;
        let mut fired = false;
        // The end of an exchange first, so that the trainee is free for what follows.
        if self.busy_until == now && self.finish_exchange() {
            fired = true;
        }
        let scenario = Arc::clone(&self.scenario);
        for (i, spec) in scenario.situations.iter().enumerate() {
            let st = &self.states[i];
            if st.status == Status::NotArrived && st.arrival <= now {
                self.states[i].status = Status::Waiting;
                self.states[i].wait_started = self.states[i].arrival;
                self.record(Event::Arrived { situation: i });
                fired = true;
            }
            if self.loss_time(i).is_some_and(|t| t <= now) {
                fired = true;
                let status = self.states[i].status;
                match (spec.channel, status, spec.when_impatient) {
                    (Channel::Telephone, Status::Waiting, _) => self.miss(i, MissReason::Voicemail),
                    (Channel::Telephone, _, _) => self.miss(i, MissReason::HungUp),
                    (_, _, WhenImpatient::Part) => self.miss(i, MissReason::Left),
                    (_, _, WhenImpatient::SePlaint) => {
                        self.states[i].complained = true;
                        self.record(Event::Complained { situation: i });
                    }
                }
            }
            if let Some(deadline) = spec.deadline {
                let st = &self.states[i];
                if !st.overdue && !st.status.is_over() && deadline.seconds() <= now {
                    self.states[i].overdue = true;
                    self.record(Event::Overdue { situation: i });
                    fired = true;
                }
            }
        }
        fired
    }

    fn end_shift(&mut self) {
        if self.ended {
            return;
        }
        // A last answer whose closing words are still being said: every step is answered, so
        // the situation is done (at the end of the shift), not missed. An exchange after a step
        // that is not the last leaves the situation unfinished, and missed below.
        self.finish_exchange();
        self.busy_until = self.busy_until.min(self.now);
        for i in 0..self.states.len() {
            if !self.states[i].status.is_over() && self.states[i].status != Status::NotArrived {
                self.miss(i, MissReason::EndOfShift);
            }
        }
        self.active = None;
        self.record(Event::ShiftEnded);
        self.ended = true;
    }

    /// Plays the clock to the end of the shift and returns the log.
    pub fn finish(mut self) -> SimLog {
        self.advance_to(self.shift_end());
        self.end_shift();
        self.log()
    }

    /// The log so far, leaving the simulation running (the game scores it when the shift ends).
    pub fn log(&self) -> SimLog {
        SimLog {
            seed: self.seed,
            mode: self.mode,
            arrivals: self.states.iter().map(|s| s.arrival).collect(),
            callers: self.states.iter().map(|s| s.caller.clone()).collect(),
            presentations: self.states.iter().map(|s| s.presentation).collect(),
            entries: self.entries.clone(),
            actions: self.actions.clone(),
        }
    }

    fn record(&mut self, event: Event) {
        self.entries.push(LogEntry {
            at: self.now,
            event,
        });
    }

    fn miss(&mut self, i: usize, reason: MissReason) {
        self.states[i].status = Status::Missed(reason);
        if self.active == Some(i) {
            self.active = None;
        }
        let step = self.states[i].step;
        self.record(Event::Missed {
            situation: i,
            reason,
            step,
        });
    }

    fn complete(&mut self, i: usize) {
        self.states[i].status = Status::Done;
        self.states[i].completed_at = Some(self.now);
        if self.active == Some(i) {
            self.active = None;
        }
        self.record(Event::Completed { situation: i });
    }

    /// Applies a trainee action at the current time. A refused action is logged and returned.
    pub fn apply(&mut self, action: Action) -> Result<(), ActionError> {
        self.actions.push((self.now, action.clone()));
        let result = self.try_apply(action);
        if let Err(e) = &result {
            self.record(Event::Rejected {
                reason: e.to_string(),
            });
        }
        result
    }

    fn try_apply(&mut self, action: Action) -> Result<(), ActionError> {
        if self.ended {
            return Err(ActionError::Invalid("la vacation est terminée".into()));
        }
        // Mid-exchange, the trainee can still excuse themselves to take or hold something else.
        let interrupts = matches!(action, Action::Take(_) | Action::Hold);
        if self.is_busy() && !interrupts {
            return Err(ActionError::Busy {
                until: self.busy_until,
            });
        }
        match action {
            Action::Take(i) => self.take(i),
            Action::Hold => {
                let i = self
                    .active
                    .ok_or_else(|| invalid("aucune situation en cours à mettre en attente"))?;
                self.hold(i);
                Ok(())
            }
            Action::Choose(option) => {
                let (i, step) = self.current_step()?;
                let Step::Choice(choice) = &self.scenario.situations[i].steps[step] else {
                    return Err(invalid("l'étape en cours n'est pas un choix"));
                };
                let chosen = choice
                    .options
                    .get(option)
                    .ok_or_else(|| invalid("cette proposition n'existe pas"))?;
                let duration = chosen.duration.unwrap_or(defaults::CHOICE_DURATION);
                let next = chosen.next.clone();
                self.record(Event::Chose {
                    situation: i,
                    step,
                    option,
                });
                self.answer(i, step, next.as_deref(), duration.seconds());
                Ok(())
            }
            Action::Type(text) => {
                let (i, step) = self.current_step()?;
                let Step::Typed(typed) = &self.scenario.situations[i].steps[step] else {
                    return Err(invalid("l'étape en cours n'attend pas de saisie"));
                };
                let grade = text::grade(&text, &typed.accepted, &typed.confusables);
                let duration = typed.duration.unwrap_or(defaults::TYPED_DURATION);
                let next = typed.next.clone();
                self.record(Event::Typed {
                    situation: i,
                    step,
                    text,
                    grade,
                });
                self.answer(i, step, next.as_deref(), duration.seconds());
                Ok(())
            }
            Action::Open(patient) => {
                let (i, step) = self.current_step()?;
                let Step::Record(record) = &self.scenario.situations[i].steps[step] else {
                    return Err(invalid(
                        "l'étape en cours n'est pas l'ouverture d'un dossier",
                    ));
                };
                if self.scenario.patient(&patient).is_none() {
                    return Err(invalid(
                        "ce dossier n'existe pas dans le fichier des patients",
                    ));
                }
                let duration = record.duration.unwrap_or(defaults::RECORD_DURATION);
                let next = record.next.clone();
                self.record(Event::Opened {
                    situation: i,
                    step,
                    patient,
                });
                self.answer(i, step, next.as_deref(), duration.seconds());
                Ok(())
            }
        }
    }

    fn current_step(&self) -> Result<(usize, usize), ActionError> {
        let i = self
            .active
            .ok_or_else(|| invalid("aucune situation en cours : prenez d'abord une situation"))?;
        let step = self.states[i]
            .step
            .ok_or_else(|| invalid("cette situation est terminée"))?;
        Ok((i, step))
    }

    fn take(&mut self, i: usize) -> Result<(), ActionError> {
        let st = self
            .states
            .get(i)
            .ok_or_else(|| invalid("situation inconnue"))?;
        match st.status {
            Status::NotArrived => return Err(invalid("cette situation n'est pas encore arrivée")),
            Status::Active => return Err(invalid("cette situation est déjà en cours")),
            Status::Done | Status::Missed(_) => {
                return Err(invalid("cette situation est terminée"));
            }
            Status::Waiting | Status::OnHold => {}
        }
        if let Some(current) = self.active {
            self.hold(current);
        }
        let waiting: Vec<usize> = self.pending().filter(|&j| j != i).collect();
        let st = &mut self.states[i];
        let resumed = st.first_taken.is_some();
        st.waited_before += self.now.saturating_sub(st.wait_started);
        st.first_taken.get_or_insert(self.now);
        st.status = Status::Active;
        // An interrupted exchange resumes where it stopped.
        self.busy_since = self.now;
        self.busy_until = self
            .now
            .saturating_add(std::mem::take(&mut st.exchange_left));
        self.active = Some(i);
        if self.busy_until == self.now {
            self.finish_exchange();
        }
        self.record(Event::Taken {
            situation: i,
            resumed,
            waiting,
        });
        Ok(())
    }

    fn hold(&mut self, i: usize) {
        // Every step is answered: only the closing words of the last reply are left. Turning to
        // something else ends the situation rather than leaving the person waiting for nothing.
        if self.states[i].step.is_none() {
            self.busy_until = self.now;
            self.complete(i);
            return;
        }
        self.states[i].exchange_left = self.busy_until.saturating_sub(self.now);
        self.busy_until = self.now;
        self.states[i].status = Status::OnHold;
        self.states[i].wait_started = self.now;
        self.active = None;
        self.record(Event::PutOnHold { situation: i });
    }

    /// Moves past an answered step; the exchange lasts `duration` seconds.
    fn answer(&mut self, i: usize, step: usize, next: Option<&str>, duration: Secs) {
        let next = self.scenario.situations[i].next_step(step, next);
        self.states[i].step = next;
        self.busy_since = self.now;
        self.busy_until = self.now.saturating_add(duration);
        if duration == 0 {
            self.finish_exchange();
        }
    }

    /// At the end of an exchange, completes the active situation if its last answer was given.
    /// Returns whether a situation was completed.
    fn finish_exchange(&mut self) -> bool {
        match self.active {
            Some(i) if self.states[i].step.is_none() && self.states[i].status == Status::Active => {
                self.complete(i);
                true
            }
            _ => false,
        }
    }

    /// The options of a choice step in the order this shift shows them.
    pub fn option_order(&self, situation: usize, step: usize) -> &[usize] {
        &self.states[situation].option_order[step]
    }

    pub fn situation(&self, i: usize) -> &Situation {
        &self.scenario.situations[i]
    }
}

fn invalid(message: &str) -> ActionError {
    ActionError::Invalid(message.to_string())
}

pub fn personalise(text: &str, caller: Option<&str>) -> String {
    match caller {
        Some(c) if text.contains("{appelant}") => text.replace("{appelant}", c),
        _ => text.to_string(),
    }
}
