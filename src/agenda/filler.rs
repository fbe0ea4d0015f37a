//! The seeded filler: the appointments other patients already have, so that the grid looks like a
//! real practice's. Deterministic for a seed; it never takes a slot a situation needs, never uses
//! an urgent range, and never gives a name that a scenario patient has (no accidental namesake).

use super::calendar::{Span, at, minutes_of, open_spans, subtract, to_spans};
use super::model::{Agenda, Appointment, Status};
use super::slots::{SEARCH_DAYS, Slot};
use crate::text::normalise;
use chrono::{Datelike, Duration, NaiveDateTime};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

const LAST_NAMES: [&str; 48] = [
    "MARTIN",
    "BERNARD",
    "THOMAS",
    "PETIT",
    "ROBERT",
    "RICHARD",
    "DURAND",
    "DUBOIS",
    "MOREAU",
    "LAURENT",
    "SIMON",
    "MICHEL",
    "LEFÈVRE",
    "LEROY",
    "ROUX",
    "DAVID",
    "BERTRAND",
    "MOREL",
    "FOURNIER",
    "GIRARD",
    "BONNET",
    "DUPONT",
    "LAMBERT",
    "FONTAINE",
    "ROUSSEAU",
    "VINCENT",
    "MULLER",
    "LEFEBVRE",
    "FAURE",
    "ANDRÉ",
    "MERCIER",
    "BLANC",
    "GUÉRIN",
    "BOYER",
    "GARNIER",
    "CHEVALIER",
    "FRANÇOIS",
    "LEGRAND",
    "GAUTHIER",
    "GARCIA",
    "PERRIN",
    "ROBIN",
    "CLÉMENT",
    "MORIN",
    "NICOLAS",
    "HENRY",
    "ROUSSEL",
    "MATHIEU",
];

const FIRST_NAMES: [&str; 40] = [
    "Marie",
    "Jean",
    "Nathalie",
    "Pierre",
    "Isabelle",
    "Michel",
    "Sylvie",
    "Philippe",
    "Catherine",
    "Alain",
    "Françoise",
    "Patrick",
    "Monique",
    "Nicolas",
    "Sandrine",
    "Christophe",
    "Valérie",
    "Éric",
    "Christine",
    "Laurent",
    "Camille",
    "Thomas",
    "Léa",
    "Lucas",
    "Chloé",
    "Hugo",
    "Manon",
    "Louis",
    "Inès",
    "Gabriel",
    "Jeanne",
    "Arthur",
    "Zoé",
    "Jules",
    "Lina",
    "Paul",
    "Agnès",
    "Bernard",
    "Hélène",
    "Yves",
];

/// Appointments for the practitioners of `agenda` from `now`'s day over the next four weeks,
/// filling about `density` (0–1) of the free time outside urgent ranges, around the file's own
/// appointments and the `reserved` slots (which stay free). Motifs are drawn by their weight.
/// Today's appointments that have started by `now` get a status (mostly arrived, some late or
/// absent); the others are confirmed. Names are « NOM Prénom », never one of `avoided_names` (the
/// birth and used names of the scenario's patients: no namesake). The same seed gives the same
/// appointments.
pub fn fill(
    agenda: &Agenda,
    seed: u64,
    density: f32,
    reserved: &[Slot],
    avoided_names: &[&str],
    now: NaiveDateTime,
) -> Vec<Appointment> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed ^ 0xA6E2_DA00_F111_0003);
    let density = f64::from(density.clamp(0.0, 1.0));
    let taken: Vec<String> = avoided_names.iter().map(|n| normalise(n)).collect();
    let last_names: Vec<&str> = LAST_NAMES
        .into_iter()
        .filter(|n| !taken.contains(&normalise(n)))
        .collect();
    let total_weight: u32 = agenda.motifs.iter().map(|m| m.weight).sum();
    let mut out = Vec::new();
    if last_names.is_empty() || total_weight == 0 {
        return out;
    }
    let step = agenda.settings.step_minutes.max(1);
    for practitioner in &agenda.practitioners {
        for offset in 0..SEARCH_DAYS {
            let date = now.date() + Duration::days(offset);
            let mut busy: Vec<Span> = to_spans(practitioner.urgent_hours.on(date.weekday()));
            busy.extend(
                agenda
                    .appointments
                    .iter()
                    .filter(|a| a.practitioner == practitioner.id && a.status.holds_slot())
                    .filter(|a| a.start.date() == date)
                    .map(|a| (minutes_of(a.start), minutes_of(agenda.end_of(a)))),
            );
            busy.extend(
                reserved
                    .iter()
                    .filter(|s| s.practitioner == practitioner.id && s.start.date() == date)
                    .map(|s| (minutes_of(s.start), minutes_of(s.end))),
            );
            let free = subtract(&open_spans(agenda, &practitioner.id, date), &busy);
            for (start, end) in free {
                let mut t = start.div_ceil(step) * step;
                while t < end {
                    let mut pick = rng.random_range(0..total_weight);
                    let motif = agenda
                        .motifs
                        .iter()
                        .find(|m| {
                            if pick < m.weight {
                                true
                            } else {
                                pick -= m.weight;
                                false
                            }
                        })
                        .expect("a motif within the total weight");
                    let fits = t + motif.minutes <= end;
                    if fits && rng.random_bool(density) {
                        let start_at = at(date, t);
                        let name = format!(
                            "{} {}",
                            last_names[rng.random_range(0..last_names.len())],
                            FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())]
                        );
                        let status = past_status(&mut rng, start_at, now);
                        out.push(Appointment {
                            patient: name,
                            practitioner: practitioner.id.clone(),
                            motif: motif.id.clone(),
                            start: start_at,
                            status,
                        });
                        t += motif.minutes.div_ceil(step) * step;
                    } else {
                        // A gap as long as the motif drawn: free time comes in realistic lengths.
                        t += motif.minutes.div_ceil(step).max(1) * step;
                    }
                }
            }
        }
    }
    out
}

/// Today's appointments that have started by `now`: mostly arrived, some late, a few absent
/// (a patient is absent once a quarter of an hour has passed without her).
fn past_status(rng: &mut Xoshiro256PlusPlus, start: NaiveDateTime, now: NaiveDateTime) -> Status {
    if start.date() != now.date() || start > now {
        return Status::Confirme;
    }
    let late_or_absent = rng.random_bool(0.15);
    match (late_or_absent, now - start >= Duration::minutes(15)) {
        (false, _) => Status::Arrive,
        (true, true) => Status::Absent,
        (true, false) => Status::EnRetard,
    }
}
