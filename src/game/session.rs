//! The shift in progress: the simulation as a Bevy resource, the game clock that drives it, the
//! trainee's actions, and the report when the shift ends. No drawing here, so headless tests can
//! run it with `MinimalPlugins`.

use super::Screen;
use super::results::Results;
use crate::scenario::Scenario;
use crate::scoring::Report;
use crate::shift::{Shift, ShiftSetup};
use crate::sim::Mode;
use crate::store::SessionRecord;
use crate::ui::DeskAction;
use bevy::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

/// The shift being played, and the scenario file it came from (reloaded on the briefing when
/// edited).
#[derive(Resource, Deref, DerefMut)]
pub struct Session {
    #[deref]
    pub shift: Shift,
    pub path: PathBuf,
    /// When the scenario file was last modified as loaded, to notice later edits.
    pub file_stamp: Option<std::time::SystemTime>,
}

impl Session {
    /// A new shift on a scenario loaded from `path`, for no profile (tests, `play FILE`).
    pub fn new(scenario: Arc<Scenario>, path: PathBuf, seed: u64, mode: Mode, speed: f32) -> Self {
        let source = crate::document::read_text(&path).unwrap_or_default();
        Session::of(
            Shift::new(ShiftSetup {
                scenario,
                source,
                path: Some(path.clone()),
                seed,
                mode,
                speed,
                profile: None,
                exam: None,
                simulated: false,
            }),
            path,
        )
    }

    pub fn of(shift: Shift, path: PathBuf) -> Self {
        let file_stamp = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        Session {
            shift,
            path,
            file_stamp,
        }
    }

    /// A fresh start of the same shift, with another seed if given.
    pub fn restarted(&self, seed: u64) -> Self {
        Session::of(self.shift.restarted(seed), self.path.clone())
    }

    /// Applies what the trainee asked for. Pause and speed are for training only.
    pub fn apply(&mut self, action: DeskAction) {
        match action {
            // A refused action is in the log, which the desk shows.
            DeskAction::Sim(a) => {
                let _ = self.shift.act(a);
            }
            DeskAction::EndShift => self.shift.end_now(),
            DeskAction::TogglePause => self.shift.toggle_pause(),
            DeskAction::Faster => self.shift.faster(),
            DeskAction::Slower => self.shift.slower(),
            DeskAction::ToggleMute | DeskAction::Volume(_) => {}
        }
    }
}

/// What the trainee did on the desk this frame, sent by the desk's UI.
#[derive(Message, Clone, Debug)]
pub struct DeskCommand(pub DeskAction);

/// The debrief on show: a shift just finished, or a past session reopened from « Mes progrès ».
#[derive(Resource)]
pub struct Debrief {
    pub report: Report,
    /// Whether the result was stored, and where the exam's result file went, in French.
    pub notes: Vec<String>,
    /// Something went wrong keeping the result (shown in red).
    pub problems: Vec<String>,
    /// Reopened from the history: leaving goes back to « Mes progrès ».
    pub past: bool,
    /// The shift can be played again from here (a past one only when this program and the
    /// scenario text it was played on still agree).
    pub replayable: bool,
    /// Real time when it opened: keys typed in the first second belonged to the shift.
    pub opened_at: f64,
}

/// Keys pressed this soon after the debrief opens are ignored.
pub const DEBRIEF_KEY_GUARD: f64 = 1.0;

pub fn plugin(app: &mut App) {
    app.add_message::<DeskCommand>();
    app.add_systems(OnEnter(Screen::Desk), start_journal);
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

/// The journal starts when the shift does (not on the briefing, which may be left).
fn start_journal(mut session: ResMut<Session>, results: Option<Res<Results>>) {
    if let Some(folder) = results.as_ref().and_then(|r| r.journals()) {
        session.start_journal(&folder);
    }
}

/// At the end of the shift: the result is stored (and, in an exam, written to its file) before
/// the debrief shows; the journal goes only once the result is safe.
fn end_of_shift(
    mut commands: Commands,
    mut session: ResMut<Session>,
    results: Option<Res<Results>>,
    time: Res<Time<Real>>,
    mut next: ResMut<NextState<Screen>>,
) {
    if !session.close_if_due() {
        return;
    }
    let report = session.report();
    let record = SessionRecord::of_shift(&session.shift, &report);
    let mut notes = Vec::new();
    let mut problems = Vec::new();
    let mut safe = false;
    if !record.resumes.is_empty() {
        let times: Vec<&str> = record.resumes.iter().map(|r| r.at.as_str()).collect();
        notes.push(format!(
            "Vacation interrompue puis reprise ({} fois ; arrêtée à {}) : c'est noté dans le résultat.",
            record.resumes.len(),
            times.join(", ")
        ));
    }
    match results.as_ref().map(|r| r.save(&record)) {
        Some(Ok(())) => {
            notes.push("Résultat enregistré dans votre historique (« Mes progrès »).".to_string());
            safe = true;
        }
        Some(Err(e)) => problems.push(format!("Résultat non enregistré : {e}")),
        None => {}
    }
    if let Some(seat) = &record.exam {
        match super::exam::write_result_file(seat, &record) {
            Ok(path) => {
                notes.push(format!(
                    "Fichier de résultat à rendre au formateur : {}",
                    path.display()
                ));
            }
            Err(e) => {
                safe = false;
                problems.push(format!("Fichier de résultat non écrit : {e}"));
            }
        }
    }
    if safe {
        session.discard_journal();
    } else if let Some(path) = session.journal_path() {
        problems.push(format!(
            "Le journal de la vacation est conservé ({}) : la vacation sera proposée au prochain lancement.",
            path.display()
        ));
    }
    commands.insert_resource(Debrief {
        report,
        notes,
        problems,
        past: false,
        replayable: record.exam.is_none(),
        opened_at: time.elapsed_secs_f64(),
    });
    next.set(Screen::Debrief);
}
