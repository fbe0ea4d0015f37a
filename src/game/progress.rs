//! « Mes progrès »: the current profile's history from the store, its past debriefs, the
//! suggested training, and the student's own data (export, import, erasure).

use super::Screen;
use super::results::Results;
use super::screens::{root_ui, run_chooser};
use super::session::{Debrief, Session};
use crate::progress::{LibraryScenario, ProgressView};
use crate::scenario::load;
use crate::store::{ProfileExport, SessionRecord, Store};
use crate::ui::browser::{BrowseMode, Browser};
use crate::ui::progress::{ProgressAction, ProgressUiState, progress};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Choosing {
    ExportFolder,
    ImportFile,
}

#[derive(Resource)]
pub struct Progress {
    view: ProgressView,
    state: ProgressUiState,
    chooser: Option<(Browser, Choosing)>,
    /// The outcome of the last export or import, or why it failed.
    message: Option<(String, bool)>,
}

/// The shipped scenarios, read once: what the weakest themes suggest.
fn library() -> &'static [LibraryScenario] {
    static LIBRARY: OnceLock<Vec<LibraryScenario>> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        load::ron_files_in(&super::project_dir().join("scenarios"))
            .into_iter()
            .filter_map(|p| {
                load::load_scenario_file(&p)
                    .ok()
                    .map(|s| LibraryScenario::of(&s, &p))
            })
            .collect()
    })
}

impl Progress {
    /// The current profile's history as stored (aggregates kept on save: nothing replayed).
    pub fn load(results: &Results) -> Progress {
        let profile = results.profile_id();
        let sessions = results
            .with(|s| s.sessions(profile))
            .and_then(Result::ok)
            .unwrap_or_default();
        let themes = results
            .with(|s| s.themes(profile))
            .and_then(Result::ok)
            .unwrap_or_default();
        let mut view = ProgressView::build(&sessions, &themes, library());
        view.profile_name = results
            .current
            .as_ref()
            .map_or("sans profil".to_string(), |p| p.display_name());
        Progress {
            view,
            state: ProgressUiState::default(),
            chooser: None,
            message: None,
        }
    }
}

pub fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        progress_ui.run_if(in_state(Screen::Progress)),
    );
}

fn progress_ui(
    mut contexts: EguiContexts,
    mut commands: Commands,
    mut screen: ResMut<Progress>,
    mut results: ResMut<Results>,
    time: Res<Time<Real>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = root_ui(ctx);
    let screen = &mut *screen;
    if let Some(chosen) = run_chooser(&mut root, &mut screen.chooser) {
        if let Some((path, what)) = chosen {
            let outcome = match what {
                Choosing::ExportFolder => export(&results, &path),
                Choosing::ImportFile => import(&mut results, &path),
            };
            let ok = outcome.is_ok();
            let text = outcome.unwrap_or_else(|e| e);
            *screen = Progress::load(&results);
            screen.message = Some((text, ok));
        }
        return Ok(());
    }
    if let Some((text, ok)) = &screen.message {
        egui::Panel::bottom("progres-message").show(&mut root, |ui| {
            let colour = if *ok {
                crate::ui::theme::OK
            } else {
                crate::ui::theme::DANGER
            };
            ui.label(egui::RichText::new(text).color(colour));
        });
    }
    let action = egui::CentralPanel::default()
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("progres")
                .show(ui, |ui| progress(ui, &screen.view, &mut screen.state))
                .inner
        })
        .inner;
    let here = || std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    match action {
        Some(ProgressAction::Home) => next.set(Screen::Home),
        Some(ProgressAction::Open(id)) => {
            match results
                .with(|s| s.session(&id))
                .and_then(Result::ok)
                .flatten()
            {
                Some(record) => match record.shift_report() {
                    Some(report) => {
                        let mut notes = vec![format!(
                            "Séance du {} — rapport tel qu'il a été donné ce jour-là.",
                            crate::report::date_label(&record.started_at)
                        )];
                        if !record.resumes.is_empty() {
                            notes.push(format!(
                                "Vacation reprise {} fois après une interruption.",
                                record.resumes.len()
                            ));
                        }
                        let replay = replay_of(&record, &results);
                        if replay.is_none() && record.exam.is_none() {
                            notes.push(
                                "Cette séance ne peut plus être rejouée telle quelle : le programme ou le scénario ont changé depuis.".to_string(),
                            );
                        }
                        let replayable = replay.is_some();
                        if let Some(session) = replay {
                            commands.insert_resource(session);
                        }
                        commands.insert_resource(Debrief {
                            report,
                            notes,
                            problems: Vec::new(),
                            past: true,
                            replayable,
                            opened_at: time.elapsed_secs_f64(),
                        });
                        next.set(Screen::Debrief);
                    }
                    None => {
                        screen.message = Some((
                            format!(
                                "{} : {}/100 ({}).",
                                record.scenario_title,
                                crate::report::number(record.overall),
                                crate::report::date_label(&record.started_at)
                            ),
                            true,
                        ))
                    }
                },
                None => screen.message = Some(("Séance introuvable.".into(), false)),
            }
        }
        Some(ProgressAction::Play(path)) => match training_session(&path, &results) {
            Ok(session) => {
                commands.insert_resource(session);
                next.set(Screen::Briefing);
            }
            Err(e) => screen.message = Some((e, false)),
        },
        Some(ProgressAction::Drill(kind)) => match super::drill::Drill::start(kind, None) {
            Ok(drill) => {
                commands.insert_resource(drill);
                next.set(Screen::Drill);
            }
            Err(e) => screen.message = Some((e, false)),
        },
        Some(ProgressAction::ExportHistory) => {
            screen.chooser = Some((
                Browser::new(
                    "Dossier où exporter votre historique (clé USB…)",
                    BrowseMode::Folder,
                    &here(),
                ),
                Choosing::ExportFolder,
            ));
        }
        Some(ProgressAction::ImportHistory) => {
            screen.chooser = Some((
                Browser::new(
                    "Historique à importer (fichier .json exporté par Secrétariat)",
                    BrowseMode::File {
                        endings: vec![".json".into()],
                    },
                    &here(),
                ),
                Choosing::ImportFile,
            ));
        }
        Some(ProgressAction::DeleteProfile) => match results.delete_current() {
            Ok(()) => next.set(Screen::Home),
            Err(e) => screen.message = Some((e, false)),
        },
        None => {}
    }
    Ok(())
}

/// The same shift again (same text, seed and mode), when this program is the one that played it
/// and its text still loads; never an exam's.
fn replay_of(record: &SessionRecord, results: &Results) -> Option<Session> {
    if record.exam.is_some() || record.version != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let scenario = load::load_scenario_str(&record.scenario_text).ok()?;
    let shift = crate::shift::Shift::new(crate::shift::ShiftSetup {
        scenario: Arc::new(scenario),
        source: record.scenario_text.clone(),
        path: None,
        seed: record.seed,
        mode: record.mode,
        speed: if record.speed > 0.0 {
            record.speed
        } else {
            5.0
        },
        profile: results.profile_id(),
        exam: None,
        simulated: false,
    });
    // No file behind it: the briefing has nothing to reload.
    Some(Session::of(shift, PathBuf::new()))
}

/// A suggested scenario, in training, for the current profile.
fn training_session(path: &Path, results: &Results) -> Result<Session, String> {
    let source = load::read_text(path).map_err(|p| p.to_string())?;
    let scenario = load::load_scenario_str(&source).map_err(|p| p[0].to_string())?;
    let shift = crate::shift::Shift::new(crate::shift::ShiftSetup {
        scenario: Arc::new(scenario),
        source,
        path: Some(path.to_path_buf()),
        seed: crate::fresh_seed(),
        mode: crate::sim::Mode::Training,
        speed: 5.0,
        profile: results.profile_id(),
        exam: None,
        simulated: false,
    });
    Ok(Session::of(shift, path.to_path_buf()))
}

/// Writes the current profile's history as a file in `folder`; the message says where.
fn export(results: &Results, folder: &Path) -> Result<String, String> {
    let profile = results
        .current
        .clone()
        .ok_or("Choisissez d'abord votre profil sur l'écran d'accueil.")?;
    let export = results
        .with(|s| s.export_profile(profile.id))
        .ok_or("la base de résultats n'est pas ouverte")?
        .map_err(|e| e.to_string())?;
    let name = format!(
        "historique-{}-{}.json",
        crate::exam::slug(&profile.display_name(), 40),
        chrono::Local::now().format("%Y%m%d-%H%M%S")
    );
    let path = folder.join(name);
    let text = serde_json::to_string_pretty(&export).expect("an export always serialises");
    std::fs::write(&path, text).map_err(|e| {
        format!(
            "Export impossible dans {} ({})",
            folder.display(),
            crate::document::io_reason(&e)
        )
    })?;
    Ok(format!(
        "{} séance(s) exportée(s) dans {}",
        export.sessions.len(),
        path.display()
    ))
}

/// Reads an exported history into this PC's store, under its profile (created if needed).
fn import(results: &mut Results, file: &Path) -> Result<String, String> {
    let text = crate::document::read_text(file).map_err(|p| p.to_string())?;
    let export: ProfileExport = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{} n'est pas un historique exporté par Secrétariat ({e}).",
            file.display()
        )
    })?;
    let (profile, added) = results
        .with(|s| s.import_profile(&export))
        .ok_or("la base de résultats n'est pas ouverte")?
        .map_err(|e| e.to_string())?;
    results.select(Some(profile.id));
    Ok(format!(
        "{added} séance(s) importée(s) pour {} ({} déjà présente(s)).",
        profile.display_name(),
        export.sessions.len() - added
    ))
}
