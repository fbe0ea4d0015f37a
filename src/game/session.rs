//! The shift in progress: the simulation as a Bevy resource, the game clock that drives it, the
//! trainee's actions, and the report when the shift ends. No drawing here, so headless tests can
//! run it with `MinimalPlugins`.

use super::Screen;
use crate::scenario::Scenario;
use crate::scoring::{self, Report};
use crate::sim::{Mode, Simulation};
use crate::ui::DeskAction;
use crate::ui::screens::SPEEDS;
use bevy::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

/// The shift being played.
#[derive(Resource)]
pub struct Session {
    pub sim: Simulation,
    /// The scenario file, for reloading and replaying.
    pub path: PathBuf,
    /// Game seconds per real second.
    pub speed: f32,
    pub paused: bool,
    /// Game time not yet applied: the clock moves by whole seconds, fractions carry over.
    carry: f64,
    /// When the scenario file was last modified as loaded, to notice later edits.
    pub file_stamp: Option<std::time::SystemTime>,
}

impl Session {
    pub fn new(scenario: Arc<Scenario>, path: PathBuf, seed: u64, mode: Mode, speed: f32) -> Self {
        let file_stamp = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        Session {
            sim: Simulation::new(scenario, seed, mode),
            path,
            speed,
            paused: false,
            carry: 0.0,
            file_stamp,
        }
    }

    /// A fresh start of the same shift, with another seed if given.
    pub fn restarted(&self, seed: u64) -> Self {
        Session::new(
            Arc::clone(self.sim.scenario()),
            self.path.clone(),
            seed,
            self.sim.mode(),
            self.speed,
        )
    }

    /// Moves the game clock by `real_seconds` of real time.
    pub fn tick(&mut self, real_seconds: f64) {
        if self.paused || self.sim.has_ended() {
            return;
        }
        self.carry += real_seconds * self.speed as f64;
        let whole = self.carry.floor();
        self.carry -= whole;
        if whole >= 1.0 {
            let target = (self.sim.now() as f64 + whole).min(self.sim.shift_end() as f64) as u32;
            self.sim.advance_to(target);
        }
    }

    /// Applies what the trainee asked for. Pause and speed are for training only.
    pub fn apply(&mut self, action: DeskAction) {
        let training = self.sim.mode() == Mode::Training;
        match action {
            DeskAction::Sim(a) => {
                // A refused action is in the log, which the desk shows.
                let _ = self.sim.apply(a);
            }
            DeskAction::EndShift => {
                // The rest of the shift plays out unattended; the debrief follows.
                let end = self.sim.shift_end();
                self.sim.advance_to(end);
                self.paused = false;
            }
            DeskAction::TogglePause if training => self.paused = !self.paused,
            DeskAction::Faster if training => {
                self.speed = SPEEDS
                    .iter()
                    .copied()
                    .find(|&s| s > self.speed)
                    .unwrap_or(self.speed);
            }
            DeskAction::Slower if training => {
                self.speed = SPEEDS
                    .iter()
                    .rev()
                    .copied()
                    .find(|&s| s < self.speed)
                    .unwrap_or(self.speed);
            }
            _ => {}
        }
    }

    pub fn report(&self) -> Report {
        scoring::score(self.sim.scenario(), &self.sim.log())
    }
}

/// What the trainee did on the desk this frame, sent by the desk's UI.
#[derive(Message, Clone, Debug)]
pub struct DeskCommand(pub DeskAction);

/// The report of the shift just finished.
#[derive(Resource)]
pub struct Debrief(pub Report);

pub fn plugin(app: &mut App) {
    app.add_message::<DeskCommand>();
    app.add_systems(
        Update,
        (apply_commands, tick_clock, end_of_shift)
            .chain()
            .run_if(in_state(Screen::Desk)),
    );
}

fn apply_commands(mut commands: MessageReader<DeskCommand>, mut session: ResMut<Session>) {
    for DeskCommand(action) in commands.read() {
        session.apply(action.clone());
    }
}

/// Real time: virtual time would clamp long frames to 250 ms and slow the shift down.
fn tick_clock(time: Res<Time<Real>>, mut session: ResMut<Session>) {
    session.tick(time.delta_secs_f64());
}

fn end_of_shift(
    mut commands: Commands,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
) {
    if session.sim.now() >= session.sim.shift_end() && !session.sim.has_ended() {
        let end = session.sim.shift_end();
        session.sim.advance_to(end);
    }
    if session.sim.has_ended() {
        commands.insert_resource(Debrief(session.report()));
        next.set(Screen::Debrief);
    }
}
