//! « Passer un examen »: the candidate opens the instructor's exam file, types her name and group,
//! and sees where her result will be written before she starts.

use super::theme::{self, DANGER, MUTED, with_key};
use egui::{Key, RichText, TextEdit, Ui};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExamFormView {
    /// The exam file opened, if any.
    pub exam_file: Option<String>,
    /// « Examen blanc — accueil » · scenario title · seed.
    pub title: Option<String>,
    pub details: Vec<String>,
    /// Where the result file goes.
    pub result_folder: Option<String>,
    pub error: Option<String>,
    /// Whether the candidate may start (an exam opened, attempts left).
    pub can_start: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CandidateForm {
    pub name: String,
    pub group: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExamFormAction {
    ChooseExamFile,
    ChooseFolder,
    Start,
    Back,
}

pub fn exam_form(
    ui: &mut Ui,
    view: &ExamFormView,
    form: &mut CandidateForm,
) -> Option<ExamFormAction> {
    let mut action = None;
    // Échap in a field only leaves the field: the field consumes it (`field_keys`).
    let keys_free = !ui.ctx().egui_wants_keyboard_input();
    ui.add_space(8.0);
    ui.label(RichText::new("Passer un examen").size(26.0).strong());
    ui.label(
        RichText::new(
            "Ouvrez le fichier d'examen donné par votre formateur, indiquez votre nom et votre groupe, puis commencez. Votre résultat est enregistré sur ce poste et écrit dans un fichier signé à rendre au formateur.",
        )
        .color(MUTED),
    );
    ui.add_space(10.0);
    ui.label(theme::heading("Fichier d'examen"));
    ui.horizontal(|ui| {
        ui.label(view.exam_file.as_deref().unwrap_or("aucun fichier ouvert"));
        if ui.button("Ouvrir un fichier d'examen…").clicked() {
            action = Some(ExamFormAction::ChooseExamFile);
        }
    });
    if let Some(title) = &view.title {
        ui.label(RichText::new(title).strong());
    }
    for d in &view.details {
        ui.label(RichText::new(d).color(MUTED));
    }
    ui.add_space(10.0);
    ui.label(theme::heading("Candidat"));
    let mut submitted = false;
    egui::Grid::new("candidat").num_columns(2).show(ui, |ui| {
        for (label, value) in [
            ("Prénom et nom", &mut form.name),
            ("Groupe", &mut form.group),
        ] {
            let l = ui.label(label);
            let field = ui
                .add(
                    TextEdit::singleline(value)
                        .id_salt(("candidat", label))
                        .desired_width(280.0),
                )
                .labelled_by(l.id);
            if super::field_keys(ui, &field).entered {
                submitted = true;
            }
            ui.end_row();
        }
    });
    ui.add_space(10.0);
    ui.label(theme::heading("Fichier de résultat"));
    ui.horizontal(|ui| {
        ui.label(
            view.result_folder
                .as_deref()
                .unwrap_or("à côté du fichier d'examen"),
        );
        if ui.button("Choisir un autre dossier…").clicked() {
            action = Some(ExamFormAction::ChooseFolder);
        }
    });
    if let Some(e) = &view.error {
        ui.add_space(6.0);
        ui.label(RichText::new(e).color(DANGER));
    }
    ui.add_space(14.0);
    ui.horizontal(|ui| {
        let start = ui.add_enabled(
            view.can_start,
            egui::Button::new(RichText::new("Commencer l'examen").size(18.0)),
        );
        if start.clicked() || (submitted && view.can_start) {
            action = Some(ExamFormAction::Start);
        }
        if ui.button(with_key("Retour", "Échap")).clicked()
            || (keys_free && ui.input(|i| i.key_pressed(Key::Escape)))
        {
            action = Some(ExamFormAction::Back);
        }
    });
    action
}
