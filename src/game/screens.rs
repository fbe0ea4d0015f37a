//! The four screens as Bevy systems: each builds its view, calls the egui drawing function from
//! `ui`, and turns what the trainee asked for into state changes. The scenario file is reloaded
//! when it changes while the home or briefing screen is shown.

use super::results::Results;
use super::session::{DEBRIEF_KEY_GUARD, Debrief, DeskCommand, Session};
use super::{PlayOptions, Screen, Settings, project_dir};
use crate::scenario::{Axis, Problem, Scenario, load};
use crate::scoring::axis_stake;
use crate::shift::{Shift, ShiftSetup};
use crate::sim::Mode;
use crate::ui::desk::{self, DeskUiState};
use crate::ui::profiles::{ProfileAction, ProfileForm, profile_bar};
use crate::ui::screens::{self, BriefingAction, BriefingView, HomeAction, HomeForm, ScenarioEntry};
use crate::ui::view::desk_view;
use crate::ui::{DeskAction, debrief};
use bevy::app::AppExit;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// How often scenario files are checked for changes. The loop wakes about this often on these
/// screens; checks accept a wake-up slightly early (90 %) so that none is skipped.
pub const RELOAD_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// The scenarios on offer and the home form.
#[derive(Resource, Default)]
struct Home {
    files: Vec<PathBuf>,
    entries: Vec<ScenarioEntry>,
    stamps: Vec<Option<SystemTime>>,
    form: HomeForm,
}

/// The desk panels' own state (typed text, register search), kept between frames.
#[derive(Resource, Default)]
struct DeskUi(DeskUiState);

/// Problems of the briefing's scenario file after an edit made it invalid, and that edit's time.
#[derive(Resource, Default)]
struct BriefingProblems(Vec<String>, Option<SystemTime>);

/// The profile bar's typing.
#[derive(Resource, Default)]
struct Profiles(ProfileForm);

pub fn plugin(app: &mut App) {
    app.init_resource::<DeskUi>();
    app.init_resource::<Profiles>();
    app.init_resource::<BriefingProblems>();
    app.add_systems(Startup, setup);
    app.add_systems(
        EguiPrimaryContextPass,
        (
            readable_text,
            home_ui.run_if(in_state(Screen::Home)),
            briefing_ui.run_if(in_state(Screen::Briefing)),
            desk_ui.run_if(in_state(Screen::Desk)),
            debrief_ui.run_if(in_state(Screen::Debrief)),
        ),
    );
    app.add_systems(
        Update,
        (
            reload_home.run_if(in_state(Screen::Home)),
            reload_briefing.run_if(in_state(Screen::Briefing)),
        ),
    );
    app.add_systems(OnEnter(Screen::Desk), |mut state: ResMut<DeskUi>| {
        state.0 = DeskUiState::default()
    });
    app.add_systems(
        OnEnter(Screen::Briefing),
        |mut problems: ResMut<BriefingProblems>| *problems = default(),
    );
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn problems_text(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(|p| p.to_string()).collect()
}

fn entry_for(path: &Path) -> ScenarioEntry {
    entry_and_rank(path).0
}

/// A file's home-screen entry and its level's rank (an invalid file comes last).
fn entry_and_rank(path: &Path) -> (ScenarioEntry, u8) {
    let shown = path.display().to_string();
    match load::load_scenario_file(path) {
        Ok(s) => (
            ScenarioEntry {
                path: shown,
                title: s.title.clone(),
                summary: format!(
                    "{}{} · {}–{} · {} situations",
                    level_prefix(&s.tags),
                    s.practice.name,
                    s.practice.shift_start,
                    s.practice.shift_end,
                    s.situations.len()
                ),
                problems: Vec::new(),
                minutes: (s.practice.shift_end.seconds() - s.practice.shift_start.seconds()) / 60,
            },
            crate::scenario::tags::level(&s.tags).0,
        ),
        Err(problems) => (
            ScenarioEntry {
                path: shown,
                title: path
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
                summary: String::new(),
                problems: problems_text(&problems),
                minutes: 0,
            },
            5,
        ),
    }
}

fn level_prefix(tags: &[String]) -> String {
    match crate::scenario::tags::level(tags) {
        (_, "") => String::new(),
        (_, label) => format!("{label} · "),
    }
}

/// Larger text than egui's defaults: the desk is read at arm's length, often on a projector.
fn readable_text(mut contexts: EguiContexts, mut done: Local<bool>) -> Result {
    if *done {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily, FontId, TextStyle};
        style.text_styles = [
            (
                TextStyle::Small,
                FontId::new(12.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(15.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(22.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(14.0, FontFamily::Monospace),
            ),
        ]
        .into();
        // The camera clears the window to the panels' colour: transparent panels spare the
        // software rasteriser a full-window quad on every frame.
        style.visuals.panel_fill = egui::Color32::TRANSPARENT;
    });
    *done = true;
    Ok(())
}

fn setup(mut commands: Commands, options: Res<PlayOptions>, mut next: ResMut<NextState<Screen>>) {
    let results = Results::open(options.profile.as_deref());
    // Each file is loaded once; the list goes from the tutorial to exam-level shifts.
    let mut listed: Vec<(PathBuf, ScenarioEntry, u8)> =
        load::ron_files_in(&project_dir().join("scenarios"))
            .into_iter()
            .filter(|f| load::may_be_scenario(f))
            .map(|f| {
                let (entry, rank) = entry_and_rank(&f);
                (f, entry, rank)
            })
            .collect();
    listed.sort_by(|a, b| (a.2, &a.0).cmp(&(b.2, &b.0)));
    let (mut files, mut entries): (Vec<PathBuf>, Vec<ScenarioEntry>) =
        listed.into_iter().map(|(f, e, _)| (f, e)).unzip();
    let mut home = Home {
        form: HomeForm::default(),
        ..default()
    };
    if let Some(mode) = options.mode {
        home.form.mode = mode;
    }
    if let Some(speed) = options.speed {
        home.form.speed = speed;
    }
    if let Some(seed) = options.seed {
        home.form.seed = seed.to_string();
    }
    if let Some(file) = &options.file {
        let position = files.iter().position(|f| same_file(f, file));
        home.form.selected = position.unwrap_or_else(|| {
            entries.push(entry_for(file));
            files.push(file.clone());
            files.len() - 1
        });
    }
    // Otherwise the first of the list: the tutorial when there is one.
    home.stamps = files.iter().map(|f| modified(f)).collect();
    home.entries = entries;
    home.files = files;
    if options.file.is_some()
        && let Some(session) = start_session(&mut home, results.profile_id())
    {
        commands.insert_resource(session);
        next.set(Screen::Briefing);
    }
    if let Some(exam) = &options.exam {
        commands.insert_resource(super::exam::ExamDesk::with_file(exam));
        next.set(Screen::Exam);
    }
    commands.insert_resource(home);
    commands.insert_resource(results);
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// A session on the selected scenario with the form's settings, or the reason in the form.
fn start_session(home: &mut Home, profile: Option<i64>) -> Option<Session> {
    let path = home.files.get(home.form.selected)?.clone();
    let seed = match home.form.parsed_seed() {
        Ok(seed) => seed.unwrap_or_else(crate::fresh_seed),
        Err(e) => {
            home.form.error = Some(e);
            return None;
        }
    };
    let loaded = load::read_text(&path)
        .map_err(|p| vec![p])
        .and_then(|source| load::load_scenario_str(&source).map(|s| (s, source)));
    match loaded {
        Ok((s, source)) => Some(Session::of(
            Shift::new(ShiftSetup {
                scenario: Arc::new(s),
                source,
                path: Some(path.clone()),
                seed,
                mode: home.form.mode,
                speed: home.form.speed,
                profile,
                exam: None,
                simulated: false,
            }),
            path,
        )),
        Err(problems) => {
            home.entries[home.form.selected] = ScenarioEntry {
                problems: problems_text(&problems),
                ..entry_for(&path)
            };
            None
        }
    }
}

/// Draws the in-game file chooser when one is open. `None`: none is open, the screen draws
/// itself; `Some(None)`: still choosing; `Some(Some((path, what)))`: chosen (the chooser closes,
/// as it does on « Annuler »).
pub(super) fn run_chooser<T: Copy>(
    root: &mut egui::Ui,
    open: &mut Option<(crate::ui::browser::Browser, T)>,
) -> Option<Option<(PathBuf, T)>> {
    use crate::ui::browser::{BrowserAction, browser};
    let (chooser, what) = open.as_mut()?;
    let what = *what;
    let action = egui::CentralPanel::default()
        .show(root, |ui| browser(ui, chooser))
        .inner;
    Some(match action {
        Some(BrowserAction::Chosen(path)) => {
            *open = None;
            Some((path, what))
        }
        Some(BrowserAction::Cancel) => {
            *open = None;
            None
        }
        None => None,
    })
}

/// A root `Ui` covering the window, as bevy_egui 0.42's panel example builds it.
pub(super) fn root_ui(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

#[allow(clippy::too_many_arguments)] // one screen's resources
fn home_ui(
    mut contexts: EguiContexts,
    mut commands: Commands,
    mut home: ResMut<Home>,
    mut results: ResMut<Results>,
    mut profiles: ResMut<Profiles>,
    mut next: ResMut<NextState<Screen>>,
    mut exit: MessageWriter<AppExit>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = root_ui(ctx);
    let home = &mut *home;
    let bar = results.bar_view();
    let profile_action = egui::Panel::top("profil")
        .show(&mut root, |ui| {
            ui.add_space(4.0);
            let action = profile_bar(ui, &bar, &mut profiles.0);
            ui.add_space(4.0);
            action
        })
        .inner;
    match profile_action {
        Some(ProfileAction::Select(id)) => results.select(id),
        Some(ProfileAction::Create(p)) => match results.create(&p) {
            Ok(()) => profiles.0 = ProfileForm::default(),
            Err(e) => profiles.0.error = Some(e),
        },
        Some(ProfileAction::Progress) => {
            commands.insert_resource(super::progress::Progress::load(&results));
            next.set(Screen::Progress);
        }
        Some(ProfileAction::Exam) => {
            commands.insert_resource(super::exam::ExamDesk::default());
            next.set(Screen::Exam);
        }
        Some(ProfileAction::Resume) | Some(ProfileAction::CloseInterrupted) => {
            let close = profile_action == Some(ProfileAction::CloseInterrupted);
            match resume_interrupted(&mut results, close) {
                Ok(session) => {
                    commands.insert_resource(session);
                    next.set(Screen::Desk);
                }
                Err(e) => results.notices.push(e),
            }
        }
        None => {}
    }
    let action = egui::CentralPanel::default()
        .show(&mut root, |ui| {
            screens::home(ui, &home.entries, &mut home.form)
        })
        .inner;
    match action {
        Some(HomeAction::Start) => {
            if let Some(session) = start_session(home, results.profile_id()) {
                commands.insert_resource(session);
                next.set(Screen::Briefing);
            }
        }
        Some(HomeAction::Open(path)) => {
            let path = PathBuf::from(path);
            if path.is_file() {
                home.stamps.push(modified(&path));
                home.entries.push(entry_for(&path));
                home.files.push(path);
                home.form.selected = home.files.len() - 1;
                home.form.open_path.clear();
                home.form.error = None;
            } else {
                home.form.error = Some(format!("Fichier introuvable : {}", path.display()));
            }
        }
        // A seed typed on the home screen gives everyone the same questions.
        Some(HomeAction::Drill) => match super::drill::Drill::start(
            home.form.drill_kind,
            home.form.seed.trim().parse().ok(),
        ) {
            Ok(drill) => {
                home.form.error = None;
                commands.insert_resource(drill);
                next.set(Screen::Drill);
            }
            Err(e) => home.form.error = Some(e),
        },
        Some(HomeAction::Quit) => {
            exit.write(AppExit::Success);
        }
        None => {}
    }
    Ok(())
}

/// The interrupted shift, replayed from its journal to where it stopped; `close`: played out to
/// its end at once (stored, with its report) instead of taken up.
fn resume_interrupted(results: &mut Results, close: bool) -> Result<Session, String> {
    let journal = results
        .take_interrupted()
        .ok_or("aucune vacation interrompue")?;
    let scenario = load::load_scenario_str(&journal.header.scenario_text).map_err(|p| {
        format!(
            "La vacation interrompue ne peut pas être reprise : son scénario est illisible ({}). Son journal est conservé : {}",
            p[0],
            journal.path.display()
        )
    })?;
    let mut shift = Shift::resume(&journal, Arc::new(scenario));
    if close {
        shift.end_now();
    } else if shift.sim.mode() == crate::sim::Mode::Training {
        // A moment to look at the desk again before the clock runs.
        shift.paused = true;
    }
    let path = journal
        .header
        .scenario_path
        .clone()
        .unwrap_or_else(|| journal.path.clone());
    Ok(Session::of(shift, path))
}

fn briefing_view(scenario: &Scenario, session: &Session, problems: &[String]) -> BriefingView {
    let p = &scenario.practice;
    let tags = crate::scenario::tags::briefing_themes(scenario);
    BriefingView {
        title: scenario.title.clone(),
        description: scenario.description.clone(),
        practice: format!("{} ({})", p.name, p.specialty),
        doctors: p
            .doctors
            .iter()
            .map(|d| {
                if d.specialty.is_empty() {
                    d.name.clone()
                } else {
                    format!("{} — {}", d.name, d.specialty)
                }
            })
            .collect(),
        shift: match scenario.day_label() {
            Some(day) => format!("{day}, {} – {}", p.shift_start, p.shift_end),
            None => format!("{} – {}", p.shift_start, p.shift_end),
        },
        situations: scenario.situations.len(),
        mode: session.sim.mode(),
        seed: session.sim.seed(),
        speed: session.speed,
        assessed: Axis::ALL
            .into_iter()
            .filter(|&a| axis_stake(scenario, a) > 0)
            .map(Axis::label)
            .collect(),
        tags,
        problems: problems.to_vec(),
    }
}

fn briefing_ui(
    mut contexts: EguiContexts,
    session: Res<Session>,
    problems: Res<BriefingProblems>,
    mut cached: Local<Option<BriefingView>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = root_ui(ctx);
    // Built when the session or the file's problems change, not every frame (the stakes of every
    // situation are worked out for it).
    if cached.is_none() || session.is_changed() || problems.is_changed() {
        *cached = Some(briefing_view(session.sim.scenario(), &session, &problems.0));
    }
    let view = cached.as_ref().expect("just built");
    let action = egui::CentralPanel::default()
        .show(&mut root, |ui| screens::briefing(ui, view))
        .inner;
    match action {
        Some(BriefingAction::Start) => next.set(Screen::Desk),
        Some(BriefingAction::Back) => next.set(Screen::Home),
        None => {}
    }
    Ok(())
}

/// What the desk view depends on: the shift (its session id), the game time, the log's length
/// (every action and every timer that fires adds to it), the speed and the pause.
type DeskKey = (String, crate::sim::Secs, usize, u32, bool);

fn desk_ui(
    mut contexts: EguiContexts,
    session: Res<Session>,
    mut settings: ResMut<Settings>,
    mut state: ResMut<DeskUi>,
    mut cached: Local<Option<(DeskKey, crate::ui::view::DeskView)>>,
    mut commands: MessageWriter<DeskCommand>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = root_ui(ctx);
    // Rebuilt only when the shift moved: frames come faster than game seconds.
    let key: DeskKey = (
        session.header().id.clone(),
        session.sim.now(),
        session.sim.entries().len(),
        session.speed.to_bits(),
        session.paused,
    );
    if cached.as_ref().is_none_or(|(k, _)| *k != key) {
        *cached = Some((key, desk_view(&session.sim, session.speed, session.paused)));
    }
    let view = &mut cached.as_mut().expect("just built").1;
    if let Some(problem) = session.journal_problem() {
        egui::Panel::bottom("journal-probleme").show(&mut root, |ui| {
            ui.label(egui::RichText::new(problem).color(crate::ui::theme::DANGER));
        });
    }
    view.clock.volume = settings.volume;
    view.clock.muted = settings.muted;
    for action in desk::desk(&mut root, view, &mut state.0) {
        match action {
            DeskAction::ToggleMute => settings.muted = !settings.muted,
            DeskAction::Volume(v) => settings.volume = v.clamp(0.0, 1.0),
            other => {
                commands.write(DeskCommand(other));
            }
        }
    }
    Ok(())
}

fn debrief_ui(
    mut contexts: EguiContexts,
    mut commands: Commands,
    report: Res<Debrief>,
    session: Option<Res<Session>>,
    time: Res<Time<Real>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    // Keys still typed for the shift when it ended (a word, Enter, Échap) must not close the
    // debrief before it is read.
    if time.elapsed_secs_f64() - report.opened_at < DEBRIEF_KEY_GUARD {
        ctx.input_mut(|i| {
            i.events
                .retain(|e| !matches!(e, egui::Event::Key { .. } | egui::Event::Text(_)));
        });
    }
    let mut root = root_ui(ctx);
    if !report.notes.is_empty() || !report.problems.is_empty() {
        egui::Panel::top("debrief-notes").show(&mut root, |ui| {
            for n in &report.notes {
                ui.label(egui::RichText::new(n).color(crate::ui::theme::OK));
            }
            for p in &report.problems {
                ui.label(egui::RichText::new(p).color(crate::ui::theme::DANGER));
            }
        });
    }
    let action = egui::CentralPanel::default()
        .show(&mut root, |ui| {
            let back = if report.past {
                "Mes progrès"
            } else {
                "Accueil"
            };
            debrief::debrief_with(ui, &report.report, report.replayable, back)
        })
        .inner;
    let leave = if report.past {
        Screen::Progress
    } else {
        Screen::Home
    };
    match (action, session) {
        (Some(debrief::DebriefAction::Home), _) => next.set(leave),
        // An exam is played once per attempt, from its file: no replay from its debrief.
        (Some(_), _) if !report.replayable => next.set(leave),
        (Some(debrief::DebriefAction::ReplaySameSeed), Some(session)) => {
            commands.insert_resource(session.restarted(session.sim.seed()));
            next.set(Screen::Briefing);
        }
        (Some(debrief::DebriefAction::NewSeed), Some(session)) => {
            // In an exam the seed is the instructor's: a new one is for training only.
            let seed = if session.sim.mode() == Mode::Exam {
                session.sim.seed()
            } else {
                crate::fresh_seed()
            };
            commands.insert_resource(session.restarted(seed));
            next.set(Screen::Briefing);
        }
        (Some(_), None) => next.set(leave),
        (None, _) => {}
    }
    Ok(())
}

/// Home: refresh a scenario's entry when its file changes on disk.
fn reload_home(
    time: Res<Time<Real>>,
    mut last: Local<f64>,
    mut home: ResMut<Home>,
    mut settle: ResMut<super::idle::Settle>,
) {
    if time.elapsed_secs_f64() - *last < RELOAD_EVERY.as_secs_f64() * 0.9 {
        return;
    }
    *last = time.elapsed_secs_f64();
    let home = &mut *home;
    for (i, path) in home.files.iter().enumerate() {
        let stamp = modified(path);
        if stamp != home.stamps[i] {
            home.stamps[i] = stamp;
            home.entries[i] = entry_for(path);
            settle.0 = super::idle::SETTLE_FRAMES;
        }
    }
}

/// Briefing: reload the scenario when its file changes; an invalid file shows its problems.
fn reload_briefing(
    time: Res<Time<Real>>,
    mut last: Local<f64>,
    mut session: ResMut<Session>,
    mut problems: ResMut<BriefingProblems>,
    mut settle: ResMut<super::idle::Settle>,
) {
    let now = time.elapsed_secs_f64();
    if now - *last < RELOAD_EVERY.as_secs_f64() * 0.9 {
        return;
    }
    *last = now;
    // An exam plays the text of its exam file, whatever became of the scenario file.
    if session.header().exam.is_some() {
        return;
    }
    let stamp = modified(&session.path);
    if stamp == session.file_stamp || stamp == problems.1 {
        return;
    }
    settle.0 = super::idle::SETTLE_FRAMES;
    match load::load_scenario_file(&session.path) {
        Ok(s) => {
            let (path, seed, mode, speed) = (
                session.path.clone(),
                session.sim.seed(),
                session.sim.mode(),
                session.speed,
            );
            let restarted = Session::new(Arc::new(s), path, seed, mode, speed);
            let profile = session.header().profile;
            *session = restarted;
            session.shift.set_profile(profile);
            *problems = default();
        }
        Err(p) => *problems = BriefingProblems(problems_text(&p), stamp),
    }
}
