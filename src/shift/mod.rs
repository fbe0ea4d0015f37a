//! The shift in progress as the game and the headless player run it: the engine, the game clock
//! driven by real time, the trainee's actions, and the journal that lets it survive a crash. Plain
//! Rust: Bevy only calls `tick` each frame and the action methods on input.

use crate::journal::{self, ExamSeat, Header, Journal, Line, Writer};
use crate::scenario::Scenario;
use crate::scoring::{self, Report};
use crate::sim::{Action, ActionError, Mode, Secs, Simulation};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The speeds the trainee can choose (game seconds per real second).
pub const SPEEDS: [f32; 6] = [1.0, 2.0, 5.0, 10.0, 20.0, 60.0];

/// A frame that took longer than this (a laptop lid closed, a stalled machine) counts as a pause:
/// the shift must not fast-forward through emergencies the trainee never saw.
pub const MAX_FRAME_GAP: f64 = 1.0;

/// Real seconds between two clock records of the journal.
const CLOCK_RECORD_EVERY: f64 = 1.0;

/// What starts a shift.
#[derive(Clone, Debug)]
pub struct ShiftSetup {
    pub scenario: Arc<Scenario>,
    /// The scenario's text as loaded, kept with the journal and the stored session.
    pub source: String,
    pub path: Option<PathBuf>,
    pub seed: u64,
    pub mode: Mode,
    pub speed: f32,
    pub profile: Option<i64>,
    pub exam: Option<ExamSeat>,
    pub simulated: bool,
}

/// When an interrupted shift was taken up again.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Resume {
    /// Game time of the shift when it was interrupted.
    pub at: String,
    /// Real date of the resumption.
    pub date: String,
}

pub struct Shift {
    pub sim: Simulation,
    /// The scenario as written (the simulation holds it as this shift's variants tell it).
    scenario: Arc<Scenario>,
    /// Game seconds per real second.
    pub speed: f32,
    pub paused: bool,
    /// Game time not yet applied: the clock moves by whole seconds, fractions carry over.
    carry: f64,
    header: Header,
    lines: Vec<Line>,
    writer: Option<Writer>,
    /// Real seconds of play (pauses and stalls excluded), across resumptions.
    real_seconds: f64,
    since_clock_record: f64,
    /// Why the journal could not be written, to tell the trainee (the shift goes on).
    journal_problem: Option<String>,
}

impl Shift {
    /// A new shift, journaled nowhere (tests, replays). See `journaled_in`.
    pub fn new(setup: ShiftSetup) -> Shift {
        let header = Header {
            profile: setup.profile,
            exam: setup.exam,
            simulated: setup.simulated,
            ..Header::new(
                setup.source,
                setup.path,
                setup.seed,
                setup.mode,
                setup.speed,
            )
        };
        Shift {
            sim: Simulation::new(Arc::clone(&setup.scenario), setup.seed, setup.mode),
            scenario: setup.scenario,
            speed: setup.speed,
            paused: false,
            carry: 0.0,
            header,
            lines: Vec::new(),
            writer: None,
            real_seconds: 0.0,
            since_clock_record: 0.0,
            journal_problem: None,
        }
    }

    /// Starts writing the journal in `folder` (once). On failure the shift still runs, and says so.
    pub fn start_journal(&mut self, folder: &Path) {
        if self.writer.is_some() {
            return;
        }
        match Writer::create(folder, &self.header) {
            Ok(w) => self.writer = Some(w),
            Err(e) => self.journal_problem = Some(journal_problem(&e)),
        }
    }

    /// Takes an interrupted shift up again: its journal is replayed into the same state, the
    /// clock where it was, and the resumption is recorded.
    pub fn resume(journal: &Journal, scenario: Arc<Scenario>) -> Shift {
        let header = journal.header.clone();
        let mut shift = Shift {
            sim: Simulation::new(Arc::clone(&scenario), header.seed, header.mode),
            scenario,
            speed: header.speed,
            paused: false,
            carry: 0.0,
            header,
            lines: Vec::new(),
            writer: None,
            real_seconds: journal.real_seconds(),
            since_clock_record: 0.0,
            journal_problem: None,
        };
        for line in &journal.lines {
            shift.replay_line(line);
        }
        if let Some(at) = journal.last_time() {
            shift.sim.advance_to(at);
        }
        match Writer::reopen(&journal.path) {
            Ok(w) => shift.writer = Some(w),
            Err(e) => shift.journal_problem = Some(journal_problem(&e)),
        }
        if !shift.sim.has_ended() {
            let at = shift.sim.now();
            shift.record(
                Line::Resumed {
                    at,
                    date: journal::now_stamp(),
                },
                true,
            );
        }
        shift
    }

    fn replay_line(&mut self, line: &Line) {
        self.lines.push(line.clone());
        match line {
            Line::Action { at, action } => {
                self.sim.advance_to(*at);
                let _ = self.sim.apply(action.clone());
            }
            Line::EndShift { .. } => self.sim.advance_to(self.sim.shift_end()),
            Line::Clock { at, .. } | Line::Resumed { at, .. } => self.sim.advance_to(*at),
            Line::Speed { at, speed } => {
                self.sim.advance_to(*at);
                self.speed = *speed;
            }
        }
    }

    /// Whose shift this is (before it starts: the briefing may reload the scenario).
    pub fn set_profile(&mut self, profile: Option<i64>) {
        self.header.profile = profile;
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Everything recorded so far, clock records included.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    pub fn real_seconds(&self) -> f64 {
        self.real_seconds
    }

    pub fn journal_problem(&self) -> Option<&str> {
        self.journal_problem.as_deref()
    }

    pub fn journal_path(&self) -> Option<&Path> {
        self.writer.as_ref().map(Writer::path)
    }

    /// When the shift was interrupted and taken up again.
    pub fn resumes(&self) -> Vec<Resume> {
        self.lines
            .iter()
            .filter_map(|l| match l {
                Line::Resumed { at, date } => Some(Resume {
                    at: scoring::clock(*at),
                    date: date.clone(),
                }),
                _ => None,
            })
            .collect()
    }

    /// Moves the game clock by `real_seconds` of real time.
    pub fn tick(&mut self, real_seconds: f64) {
        self.tick_until(real_seconds, None);
    }

    /// Like `tick`, but stops the clock at `stop` if it would pass it (a scripted trainee's next
    /// action). Returns whether the clock is at `stop`.
    pub fn tick_until(&mut self, real_seconds: f64, stop: Option<Secs>) -> bool {
        if self.paused || self.sim.has_ended() || real_seconds > MAX_FRAME_GAP {
            return stop.is_some_and(|s| self.sim.now() >= s);
        }
        let real_seconds = real_seconds.max(0.0);
        self.real_seconds += real_seconds;
        self.since_clock_record += real_seconds;
        self.carry += real_seconds * self.speed as f64;
        let whole = self.carry.floor();
        self.carry -= whole;
        let mut target = (self.sim.now() as f64 + whole).min(self.sim.shift_end() as f64) as Secs;
        let mut reached = false;
        if let Some(s) = stop
            && s <= target
        {
            target = s.max(self.sim.now());
            self.carry = 0.0;
            reached = true;
        }
        if target > self.sim.now() {
            self.sim.advance_to(target);
        }
        if self.since_clock_record >= CLOCK_RECORD_EVERY {
            self.since_clock_record = 0.0;
            let line = Line::Clock {
                at: self.sim.now(),
                real: self.real_seconds,
            };
            self.record(line, false);
        }
        reached
    }

    /// Applies a trainee's action now. A refused action is journaled too: refusal replays.
    pub fn act(&mut self, action: Action) -> Result<(), ActionError> {
        let at = self.sim.now();
        let result = self.sim.apply(action.clone());
        self.record(Line::Action { at, action }, true);
        result
    }

    /// « Terminer la vacation »: the rest of the shift plays out unattended.
    pub fn end_now(&mut self) {
        let at = self.sim.now();
        self.record(Line::EndShift { at }, true);
        let end = self.sim.shift_end();
        self.sim.advance_to(end);
        self.paused = false;
    }

    /// Pause and speed are for training only.
    pub fn toggle_pause(&mut self) {
        if self.sim.mode() == Mode::Training {
            self.paused = !self.paused;
        }
    }

    pub fn faster(&mut self) {
        let next = SPEEDS.iter().copied().find(|&s| s > self.speed);
        self.set_speed(next);
    }

    pub fn slower(&mut self) {
        let next = SPEEDS.iter().rev().copied().find(|&s| s < self.speed);
        self.set_speed(next);
    }

    fn set_speed(&mut self, speed: Option<f32>) {
        if let Some(speed) = speed
            && self.sim.mode() == Mode::Training
        {
            self.speed = speed;
            let at = self.sim.now();
            self.record(Line::Speed { at, speed }, false);
        }
    }

    /// Once the game clock has reached the end, closes the shift (the engine's end-of-shift
    /// misses) and returns true when it is over.
    pub fn close_if_due(&mut self) -> bool {
        if self.sim.now() >= self.sim.shift_end() && !self.sim.has_ended() {
            let end = self.sim.shift_end();
            self.sim.advance_to(end);
        }
        self.sim.has_ended()
    }

    pub fn report(&self) -> Report {
        scoring::score(self.sim.scenario(), &self.sim.log())
    }

    /// A fresh start of the same shift, with another seed (journaled once it starts).
    pub fn restarted(&self, seed: u64) -> Shift {
        Shift::new(ShiftSetup {
            scenario: Arc::clone(&self.scenario),
            source: self.header.scenario_text.clone(),
            path: self.header.scenario_path.clone(),
            seed,
            mode: self.header.mode,
            speed: self.speed,
            profile: self.header.profile,
            exam: self.header.exam.clone(),
            simulated: self.header.simulated,
        })
    }

    /// The session is stored: its journal is no longer needed.
    pub fn discard_journal(&mut self) {
        if let Some(w) = self.writer.take() {
            let _ = w.remove();
        }
    }

    fn record(&mut self, line: Line, durable: bool) {
        if let Some(w) = &mut self.writer
            && let Err(e) = w.append(&line, durable)
        {
            self.journal_problem = Some(journal_problem(&e));
        }
        self.lines.push(line);
    }
}

fn journal_problem(e: &std::io::Error) -> String {
    format!(
        "Le journal de la vacation ne peut pas être écrit ({}) : en cas d'arrêt du programme, cette vacation serait perdue.",
        crate::document::io_reason(e)
    )
}

/// Replays an action log from the start of a shift: the simulation as the trainee left it.
pub fn replay(scenario: Arc<Scenario>, seed: u64, mode: Mode, lines: &[Line]) -> Simulation {
    let mut shift = Shift::new(ShiftSetup {
        scenario,
        source: String::new(),
        path: None,
        seed,
        mode,
        speed: 1.0,
        profile: None,
        exam: None,
        simulated: false,
    });
    for line in lines {
        shift.replay_line(line);
    }
    shift.sim.advance_to(shift.sim.shift_end());
    shift.sim
}
