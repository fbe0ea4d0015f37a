//! The home screen's top bar: who is playing (profiles on a shared PC), « Mes progrès », « Passer
//! un examen », the interrupted shift to take up again, and what the store has to say.

use super::theme::{self, DANGER, MUTED, WARNING, with_key};
use crate::store::NewProfile;
use egui::{Key, RichText, TextEdit, Ui};

/// A profile in the list.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileEntry {
    pub id: i64,
    pub name: String,
}

/// An interrupted shift, as the banner tells it.
#[derive(Clone, Debug, PartialEq)]
pub struct InterruptedView {
    /// « Cabinet du Dr Martin — entraînement, interrompue à 08:23 (le 05/12/2026 à 14:03) ».
    pub description: String,
    pub exam: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProfileBarView {
    pub profiles: Vec<ProfileEntry>,
    pub current: Option<i64>,
    pub interrupted: Option<InterruptedView>,
    /// Messages from the store (a database set aside, a journal unreadable), in French.
    pub notices: Vec<String>,
    /// Whether results can be kept at all (the store opened).
    pub store_ok: bool,
}

/// What is being typed in the bar.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProfileForm {
    pub creating: bool,
    pub new: NewProfile,
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ProfileAction {
    Select(Option<i64>),
    Create(NewProfile),
    Progress,
    Exam,
    Resume,
    /// Close the interrupted shift as it stands (stored, with its report), without playing on.
    CloseInterrupted,
}

pub fn profile_bar(
    ui: &mut Ui,
    view: &ProfileBarView,
    form: &mut ProfileForm,
) -> Option<ProfileAction> {
    let mut action = None;
    let keys_free = !ui.ctx().egui_wants_keyboard_input();
    if let Some(interrupted) = &view.interrupted {
        theme::card(ui, true).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new("Une vacation a été interrompue avant sa fin.")
                    .color(WARNING)
                    .strong(),
            );
            ui.label(&interrupted.description);
            if interrupted.exam {
                ui.label(
                    RichText::new("C'est un examen : la reprise sera notée dans le résultat.")
                        .color(MUTED)
                        .small(),
                );
            }
            ui.horizontal(|ui| {
                let resume = ui.button(
                    RichText::new(with_key("Reprendre la vacation interrompue", "F5")).strong(),
                );
                if resume.clicked() || (keys_free && ui.input(|i| i.key_pressed(Key::F5))) {
                    action = Some(ProfileAction::Resume);
                }
                if ui
                    .button("Clore sans reprendre")
                    .on_hover_text(
                        "La vacation est terminée telle qu'elle en était : le reste se déroule sans vous, puis le résultat est enregistré.",
                    )
                    .clicked()
                {
                    action = Some(ProfileAction::CloseInterrupted);
                }
            });
        });
        ui.add_space(6.0);
    }
    for notice in &view.notices {
        ui.label(RichText::new(notice).color(DANGER));
    }
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(RichText::new("Profil :").strong());
        let current_name = view
            .current
            .and_then(|id| view.profiles.iter().find(|p| p.id == id))
            .map_or("Sans profil (résultats non attribués)", |p| {
                p.name.as_str()
            });
        egui::ComboBox::from_id_salt("profil")
            .selected_text(current_name)
            .width(260.0)
            .show_ui(ui, |ui| {
                let mut chosen = view.current;
                ui.selectable_value(&mut chosen, None, "Sans profil");
                for p in &view.profiles {
                    ui.selectable_value(&mut chosen, Some(p.id), &p.name);
                }
                if chosen != view.current {
                    action = Some(ProfileAction::Select(chosen));
                }
            })
            .response
            .labelled_by(label.id);
        if ui.button("Nouveau profil").clicked() {
            form.creating = !form.creating;
            form.error = None;
        }
        ui.separator();
        let progress = ui.add_enabled(
            view.store_ok,
            egui::Button::new(with_key("Mes progrès", "P")),
        );
        if progress.clicked() || (view.store_ok && keys_free && ui.input(|i| i.key_pressed(Key::P)))
        {
            action = Some(ProfileAction::Progress);
        }
        if ui.button(with_key("Passer un examen", "X")).clicked()
            || (keys_free && ui.input(|i| i.key_pressed(Key::X)))
        {
            action = Some(ProfileAction::Exam);
        }
    });
    if form.creating {
        ui.horizontal_wrapped(|ui| {
            let fields = [
                ("Prénom", &mut form.new.first_name, 140.0),
                ("Nom", &mut form.new.last_name, 160.0),
                ("Groupe (facultatif)", &mut form.new.group, 120.0),
            ];
            let mut submitted = false;
            for (name, value, width) in fields {
                let label = ui.label(name);
                let field = ui
                    .add(
                        TextEdit::singleline(value)
                            .id_salt(("nouveau-profil", name))
                            .desired_width(width),
                    )
                    .labelled_by(label.id);
                // Enter in a field creates the profile; the key goes no further.
                if super::field_keys(ui, &field).entered {
                    submitted = true;
                }
            }
            if ui.button("Créer le profil").clicked() || submitted {
                if form.new.first_name.trim().is_empty() && form.new.last_name.trim().is_empty() {
                    form.error = Some("Indiquez au moins un prénom ou un nom.".into());
                } else {
                    form.error = None;
                    action = Some(ProfileAction::Create(form.new.clone()));
                }
            }
        });
        ui.label(
            RichText::new(
                "Pas de mot de passe : le profil range vos résultats, il ne les protège pas. Vous pouvez exporter, importer et supprimer votre historique depuis « Mes progrès ».",
            )
            .color(MUTED)
            .small(),
        );
        if let Some(e) = &form.error {
            ui.label(RichText::new(e).color(DANGER));
        }
    }
    if !view.store_ok {
        ui.label(
            RichText::new("Les résultats ne peuvent pas être enregistrés sur ce poste (voir le message ci-dessus).")
                .color(DANGER)
                .small(),
        );
    }
    action
}
