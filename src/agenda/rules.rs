//! The booking rules the trainee must respect (the software does not enforce them), each naming
//! its rule in the rulebook (`AGD-…` in `assets/regles.ron`). `check_booking` lists every rule a
//! booking breaks, with a precise French explanation for the report.

use super::calendar::{Span, minutes_of, open_spans};
use super::model::{Agenda, Day, Preference, date_fr, format_date};
use super::slots::{Busy, SEARCH_DAYS, Slot, UrgentSlots, day_slots};
use crate::axis::Axis;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Morning slots start before noon; afternoon slots at noon or later.
const NOON: u32 = 12 * 60;

/// The booking rules, each with its id in the rulebook.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleKind {
    /// The motif's whole duration fits before the next appointment and the end of the range.
    Duration,
    /// No two appointments on one slot: refused by the software (`Planning::book`).
    Overlap,
    /// Urgent slots only for a same-day need judged urgent.
    UrgentSlot,
    /// The practice's minimum gap between two appointments of one patient in one specialty.
    MinimumGap,
    /// The practitioner's preferences (no new patient on a day, procedures in the afternoon).
    Preference,
    /// What the patient said: mornings only, not on Wednesday, before a date, a given doctor…
    PatientConstraint,
    /// « Au plus tôt »: no valid slot earlier than the one booked.
    Earliest,
}

impl RuleKind {
    pub const ALL: [RuleKind; 7] = [
        RuleKind::Duration,
        RuleKind::Overlap,
        RuleKind::UrgentSlot,
        RuleKind::MinimumGap,
        RuleKind::Preference,
        RuleKind::PatientConstraint,
        RuleKind::Earliest,
    ];

    /// The rule's id in the rulebook.
    pub fn rule_id(self) -> &'static str {
        match self {
            RuleKind::Duration => "AGD-1",
            RuleKind::Overlap => "AGD-2",
            RuleKind::UrgentSlot => "AGD-3",
            RuleKind::MinimumGap => "AGD-4",
            RuleKind::Preference => "AGD-5",
            RuleKind::PatientConstraint => "AGD-6",
            RuleKind::Earliest => "AGD-7",
        }
    }

    /// The axis its breaches count on (the rulebook says the same; a test checks it).
    pub fn axis(self) -> Axis {
        match self {
            RuleKind::UrgentSlot | RuleKind::Earliest => Axis::Prioritisation,
            _ => Axis::Organisation,
        }
    }
}

/// What a patient said about when she can come, as the author writes it in a booking step.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum Contrainte {
    MatinSeulement,
    ApresMidiSeulement,
    PasLe(Day),
    /// Strictly before this date.
    AvantLe(#[serde(with = "date_fr")] NaiveDate),
    /// Strictly after this date.
    ApresLe(#[serde(with = "date_fr")] NaiveDate),
    /// With this practitioner only.
    Praticien(String),
}

/// What the person needs, against which a booked slot is judged.
#[derive(Clone, Debug, PartialEq)]
pub struct BookingRequest {
    /// The patient's id or name, as in `Appointment::patient`.
    pub patient: String,
    pub motif: String,
    /// Any of these practitioners (all of the agenda's when empty).
    pub practitioners: Vec<String>,
    /// A first appointment at the practice (for `PasDeNouveauPatient`).
    pub new_patient: bool,
    /// A same-day need judged urgent: the urgent slots of today are for it.
    pub urgent_today: bool,
    pub constraints: Vec<Contrainte>,
    /// « Au plus tôt »: a later slot than the earliest valid one is a breach.
    pub as_soon_as_possible: bool,
    /// The moment of the booking: the shift's day and time.
    pub now: NaiveDateTime,
}

/// A rule a booking breaks, and why, in French.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breach {
    pub rule: RuleKind,
    pub explanation: String,
}

/// Every rule that booking `slot` for `request` breaks, given the appointments of `agenda`
/// (a `Planning`'s agenda during a shift); empty when the booking is right. `slot.end` is not
/// trusted: the motif's duration is. An appointment of this patient starting at the slot itself is
/// taken as the booking being judged (a booking checked after it was made).
pub fn check_booking(agenda: &Agenda, request: &BookingRequest, slot: &Slot) -> Vec<Breach> {
    let checker = Checker::new(agenda, request);
    let mut breaches = checker.breaches(slot);
    if request.as_soon_as_possible
        && let Some(first) = checker.earliest_valid()
        && first.start < slot.start
    {
        breaches.push(Breach {
            rule: RuleKind::Earliest,
            explanation: format!(
                "demandé au plus tôt, mais un créneau valable était libre avant : le {} à {} avec {}",
                short_date(first.start.date()),
                first.start.format("%H:%M"),
                agenda.practitioner_name(&first.practitioner)
            ),
        });
    }
    breaches
}

/// The earliest slot that breaks no rule for `request` (what an ideal secretary books), over four
/// weeks from `request.now`; None when there is none.
pub fn earliest_valid_slot(agenda: &Agenda, request: &BookingRequest) -> Option<Slot> {
    Checker::new(agenda, request).earliest_valid()
}

/// "12/12", the way a secretary says a date in the coming weeks.
fn short_date(date: NaiveDate) -> String {
    date.format("%d/%m").to_string()
}

/// The request with what every slot's check needs, computed once.
struct Checker<'a> {
    agenda: &'a Agenda,
    request: &'a BookingRequest,
    minutes: u32,
    motif_label: String,
    /// The patient's other appointments that hold their slot: (start, specialty).
    patient_appointments: Vec<(NaiveDateTime, String)>,
}

impl<'a> Checker<'a> {
    fn new(agenda: &'a Agenda, request: &'a BookingRequest) -> Self {
        let motif = agenda.motif(&request.motif);
        Checker {
            agenda,
            request,
            minutes: motif.map_or(0, |m| m.minutes),
            motif_label: motif.map_or_else(|| request.motif.clone(), |m| m.label.clone()),
            patient_appointments: agenda
                .appointments
                .iter()
                .filter(|a| a.patient == request.patient && a.status.holds_slot())
                .map(|a| (a.start, agenda.specialty_of(&a.practitioner, &a.motif)))
                .collect(),
        }
    }

    fn practitioners(&self) -> Vec<&'a str> {
        if self.request.practitioners.is_empty() {
            self.agenda
                .practitioners
                .iter()
                .map(|p| p.id.as_str())
                .collect()
        } else {
            self.request
                .practitioners
                .iter()
                .map(String::as_str)
                .collect()
        }
    }

    fn earliest_valid(&self) -> Option<Slot> {
        // An unknown motif has no slot.
        self.agenda.motif(&self.request.motif)?;
        let from = self.request.now;
        // The busy times are indexed once for the four weeks, not once per day.
        let busy = Busy::of(self.agenda);
        let practitioners = self.practitioners();
        (0..SEARCH_DAYS).find_map(|offset| {
            let date = from.date() + Duration::days(offset);
            let window = (if offset == 0 { minutes_of(from) } else { 0 }, 24 * 60);
            let mut slots: Vec<Slot> = practitioners
                .iter()
                .flat_map(|p| {
                    day_slots(
                        self.agenda,
                        &busy,
                        p,
                        date,
                        self.minutes,
                        window,
                        UrgentSlots::Included,
                    )
                })
                .collect();
            slots.sort_by_key(|s| s.start);
            slots.into_iter().find(|s| self.breaches(s).is_empty())
        })
    }

    fn breaches(&self, slot: &Slot) -> Vec<Breach> {
        let mut out = Vec::new();
        let mut breach = |rule, explanation: String| out.push(Breach { rule, explanation });
        let date = slot.start.date();
        let start = minutes_of(slot.start);
        let label = &self.motif_label;
        let who = self.agenda.practitioner_name(&slot.practitioner);

        // The motif's duration, up to the next appointment or the end of the open range.
        let room = self.room_after(&slot.practitioner, slot.start);
        if room < self.minutes {
            breach(
                RuleKind::Duration,
                format!(
                    "« {label} » dure {} min, mais le créneau du {} à {} n'en laisse que {room}",
                    self.minutes,
                    short_date(date),
                    slot.start.format("%H:%M")
                ),
            );
        }

        // Urgent slots: only for an urgent need of the same day.
        let urgent = self
            .agenda
            .practitioner(&slot.practitioner)
            .is_some_and(|p| {
                p.urgent_hours
                    .on(chrono::Datelike::weekday(&date))
                    .iter()
                    .any(|r| {
                        let (s, e) = r.minutes();
                        s < start + self.minutes.max(1) && start < e
                    })
            });
        if urgent {
            if !self.request.urgent_today {
                breach(
                    RuleKind::UrgentSlot,
                    format!("créneau d'urgence utilisé pour une demande non urgente (« {label} »)"),
                );
            } else if date != self.request.now.date() {
                breach(
                    RuleKind::UrgentSlot,
                    format!(
                        "créneau d'urgence du {} : il est gardé pour les urgences de ce jour-là, pas pour celle d'aujourd'hui",
                        short_date(date)
                    ),
                );
            }
        }

        // The practice's minimum gap in one specialty.
        let gap = i64::from(self.agenda.settings.minimum_gap_days);
        if gap > 0 {
            let specialty = self
                .agenda
                .specialty_of(&slot.practitioner, &self.request.motif);
            for (other, other_specialty) in &self.patient_appointments {
                if *other == slot.start || *other_specialty != specialty {
                    continue;
                }
                let days = (date - other.date()).num_days();
                if days.abs() < gap {
                    let side = if days >= 0 { "après" } else { "avant" };
                    breach(
                        RuleKind::MinimumGap,
                        format!(
                            "moins de {gap} jours {side} son rendez-vous du {} ({specialty})",
                            short_date(other.date())
                        ),
                    );
                }
            }
        }

        // The practitioner's preferences.
        for preference in self
            .agenda
            .practitioner(&slot.practitioner)
            .map_or(&[][..], |p| p.preferences.as_slice())
        {
            match preference {
                Preference::PasDeNouveauPatient(day)
                    if self.request.new_patient && Day::of(date) == *day =>
                {
                    breach(
                        RuleKind::Preference,
                        format!("{who} ne prend pas de nouveau patient le {}", day.label()),
                    );
                }
                Preference::ActesApresMidi(motifs)
                    if start < NOON && motifs.contains(&self.request.motif) =>
                {
                    breach(
                        RuleKind::Preference,
                        format!("{who} fait « {label} » l'après-midi seulement"),
                    );
                }
                _ => {}
            }
        }

        // The practitioners asked for, and what the patient said.
        if !self.request.practitioners.is_empty()
            && !self.request.practitioners.contains(&slot.practitioner)
        {
            breach(
                RuleKind::PatientConstraint,
                format!("rendez-vous avec {who}, qui n'est pas le praticien demandé"),
            );
        }
        for constraint in &self.request.constraints {
            let broken =
                match constraint {
                    Contrainte::MatinSeulement => (start >= NOON)
                        .then(|| "la personne ne peut venir que le matin".to_string()),
                    Contrainte::ApresMidiSeulement => (start < NOON)
                        .then(|| "la personne ne peut venir que l'après-midi".to_string()),
                    Contrainte::PasLe(day) => (Day::of(date) == *day).then(|| {
                        format!(
                            "la personne a dit qu'elle ne pouvait pas le {}",
                            day.label()
                        )
                    }),
                    Contrainte::AvantLe(limit) => (date >= *limit).then(|| {
                        format!(
                            "la personne voulait un rendez-vous avant le {}",
                            format_date(*limit)
                        )
                    }),
                    Contrainte::ApresLe(limit) => (date <= *limit).then(|| {
                        format!(
                            "la personne voulait un rendez-vous après le {}",
                            format_date(*limit)
                        )
                    }),
                    Contrainte::Praticien(id) => (slot.practitioner != *id).then(|| {
                        format!(
                            "la personne a demandé {}, pas {who}",
                            self.agenda.practitioner_name(id)
                        )
                    }),
                };
            if let Some(explanation) = broken {
                breach(RuleKind::PatientConstraint, explanation);
            }
        }
        out
    }

    /// Minutes free after `start`: to the end of its open range or the next appointment that
    /// holds its slot (0 when `start` is not in an open range).
    fn room_after(&self, practitioner: &str, start: NaiveDateTime) -> u32 {
        let date = start.date();
        let t = minutes_of(start);
        let open: Vec<Span> = open_spans(self.agenda, practitioner, date);
        let Some(&(_, end)) = open.iter().find(|&&(s, e)| s <= t && t < e) else {
            return 0;
        };
        let next = self
            .agenda
            .appointments
            .iter()
            .filter(|a| {
                a.practitioner == practitioner
                    && a.status.holds_slot()
                    && a.start.date() == date
                    && !(a.patient == self.request.patient && a.start == start)
            })
            .filter_map(|a| {
                let (s, e) = (minutes_of(a.start), minutes_of(self.agenda.end_of(a)));
                if e <= t { None } else { Some(s.max(t)) }
            })
            .min()
            .unwrap_or(end);
        next.min(end) - t
    }
}
