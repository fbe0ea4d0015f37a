//! The home screen (choose a scenario, mode, speed, seed) and the briefing before the shift.

use super::field_keys;
use super::theme::{self, DANGER, MUTED, with_key};
use crate::glossary::drill::{ALL_KINDS, DrillKind};
use crate::sim::Mode;
use egui::{Key, RichText, ScrollArea, TextEdit, Ui};

/// A scenario file found on disk, valid or not.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioEntry {
    pub path: String,
    pub title: String,
    /// "Cabinet … · 08:00–11:00 · 21 situations", or empty when the file is invalid.
    pub summary: String,
    /// `ligne:colonne : message` lines when the file is invalid.
    pub problems: Vec<String>,
    /// Length of the shift in game minutes (0 when the file is invalid).
    pub minutes: u32,
}

impl ScenarioEntry {
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }
}

pub use crate::shift::SPEEDS;

#[derive(Clone, Debug, PartialEq)]
pub struct HomeForm {
    pub selected: usize,
    pub mode: Mode,
    pub speed: f32,
    /// Exam seed as typed; empty in training means a new seed each time.
    pub seed: String,
    pub open_path: String,
    pub error: Option<String>,
    /// The kind of terminology exercise; `None` mixes them all.
    pub drill_kind: Option<DrillKind>,
}

impl Default for HomeForm {
    fn default() -> Self {
        HomeForm {
            selected: 0,
            mode: Mode::Training,
            speed: 5.0,
            seed: String::new(),
            open_path: String::new(),
            error: None,
            drill_kind: None,
        }
    }
}

impl HomeForm {
    /// The seed to play, or a French message. `None` in training with an empty field.
    pub fn parsed_seed(&self) -> Result<Option<u64>, String> {
        let text = self.seed.trim();
        if text.is_empty() {
            return match self.mode {
                Mode::Exam => {
                    Err("En mode examen, saisissez la graine donnée par le formateur.".into())
                }
                Mode::Training => Ok(None),
            };
        }
        text.parse()
            .map(Some)
            .map_err(|_| format!("Graine « {text} » invalide : saisissez un nombre entier."))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum HomeAction {
    /// Start the selected scenario with the form's settings.
    Start,
    /// Add a scenario file by path.
    Open(String),
    /// Terminology exercises from the glossary.
    Drill,
    Quit,
}

pub fn home(ui: &mut Ui, entries: &[ScenarioEntry], form: &mut HomeForm) -> Option<HomeAction> {
    let mut action = None;
    // Whether a text field has the keyboard as the frame begins: an Entrée pressed in it is
    // its own, not the screen's.
    let typing = ui.ctx().egui_wants_keyboard_input();
    ui.vertical_centered(|ui| {
        ui.add_space(12.0);
        ui.label(RichText::new("Secrétariat").size(32.0).strong());
        ui.label(RichText::new("Simulateur d'accueil de secrétariat médical").color(MUTED));
    });
    ui.add_space(12.0);
    // Up and down move through the list when no text field has the keyboard.
    if !typing && !entries.is_empty() {
        let (up, down) = ui.input(|i| (i.key_pressed(Key::ArrowUp), i.key_pressed(Key::ArrowDown)));
        if up {
            form.selected = form.selected.saturating_sub(1);
        }
        if down {
            form.selected = (form.selected + 1).min(entries.len() - 1);
        }
    }
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        ui.label(theme::heading("Choisissez un scénario"));
        ScrollArea::vertical()
            .id_salt("scenarios")
            .max_height((ui.available_height() - 50.0).max(200.0))
            .show(ui, |ui| {
                for (n, entry) in entries.iter().enumerate() {
                    let selected = form.selected == n;
                    let title = if entry.is_valid() {
                        entry.title.clone()
                    } else {
                        format!("⚠ {}", entry.title)
                    };
                    if ui
                        .selectable_label(selected, RichText::new(title).strong())
                        .clicked()
                    {
                        form.selected = n;
                    }
                    if entry.is_valid() {
                        ui.label(RichText::new(&entry.summary).color(MUTED).small());
                    } else {
                        ui.label(
                            RichText::new(format!("{} : fichier invalide", entry.path))
                                .color(DANGER)
                                .small(),
                        );
                        for p in entry.problems.iter().take(5) {
                            ui.label(RichText::new(p).color(DANGER).small().monospace());
                        }
                    }
                    ui.add_space(6.0);
                }
            });
        ui.horizontal(|ui| {
            let label = ui.label("Fichier :");
            let field = ui
                .add(
                    TextEdit::singleline(&mut form.open_path)
                        .hint_text("chemin d'un fichier .ron")
                        .desired_width(220.0),
                )
                .labelled_by(label.id);
            // Entrée in the field opens the file typed, never the selected scenario.
            let entered = field_keys(ui, &field).entered;
            if (ui.button("Ouvrir un fichier").clicked() || entered)
                && !form.open_path.trim().is_empty()
            {
                action = Some(HomeAction::Open(form.open_path.trim().to_string()));
            }
        });

        let ui = &mut cols[1];
        ui.label(theme::heading("Mode"));
        ui.radio_value(
            &mut form.mode,
            Mode::Training,
            "Entraînement : pause, indices, correction immédiate",
        );
        ui.radio_value(
            &mut form.mode,
            Mode::Exam,
            "Examen : graine fixée, sans pause ni indice, résultats à la fin",
        );
        ui.add_space(8.0);
        ui.label(theme::heading("Vitesse du temps"));
        ui.horizontal_wrapped(|ui| {
            for speed in SPEEDS {
                ui.radio_value(&mut form.speed, speed, format!("×{speed}"));
            }
        });
        let minutes = entries.get(form.selected).map_or(0, |e| e.minutes);
        if minutes > 0 {
            let real = (minutes as f32 / form.speed).round().max(1.0);
            ui.label(
                RichText::new(format!(
                    "×{} : cette vacation de {} dure {real} min.",
                    form.speed,
                    duration_words(minutes)
                ))
                .color(MUTED)
                .small(),
            );
        }
        ui.add_space(8.0);
        let label = ui.label(theme::heading("Graine"));
        let hint = if form.mode == Mode::Exam {
            "donnée par le formateur"
        } else {
            "facultative"
        };
        let field = ui
            .add(
                TextEdit::singleline(&mut form.seed)
                    .hint_text(hint)
                    .desired_width(160.0),
            )
            .labelled_by(label.id);
        // Entrée in the seed field starts with that seed, like the button.
        let seed_entered = field_keys(ui, &field).entered;
        ui.label(
            RichText::new("Même scénario et même graine : même vacation pour tous les stagiaires.")
                .color(MUTED)
                .small(),
        );
        ui.add_space(16.0);
        let can_start = entries
            .get(form.selected)
            .is_some_and(ScenarioEntry::is_valid);
        let start = ui.add_enabled(
            can_start,
            egui::Button::new(RichText::new(with_key("Commencer", "Entrée")).size(18.0)),
        );
        // Entrée on the screen, no text field having the keyboard.
        let enter = can_start
            && (seed_entered
                || (!typing
                    && !ui.ctx().egui_wants_keyboard_input()
                    && ui.input(|i| i.key_pressed(Key::Enter))));
        if start.clicked() || enter {
            match form.parsed_seed() {
                Ok(_) => {
                    form.error = None;
                    action = Some(HomeAction::Start);
                }
                Err(e) => form.error = Some(e),
            }
        }
        if let Some(e) = &form.error {
            ui.label(RichText::new(e).color(DANGER));
        }
        ui.add_space(16.0);
        ui.separator();
        ui.label(theme::heading("Terminologie"));
        ui.label(
            RichText::new(
                "Dix questions tirées du glossaire médical, corrigées une à une (avec une graine, les mêmes pour tous).",
            )
            .color(MUTED)
            .small(),
        );
        ui.horizontal(|ui| {
            egui::ComboBox::from_id_salt("drill-kind")
                .selected_text(form.drill_kind.map_or("Tous les exercices", |k| k.label()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut form.drill_kind, None, "Tous les exercices");
                    for kind in ALL_KINDS {
                        ui.selectable_value(&mut form.drill_kind, Some(kind), kind.label());
                    }
                });
            let pressed_e = ui.input(|i| i.key_pressed(Key::E))
                && !typing
                && !ui.ctx().egui_wants_keyboard_input();
            if ui.button(with_key("Exercices", "E")).clicked() || pressed_e {
                action = Some(HomeAction::Drill);
            }
        });
        ui.add_space(8.0);
        if ui.button("Quitter").clicked() {
            action = Some(HomeAction::Quit);
        }
    });
    action
}

#[derive(Clone, Debug, PartialEq)]
pub struct BriefingView {
    pub title: String,
    pub description: String,
    pub practice: String,
    pub doctors: Vec<String>,
    pub shift: String,
    pub situations: usize,
    pub mode: Mode,
    pub seed: u64,
    pub speed: f32,
    /// Axes with points at stake in this scenario.
    pub assessed: Vec<&'static str>,
    pub tags: Vec<String>,
    /// Problems found when the file was reloaded, if it is now invalid.
    pub problems: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum BriefingAction {
    Start,
    Back,
}

pub fn briefing(ui: &mut Ui, view: &BriefingView) -> Option<BriefingAction> {
    let mut action = None;
    ui.add_space(12.0);
    ui.label(RichText::new(&view.title).size(26.0).strong());
    ui.label(
        RichText::new(format!(
            "{} · graine {} · vitesse ×{}",
            view.mode.label(),
            view.seed,
            view.speed
        ))
        .color(MUTED),
    );
    ui.add_space(8.0);
    if !view.description.is_empty() {
        ui.label(&view.description);
    }
    ui.add_space(8.0);
    egui::Grid::new("briefing")
        .num_columns(2)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Cabinet").strong());
            ui.label(&view.practice);
            ui.end_row();
            ui.label(RichText::new("Médecins").strong());
            ui.add(egui::Label::new(view.doctors.join(", ")).wrap());
            ui.end_row();
            ui.label(RichText::new("Vacation").strong());
            ui.label(format!("{} — {} situations", view.shift, view.situations));
            ui.end_row();
            ui.label(RichText::new("Évalué").strong());
            ui.label(view.assessed.join(", "));
            ui.end_row();
            if !view.tags.is_empty() {
                ui.label(RichText::new("Thèmes").strong());
                // A long list wraps inside the window instead of running off its edge.
                ui.add(egui::Label::new(view.tags.join(", ")).wrap());
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    ui.label(theme::heading("Consignes"));
    for rule in [
        "Plusieurs situations arrivent en même temps : traitez la plus urgente d'abord, faites patienter le reste.",
        "Un téléphone non décroché bascule sur la messagerie ; un patient à bout de patience repart ou se plaint.",
        "Identifiez toujours votre interlocuteur ; aucune information médicale à un tiers.",
        "Cherchez un dossier par date de naissance, puis par nom : attention aux homonymes.",
        "Une erreur éliminatoire (urgence vitale manquée, secret médical, erreur d'identité) invalide la séance.",
    ] {
        ui.label(format!("• {rule}"));
    }
    if view.mode == Mode::Exam {
        ui.label(
            RichText::new("Mode examen : pas de pause, pas d'indice, résultats à la fin.")
                .color(theme::WARNING),
        );
    }
    if !view.problems.is_empty() {
        ui.add_space(8.0);
        ui.label(
            RichText::new("Le fichier modifié n'est plus valide :")
                .color(DANGER)
                .strong(),
        );
        for p in &view.problems {
            ui.label(RichText::new(p).color(DANGER).monospace());
        }
    }
    ui.add_space(16.0);
    ui.horizontal(|ui| {
        let can_start = view.problems.is_empty();
        let start = ui.add_enabled(
            can_start,
            egui::Button::new(RichText::new(with_key("Prendre mon poste", "Entrée")).size(18.0)),
        );
        if start.clicked() || (can_start && ui.input(|i| i.key_pressed(Key::Enter))) {
            action = Some(BriefingAction::Start);
        }
        if ui.button(with_key("Retour", "Échap")).clicked()
            || ui.input(|i| i.key_pressed(Key::Escape))
        {
            action = Some(BriefingAction::Back);
        }
    });
    action
}

/// 40 → « 40 min », 180 → « 3 h », 195 → « 3 h 15 ».
fn duration_words(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}
