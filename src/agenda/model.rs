//! The agenda as instructors write it in RON: practitioners with their weekly hours, consultation
//! reasons (motifs), practice settings, blocked periods and the appointments already booked. Keys
//! and variants are French (the authors are French instructors); the Rust names are English.
//!
//! ```ron
//! Agenda(
//!     praticiens: [Praticien(id: "martin", nom: "Dr Martin",
//!         horaires: (lundi: ["08:30-12:00", "14:00-19:00"]),
//!         creneaux_urgence: (lundi: ["11:30-12:00"]),
//!         preferences: [PasDeNouveauPatient(Vendredi)])],
//!     motifs: [Motif(id: "suivi", libelle: "Consultation de suivi", duree: 20)],
//!     indisponibilites: [Blocage(praticien: Some("martin"), du: "07/12/2026 08:00", au: "07/12/2026 12:00", raison: "réunion")],
//!     rendez_vous: [RendezVous(patient: "DURAND Jean", praticien: "martin", motif: "suivi", debut: "07/12/2026 14:00")],
//! )
//! ```

use crate::time::ClockTime;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Agenda {
    #[serde(rename = "praticiens", default)]
    pub practitioners: Vec<Practitioner>,
    #[serde(rename = "motifs", default)]
    pub motifs: Vec<Motif>,
    #[serde(rename = "reglages", default)]
    pub settings: Settings,
    /// Absences, meetings, holidays: no booking in these periods.
    #[serde(rename = "indisponibilites", default)]
    pub blocks: Vec<Block>,
    /// The appointments the file gives (a situation's patient, a walk-in's booking…).
    #[serde(rename = "rendez_vous", default)]
    pub appointments: Vec<Appointment>,
    /// How full the seeded filler makes the grid, from 0 (empty) to 1 (every free slot taken).
    #[serde(rename = "remplissage", default)]
    pub filler_density: Option<f32>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename = "Praticien", deny_unknown_fields)]
pub struct Practitioner {
    pub id: String,
    /// "Dr Martin", as shown in the grid and in explanations.
    #[serde(rename = "nom")]
    pub name: String,
    /// The specialty for the minimum-gap rule when a motif does not name its own.
    #[serde(rename = "specialite", default)]
    pub specialty: Option<String>,
    /// Opening hours per weekday.
    #[serde(rename = "horaires", default)]
    pub hours: WeekHours,
    /// Parts of the opening hours kept for same-day urgent needs.
    #[serde(rename = "creneaux_urgence", default)]
    pub urgent_hours: WeekHours,
    #[serde(default)]
    pub preferences: Vec<Preference>,
}

/// Ranges of time per weekday; a day left out is closed. Sunday is always closed.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WeekHours {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lundi: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mardi: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mercredi: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub jeudi: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vendredi: Vec<TimeRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub samedi: Vec<TimeRange>,
}

impl WeekHours {
    /// The ranges of one weekday (none on Sunday).
    pub fn on(&self, day: Weekday) -> &[TimeRange] {
        match day {
            Weekday::Mon => &self.lundi,
            Weekday::Tue => &self.mardi,
            Weekday::Wed => &self.mercredi,
            Weekday::Thu => &self.jeudi,
            Weekday::Fri => &self.vendredi,
            Weekday::Sat => &self.samedi,
            Weekday::Sun => &[],
        }
    }

    /// Every range with its weekday, Monday first.
    pub fn all(&self) -> impl Iterator<Item = (Day, &TimeRange)> {
        Day::WORKING
            .into_iter()
            .flat_map(move |d| self.on(d.weekday()).iter().map(move |r| (d, r)))
    }
}

/// A range of time in a day, written `"08:30-12:00"`; the end is not included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeRange {
    pub start: ClockTime,
    pub end: ClockTime,
}

impl TimeRange {
    /// Parses `"08:30-12:00"`; the end must come after the start.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (a, b) = text.split_once('-').ok_or_else(|| {
            format!("plage horaire invalide « {text} » : écrivez-la sous la forme \"08:30-12:00\"")
        })?;
        let range = TimeRange {
            start: ClockTime::parse(a)?,
            end: ClockTime::parse(b)?,
        };
        if range.end <= range.start {
            return Err(format!(
                "plage horaire « {text} » : la fin ({}) doit venir après le début ({})",
                range.end, range.start
            ));
        }
        Ok(range)
    }

    /// Minutes since midnight, start and end.
    pub fn minutes(self) -> (u32, u32) {
        (self.start.seconds() / 60, self.end.seconds() / 60)
    }
}

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

impl<'de> Deserialize<'de> for TimeRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        TimeRange::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl Serialize for TimeRange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A working day, by its French name in files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Day {
    Lundi,
    Mardi,
    Mercredi,
    Jeudi,
    Vendredi,
    Samedi,
    Dimanche,
}

impl Day {
    pub const WORKING: [Day; 6] = [
        Day::Lundi,
        Day::Mardi,
        Day::Mercredi,
        Day::Jeudi,
        Day::Vendredi,
        Day::Samedi,
    ];

    pub fn weekday(self) -> Weekday {
        match self {
            Day::Lundi => Weekday::Mon,
            Day::Mardi => Weekday::Tue,
            Day::Mercredi => Weekday::Wed,
            Day::Jeudi => Weekday::Thu,
            Day::Vendredi => Weekday::Fri,
            Day::Samedi => Weekday::Sat,
            Day::Dimanche => Weekday::Sun,
        }
    }

    pub fn of(date: NaiveDate) -> Day {
        match date.weekday() {
            Weekday::Mon => Day::Lundi,
            Weekday::Tue => Day::Mardi,
            Weekday::Wed => Day::Mercredi,
            Weekday::Thu => Day::Jeudi,
            Weekday::Fri => Day::Vendredi,
            Weekday::Sat => Day::Samedi,
            Weekday::Sun => Day::Dimanche,
        }
    }

    /// "lundi", as in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            Day::Lundi => "lundi",
            Day::Mardi => "mardi",
            Day::Mercredi => "mercredi",
            Day::Jeudi => "jeudi",
            Day::Vendredi => "vendredi",
            Day::Samedi => "samedi",
            Day::Dimanche => "dimanche",
        }
    }
}

/// What a practitioner asks of the bookings made for him or her.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum Preference {
    /// No first appointment for a new patient on this day.
    PasDeNouveauPatient(Day),
    /// These motifs (procedures) are booked in the afternoon only.
    ActesApresMidi(Vec<String>),
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Motif {
    pub id: String,
    /// "Renouvellement d'ordonnance", as shown in the grid and in explanations.
    #[serde(rename = "libelle")]
    pub label: String,
    /// Length of the appointment, in minutes.
    #[serde(rename = "duree")]
    pub minutes: u32,
    /// Whether patients may book it themselves online.
    #[serde(rename = "en_ligne", default)]
    pub online: bool,
    /// A procedure (acte) rather than a consultation.
    #[serde(rename = "acte", default)]
    pub procedure: bool,
    /// The specialty for the minimum-gap rule (else the practitioner's).
    #[serde(rename = "specialite", default)]
    pub specialty: Option<String>,
    /// How often the filler picks it, relative to the other motifs (1 when left out).
    #[serde(rename = "poids", default = "one")]
    pub weight: u32,
}

fn one() -> u32 {
    1
}

/// The practice's settings, as in the agenda software's parameters.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename = "Reglages", deny_unknown_fields)]
pub struct Settings {
    /// Minimum days between two appointments of one patient in the same specialty (0: no rule).
    #[serde(rename = "ecart_minimum_jours", default = "default_gap")]
    pub minimum_gap_days: u32,
    /// A cancellation later than this many hours before the appointment is a late one.
    #[serde(rename = "delai_annulation_heures", default = "default_cancellation")]
    pub cancellation_notice_hours: u32,
    /// After this many no-shows, the practice's written rule applies (the practitioner decides).
    #[serde(rename = "absences_avant_alerte", default = "default_no_shows")]
    pub no_shows_before_alert: u32,
    /// The grid's step, in minutes: appointments start on multiples of it.
    #[serde(rename = "pas_minutes", default = "default_step")]
    pub step_minutes: u32,
}

fn default_gap() -> u32 {
    6
}
fn default_cancellation() -> u32 {
    24
}
fn default_no_shows() -> u32 {
    3
}
fn default_step() -> u32 {
    5
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            minimum_gap_days: default_gap(),
            cancellation_notice_hours: default_cancellation(),
            no_shows_before_alert: default_no_shows(),
            step_minutes: default_step(),
        }
    }
}

/// A period with no booking: for one practitioner, or the whole practice when `praticien` is None.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename = "Blocage", deny_unknown_fields)]
pub struct Block {
    #[serde(rename = "praticien", default)]
    pub practitioner: Option<String>,
    /// `"05/12/2026 08:00"`.
    #[serde(rename = "du", with = "date_time_fr")]
    pub from: NaiveDateTime,
    /// `"05/12/2026 12:00"`, not included.
    #[serde(rename = "au", with = "date_time_fr")]
    pub to: NaiveDateTime,
    #[serde(rename = "raison", default)]
    pub reason: String,
}

impl Block {
    pub fn applies_to(&self, practitioner: &str) -> bool {
        self.practitioner
            .as_deref()
            .is_none_or(|p| p == practitioner)
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename = "RendezVous", deny_unknown_fields)]
pub struct Appointment {
    /// A scenario patient's id, or a name for anyone else ("DURAND Jean").
    pub patient: String,
    #[serde(rename = "praticien")]
    pub practitioner: String,
    pub motif: String,
    /// `"05/12/2026 14:30"`.
    #[serde(rename = "debut", with = "date_time_fr")]
    pub start: NaiveDateTime,
    #[serde(rename = "statut", default)]
    pub status: Status,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Status {
    #[default]
    Confirme,
    Arrive,
    EnRetard,
    Absent,
    Annule,
}

impl Status {
    /// Whether the appointment still holds its slot (a cancelled one frees it).
    pub fn holds_slot(self) -> bool {
        self != Status::Annule
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Confirme => "confirmé",
            Status::Arrive => "arrivé",
            Status::EnRetard => "en retard",
            Status::Absent => "absent",
            Status::Annule => "annulé",
        }
    }
}

impl Agenda {
    pub fn practitioner(&self, id: &str) -> Option<&Practitioner> {
        self.practitioners.iter().find(|p| p.id == id)
    }

    pub fn motif(&self, id: &str) -> Option<&Motif> {
        self.motifs.iter().find(|m| m.id == id)
    }

    /// Where an appointment ends, from its motif's duration (its start when the motif is unknown).
    pub fn end_of(&self, appointment: &Appointment) -> NaiveDateTime {
        let minutes = self.motif(&appointment.motif).map_or(0, |m| m.minutes);
        appointment.start + chrono::Duration::minutes(i64::from(minutes))
    }

    /// The specialty an appointment counts in for the minimum gap: the motif's, else the
    /// practitioner's, else the practitioner himself.
    pub fn specialty_of(&self, practitioner: &str, motif: &str) -> String {
        self.motif(motif)
            .and_then(|m| m.specialty.clone())
            .or_else(|| {
                self.practitioner(practitioner)
                    .and_then(|p| p.specialty.clone())
            })
            .unwrap_or_else(|| format!("praticien {practitioner}"))
    }

    /// The practitioner's name for a sentence, or the id when unknown.
    pub fn practitioner_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.practitioner(id).map_or(id, |p| p.name.as_str())
    }
}

/// `"05/12/2026"`.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// `"05/12/2026 14:30"`.
pub fn format_date_time(at: NaiveDateTime) -> String {
    at.format("%d/%m/%Y %H:%M").to_string()
}

/// Parses `"05/12/2026"`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%d/%m/%Y").map_err(|_| {
        format!("date invalide « {text} » : écrivez-la sous la forme JJ/MM/AAAA, par exemple \"05/12/2026\"")
    })
}

/// Parses `"05/12/2026 14:30"` (also `"05/12/2026 14h30"`).
pub fn parse_date_time(text: &str) -> Result<NaiveDateTime, String> {
    let error = || {
        format!(
            "date et heure invalides « {text} » : écrivez-les sous la forme JJ/MM/AAAA HH:MM, par exemple \"05/12/2026 14:30\""
        )
    };
    let (date, time) = text.trim().split_once(' ').ok_or_else(error)?;
    let date = parse_date(date).map_err(|_| error())?;
    let time = ClockTime::parse(time).map_err(|_| error())?;
    Ok(
        date.and_time(chrono::NaiveTime::MIN)
            + chrono::Duration::seconds(i64::from(time.seconds())),
    )
}

/// Serde for `"05/12/2026"`.
pub mod date_fr {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&super::format_date(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        super::parse_date(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// Serde for `"05/12/2026 14:30"`.
pub mod date_time_fr {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&super::format_date_time(*at))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        super::parse_date_time(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}
