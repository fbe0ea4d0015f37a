//! The game's session plugin in a headless Bevy app with a controlled clock: no window, no GPU.
#![cfg(feature = "game")]

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use secretariat::game::Screen;
use secretariat::game::session::{self, Debrief, DeskCommand, Session};
use secretariat::scenario::load_scenario_file;
use secretariat::sim::{Action, MissReason, Mode, Status};
use secretariat::ui::DeskAction;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

mod common;

use common::FIXTURE as EXAMPLE;

/// A headless app on the example's desk, where 100 ms of real time pass per update.
fn app(speed: f32, mode: Mode) -> App {
    let scenario = Arc::new(load_scenario_file(std::path::Path::new(EXAMPLE)).unwrap());
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin));
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
        100,
    )));
    app.init_state::<Screen>();
    app.add_plugins(session::plugin);
    app.insert_resource(Session::new(
        scenario,
        PathBuf::from(EXAMPLE),
        1,
        mode,
        speed,
    ));
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Desk);
    app.update(); // the first update has a zero delta and applies the state change
    app
}

fn session(app: &App) -> &Session {
    app.world().resource::<Session>()
}

fn situation(app: &App, id: &str) -> usize {
    session(app).sim.scenario().situation_index(id).unwrap()
}

/// Updates until the game clock reaches `time` (or the shift ends).
fn run_until(app: &mut App, time: u32) {
    for _ in 0..100_000 {
        if session(app).sim.now() >= time || session(app).sim.has_ended() {
            return;
        }
        app.update();
    }
    panic!("the clock never reached {time}");
}

#[test]
fn a_phone_nobody_answers_goes_to_voicemail() {
    let mut app = app(60.0, Mode::Training);
    let call = situation(&app, "appel-gene-poitrine");
    let arrival = session(&app).sim.state(call).arrival;
    run_until(&mut app, arrival + 10);
    assert_eq!(
        session(&app).sim.state(call).status,
        Status::Waiting,
        "still ringing"
    );
    run_until(&mut app, arrival + 31);
    assert_eq!(
        session(&app).sim.state(call).status,
        Status::Missed(MissReason::Voicemail)
    );
}

#[test]
fn a_patient_left_waiting_leaves() {
    let mut app = app(300.0, Mode::Training);
    let patient = situation(&app, "accueil-m-leroy");
    let arrival = session(&app).sim.state(patient).arrival;
    run_until(&mut app, arrival + 20 * 60 + 1);
    assert_eq!(
        session(&app).sim.state(patient).status,
        Status::Missed(MissReason::Left)
    );
}

#[test]
fn the_clock_follows_real_time_times_speed_and_stops_when_paused() {
    let mut app = app(10.0, Mode::Training);
    let start = session(&app).sim.now();
    for _ in 0..10 {
        app.update();
    }
    assert_eq!(
        session(&app).sim.now() - start,
        10,
        "1 s of real time at ×10"
    );
    app.world_mut()
        .write_message(DeskCommand(DeskAction::TogglePause));
    app.update();
    let paused_at = session(&app).sim.now();
    for _ in 0..20 {
        app.update();
    }
    assert_eq!(session(&app).sim.now(), paused_at);
}

#[test]
fn the_exam_mode_cannot_be_paused() {
    let mut app = app(10.0, Mode::Exam);
    app.world_mut()
        .write_message(DeskCommand(DeskAction::TogglePause));
    let before = session(&app).sim.now();
    for _ in 0..10 {
        app.update();
    }
    assert!(!session(&app).paused);
    assert!(session(&app).sim.now() > before);
}

#[test]
fn desk_commands_reach_the_simulation() {
    let mut app = app(60.0, Mode::Training);
    let patient = situation(&app, "accueil-m-leroy");
    let arrival = session(&app).sim.state(patient).arrival;
    run_until(&mut app, arrival + 5);
    app.world_mut()
        .write_message(DeskCommand(DeskAction::Sim(Action::Take(patient))));
    app.update();
    assert_eq!(session(&app).sim.active(), Some(patient));
}

#[test]
fn the_end_of_the_shift_produces_a_debrief() {
    let mut app = app(600.0, Mode::Exam);
    for _ in 0..200 {
        app.update();
        if *app.world().resource::<State<Screen>>().get() == Screen::Debrief {
            break;
        }
    }
    assert_eq!(
        *app.world().resource::<State<Screen>>().get(),
        Screen::Debrief
    );
    let report = &app.world().resource::<Debrief>().report;
    assert!(!report.validated, "nobody answered anything");
    assert!(
        report
            .critical_errors
            .iter()
            .any(|c| c.explanation.contains("Urgence vitale manquée"))
    );
}

#[test]
fn ending_the_shift_early_plays_it_out_and_shows_the_debrief() {
    let mut app = app(5.0, Mode::Training);
    app.world_mut()
        .write_message(DeskCommand(DeskAction::EndShift));
    app.update();
    app.update();
    assert_eq!(
        *app.world().resource::<State<Screen>>().get(),
        Screen::Debrief
    );
    // Nothing was answered: ending early cannot spare the unanswered situations.
    let report = &app.world().resource::<Debrief>().report;
    assert!(!report.validated);
    assert!(report.scores.overall < 20.0, "{:?}", report.scores);
}

#[test]
fn the_shift_is_journaled_then_stored_before_its_debrief_shows() {
    use secretariat::game::results::Results;
    use secretariat::store::location::{DataDir, Origin};
    use secretariat::store::{SqliteStore, Store};
    let folder = common::temp_dir("game-store");
    let _ = std::fs::remove_dir_all(&folder);
    let data = DataDir {
        path: folder.clone(),
        origin: Origin::Environment,
    };
    let scenario = Arc::new(load_scenario_file(std::path::Path::new(EXAMPLE)).unwrap());
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin));
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
        100,
    )));
    app.init_state::<Screen>();
    app.add_plugins(session::plugin);
    app.insert_resource(Results::open_in(data.clone(), Some("Zoé Lefèvre")));
    app.insert_resource(Session::new(
        scenario,
        PathBuf::from(EXAMPLE),
        1,
        Mode::Training,
        60.0,
    ));
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Desk);
    for _ in 0..30 {
        app.update();
    }
    let journals = || std::fs::read_dir(data.journals()).unwrap().count();
    assert_eq!(journals(), 1, "the shift is journaled while it runs");
    app.world_mut()
        .write_message(DeskCommand(DeskAction::EndShift));
    app.update();
    app.update();
    assert_eq!(
        *app.world().resource::<State<Screen>>().get(),
        Screen::Debrief
    );
    let debrief = app.world().resource::<Debrief>();
    assert!(debrief.problems.is_empty(), "{:?}", debrief.problems);
    assert!(debrief.notes[0].contains("Résultat enregistré"));
    let store = SqliteStore::open(&data.database(), false).unwrap();
    let sessions = store.sessions(None).unwrap();
    assert_eq!(sessions.len(), 1, "stored before the debrief shows");
    assert_eq!(
        store
            .session(&sessions[0].id)
            .unwrap()
            .unwrap()
            .shift_report()
            .unwrap(),
        debrief.report
    );
    assert_eq!(journals(), 0, "the journal goes once the result is safe");
}
