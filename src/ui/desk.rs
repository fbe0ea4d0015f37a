//! The desk: clock, waiting room, phone, requests and mail, the current interaction, the patient
//! register, the log, and the keyboard shortcuts.

use super::theme::{self, DANGER, MUTED, OK, WARNING, with_key};
use super::view::*;
use super::{DeskAction, field_keys};
use crate::scenario::Channel;
use crate::sim::{Action, Mode};
use crate::text::normalise;
use egui::{Key, ProgressBar, RichText, ScrollArea, TextEdit, Ui};

/// What the desk panels remember between frames (typed text, register search).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeskUiState {
    pub typed: String,
    pub search_birth: String,
    pub search_name: String,
    /// Set to put the keyboard focus in the register search on the next frame.
    pub focus_search: bool,
    /// The situation the typed text belongs to, to clear it when the step changes.
    pub typed_for: Option<(usize, String)>,
    /// The register step the search fields were last cleared for.
    pub record_for: Option<(usize, String)>,
    /// « Terminer la vacation ? » is waiting for a yes or a no.
    pub confirm_end: bool,
}

/// The whole desk at once, laid out for 1280×800 and larger.
pub fn desk(ui: &mut Ui, view: &DeskView, state: &mut DeskUiState) -> Vec<DeskAction> {
    // Whether a text field has the keyboard as the frame begins: an Entrée pressed in it is
    // still its own. (Échap has already taken the keyboard away: the fields consume it.)
    let typing = ui.ctx().egui_wants_keyboard_input();
    let mut actions = Vec::new();
    egui::Panel::top("desk-clock").show(ui, |ui| {
        for action in clock_bar(ui, &view.clock) {
            // Ending the shift is asked for again before it happens.
            if action == DeskAction::EndShift {
                state.confirm_end = true;
            } else {
                actions.push(action);
            }
        }
    });
    egui::Panel::bottom("desk-shortcuts").show(ui, |ui| shortcut_help(ui, view.clock.mode));
    egui::Panel::left("desk-left")
        .exact_size(330.0)
        .show(ui, |ui| {
            ScrollArea::vertical()
                .id_salt("left-scroll")
                .show(ui, |ui| {
                    actions.extend(phone_panel(ui, &view.phone_lines));
                    ui.separator();
                    actions.extend(waiting_room(ui, &view.waiting_room));
                });
        });
    egui::Panel::right("desk-right")
        .exact_size(330.0)
        .show(ui, |ui| {
            actions.extend(tasks_panel(ui, &view.tasks));
            ui.separator();
            actions.extend(register_panel(ui, &view.register, view.record_step, state));
            ui.separator();
            log_panel(ui, &view.log);
        });
    egui::CentralPanel::default().show(ui, |ui| {
        actions.extend(end_banner(ui, state, typing));
        actions.extend(ringing_banner(ui, view));
        match &view.interaction {
            Some(interaction) => actions.extend(interaction_panel(ui, interaction, state)),
            None => {
                ui.add_space(40.0);
                ui.vertical_centered(|ui| {
                    ui.label(
                        RichText::new("Aucune situation en cours")
                            .size(18.0)
                            .color(MUTED),
                    );
                    ui.label("Décrochez, appelez un patient ou ouvrez une demande.");
                });
            }
        }
    });
    // The shortcuts last, once the fields have taken the keys that were theirs.
    actions.extend(shortcuts(ui, view, state, typing));
    actions
}

/// A phone that rings is hard to miss: a red banner on top of the conversation, with the rings
/// left before the voicemail.
pub fn ringing_banner(ui: &mut Ui, view: &DeskView) -> Vec<DeskAction> {
    let mut actions = Vec::new();
    let Some(line) = view.phone_lines.iter().find(|l| !l.on_hold) else {
        return actions;
    };
    egui::Frame::new()
        .fill(DANGER.gamma_multiply(0.25))
        .stroke(egui::Stroke::new(2.0, DANGER))
        .inner_margin(8.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(format!(
                        "☎ Le téléphone sonne — sonnerie {} / {} avant la messagerie",
                        line.rings, line.ring_limit
                    ))
                    .strong()
                    .size(17.0),
                );
                if ui.button(with_key("Décrocher", "T")).clicked() {
                    actions.push(DeskAction::Sim(Action::Take(line.situation)));
                }
            });
        });
    ui.add_space(6.0);
    actions
}

/// The confirmation before ending the shift early; Entrée confirms unless a text field has the
/// keyboard (`typing`: one had it when the frame began).
fn end_banner(ui: &mut Ui, state: &mut DeskUiState, typing: bool) -> Vec<DeskAction> {
    let mut actions = Vec::new();
    if !state.confirm_end {
        return actions;
    }
    theme::card(ui, true).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new("Terminer la vacation maintenant ?")
                .strong()
                .size(17.0),
        );
        ui.label("La suite de la vacation se déroule sans vous (appels sans réponse, patients qui attendent), puis le débriefing s'affiche. Tout ce qui reste compte comme manqué, urgences vitales comprises : la séance peut ne pas être validée.");
        ui.horizontal(|ui| {
            let typing = typing || ui.ctx().egui_wants_keyboard_input();
            if ui.button(with_key("Oui, terminer", "Entrée")).clicked()
                || (!typing && ui.input(|i| i.key_pressed(Key::Enter)))
            {
                state.confirm_end = false;
                actions.push(DeskAction::EndShift);
            }
            if ui.button(with_key("Non, continuer", "Échap")).clicked() {
                state.confirm_end = false;
            }
        });
    });
    ui.add_space(6.0);
    actions
}

pub fn clock_bar(ui: &mut Ui, clock: &ClockView) -> Vec<DeskAction> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!("🕘 {}", clock.now))
                .size(22.0)
                .strong(),
        );
        ui.label(RichText::new(format!("fin de vacation {}", clock.end)).color(MUTED));
        ui.add(ProgressBar::new(clock.progress).desired_width(220.0));
        ui.label(format!("Vitesse ×{}", clock.speed));
        if clock.mode == Mode::Training {
            if ui.button("−").on_hover_text("Ralentir [-]").clicked() {
                actions.push(DeskAction::Slower);
            }
            if ui.button("+").on_hover_text("Accélérer [+]").clicked() {
                actions.push(DeskAction::Faster);
            }
            let label = if clock.paused {
                with_key("▶ Reprendre", "Espace")
            } else {
                with_key("⏸ Pause", "Espace")
            };
            if ui.button(label).clicked() {
                actions.push(DeskAction::TogglePause);
            }
            if clock.paused {
                ui.label(RichText::new("EN PAUSE").color(WARNING).strong());
            }
        } else {
            ui.label(RichText::new("Mode examen : pas de pause").color(MUTED));
        }
        ui.separator();
        let sound = if clock.muted {
            with_key("🔇 Son coupé", "S")
        } else {
            with_key("🔊 Son", "S")
        };
        if ui.button(sound).clicked() {
            actions.push(DeskAction::ToggleMute);
        }
        ui.separator();
        if ui.button(with_key("Terminer", "Échap")).clicked() {
            actions.push(DeskAction::EndShift);
        }
        let mut volume = clock.volume;
        let slider = ui.add_enabled(
            !clock.muted,
            egui::Slider::new(&mut volume, 0.0..=1.0).show_value(false),
        );
        if slider.on_hover_text("Volume de la sonnerie").changed() {
            actions.push(DeskAction::Volume(volume));
        }
    });
    actions
}

pub fn phone_panel(ui: &mut Ui, lines: &[PhoneLine]) -> Vec<DeskAction> {
    let mut actions = Vec::new();
    ui.label(theme::heading("☎ Téléphone"));
    if lines.is_empty() {
        ui.label(RichText::new("Aucun appel").color(MUTED));
    }
    for line in lines {
        let lost_soon = line.about_to_be_lost();
        let frame = theme::card(ui, lost_soon);
        frame.show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(format!("☎ {}", line.caller)).strong());
            if line.on_hold {
                let left = line.hold_left.unwrap_or(0);
                let colour = if lost_soon { DANGER } else { WARNING };
                ui.label(
                    RichText::new(format!("En attente — raccroche dans {left} s")).color(colour),
                );
                if ui.button("Reprendre l'appel").clicked() {
                    actions.push(DeskAction::Sim(Action::Take(line.situation)));
                }
            } else {
                let colour = if lost_soon { DANGER } else { WARNING };
                ui.label(
                    RichText::new(format!(
                        "🔔 Sonnerie {} / {} avant la messagerie",
                        line.rings, line.ring_limit
                    ))
                    .color(colour)
                    .strong(),
                );
                if !line.description.is_empty() {
                    ui.label(RichText::new(&line.description).color(MUTED).small());
                }
                // The banner above the conversation carries the [T] shortcut.
                if ui.button("Décrocher").clicked() {
                    actions.push(DeskAction::Sim(Action::Take(line.situation)));
                }
            }
        });
    }
    actions
}

pub fn waiting_room(ui: &mut Ui, cards: &[WaitingCard]) -> Vec<DeskAction> {
    let mut actions = Vec::new();
    ui.label(theme::heading(&format!(
        "Salle d'attente ({})",
        cards.len()
    )));
    if cards.is_empty() {
        ui.label(RichText::new("Personne n'attend").color(MUTED));
    }
    let first_new = cards.iter().position(|c| !c.on_hold);
    for (n, card) in cards.iter().enumerate() {
        let frame = theme::card(ui, card.running_out());
        frame.show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new(&card.name).strong());
                if card.on_hold {
                    ui.label(RichText::new("en attente au comptoir").color(WARNING));
                }
            });
            let appointment = match &card.appointment {
                Some(t) => format!("rendez-vous à {t}"),
                None => "sans rendez-vous".to_string(),
            };
            ui.label(format!(
                "Arrivée {} · {appointment} · attend depuis {}",
                card.arrived, card.waited
            ));
            priority(ui, card.looks);
            if !card.description.is_empty() {
                ui.label(RichText::new(&card.description).color(MUTED).small());
            }
            let patience = if card.complained {
                "Plainte : l'attente est trop longue !".to_string()
            } else if card.running_out() {
                "Patience : à bout !".to_string()
            } else {
                "Patience".to_string()
            };
            ui.add(
                ProgressBar::new(card.patience_left.clamp(0.0, 1.0))
                    .fill(theme::level_colour(card.patience_left))
                    .text(patience),
            );
            let label = match (card.on_hold, Some(n) == first_new) {
                (true, _) => "Reprendre".to_string(),
                (false, true) => with_key("Appeler au comptoir", "P"),
                (false, false) => "Appeler au comptoir".to_string(),
            };
            if ui.button(label).clicked() {
                actions.push(DeskAction::Sim(Action::Take(card.situation)));
            }
        });
    }
    actions
}

/// The urgency a waiting item seems to have, as the secretary sees it before taking it.
fn priority(ui: &mut Ui, looks: crate::scenario::Urgency) {
    ui.label(
        RichText::new(format!("priorité {}", looks.label()))
            .color(theme::urgency_colour(looks))
            .small(),
    );
}

pub fn tasks_panel(ui: &mut Ui, tasks: &[TaskCard]) -> Vec<DeskAction> {
    let mut actions = Vec::new();
    ui.label(theme::heading("Demandes et courrier"));
    if tasks.is_empty() {
        ui.label(RichText::new("Rien en attente").color(MUTED));
    }
    let first_of = |channel: Channel| tasks.iter().position(|t| t.channel == channel);
    let (first_doctor, first_mail) = (first_of(Channel::Medecin), first_of(Channel::Courrier));
    for (n, task) in tasks.iter().enumerate() {
        let frame = theme::card(ui, task.overdue);
        frame.show(ui, |ui| {
            ui.set_width(ui.available_width());
            let title = match task.channel {
                Channel::Courrier => format!("✉ {}", task.title),
                _ => task.title.clone(),
            };
            ui.label(RichText::new(title).strong());
            priority(ui, task.looks);
            if let (Some(deadline), Some(left)) = (&task.deadline, task.minutes_left) {
                let (text, colour) = if task.overdue {
                    (format!("Échéance {deadline} dépassée !"), DANGER)
                } else if left <= 5 {
                    (format!("Échéance {deadline} — dans {left} min"), WARNING)
                } else {
                    (format!("Échéance {deadline}"), MUTED)
                };
                ui.label(RichText::new(text).color(colour));
            }
            if task.on_hold {
                ui.label(RichText::new("mise de côté").color(WARNING));
            }
            let key = match task.channel {
                Channel::Medecin if Some(n) == first_doctor => Some("M"),
                Channel::Courrier if Some(n) == first_mail => Some("C"),
                _ => None,
            };
            let label = key.map_or_else(|| "Traiter".to_string(), |k| with_key("Traiter", k));
            if ui.button(label).clicked() {
                actions.push(DeskAction::Sim(Action::Take(task.situation)));
            }
        });
    }
    actions
}

pub fn interaction_panel(
    ui: &mut Ui,
    view: &InteractionView,
    state: &mut DeskUiState,
) -> Vec<DeskAction> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        // A long name wraps before the button instead of running under it.
        let room = (ui.available_width() - 190.0).max(120.0);
        ui.scope(|ui| {
            ui.set_max_width(room);
            ui.add(
                egui::Label::new(theme::heading(&format!(
                    "{} — {}",
                    view.channel.label(),
                    view.counterpart
                )))
                .wrap(),
            );
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(with_key("Mettre en attente", "A")).clicked() {
                actions.push(DeskAction::Sim(Action::Hold));
            }
        });
    });
    ui.label(RichText::new(&view.title).color(MUTED));
    ui.separator();
    let transcript_height = (ui.available_height() - 230.0).max(120.0);
    ScrollArea::vertical()
        .id_salt("transcript")
        .max_height(transcript_height)
        .stick_to_bottom(true)
        .show(ui, |ui| {
            for line in &view.transcript {
                match line.speaker {
                    Speaker::Them => {
                        ui.label(&line.text);
                    }
                    Speaker::You => {
                        ui.label(
                            RichText::new(format!("Vous : {}", line.text)).color(theme::ACCENT),
                        );
                    }
                    Speaker::Feedback { good } => {
                        let (mark, colour) = if good { ("✔", OK) } else { ("✖", DANGER) };
                        ui.label(
                            RichText::new(format!("{mark} {}", line.text))
                                .color(colour)
                                .italics(),
                        );
                    }
                }
                ui.add_space(4.0);
            }
        });
    ui.separator();
    if let Some(left) = view.busy {
        ui.add(ProgressBar::new(1.0 - left).text("Échange en cours…"));
        return actions;
    }
    if let Some(hint) = &view.hint {
        ui.label(RichText::new(format!("Indice : {hint}")).color(WARNING));
    }
    match &view.step {
        StepView::Choice { prompt, options } => {
            ui.label(RichText::new(prompt).strong());
            for (n, (index, text)) in options.iter().enumerate() {
                let label = if n < 9 {
                    format!("{}. {text}", n + 1)
                } else {
                    text.clone()
                };
                let button = egui::Button::new(RichText::new(label)).wrap();
                if ui.add_sized([ui.available_width(), 0.0], button).clicked() {
                    actions.push(DeskAction::Sim(Action::Choose(*index)));
                }
            }
        }
        StepView::Typed { prompt } => {
            let key = (view.situation, prompt.clone());
            let fresh = state.typed_for.as_ref() != Some(&key);
            if fresh {
                state.typed.clear();
                state.typed_for = Some(key);
            }
            ui.label(RichText::new(prompt).strong());
            let label = ui.label("Votre saisie :");
            let response = ui
                .add(
                    // A fixed id: the field keeps the keyboard when cards come and go elsewhere.
                    TextEdit::singleline(&mut state.typed)
                        .id_salt("desk-typed-answer")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            // The keyboard goes to the field as soon as a term is asked: typed letters must not
            // fire the desk's shortcuts (Échap leaves the field to use them).
            if fresh {
                response.request_focus();
            }
            let entered = field_keys(ui, &response).entered;
            if (ui.button(with_key("Valider", "Entrée")).clicked() || entered)
                && !state.typed.trim().is_empty()
            {
                actions.push(DeskAction::Sim(Action::Type(std::mem::take(
                    &mut state.typed,
                ))));
            }
        }
        StepView::Record { prompt } => {
            let key = (view.situation, prompt.clone());
            if state.record_for.as_ref() != Some(&key) {
                // A new search: the previous patient's date and name must not linger.
                state.search_birth.clear();
                state.search_name.clear();
                state.focus_search = true;
                state.record_for = Some(key);
            }
            ui.label(RichText::new(prompt).strong());
            ui.label("Cherchez le patient dans le fichier (à droite) : date de naissance d'abord, puis nom.");
            if ui
                .button(with_key("Chercher dans le fichier", "F"))
                .clicked()
            {
                state.focus_search = true;
            }
        }
        StepView::Finishing => {
            ui.label(RichText::new("Fin de l'échange…").color(MUTED));
        }
    }
    actions
}

/// Patients matching the search: date of birth first, then name (accents and case ignored).
pub fn search_register<'a>(
    register: &'a [RegisterEntry],
    birth: &str,
    name: &str,
) -> Vec<&'a RegisterEntry> {
    let birth = birth.trim();
    let name = normalise(name);
    register
        .iter()
        .filter(|p| birth.is_empty() || p.birth_date.starts_with(birth))
        .filter(|p| {
            name.is_empty()
                || normalise(&p.last_name).contains(&name)
                || p.used_name
                    .as_deref()
                    .is_some_and(|u| normalise(u).contains(&name))
                || normalise(&p.first_name).contains(&name)
        })
        .collect()
}

pub fn register_panel(
    ui: &mut Ui,
    register: &[RegisterEntry],
    can_open: bool,
    state: &mut DeskUiState,
) -> Vec<DeskAction> {
    let mut actions = Vec::new();
    ui.label(theme::heading("Fichier des patients"));
    let submitted = egui::Grid::new("register-search")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label("Né(e) le");
            let birth = ui
                .add(
                    // Fixed ids: a letter arriving above the register must not take the
                    // keyboard away from a search being typed.
                    TextEdit::singleline(&mut state.search_birth)
                        .id_salt("register-birth-date")
                        .hint_text("JJ/MM/AAAA")
                        .desired_width(140.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut state.focus_search) {
                birth.request_focus();
            }
            ui.end_row();
            let label = ui.label("Nom");
            let name = ui
                .add(
                    TextEdit::singleline(&mut state.search_name)
                        .id_salt("register-name")
                        .hint_text("nom ou prénom")
                        .desired_width(140.0),
                )
                .labelled_by(label.id);
            ui.end_row();
            // Both fields, always: each consumes the Entrée or Échap that ends its input.
            let (birth, name) = (field_keys(ui, &birth), field_keys(ui, &name));
            birth.entered || name.entered
        })
        .inner;
    let searching = !state.search_birth.trim().is_empty() || !state.search_name.trim().is_empty();
    if !searching {
        ui.label(
            RichText::new("Saisissez une date de naissance ou un nom.")
                .color(MUTED)
                .small(),
        );
        return actions;
    }
    let found = search_register(register, &state.search_birth, &state.search_name);
    if found.is_empty() {
        ui.label(RichText::new("Aucun dossier trouvé").color(MUTED));
    }
    // Entrée in a search field opens the only match.
    if submitted && can_open && found.len() == 1 {
        actions.push(DeskAction::Sim(Action::Open(found[0].patient.clone())));
    }
    ScrollArea::vertical()
        .id_salt("register-results")
        .max_height(150.0)
        .show(ui, |ui| {
            for p in found {
                let used = p
                    .used_name
                    .as_deref()
                    .map(|u| format!(" (nom d'usage {u})"))
                    .unwrap_or_default();
                // Two lines, so that a long name never widens the panel.
                ui.add(
                    egui::Label::new(format!(
                        "{} {}{used} — {} ({} ans)",
                        p.last_name, p.first_name, p.birth_date, p.age
                    ))
                    .wrap(),
                );
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(format!("{} — {}", p.sex, p.birth_place))
                            .color(MUTED)
                            .small(),
                    );
                    let open = ui.add_enabled(can_open, egui::Button::new("Ouvrir"));
                    if open.clicked() {
                        actions.push(DeskAction::Sim(Action::Open(p.patient.clone())));
                    }
                });
            }
        });
    actions
}

pub fn log_panel(ui: &mut Ui, log: &[String]) {
    ui.label(theme::heading("Journal"));
    ScrollArea::vertical()
        .id_salt("log")
        .stick_to_bottom(true)
        .show(ui, |ui| {
            for line in log {
                ui.label(RichText::new(line).small());
            }
        });
}

pub fn shortcut_help(ui: &mut Ui, mode: Mode) {
    let mut keys = vec![
        "[T] décrocher",
        "[P] patient",
        "[M] médecin",
        "[C] courrier",
        "[A] en attente",
        "[1–9] choisir",
        "[Entrée] valider",
        "[F] fichier",
        "[S] son",
        "[Échap] terminer",
    ];
    if mode == Mode::Training {
        keys.extend(["[Espace] pause (hors saisie)", "[+/−] vitesse"]);
    }
    ui.label(RichText::new(keys.join("   ")).color(MUTED));
}

/// Keyboard shortcuts, ignored while the trainee types in a text field (`typing`: one had the
/// keyboard when the frame began). Read after the panels, so that the Entrée or Échap that
/// ended a field's input is already consumed by it.
pub fn shortcuts(
    ui: &mut Ui,
    view: &DeskView,
    state: &mut DeskUiState,
    typing: bool,
) -> Vec<DeskAction> {
    let mut actions = Vec::new();
    // Keys typed into a field, or with Ctrl/Alt (Ctrl+A selects text), are not shortcuts.
    let modified = ui.input(|i| i.modifiers.ctrl || i.modifiers.alt || i.modifiers.command);
    if typing || ui.ctx().egui_wants_keyboard_input() || modified {
        return actions;
    }
    let pressed = |key: Key| ui.input(|i| i.key_pressed(key));
    let take = |i: usize| DeskAction::Sim(Action::Take(i));
    if view.clock.mode == Mode::Training {
        if pressed(Key::Space) {
            actions.push(DeskAction::TogglePause);
        }
        if pressed(Key::Plus) || pressed(Key::Equals) {
            actions.push(DeskAction::Faster);
        }
        if pressed(Key::Minus) {
            actions.push(DeskAction::Slower);
        }
    }
    if pressed(Key::T) {
        // The line that has rung longest, else a caller on hold.
        let ringing = view
            .phone_lines
            .iter()
            .filter(|l| !l.on_hold)
            .max_by_key(|l| l.rings);
        if let Some(line) = ringing.or(view.phone_lines.first()) {
            actions.push(take(line.situation));
        }
    }
    if pressed(Key::P)
        && let Some(card) = view
            .waiting_room
            .iter()
            .find(|c| !c.on_hold)
            .or(view.waiting_room.first())
    {
        actions.push(take(card.situation));
    }
    for (key, channel) in [(Key::M, Channel::Medecin), (Key::C, Channel::Courrier)] {
        if pressed(key)
            && let Some(task) = view.tasks.iter().find(|t| t.channel == channel)
        {
            actions.push(take(task.situation));
        }
    }
    if pressed(Key::A) && view.interaction.is_some() {
        actions.push(DeskAction::Sim(Action::Hold));
    }
    if pressed(Key::F) {
        // A new search starts empty: typing must not append to the previous one.
        state.search_birth.clear();
        state.search_name.clear();
        state.focus_search = true;
    }
    if pressed(Key::Escape) {
        state.confirm_end = !state.confirm_end;
    }
    if pressed(Key::S) {
        actions.push(DeskAction::ToggleMute);
    }
    if let Some(InteractionView {
        step: StepView::Choice { options, .. },
        busy: None,
        ..
    }) = &view.interaction
    {
        for (n, key) in theme::DIGIT_KEYS.iter().enumerate() {
            if pressed(*key)
                && let Some((index, _)) = options.get(n)
            {
                actions.push(DeskAction::Sim(Action::Choose(*index)));
            }
        }
    }
    actions
}
