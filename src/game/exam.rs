//! « Passer un examen »: the candidate's form, the exam file and result folder chosen in the game,
//! the shift started from the exam's own text, and the signed result file written at its end.

use super::Screen;
use super::results::Results;
use super::screens::{root_ui, run_chooser};
use super::session::Session;
use crate::exam::ExamFile;
use crate::journal::ExamSeat;
use crate::shift::{Shift, ShiftSetup};
use crate::store::{NewProfile, SessionRecord, Store};
use crate::ui::browser::{BrowseMode, Browser};
use crate::ui::exam::{CandidateForm, ExamFormAction, ExamFormView, exam_form};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the file chooser is choosing.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Choosing {
    ExamFile,
    ResultFolder,
}

/// An exam file opened, with what the form says of its scenario (read once, not every frame).
struct Opened {
    path: PathBuf,
    exam: ExamFile,
    /// « Scénario : … », or `None` when the scenario inside does not load.
    scenario_line: Option<String>,
}

#[derive(Resource, Default)]
pub struct ExamDesk {
    exam: Option<Opened>,
    form: CandidateForm,
    result_folder: Option<PathBuf>,
    chooser: Option<(Browser, Choosing)>,
    error: Option<String>,
    /// Attempts already stored, by the profile they were counted for (one query, not one a frame).
    attempts: Option<(Option<i64>, u32)>,
}

impl ExamDesk {
    /// The form with an exam file already opened (`play --exam FILE`).
    pub fn with_file(path: &Path) -> ExamDesk {
        let mut desk = ExamDesk::default();
        desk.open(path);
        desk
    }

    fn open(&mut self, path: &Path) {
        match ExamFile::read(path) {
            Ok(exam) => {
                let scenario_line = exam.scenario().ok().map(|s| {
                    format!(
                        "Scénario : {} — {} ({}–{}), {} situations",
                        s.title,
                        s.practice.name,
                        s.practice.shift_start,
                        s.practice.shift_end,
                        s.situations.len()
                    )
                });
                self.exam = Some(Opened {
                    path: path.to_path_buf(),
                    exam,
                    scenario_line,
                });
                self.attempts = None;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    fn view(&mut self, results: &Results) -> ExamFormView {
        let done = self.attempts_done(results);
        let mut view = ExamFormView {
            exam_file: self.exam.as_ref().map(|o| o.path.display().to_string()),
            result_folder: self.result_folder.as_ref().map(|p| p.display().to_string()),
            error: self.error.clone(),
            ..default()
        };
        if let Some(Opened {
            exam,
            scenario_line,
            ..
        }) = &self.exam
        {
            view.title = Some(exam.title.clone());
            view.details.extend(scenario_line.clone());
            view.details.push(format!(
                "Graine {} · vitesse ×{} · {} passage(s) permis",
                exam.seed, exam.speed, exam.attempts
            ));
            if done > 0 {
                view.details.push(format!(
                    "Déjà passé {done} fois sur ce poste avec ce profil."
                ));
            }
            view.can_start = scenario_line.is_some() && done < exam.attempts;
            if done >= exam.attempts && view.error.is_none() {
                view.error = Some(format!(
                    "Vous avez déjà passé cet examen le nombre de fois permis ({}).",
                    exam.attempts
                ));
            }
        }
        view
    }

    /// How many times the current profile has sat the open exam on this PC.
    fn attempts_done(&mut self, results: &Results) -> u32 {
        let Some(opened) = &self.exam else {
            return 0;
        };
        let profile = results.profile_id();
        match self.attempts {
            Some((counted_for, done)) if counted_for == profile => done,
            _ => {
                let done = results
                    .with(|s| s.exam_attempts(profile, &opened.exam.id))
                    .and_then(Result::ok)
                    .unwrap_or(0);
                self.attempts = Some((profile, done));
                done
            }
        }
    }
}

pub fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        exam_ui.run_if(in_state(Screen::Exam)),
    );
}

fn exam_ui(
    mut contexts: EguiContexts,
    mut commands: Commands,
    mut desk: ResMut<ExamDesk>,
    mut results: ResMut<Results>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = root_ui(ctx);
    let desk = &mut *desk;
    // The name comes from the profile when there is one.
    if desk.form.name.is_empty()
        && let Some(p) = &results.current
    {
        desk.form.name = p.full_name();
        desk.form.group = p.group.clone();
    }
    if let Some(chosen) = run_chooser(&mut root, &mut desk.chooser) {
        match chosen {
            Some((path, Choosing::ExamFile)) => desk.open(&path),
            Some((path, Choosing::ResultFolder)) => desk.result_folder = Some(path),
            None => {}
        }
        return Ok(());
    }
    let view = desk.view(&results);
    let action = egui::CentralPanel::default()
        .show(&mut root, |ui| exam_form(ui, &view, &mut desk.form))
        .inner;
    let start_dir = || std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    match action {
        Some(ExamFormAction::ChooseExamFile) => {
            let from = desk
                .exam
                .as_ref()
                .and_then(|o| o.path.parent().map(Path::to_path_buf))
                .unwrap_or_else(start_dir);
            desk.chooser = Some((
                Browser::new(
                    "Ouvrir un fichier d'examen",
                    BrowseMode::File {
                        endings: vec![".examen.json".into(), ".json".into()],
                    },
                    &from,
                ),
                Choosing::ExamFile,
            ));
        }
        Some(ExamFormAction::ChooseFolder) => {
            desk.chooser = Some((
                Browser::new(
                    "Dossier où écrire le fichier de résultat",
                    BrowseMode::Folder,
                    &start_dir(),
                ),
                Choosing::ResultFolder,
            ));
        }
        Some(ExamFormAction::Back) => next.set(Screen::Home),
        Some(ExamFormAction::Start) => match start(desk, &mut results) {
            Ok(session) => {
                commands.insert_resource(session);
                next.set(Screen::Briefing);
            }
            Err(e) => desk.error = Some(e),
        },
        None => {}
    }
    Ok(())
}

/// The exam's shift for the candidate: her profile (found or created from the name typed), the
/// exam's scenario text, seed and speed, and her attempt number.
fn start(desk: &mut ExamDesk, results: &mut Results) -> Result<Session, String> {
    let (path, exam) = desk
        .exam
        .as_ref()
        .map(|o| (o.path.clone(), o.exam.clone()))
        .ok_or("Ouvrez d'abord le fichier d'examen donné par le formateur.")?;
    let name = desk.form.name.trim().to_string();
    if name.is_empty() {
        return Err("Indiquez votre prénom et votre nom.".into());
    }
    let scenario = exam.scenario()?;
    let typed = NewProfile::from_full_name(&name, &desk.form.group);
    let same_as_current = results
        .current
        .as_ref()
        .is_some_and(|p| crate::text::normalise(&p.full_name()) == crate::text::normalise(&name));
    if !same_as_current && results.store_ok() {
        results.create(&typed)?;
    }
    let done = desk.attempts_done(results);
    if done >= exam.attempts {
        return Err(format!(
            "Vous avez déjà passé cet examen le nombre de fois permis ({}).",
            exam.attempts
        ));
    }
    let seat = ExamSeat {
        exam_id: exam.id.clone(),
        title: exam.title.clone(),
        name,
        group: desk.form.group.trim().to_string(),
        attempt: done + 1,
        exam_file: Some(path.clone()),
        result_folder: desk.result_folder.clone(),
    };
    let shift = Shift::new(ShiftSetup {
        scenario: Arc::new(scenario),
        source: exam.scenario_text.clone(),
        path: Some(path.clone()),
        seed: exam.seed,
        mode: crate::sim::Mode::Exam,
        speed: exam.speed,
        profile: results.profile_id(),
        exam: Some(seat),
        simulated: false,
    });
    Ok(Session::of(shift, path))
}

/// At the end of an exam shift: the signed result file, next to the exam file or in the folder
/// the candidate chose.
pub fn write_result_file(seat: &ExamSeat, record: &SessionRecord) -> Result<PathBuf, String> {
    let path = seat
        .exam_file
        .as_ref()
        .ok_or("le fichier d'examen n'est pas connu")?;
    let exam = ExamFile::read(path)?;
    let folder = seat
        .result_folder
        .clone()
        .or_else(|| path.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));
    crate::exam::write_result(&exam, record, &folder)
}
