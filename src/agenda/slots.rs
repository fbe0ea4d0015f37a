//! Free slots, the next-free-slot search, and the `Planning`: the agenda's appointments as they
//! are booked, moved and cancelled during a shift. Like real agenda software, the planning refuses
//! an overlap or a closed time; every other booking rule is the trainee's to respect (`rules`).

use super::calendar::{Span, at, holiday, minutes_of, open_spans, subtract, to_spans};
use super::model::{Agenda, Appointment, Status, format_date, format_date_time};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use std::collections::HashMap;

/// How many days the next-free-slot search looks ahead.
pub const SEARCH_DAYS: i64 = 28;

/// A place in the grid for one appointment.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slot {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub practitioner: String,
    /// Whether it uses time kept for same-day urgent needs.
    pub urgent: bool,
}

/// Whether a search may return slots in the urgent ranges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrgentSlots {
    Excluded,
    Included,
}

/// The busy spans per (practitioner, date), built once per search.
pub(crate) struct Busy<'a> {
    by_day: HashMap<(&'a str, NaiveDate), Vec<Span>>,
}

impl<'a> Busy<'a> {
    pub(crate) fn of(agenda: &'a Agenda) -> Self {
        let mut by_day: HashMap<(&str, NaiveDate), Vec<Span>> = HashMap::new();
        for a in agenda.appointments.iter().filter(|a| a.status.holds_slot()) {
            let start = minutes_of(a.start);
            let end = start + agenda.motif(&a.motif).map_or(0, |m| m.minutes);
            by_day
                .entry((a.practitioner.as_str(), a.start.date()))
                .or_default()
                .push((start, end));
        }
        Busy { by_day }
    }

    fn on(&self, practitioner: &str, date: NaiveDate) -> Vec<Span> {
        self.by_day
            .get(&(practitioner, date))
            .cloned()
            .unwrap_or_default()
    }
}

fn urgent_spans(agenda: &Agenda, practitioner: &str, date: NaiveDate) -> Vec<Span> {
    agenda
        .practitioner(practitioner)
        .map(|p| to_spans(p.urgent_hours.on(date.weekday())))
        .unwrap_or_default()
}

fn overlaps(a: Span, b: Span) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The free slots of one practitioner on one day, for `minutes`, starting in `[from, to)`.
pub(crate) fn day_slots(
    agenda: &Agenda,
    busy: &Busy,
    practitioner: &str,
    date: NaiveDate,
    minutes: u32,
    window: (u32, u32),
    urgent: UrgentSlots,
) -> Vec<Slot> {
    let step = agenda.settings.step_minutes.max(1);
    let urgent_spans = urgent_spans(agenda, practitioner, date);
    let mut cuts = busy.on(practitioner, date);
    if urgent == UrgentSlots::Excluded {
        cuts.extend(&urgent_spans);
    }
    let free = subtract(&open_spans(agenda, practitioner, date), &cuts);
    let mut slots = Vec::new();
    for (start, end) in free {
        let mut t = start.max(window.0).div_ceil(step) * step;
        while t + minutes <= end && t < window.1 {
            let span = (t, t + minutes);
            slots.push(Slot {
                start: at(date, t),
                end: at(date, t + minutes),
                practitioner: practitioner.to_string(),
                urgent: urgent_spans.iter().any(|&u| overlaps(u, span)),
            });
            t += step;
        }
    }
    slots
}

/// Every free slot of `practitioner` for `motif` starting from `from` (included) to `to` (not
/// included), in time order, on the grid of the practice's step (5 minutes unless set): the motif's
/// whole duration fits in an open range (not a holiday, not blocked) and overlaps no appointment
/// that holds its slot. Urgent ranges are left out unless `urgent` is `Included`.
/// An unknown practitioner or motif has no slot.
pub fn free_slots(
    agenda: &Agenda,
    practitioner: &str,
    motif: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
    urgent: UrgentSlots,
) -> Vec<Slot> {
    let Some(motif) = agenda.motif(motif) else {
        return Vec::new();
    };
    let busy = Busy::of(agenda);
    let mut slots = Vec::new();
    let mut date = from.date();
    while date <= to.date() {
        let window = (
            if date == from.date() {
                minutes_of(from)
            } else {
                0
            },
            if date == to.date() {
                minutes_of(to)
            } else {
                24 * 60
            },
        );
        slots.extend(day_slots(
            agenda,
            &busy,
            practitioner,
            date,
            motif.minutes,
            window,
            urgent,
        ));
        date += Duration::days(1);
    }
    slots
}

/// The earliest free slot for `motif` with any of `practitioners` (ties go to the first listed),
/// from `earliest` over the next four weeks (`SEARCH_DAYS`). None when the grid is full.
pub fn next_free_slot(
    agenda: &Agenda,
    practitioners: &[&str],
    motif: &str,
    earliest: NaiveDateTime,
    urgent: UrgentSlots,
) -> Option<Slot> {
    let minutes = agenda.motif(motif)?.minutes;
    let busy = Busy::of(agenda);
    (0..SEARCH_DAYS).find_map(|offset| {
        let date = earliest.date() + Duration::days(offset);
        let window = (if offset == 0 { minutes_of(earliest) } else { 0 }, 24 * 60);
        practitioners
            .iter()
            .filter_map(|p| {
                day_slots(agenda, &busy, p, date, minutes, window, urgent)
                    .into_iter()
                    .next()
            })
            .min_by_key(|s| s.start)
    })
}

/// Why the agenda software refuses a booking or a move, in French.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refusal(pub String);

/// Which appointment of a planning: its place in `Planning::appointments`, stable for the whole
/// shift (a cancelled appointment stays, with the status `Annule`).
pub type AppointmentId = usize;

/// The agenda during a shift: its appointments (the file's, the filler's, then the trainee's
/// bookings) over the practitioners, motifs, settings and blocked periods of the agenda.
#[derive(Clone, Debug, PartialEq)]
pub struct Planning {
    agenda: Agenda,
}

impl Planning {
    /// A planning over `agenda`, with its appointments as they stand.
    pub fn new(agenda: Agenda) -> Self {
        Planning { agenda }
    }

    /// The agenda with every appointment booked so far: give it to `free_slots`,
    /// `next_free_slot` and `check_booking`.
    pub fn agenda(&self) -> &Agenda {
        &self.agenda
    }

    pub fn appointments(&self) -> &[Appointment] {
        &self.agenda.appointments
    }

    /// A patient's appointments that still hold their slot, from `from` on, in time order.
    pub fn upcoming_for(
        &self,
        patient: &str,
        from: NaiveDateTime,
    ) -> Vec<(AppointmentId, &Appointment)> {
        let mut list: Vec<_> = self
            .appointments()
            .iter()
            .enumerate()
            .filter(|(_, a)| a.patient == patient && a.status.holds_slot() && a.start >= from)
            .collect();
        list.sort_by_key(|(_, a)| a.start);
        list
    }

    /// Books `appointment` (its status as given, usually `Confirme`) and returns its id; refused
    /// when its practitioner or motif is unknown, when it falls outside the open ranges (closed
    /// day, holiday, blocked period, after hours), or when it overlaps another appointment.
    pub fn book(&mut self, appointment: Appointment) -> Result<AppointmentId, Refusal> {
        self.check_free(&appointment, None)?;
        self.agenda.appointments.push(appointment);
        Ok(self.agenda.appointments.len() - 1)
    }

    /// Moves an appointment to `start` with `practitioner`, with the same refusals as `book`.
    pub fn move_to(
        &mut self,
        id: AppointmentId,
        practitioner: &str,
        start: NaiveDateTime,
    ) -> Result<(), Refusal> {
        let current = self.get(id)?;
        if !current.status.holds_slot() {
            return Err(Refusal(
                "Ce rendez-vous est annulé : prenez un nouveau rendez-vous au lieu de le déplacer."
                    .into(),
            ));
        }
        let mut moved = current.clone();
        moved.practitioner = practitioner.to_string();
        moved.start = start;
        self.check_free(&moved, Some(id))?;
        self.agenda.appointments[id] = moved;
        Ok(())
    }

    /// Cancels an appointment: it stays in the list, as `Annule`, and frees its slot.
    pub fn cancel(&mut self, id: AppointmentId) -> Result<(), Refusal> {
        let current = self.get(id)?;
        if current.status == Status::Annule {
            return Err(Refusal("Ce rendez-vous est déjà annulé.".into()));
        }
        self.agenda.appointments[id].status = Status::Annule;
        Ok(())
    }

    /// Whether cancelling `id` at `now` comes later than the practice's cancellation notice.
    pub fn is_late_cancellation(&self, id: AppointmentId, now: NaiveDateTime) -> bool {
        self.agenda.appointments.get(id).is_some_and(|a| {
            a.start - now
                < Duration::hours(i64::from(self.agenda.settings.cancellation_notice_hours))
        })
    }

    fn get(&self, id: AppointmentId) -> Result<&Appointment, Refusal> {
        self.agenda
            .appointments
            .get(id)
            .ok_or_else(|| Refusal("Ce rendez-vous n'existe pas dans l'agenda.".into()))
    }

    /// The checks real software makes: known practitioner and motif, open time, no overlap.
    fn check_free(&self, a: &Appointment, ignoring: Option<AppointmentId>) -> Result<(), Refusal> {
        let agenda = &self.agenda;
        let practitioner = agenda.practitioner(&a.practitioner).ok_or_else(|| {
            Refusal(format!(
                "Praticien inconnu « {} » dans l'agenda.",
                a.practitioner
            ))
        })?;
        let motif = agenda
            .motif(&a.motif)
            .ok_or_else(|| Refusal(format!("Motif inconnu « {} » dans l'agenda.", a.motif)))?;
        let date = a.start.date();
        let span = (minutes_of(a.start), minutes_of(a.start) + motif.minutes);
        let when = format_date_time(a.start);
        if span.1 > 24 * 60 {
            return Err(Refusal(format!(
                "Le rendez-vous du {when} finirait après minuit."
            )));
        }
        if let Some(name) = holiday(date) {
            return Err(Refusal(format!(
                "Le cabinet est fermé le {} ({name}).",
                format_date(date)
            )));
        }
        let open = open_spans(agenda, &a.practitioner, date);
        if !open.iter().any(|&(s, e)| s <= span.0 && span.1 <= e) {
            let blocked = agenda.blocks.iter().find(|b| {
                b.applies_to(&a.practitioner)
                    && b.from < at(date, span.1)
                    && at(date, span.0) < b.to
            });
            return Err(Refusal(match blocked {
                Some(b) if !b.reason.is_empty() => format!(
                    "{} n'est pas disponible le {when} ({}).",
                    practitioner.name, b.reason
                ),
                _ => format!(
                    "Le {when}, « {} » ({} min) ne tient pas dans les horaires de {}.",
                    motif.label, motif.minutes, practitioner.name
                ),
            }));
        }
        let clash = agenda.appointments.iter().enumerate().find(|&(i, other)| {
            Some(i) != ignoring
                && other.status.holds_slot()
                && other.practitioner == a.practitioner
                && other.start.date() == date
                && overlaps(
                    span,
                    (minutes_of(other.start), minutes_of(agenda.end_of(other))),
                )
        });
        if let Some((_, other)) = clash {
            return Err(Refusal(format!(
                "Créneau déjà occupé : {} a rendez-vous avec {} de {} à {} le {}.",
                other.patient,
                practitioner.name,
                other.start.format("%H:%M"),
                agenda.end_of(other).format("%H:%M"),
                format_date(date)
            )));
        }
        Ok(())
    }
}
