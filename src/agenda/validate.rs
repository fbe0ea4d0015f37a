//! Checks of an agenda as written in a file, each problem a French sentence.

use super::calendar::{minutes_of, open_spans};
use super::model::{Agenda, Preference, format_date_time};
use std::collections::HashSet;

/// Every problem of `agenda`: duplicate or unknown practitioners and motifs, empty durations,
/// ranges that end before they start, blocked periods backwards, a filler density outside 0–1,
/// appointments outside opening hours and appointments that overlap.
pub fn validate(agenda: &Agenda) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ids = HashSet::new();
    for p in &agenda.practitioners {
        if !ids.insert(p.id.as_str()) {
            problems.push(format!("praticien « {} » en double", p.id));
        }
        for (day, range) in p.hours.all().chain(p.urgent_hours.all()) {
            if range.end <= range.start {
                problems.push(format!(
                    "{} : la plage du {} « {range} » finit avant de commencer",
                    p.name,
                    day.label()
                ));
            }
        }
        for (day, urgent) in p.urgent_hours.all() {
            let inside = p
                .hours
                .on(day.weekday())
                .iter()
                .any(|r| r.start <= urgent.start && urgent.end <= r.end);
            if !inside {
                problems.push(format!(
                    "{} : le créneau d'urgence du {} « {urgent} » n'est pas dans ses horaires",
                    p.name,
                    day.label()
                ));
            }
        }
        for pref in &p.preferences {
            if let Preference::ActesApresMidi(motifs) = pref {
                for m in motifs.iter().filter(|m| agenda.motif(m).is_none()) {
                    problems.push(format!(
                        "{} : motif inconnu « {m} » dans ses préférences",
                        p.name
                    ));
                }
            }
        }
    }
    let mut motifs = HashSet::new();
    for m in &agenda.motifs {
        if !motifs.insert(m.id.as_str()) {
            problems.push(format!("motif « {} » en double", m.id));
        }
        if m.minutes == 0 || m.minutes > 24 * 60 {
            problems.push(format!(
                "motif « {} » : la durée doit être un nombre de minutes entre 1 et 1440",
                m.id
            ));
        }
    }
    if let Some(d) = agenda.filler_density
        && !(0.0..=1.0).contains(&d)
    {
        problems.push(format!(
            "remplissage {d} : écrivez un nombre entre 0 et 1 (par exemple 0.7)"
        ));
    }
    for b in &agenda.blocks {
        if let Some(p) = &b.practitioner
            && agenda.practitioner(p).is_none()
        {
            problems.push(format!("indisponibilité : praticien inconnu « {p} »"));
        }
        if b.to <= b.from {
            problems.push(format!(
                "indisponibilité du {} au {} : la fin doit venir après le début",
                format_date_time(b.from),
                format_date_time(b.to)
            ));
        }
    }
    for (i, a) in agenda.appointments.iter().enumerate() {
        let when = format_date_time(a.start);
        let Some(p) = agenda.practitioner(&a.practitioner) else {
            problems.push(format!(
                "rendez-vous de {} le {when} : praticien inconnu « {} »",
                a.patient, a.practitioner
            ));
            continue;
        };
        let Some(m) = agenda.motif(&a.motif) else {
            problems.push(format!(
                "rendez-vous de {} le {when} : motif inconnu « {} »",
                a.patient, a.motif
            ));
            continue;
        };
        let (start, end) = (minutes_of(a.start), minutes_of(a.start) + m.minutes);
        let open = open_spans(agenda, &a.practitioner, a.start.date());
        if a.status.holds_slot() && !open.iter().any(|&(s, e)| s <= start && end <= e) {
            problems.push(format!(
                "rendez-vous de {} le {when} : « {} » ({} min) sort des horaires de {} (jour fermé, férié, indisponibilité ou fin de plage)",
                a.patient, m.label, m.minutes, p.name
            ));
        }
        let clash = agenda.appointments[..i].iter().find(|o| {
            o.status.holds_slot()
                && a.status.holds_slot()
                && o.practitioner == a.practitioner
                && o.start < agenda.end_of(a)
                && a.start < agenda.end_of(o)
        });
        if let Some(o) = clash {
            problems.push(format!(
                "rendez-vous de {} le {when} : il chevauche celui de {} à {} avec {}",
                a.patient,
                o.patient,
                o.start.format("%H:%M"),
                p.name
            ));
        }
    }
    problems
}
