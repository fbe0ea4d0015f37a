//! The scenario data model, as written by instructors in RON. Keys are French (the authors are
//! French instructors); the Rust names are English.

pub use crate::axis::{Axis, Cost};
use crate::time::{ClockTime, Duration};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    #[serde(rename = "titre")]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The day of the shift (`"08/12/2026"`): weekdays, ages and, later, the agenda count from it.
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(rename = "etiquettes", default)]
    pub tags: Vec<String>,
    /// Overall score needed to validate the session (when there is no critical error).
    #[serde(rename = "seuil_validation", default = "default_pass_mark")]
    pub pass_mark: u32,
    #[serde(rename = "cabinet")]
    pub practice: Practice,
    #[serde(default)]
    pub patients: Vec<Patient>,
    #[serde(default)]
    pub variation: Variation,
    /// The practice's agenda (practitioners' hours, motifs, appointments): see `crate::agenda`.
    #[serde(default)]
    pub agenda: Option<crate::agenda::Agenda>,
    pub situations: Vec<Situation>,
}

/// The pass mark of a scenario that does not set `seuil_validation`.
pub fn default_pass_mark() -> u32 {
    60
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename = "Cabinet", deny_unknown_fields)]
pub struct Practice {
    #[serde(rename = "nom")]
    pub name: String,
    #[serde(rename = "specialite")]
    pub specialty: String,
    #[serde(rename = "medecins", default)]
    pub doctors: Vec<Doctor>,
    #[serde(rename = "debut")]
    pub shift_start: ClockTime,
    #[serde(rename = "fin")]
    pub shift_end: ClockTime,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename = "Medecin", deny_unknown_fields)]
pub struct Doctor {
    pub id: String,
    #[serde(rename = "nom")]
    pub name: String,
    #[serde(rename = "specialite", default)]
    pub specialty: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum Sex {
    F,
    M,
    /// Indéterminé (RNIV).
    I,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Patient {
    pub id: String,
    /// Birth name, in capitals as in the register.
    #[serde(rename = "nom")]
    pub last_name: String,
    #[serde(rename = "nom_usage", default)]
    pub used_name: Option<String>,
    #[serde(rename = "prenom")]
    pub first_name: String,
    /// Date of birth, `JJ/MM/AAAA`.
    #[serde(rename = "naissance")]
    pub birth_date: BirthDate,
    #[serde(rename = "sexe")]
    pub sex: Sex,
    #[serde(rename = "lieu_naissance", default)]
    pub birth_place: String,
    #[serde(rename = "telephone", default)]
    pub phone: String,
    #[serde(rename = "notes", default)]
    pub notes: String,
}

impl Patient {
    /// Age in whole years on `day`.
    pub fn age_on(&self, day: chrono::NaiveDate) -> u32 {
        day.years_since(self.birth_date.0).unwrap_or(0)
    }

    /// "DURAND Jean (14/03/1952)", the way a register line reads.
    pub fn register_line(&self) -> String {
        format!(
            "{} {} ({})",
            self.last_name, self.first_name, self.birth_date
        )
    }

    /// Whether `other` is a namesake (homonyme) of this patient: the same first name and a name
    /// in common, birth name or used name, accents, case and hyphens aside. A relative with the
    /// same name but another first name is not one.
    pub fn is_namesake_of(&self, other: &Patient) -> bool {
        use crate::text::normalise;
        let names = |p: &Patient| {
            std::iter::once(normalise(&p.last_name))
                .chain(p.used_name.as_deref().map(normalise))
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
        };
        let theirs = names(other);
        normalise(&self.first_name) == normalise(&other.first_name)
            && names(self).iter().any(|n| theirs.contains(n))
    }
}

/// A date written `JJ/MM/AAAA`: a date of birth, the day of a shift.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct BirthDate(pub chrono::NaiveDate);

/// The same written date, where it is not a birth.
pub type Date = BirthDate;

/// The day of a shift whose file does not say: fixed, never today's, so that such files behave
/// the same every day (a Monday).
pub const DEFAULT_SHIFT_DATE: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 1, 5)
{
    Some(d) => d,
    None => panic!("a valid date"),
};

impl std::fmt::Display for BirthDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.format("%d/%m/%Y"))
    }
}

impl<'de> Deserialize<'de> for BirthDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        chrono::NaiveDate::parse_from_str(text.trim(), "%d/%m/%Y").map(BirthDate).map_err(|_| {
            serde::de::Error::custom(format!(
                "date invalide « {text} » : écrivez la date sous la forme JJ/MM/AAAA, par exemple \"14/03/1952\""
            ))
        })
    }
}

impl Serialize for BirthDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Seeded variation, so that two students (or two attempts) do not get exactly the same shift.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Variation {
    /// Each arrival moves by up to this much, earlier or later (never outside the shift).
    #[serde(rename = "decalage_arrivee", default)]
    pub arrival_jitter: Duration,
    /// Shows the options of each choice in a seeded order instead of the file's order.
    #[serde(rename = "melanger_propositions", default)]
    pub shuffle_options: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Channel {
    /// A patient or visitor at the desk.
    Accueil,
    Telephone,
    /// A request from one of the doctors.
    Medecin,
    /// Mail, lab results, secure messaging.
    Courrier,
}

impl Channel {
    pub fn label(self) -> &'static str {
        match self {
            Channel::Accueil => "Accueil",
            Channel::Telephone => "Téléphone",
            Channel::Medecin => "Demande du médecin",
            Channel::Courrier => "Courrier",
        }
    }
}

/// Urgency classes, from least to most urgent (the order matters: comparisons use it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum Urgency {
    Faible,
    Normale,
    Urgente,
    Vitale,
}

impl Urgency {
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Faible => "faible",
            Urgency::Normale => "normale",
            Urgency::Urgente => "urgente",
            Urgency::Vitale => "vitale",
        }
    }

    /// How many levels apart two classes are.
    pub fn levels_between(self, other: Urgency) -> u32 {
        (self as i32 - other as i32).unsigned_abs()
    }
}

/// What a walk-in does when their patience runs out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Deserialize, Serialize)]
pub enum WhenImpatient {
    /// Leaves the practice: the situation is missed.
    #[default]
    Part,
    /// Stays but complains aloud: the situation can still be handled.
    SePlaint,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Situation {
    pub id: String,
    #[serde(rename = "titre")]
    pub title: String,
    /// What the desk sees before engaging (a card in the waiting room, a ringing line...).
    #[serde(default)]
    pub description: String,
    #[serde(rename = "canal")]
    pub channel: Channel,
    #[serde(rename = "arrivee")]
    pub arrival: ClockTime,
    /// Overrides the scenario's arrival jitter for this situation.
    #[serde(rename = "decalage_arrivee", default)]
    pub arrival_jitter: Option<Duration>,
    #[serde(rename = "urgence")]
    pub urgency: Urgency,
    /// The urgency the desk can see before engaging; defaults to the true urgency.
    #[serde(rename = "urgence_apparente", default)]
    pub apparent_urgency: Option<Urgency>,
    /// Longest acceptable wait before the situation is taken; defaults by channel and urgency.
    #[serde(rename = "delai_acceptable", default)]
    pub acceptable_delay: Option<Duration>,
    /// Phone: rings before voicemail (5 s a ring).
    #[serde(rename = "sonneries", default)]
    pub rings: Option<u32>,
    /// Phone: longest time a caller stays on hold before hanging up.
    #[serde(rename = "attente_max", default)]
    pub hold_limit: Option<Duration>,
    /// Walk-in: longest total wait before the patient leaves or complains.
    #[serde(default)]
    pub patience: Option<Duration>,
    #[serde(rename = "si_impatient", default)]
    pub when_impatient: WhenImpatient,
    /// When the work must be finished (doctors' requests, mail).
    #[serde(rename = "echeance", default)]
    pub deadline: Option<ClockTime>,
    /// Walk-in: the appointment time, if the patient has one.
    #[serde(rename = "rendez_vous", default)]
    pub appointment: Option<ClockTime>,
    /// The person at the desk or on the line, as the secretary would name them.
    #[serde(rename = "interlocuteur", default)]
    pub counterpart: String,
    #[serde(default)]
    pub patient: Option<String>,
    #[serde(rename = "medecin", default)]
    pub doctor: Option<String>,
    /// Alternative callers, one picked per seed; `{appelant}` in texts is replaced by it.
    #[serde(rename = "appelants", default)]
    pub callers: Vec<String>,
    #[serde(rename = "etiquettes", default)]
    pub tags: Vec<String>,
    /// Other presentations of the same situation (what the person says changes, not what the
    /// options mean); the seed draws one of them or the situation's own texts.
    #[serde(rename = "variantes", default)]
    pub variants: Vec<Variant>,
    /// Red flags of the rulebook that this situation's texts seem to carry but that the author
    /// has ruled out, each with the reason (`check` would warn otherwise).
    #[serde(rename = "drapeaux_ecartes", default)]
    pub dismissed_flags: BTreeMap<String, String>,
    #[serde(rename = "etapes")]
    pub steps: Vec<Step>,
}

/// Another way the same situation presents itself: other words, the same meaning.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename = "Variante", deny_unknown_fields)]
pub struct Variant {
    #[serde(rename = "titre", default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(rename = "interlocuteur", default)]
    pub counterpart: Option<String>,
    /// Step id → what the person says at that step.
    #[serde(rename = "textes", default)]
    pub prompts: BTreeMap<String, String>,
    /// Step id → the training hint for that step.
    #[serde(rename = "aides", default)]
    pub hints: BTreeMap<String, String>,
}

/// Rules of the rulebook an answer applies, by id (`regle: "SEC-2"` or `regle: ["SEC-2", "URG-1"]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleRefs(pub Vec<String>);

impl RuleRefs {
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de> Deserialize<'de> for RuleRefs {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct OneOrMany;
        impl<'de> serde::de::Visitor<'de> for OneOrMany {
            type Value = RuleRefs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("un identifiant de règle entre guillemets, ou une liste d'identifiants")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RuleRefs, E> {
                Ok(RuleRefs(vec![v.to_string()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RuleRefs, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                Ok(RuleRefs(ids))
            }
        }
        d.deserialize_any(OneOrMany)
    }
}

impl Serialize for RuleRefs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => s.serialize_str(one),
            many => many.serialize(s),
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub enum Step {
    #[serde(rename = "Choix")]
    Choice(ChoiceStep),
    #[serde(rename = "Saisie")]
    Typed(TypedStep),
    #[serde(rename = "Dossier")]
    Record(RecordStep),
}

impl Step {
    pub fn id(&self) -> &str {
        match self {
            Step::Choice(s) => &s.id,
            Step::Typed(s) => &s.id,
            Step::Record(s) => &s.id,
        }
    }

    pub fn prompt(&self) -> &str {
        match self {
            Step::Choice(s) => &s.prompt,
            Step::Typed(s) => &s.prompt,
            Step::Record(s) => &s.prompt,
        }
    }

    pub fn hint(&self) -> &str {
        match self {
            Step::Choice(s) => &s.hint,
            Step::Typed(s) => &s.hint,
            Step::Record(s) => &s.hint,
        }
    }

    fn texts_mut(&mut self) -> (&mut String, &mut String) {
        match self {
            Step::Choice(s) => (&mut s.prompt, &mut s.hint),
            Step::Typed(s) => (&mut s.prompt, &mut s.hint),
            Step::Record(s) => (&mut s.prompt, &mut s.hint),
        }
    }
}

/// The special `suite` value that ends the situation.
pub const END: &str = "fin";

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceStep {
    pub id: String,
    #[serde(rename = "texte")]
    pub prompt: String,
    /// A hint shown in training mode only.
    #[serde(rename = "aide", default)]
    pub hint: String,
    /// The author states that only two answers make sense here (a yes-or-no question): the
    /// strict check then accepts fewer than three options.
    #[serde(rename = "binaire", default)]
    pub binary: bool,
    #[serde(rename = "propositions")]
    pub options: Vec<ChoiceOption>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename = "Proposition", deny_unknown_fields)]
pub struct ChoiceOption {
    #[serde(rename = "texte")]
    pub text: String,
    /// The expected answer (at least one per choice).
    #[serde(rename = "meilleure", default)]
    pub best: bool,
    /// What a helpful but untrained person would do: the naive policy picks it.
    #[serde(rename = "piege", default)]
    pub trap: bool,
    /// The urgency this answer treats the situation as (for under- and over-triage).
    #[serde(rename = "tri", default)]
    pub triage: Option<Urgency>,
    #[serde(rename = "perte", default)]
    pub cost: Cost,
    /// A critical error (erreur éliminatoire): the session cannot be validated.
    #[serde(rename = "critique", default)]
    pub critical: Option<String>,
    /// Feedback for the student: why this answer is right or wrong, with the rule behind it.
    #[serde(rename = "explication", default)]
    pub explanation: String,
    /// The rules of the rulebook this answer applies or breaks.
    #[serde(rename = "regle", default)]
    pub rules: RuleRefs,
    /// What the other person answers, shown in the dialogue.
    #[serde(rename = "reaction", default)]
    pub reaction: String,
    /// Id of the next step, or "fin"; by default the step that follows in the list.
    #[serde(rename = "suite", default)]
    pub next: Option<String>,
    #[serde(rename = "duree", default)]
    pub duration: Option<Duration>,
}

/// A typed answer: a medical term or a short sentence to spell.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TypedStep {
    pub id: String,
    #[serde(rename = "texte")]
    pub prompt: String,
    #[serde(rename = "aide", default)]
    pub hint: String,
    /// Accepted spellings (the first is the reference).
    #[serde(rename = "attendu")]
    pub accepted: Vec<String>,
    /// Real words that must not be accepted even if close (coloscopie / colposcopie).
    #[serde(rename = "confusions", default)]
    pub confusables: Vec<String>,
    /// What an untrained person would type; by default the reference spelling.
    #[serde(rename = "saisie_naive", default)]
    pub naive_answer: Option<String>,
    #[serde(rename = "axe", default = "default_typed_axis")]
    pub axis: Axis,
    #[serde(default = "default_typed_points")]
    pub points: u32,
    #[serde(rename = "explication", default)]
    pub explanation: String,
    #[serde(rename = "regle", default)]
    pub rules: RuleRefs,
    #[serde(rename = "suite", default)]
    pub next: Option<String>,
    #[serde(rename = "duree", default)]
    pub duration: Option<Duration>,
}

fn default_typed_axis() -> Axis {
    Axis::Terminology
}

fn default_typed_points() -> u32 {
    5
}

/// Open the right patient file in the register (identitovigilance).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RecordStep {
    pub id: String,
    #[serde(rename = "texte")]
    pub prompt: String,
    #[serde(rename = "aide", default)]
    pub hint: String,
    /// The patient whose file must be opened.
    pub patient: String,
    #[serde(default = "default_record_points")]
    pub points: u32,
    #[serde(rename = "explication", default)]
    pub explanation: String,
    #[serde(rename = "regle", default)]
    pub rules: RuleRefs,
    #[serde(rename = "suite", default)]
    pub next: Option<String>,
    #[serde(rename = "duree", default)]
    pub duration: Option<Duration>,
}

fn default_record_points() -> u32 {
    10
}

/// Defaults that the format documents; one place so the guide and the engine agree.
pub mod defaults {
    use super::*;

    pub const RING_SECONDS: u32 = 5;
    pub const RINGS: u32 = 6;
    pub const HOLD_LIMIT: Duration = Duration(120);
    pub const CHOICE_DURATION: Duration = Duration(30);
    pub const TYPED_DURATION: Duration = Duration(45);
    pub const RECORD_DURATION: Duration = Duration(20);

    pub fn acceptable_delay(channel: Channel, urgency: Urgency) -> Duration {
        match (channel, urgency) {
            (Channel::Telephone, _) => Duration(15),
            (_, Urgency::Vitale) => Duration(30),
            (_, Urgency::Urgente) => Duration(120),
            (_, Urgency::Normale) => Duration(600),
            (_, Urgency::Faible) => Duration(3600),
        }
    }

    pub fn patience(urgency: Urgency) -> Duration {
        match urgency {
            Urgency::Vitale => Duration(120),
            Urgency::Urgente => Duration(600),
            Urgency::Normale => Duration(1200),
            Urgency::Faible => Duration(1800),
        }
    }
}

impl Situation {
    pub fn apparent_urgency(&self) -> Urgency {
        self.apparent_urgency.unwrap_or(self.urgency)
    }

    pub fn acceptable_delay(&self) -> Duration {
        self.acceptable_delay
            .unwrap_or_else(|| defaults::acceptable_delay(self.channel, self.urgency))
    }

    /// How long a phone rings before voicemail.
    pub fn ring_limit(&self) -> Duration {
        Duration(
            self.rings
                .unwrap_or(defaults::RINGS)
                .saturating_mul(defaults::RING_SECONDS),
        )
    }

    pub fn hold_limit(&self) -> Duration {
        self.hold_limit.unwrap_or(defaults::HOLD_LIMIT)
    }

    pub fn patience(&self) -> Duration {
        self.patience
            .unwrap_or_else(|| defaults::patience(self.urgency))
    }

    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id() == id)
    }

    /// Where an answer leads: `Some(index)` of the next step, or `None` for the end.
    pub fn next_step(&self, from: usize, next: Option<&str>) -> Option<usize> {
        match next {
            Some(END) => None,
            Some(id) => self.step_index(id),
            None if from + 1 < self.steps.len() => Some(from + 1),
            None => None,
        }
    }
}

impl Situation {
    /// How many ways this situation can present itself: its own texts and each variant.
    pub fn presentations(&self) -> usize {
        1 + self.variants.len()
    }

    /// The situation as presentation `k` tells it (0: its own texts; `k`: the `k`-th variant).
    pub fn presented(&self, k: usize) -> Situation {
        let mut s = self.clone();
        let Some(v) = k.checked_sub(1).and_then(|n| self.variants.get(n)) else {
            return s;
        };
        if let Some(t) = &v.title {
            s.title = t.clone();
        }
        if let Some(d) = &v.description {
            s.description = d.clone();
        }
        if let Some(c) = &v.counterpart {
            s.counterpart = c.clone();
        }
        for step in &mut s.steps {
            let id = step.id().to_string();
            let (prompt, hint) = step.texts_mut();
            if let Some(p) = v.prompts.get(&id) {
                *prompt = p.clone();
            }
            if let Some(h) = v.hints.get(&id) {
                *hint = h.clone();
            }
        }
        s
    }
}

impl Scenario {
    /// The day of the shift: the file's `date`, else a fixed default day.
    pub fn shift_date(&self) -> chrono::NaiveDate {
        self.date.map_or(DEFAULT_SHIFT_DATE, |d| d.0)
    }

    /// « mardi 8 décembre 2026 », when the file gives its date.
    pub fn day_label(&self) -> Option<String> {
        self.date.map(|d| {
            d.0.format_localized("%A %-d %B %Y", chrono::Locale::fr_FR)
                .to_string()
        })
    }

    /// The scenario as this shift tells it: `choices[i]` is the presentation of situation `i`.
    pub fn presented(&self, choices: &[usize]) -> Scenario {
        let mut s = self.clone();
        for (situation, &k) in s.situations.iter_mut().zip(choices) {
            if k > 0 {
                *situation = situation.presented(k);
            }
        }
        s
    }

    pub fn patient(&self, id: &str) -> Option<&Patient> {
        self.patients.iter().find(|p| p.id == id)
    }

    pub fn situation_index(&self, id: &str) -> Option<usize> {
        self.situations.iter().position(|s| s.id == id)
    }
}
