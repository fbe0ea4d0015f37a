//! The agenda panel (issue 10, step 2, not yet on the desk): a practitioner's day or week as a grid
//! of slots coloured by motif, urgent slots marked, the next free slot found by practitioner, motif
//! and earliest day, and a slot booked, moved or cancelled — by mouse or by its own keys, shown.
//! A plain egui function over view data: the game builds the view from the agenda model.

use super::theme::{ACCENT, DANGER, MUTED, OK, WARNING, with_key};
use chrono::{NaiveDate, NaiveDateTime};
use egui::{Color32, Key, RichText, ScrollArea, TextEdit, Ui};

/// What a row of the grid holds.
#[derive(Clone, Debug, PartialEq)]
pub enum RowKind {
    Free,
    /// Kept for same-day urgent needs.
    Urgent,
    /// An appointment; `motif` indexes the view's motifs (its colour).
    Booked {
        motif: usize,
        status: AppointmentStatus,
    },
    /// Absence, meeting, holiday.
    Blocked,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppointmentStatus {
    Confirmed,
    Arrived,
    Late,
    NoShow,
    Cancelled,
}

impl AppointmentStatus {
    pub fn label(self) -> &'static str {
        match self {
            AppointmentStatus::Confirmed => "confirmé",
            AppointmentStatus::Arrived => "arrivé(e)",
            AppointmentStatus::Late => "en retard",
            AppointmentStatus::NoShow => "absent(e)",
            AppointmentStatus::Cancelled => "annulé",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub at: NaiveDateTime,
    pub minutes: u32,
    pub kind: RowKind,
    /// The patient and motif of an appointment, the reason of a block.
    pub text: String,
    /// The appointment's index in the planning, to move or cancel it.
    pub appointment: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DayColumn {
    pub date: NaiveDate,
    /// « mardi 8 décembre ».
    pub label: String,
    /// Why the day is closed (« férié : Noël », « dimanche »), if it is.
    pub closed: Option<String>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MotifEntry {
    pub label: String,
    pub minutes: u32,
}

/// A free slot found by the search.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundSlot {
    pub practitioner: usize,
    pub at: NaiveDateTime,
    /// « Dr Martin — jeudi 10 décembre à 09:40 ».
    pub label: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgendaView {
    /// Names of the practitioners, in the agenda's order.
    pub practitioners: Vec<String>,
    pub motifs: Vec<MotifEntry>,
    /// One column (day view) or the working days of the week.
    pub days: Vec<DayColumn>,
    /// Who a booking would be for: the person of the current situation.
    pub patient: Option<String>,
    pub found: Vec<FoundSlot>,
    /// That person's upcoming appointments.
    pub upcoming: Vec<String>,
    pub waiting_list: Vec<String>,
    /// The last refusal or confirmation: (text, refused).
    pub message: Option<(String, bool)>,
}

/// What the panel keeps between frames: the selection and the search form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgendaState {
    pub week: bool,
    pub practitioner: usize,
    pub motif: usize,
    /// Earliest day for the search, `JJ/MM/AAAA` as typed.
    pub earliest: String,
    /// The selected row: (column, row).
    pub selected: Option<(usize, usize)>,
    /// The appointment being moved: the next slot chosen is its new time.
    pub moving: Option<usize>,
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AgendaAction {
    /// Show this practitioner's day (or its week).
    Show {
        practitioner: usize,
        day: NaiveDate,
        week: bool,
    },
    Search {
        practitioner: usize,
        motif: usize,
        earliest: NaiveDate,
    },
    Book {
        practitioner: usize,
        motif: usize,
        at: NaiveDateTime,
    },
    Move {
        appointment: usize,
        at: NaiveDateTime,
    },
    Cancel {
        appointment: usize,
    },
    /// Put the current person on the waiting list (no slot suits her).
    WaitingList,
    Close,
}

/// Colours of motifs, in order, readable on the dark theme.
const MOTIF_COLOURS: [Color32; 6] = [
    Color32::from_rgb(0x3b, 0x82, 0xd9),
    Color32::from_rgb(0x8e, 0x5c, 0xd9),
    Color32::from_rgb(0x2e, 0xa8, 0x9a),
    Color32::from_rgb(0xc2, 0x6a, 0x2e),
    Color32::from_rgb(0xb8, 0x4a, 0x8a),
    Color32::from_rgb(0x6d, 0x8f, 0x2e),
];

pub fn motif_colour(motif: usize) -> Color32 {
    MOTIF_COLOURS[motif % MOTIF_COLOURS.len()]
}

/// The keys of the agenda, shown at its foot.
pub const KEYS: &str = "[J] jour/semaine  [←/→] jour précédent/suivant  [↑/↓] créneau  [R] chercher  [Entrée] réserver  [D] déplacer  [X] annuler le rendez-vous  [L] liste d'attente  [Échap] fermer";

pub fn agenda(ui: &mut Ui, view: &AgendaView, state: &mut AgendaState) -> Option<AgendaAction> {
    let mut action = None;
    let keys_free = !ui.ctx().egui_wants_keyboard_input();
    let first_day = view.days.first().map(|d| d.date);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Agenda").size(20.0).strong());
        let practitioner = view
            .practitioners
            .get(state.practitioner)
            .map_or("", String::as_str);
        let before = state.practitioner;
        egui::ComboBox::from_id_salt("agenda-praticien")
            .selected_text(practitioner)
            .show_ui(ui, |ui| {
                for (n, name) in view.practitioners.iter().enumerate() {
                    ui.selectable_value(&mut state.practitioner, n, name);
                }
            });
        let view_kind = if state.week { "Semaine" } else { "Jour" };
        if ui.button(with_key(view_kind, "J")).clicked()
            || (keys_free && ui.input(|i| i.key_pressed(Key::J)))
        {
            state.week = !state.week;
            if let Some(day) = first_day {
                action = Some(show(state, day));
            }
        }
        if (before != state.practitioner)
            && let Some(day) = first_day
        {
            action = Some(show(state, day));
        }
        let step = if state.week { 7 } else { 1 };
        if let Some(day) = first_day {
            let back = ui.button("◀").clicked()
                || (keys_free && ui.input(|i| i.key_pressed(Key::ArrowLeft)));
            let forward = ui.button("▶").clicked()
                || (keys_free && ui.input(|i| i.key_pressed(Key::ArrowRight)));
            if back {
                action = Some(show(state, day - chrono::Duration::days(step)));
            }
            if forward {
                action = Some(show(state, day + chrono::Duration::days(step)));
            }
        }
        if let Some(p) = &view.patient {
            ui.separator();
            ui.label(RichText::new(format!("Pour : {p}")).strong());
        }
    });
    if let Some((text, refused)) = &view.message {
        let colour = if *refused { DANGER } else { OK };
        ui.label(RichText::new(text).color(colour));
    }
    ui.columns(2, |cols| {
        grid(&mut cols[0], view, state, keys_free);
        side(&mut cols[1], view, state, keys_free, &mut action);
    });
    ui.label(RichText::new(KEYS).color(MUTED).small());
    if keys_free && ui.input(|i| i.key_pressed(Key::Escape)) {
        action = Some(AgendaAction::Close);
    }
    action
}

fn show(state: &mut AgendaState, day: NaiveDate) -> AgendaAction {
    state.selected = None;
    AgendaAction::Show {
        practitioner: state.practitioner,
        day,
        week: state.week,
    }
}

/// The days side by side, a row per slot.
fn grid(ui: &mut Ui, view: &AgendaView, state: &mut AgendaState, keys_free: bool) {
    // Up and down move the selection within the first column that has rows.
    if keys_free {
        let (up, down) = ui.input(|i| (i.key_pressed(Key::ArrowUp), i.key_pressed(Key::ArrowDown)));
        if up || down {
            let (c, r) = state.selected.unwrap_or((0, 0));
            let len = view.days.get(c).map_or(0, |d| d.rows.len());
            if len > 0 {
                let r = if down && state.selected.is_some() {
                    (r + 1).min(len - 1)
                } else if up {
                    r.saturating_sub(1)
                } else {
                    r
                };
                state.selected = Some((c, r));
            }
        }
    }
    ScrollArea::vertical()
        .id_salt("agenda-grille")
        .max_height(460.0)
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for (c, day) in view.days.iter().enumerate() {
                    ui.vertical(|ui| {
                        ui.set_width(if view.days.len() > 1 { 96.0 } else { 300.0 });
                        ui.label(RichText::new(&day.label).strong());
                        if let Some(why) = &day.closed {
                            ui.label(RichText::new(why).color(MUTED));
                        }
                        for (r, row) in day.rows.iter().enumerate() {
                            let selected = state.selected == Some((c, r));
                            let response = ui.selectable_label(selected, row_text(row));
                            if response.clicked() {
                                state.selected = Some((c, r));
                            }
                        }
                    });
                }
            });
        });
}

fn row_text(row: &Row) -> RichText {
    let time = row.at.format("%H:%M").to_string();
    match &row.kind {
        RowKind::Free => RichText::new(format!("{time} libre")).color(OK),
        RowKind::Urgent => RichText::new(format!("{time} urgence")).color(WARNING),
        RowKind::Blocked => RichText::new(format!("{time} {}", row.text)).color(MUTED),
        RowKind::Booked { motif, status } => {
            let mut text = format!("{time} {}", row.text);
            if *status != AppointmentStatus::Confirmed {
                text.push_str(&format!(" ({})", status.label()));
            }
            let colour = match status {
                AppointmentStatus::Cancelled => MUTED,
                AppointmentStatus::NoShow => DANGER,
                _ => motif_colour(*motif),
            };
            let rich = RichText::new(text).color(colour);
            if *status == AppointmentStatus::Cancelled {
                rich.strikethrough()
            } else {
                rich
            }
        }
    }
}

/// The search, what can be done with the selected slot, the person's appointments, the waiting list.
fn side(
    ui: &mut Ui,
    view: &AgendaView,
    state: &mut AgendaState,
    keys_free: bool,
    action: &mut Option<AgendaAction>,
) {
    ui.label(RichText::new("Chercher un créneau").strong());
    let motif = view.motifs.get(state.motif);
    egui::ComboBox::from_id_salt("agenda-motif")
        .selected_text(motif.map_or(String::new(), motif_text))
        .show_ui(ui, |ui| {
            for (n, m) in view.motifs.iter().enumerate() {
                ui.selectable_value(&mut state.motif, n, motif_text(m));
            }
        });
    let mut submitted = false;
    ui.horizontal(|ui| {
        let label = ui.label("À partir du");
        let field = ui
            .add(
                TextEdit::singleline(&mut state.earliest)
                    .id_salt("agenda-a-partir-du")
                    .hint_text("JJ/MM/AAAA")
                    .desired_width(110.0),
            )
            .labelled_by(label.id);
        submitted = super::field_keys(ui, &field).entered;
        if ui.button(with_key("Chercher", "R")).clicked()
            || (keys_free && ui.input(|i| i.key_pressed(Key::R)))
        {
            submitted = true;
        }
    });
    if submitted {
        let earliest = if state.earliest.trim().is_empty() {
            view.days.first().map(|d| d.date).ok_or(String::new())
        } else {
            NaiveDate::parse_from_str(state.earliest.trim(), "%d/%m/%Y").map_err(|_| {
                format!(
                    "Date « {} » invalide : écrivez-la JJ/MM/AAAA.",
                    state.earliest.trim()
                )
            })
        };
        match earliest {
            Ok(earliest) => {
                state.error = None;
                *action = Some(AgendaAction::Search {
                    practitioner: state.practitioner,
                    motif: state.motif,
                    earliest,
                });
            }
            Err(e) => state.error = Some(e),
        }
    }
    if let Some(e) = &state.error {
        ui.label(RichText::new(e).color(DANGER));
    }
    for slot in &view.found {
        if ui.selectable_label(false, &slot.label).clicked() {
            *action = Some(AgendaAction::Show {
                practitioner: slot.practitioner,
                day: slot.at.date(),
                week: state.week,
            });
            state.practitioner = slot.practitioner;
        }
    }
    ui.separator();
    let selected = state
        .selected
        .and_then(|(c, r)| view.days.get(c).and_then(|d| d.rows.get(r)));
    if let Some(row) = selected {
        ui.label(
            RichText::new(format!(
                "Créneau choisi : {}",
                row.at.format("%d/%m à %H:%M")
            ))
            .color(ACCENT),
        );
        match (&row.kind, state.moving) {
            (RowKind::Free | RowKind::Urgent, Some(appointment)) => {
                let confirmed = ui.button(with_key("Déplacer ici", "Entrée")).clicked()
                    || (keys_free && ui.input(|i| i.key_pressed(Key::Enter)));
                if confirmed {
                    state.moving = None;
                    *action = Some(AgendaAction::Move {
                        appointment,
                        at: row.at,
                    });
                }
            }
            (RowKind::Free | RowKind::Urgent, None) if view.patient.is_some() => {
                let confirmed = ui.button(with_key("Réserver", "Entrée")).clicked()
                    || (keys_free && ui.input(|i| i.key_pressed(Key::Enter)));
                if confirmed {
                    *action = Some(AgendaAction::Book {
                        practitioner: state.practitioner,
                        motif: state.motif,
                        at: row.at,
                    });
                }
            }
            (RowKind::Booked { status, .. }, _)
                if !matches!(status, AppointmentStatus::Cancelled) =>
            {
                if let Some(appointment) = row.appointment {
                    if ui.button(with_key("Déplacer", "D")).clicked()
                        || (keys_free && ui.input(|i| i.key_pressed(Key::D)))
                    {
                        state.moving = Some(appointment);
                    }
                    if ui.button(with_key("Annuler le rendez-vous", "X")).clicked()
                        || (keys_free && ui.input(|i| i.key_pressed(Key::X)))
                    {
                        *action = Some(AgendaAction::Cancel { appointment });
                    }
                }
            }
            _ => {}
        }
    }
    if state.moving.is_some() {
        ui.label(RichText::new("Choisissez le nouveau créneau, puis Entrée.").color(WARNING));
    }
    if view.patient.is_some()
        && (ui.button(with_key("Liste d'attente", "L")).clicked()
            || (keys_free && ui.input(|i| i.key_pressed(Key::L))))
    {
        *action = Some(AgendaAction::WaitingList);
    }
    if !view.upcoming.is_empty() {
        ui.separator();
        ui.label(RichText::new("Ses prochains rendez-vous").strong());
        for line in &view.upcoming {
            ui.label(line);
        }
    }
    if !view.waiting_list.is_empty() {
        ui.separator();
        ui.label(RichText::new("Liste d'attente").strong());
        for line in &view.waiting_list {
            ui.label(line);
        }
    }
}

fn motif_text(m: &MotifEntry) -> String {
    format!("{} ({} min)", m.label, m.minutes)
}

/// The working days shown from `day`: that day alone, or Monday to Saturday of its week.
fn shown_days(day: NaiveDate, week: bool) -> Vec<NaiveDate> {
    use chrono::Datelike;
    if !week {
        return vec![day];
    }
    let monday = day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()));
    (0..6).map(|n| monday + chrono::Duration::days(n)).collect()
}

/// The panel's view of a planning: the days of `practitioner` (an index in the agenda) from `day`,
/// with its appointments, its blocked periods and the free slots for `motif` (one row per slot
/// the motif fits in, urgent ones marked); `patient`'s upcoming appointments from `now`.
pub fn agenda_view(
    planning: &crate::agenda::Planning,
    practitioner: usize,
    day: NaiveDate,
    week: bool,
    motif: usize,
    patient: Option<(&str, &str)>,
    now: NaiveDateTime,
) -> AgendaView {
    use crate::agenda::{Status, UrgentSlots, free_slots, holiday, open_ranges};
    use chrono::Datelike;
    let agenda = planning.agenda();
    let who = agenda.practitioners.get(practitioner);
    let motif_id = agenda.motifs.get(motif).map_or("", |m| m.id.as_str());
    let motif_index = |id: &str| agenda.motifs.iter().position(|m| m.id == id).unwrap_or(0);
    let days = shown_days(day, week)
        .into_iter()
        .map(|date| {
            let label = date
                .format_localized("%A %-d %B", chrono::Locale::fr_FR)
                .to_string();
            let Some(p) = who else {
                return DayColumn {
                    date,
                    label,
                    closed: Some("aucun praticien".into()),
                    rows: Vec::new(),
                };
            };
            let closed = if let Some(name) = holiday(date) {
                Some(format!("férié : {name}"))
            } else if date.weekday() == chrono::Weekday::Sun {
                Some("dimanche".into())
            } else if open_ranges(agenda, &p.id, date).is_empty() {
                Some("fermé".into())
            } else {
                None
            };
            let mut rows: Vec<Row> = planning
                .appointments()
                .iter()
                .enumerate()
                .filter(|(_, a)| a.practitioner == p.id && a.start.date() == date)
                .map(|(n, a)| Row {
                    at: a.start,
                    minutes: agenda.motif(&a.motif).map_or(0, |m| m.minutes),
                    kind: RowKind::Booked {
                        motif: motif_index(&a.motif),
                        status: match a.status {
                            Status::Confirme => AppointmentStatus::Confirmed,
                            Status::Arrive => AppointmentStatus::Arrived,
                            Status::EnRetard => AppointmentStatus::Late,
                            Status::Absent => AppointmentStatus::NoShow,
                            Status::Annule => AppointmentStatus::Cancelled,
                        },
                    },
                    text: format!(
                        "{} — {}",
                        a.patient,
                        agenda
                            .motif(&a.motif)
                            .map_or(a.motif.as_str(), |m| m.label.as_str())
                    ),
                    appointment: Some(n),
                })
                .collect();
            rows.extend(
                agenda
                    .blocks
                    .iter()
                    .filter(|b| b.applies_to(&p.id) && b.from.date() <= date && date <= b.to.date())
                    .map(|b| Row {
                        at: b.from.max(date.and_hms_opt(0, 0, 0).expect("midnight")),
                        minutes: 0,
                        kind: RowKind::Blocked,
                        text: format!("indisponible : {}", b.reason),
                        appointment: None,
                    }),
            );
            // One row per slot the motif fits in, not every step of the grid.
            let mut shown_until: Option<NaiveDateTime> = None;
            let start = date.and_hms_opt(0, 0, 0).expect("midnight");
            for slot in free_slots(
                agenda,
                &p.id,
                motif_id,
                start,
                start + chrono::Duration::days(1),
                UrgentSlots::Included,
            ) {
                if shown_until.is_some_and(|until| slot.start < until) {
                    continue;
                }
                shown_until = Some(slot.end);
                rows.push(Row {
                    at: slot.start,
                    minutes: (slot.end - slot.start).num_minutes() as u32,
                    kind: if slot.urgent {
                        RowKind::Urgent
                    } else {
                        RowKind::Free
                    },
                    text: String::new(),
                    appointment: None,
                });
            }
            rows.sort_by_key(|r| r.at);
            DayColumn {
                date,
                label,
                closed,
                rows,
            }
        })
        .collect();
    let upcoming = patient
        .map(|(id, _)| {
            planning
                .upcoming_for(id, now)
                .into_iter()
                .map(|(_, a)| {
                    format!(
                        "{} à {} — {} ({})",
                        a.start
                            .date()
                            .format_localized("%A %-d %B", chrono::Locale::fr_FR),
                        a.start.format("%H:%M"),
                        agenda.practitioner_name(&a.practitioner),
                        agenda
                            .motif(&a.motif)
                            .map_or(a.motif.as_str(), |m| m.label.as_str())
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    AgendaView {
        practitioners: agenda
            .practitioners
            .iter()
            .map(|p| p.name.clone())
            .collect(),
        motifs: agenda
            .motifs
            .iter()
            .map(|m| MotifEntry {
                label: m.label.clone(),
                minutes: m.minutes,
            })
            .collect(),
        days,
        patient: patient.map(|(_, name)| name.to_string()),
        upcoming,
        ..AgendaView::default()
    }
}
