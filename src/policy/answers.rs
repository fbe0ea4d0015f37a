//! Answers files: a scripted trainee, as timestamped actions written by an instructor.

use crate::scenario::{ClockTime, Problem, Scenario, load};
use crate::sim::{Action, Mode, Secs, SimLog, Simulation};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Debug, Deserialize)]
#[serde(rename = "Reponses", deny_unknown_fields)]
pub struct AnswersFile {
    pub actions: Vec<TimedAction>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Action", deny_unknown_fields)]
pub struct TimedAction {
    #[serde(rename = "a")]
    pub at: ClockTime,
    #[serde(rename = "faire")]
    pub action: ScriptedAction,
}

/// The actions as written in the file: situations and patients by id, options numbered from 1.
#[derive(Debug, Deserialize)]
pub enum ScriptedAction {
    Prendre(String),
    EnAttente,
    Choisir(usize),
    Saisir(String),
    Ouvrir(String),
}

pub fn parse(source: &str) -> Result<AnswersFile, Problem> {
    load::parse_ron(source)
}

/// Checks that every referenced situation exists, so that typos are reported, not ignored.
pub fn check(answers: &AnswersFile, scenario: &Scenario, source: &str) -> Vec<Problem> {
    let loc = crate::scenario::locate::Locator::new(source);
    let mut problems = Vec::new();
    for (n, timed) in answers.actions.iter().enumerate() {
        let at = loc
            .nth_struct("Action", 0, n)
            .map_or((1, 1), |o| loc.line_col(o));
        let message = match &timed.action {
            ScriptedAction::Prendre(id) if scenario.situation_index(id).is_none() => {
                Some(format!("situation inconnue « {id} » dans ce scénario"))
            }
            ScriptedAction::Ouvrir(id) if scenario.patient(id).is_none() => {
                Some(format!("patient inconnu « {id} » dans ce scénario"))
            }
            ScriptedAction::Choisir(0) => {
                Some("les propositions se numérotent à partir de 1".to_string())
            }
            _ => None,
        };
        if let Some(m) = message {
            problems.push(Problem::new(at.0, at.1, m));
        }
    }
    problems
}

/// An answers file as a trainee at the desk: the next action, and from when it can be done.
pub struct Script<'a> {
    answers: &'a AnswersFile,
    scenario: Arc<Scenario>,
    next: usize,
}

impl<'a> Script<'a> {
    pub fn new(answers: &'a AnswersFile, scenario: Arc<Scenario>) -> Self {
        Script {
            answers,
            scenario,
            next: 0,
        }
    }

    /// Passes over actions already done (a resumed shift).
    pub fn skip(&mut self, done: usize) {
        self.next = (self.next + done).min(self.answers.actions.len());
    }

    /// When the next action is due: at its time, or as soon as the trainee is free (taking or
    /// holding may interrupt an exchange; answers wait for it to end). `None`: no action left.
    pub fn due(&self, sim: &Simulation) -> Option<Secs> {
        let timed = self.answers.actions.get(self.next)?;
        let interrupts = matches!(
            timed.action,
            ScriptedAction::Prendre(_) | ScriptedAction::EnAttente
        );
        let free_at = if interrupts {
            sim.now()
        } else {
            sim.busy_until()
        };
        Some(timed.at.seconds().max(sim.now()).max(free_at))
    }

    /// The next action, moving on. `None` for a situation the scenario does not have (`check`
    /// reports those before a run).
    pub fn next_action(&mut self) -> Option<Action> {
        let timed = self.answers.actions.get(self.next)?;
        self.next += 1;
        match &timed.action {
            ScriptedAction::Prendre(id) => self.scenario.situation_index(id).map(Action::Take),
            ScriptedAction::EnAttente => Some(Action::Hold),
            ScriptedAction::Choisir(n) => Some(Action::Choose(n.saturating_sub(1))),
            ScriptedAction::Saisir(text) => Some(Action::Type(text.clone())),
            ScriptedAction::Ouvrir(id) => Some(Action::Open(id.clone())),
        }
    }
}

/// Plays the actions in order, each at its time or as soon as the trainee is free.
pub fn run(scenario: Arc<Scenario>, seed: u64, mode: Mode, answers: &AnswersFile) -> SimLog {
    let mut sim = Simulation::new(Arc::clone(&scenario), seed, mode);
    let mut script = Script::new(answers, scenario);
    while let Some(at) = script.due(&sim) {
        sim.advance_to(at);
        if sim.has_ended() {
            break;
        }
        if let Some(action) = script.next_action() {
            // A refused action is logged by the engine; the script goes on.
            let _ = sim.apply(action);
        }
    }
    sim.finish()
}
