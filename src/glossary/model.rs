//! The glossary data model. Keys are French, like the scenarios'.
//!
//! A term belongs to zero or more specialties (`specialites: ["radiologie", "cardiologie"]`) and
//! may sit in a field of knowledge that is not a specialty (`domaine: "anatomie"`); it has at
//! least one of the two. Instructors' glossaries written before that still say
//! `specialite: "cardiologie"` (one string): it is read as that one specialty, or as the domain
//! when it names one (`specialite: "anatomie"`).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename = "Glossaire", deny_unknown_fields)]
pub struct Glossary {
    #[serde(rename = "termes")]
    pub terms: Vec<Term>,
}

/// One glossary entry, with its specialties and domain already sorted out from the file's form
/// (see [`TermSource`]).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename = "Terme", try_from = "TermSource")]
pub struct Term {
    /// The term as it must be written in a report, with its accents.
    #[serde(rename = "terme")]
    pub term: String,
    /// Other accepted spellings (`["œsophagite"]` for `oesophagite`…).
    #[serde(rename = "variantes")]
    pub variants: Vec<String>,
    /// A definition that does not contain the term itself (it is the drill's question).
    pub definition: String,
    /// Each one of [`SPECIALTIES`]; any of them is a right answer to « which specialty? ».
    #[serde(rename = "specialites")]
    pub specialties: Vec<String>,
    /// One of [`DOMAINS`]: the field of knowledge when it is not a specialty (anatomy…).
    #[serde(rename = "domaine", skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// The roots and affixes the term is built from.
    #[serde(rename = "racines")]
    pub roots: Vec<Root>,
    /// Abbreviations standing for this term (`["ECG"]`).
    #[serde(rename = "abreviations")]
    pub abbreviations: Vec<String>,
    /// Real words a secretary could write instead (`["cystoscopie", "colposcopie"]`): look-alikes
    /// by spelling or sound, never a word the definition itself uses.
    #[serde(rename = "confusions")]
    pub confusables: Vec<String>,
    /// A sentence of a report or letter that uses the term.
    #[serde(rename = "exemple")]
    pub example: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename = "Racine", deny_unknown_fields)]
pub struct Root {
    /// `"colo-"`, `"-scopie"`, `"cardi(o)-"`…
    #[serde(rename = "forme")]
    pub form: String,
    #[serde(rename = "sens")]
    pub meaning: String,
}

/// A term as written in the file: both the current form (`specialites`, `domaine`) and the old
/// one-specialty form (`specialite`) are read; [`Term`] is built from it.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename = "Terme", deny_unknown_fields)]
pub struct TermSource {
    pub terme: String,
    #[serde(default)]
    pub variantes: Vec<String>,
    pub definition: String,
    /// The old form: one specialty, or one of [`DOMAINS`].
    #[serde(default)]
    pub specialite: Option<String>,
    #[serde(default)]
    pub specialites: Option<Vec<String>>,
    #[serde(default)]
    pub domaine: Option<String>,
    #[serde(default)]
    pub racines: Vec<Root>,
    #[serde(default)]
    pub abreviations: Vec<String>,
    pub confusions: Vec<String>,
    pub exemple: String,
}

/// The file's top level as written, for the loader (which locates every problem before building
/// the [`Glossary`]).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename = "Glossaire", deny_unknown_fields)]
pub(crate) struct GlossarySource {
    pub termes: Vec<TermSource>,
}

/// How the specialty fields of a [`TermSource`] are written, when they cannot both be kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FormClash {
    /// `specialite` and `specialites` together.
    BothForms,
    /// `specialite` names a domain and `domaine` is given too.
    TwoDomains,
}

impl TermSource {
    /// The term with `specialite` moved into `specialties` or `domain`, and what was given twice,
    /// if anything (then the new form wins, so that the other checks still run).
    pub(crate) fn resolve(self) -> (Term, Option<FormClash>) {
        let mut specialties = self.specialites.clone().unwrap_or_default();
        let mut domain = self.domaine.clone();
        let mut clash = None;
        if let Some(old) = self.specialite {
            if self.specialites.is_some() {
                clash = Some(FormClash::BothForms);
            } else if DOMAINS.contains(&old.as_str()) {
                if domain.is_some() {
                    clash = Some(FormClash::TwoDomains);
                } else {
                    domain = Some(old);
                }
            } else {
                specialties.push(old);
            }
        }
        let term = Term {
            term: self.terme,
            variants: self.variantes,
            definition: self.definition,
            specialties,
            domain,
            roots: self.racines,
            abbreviations: self.abreviations,
            confusables: self.confusions,
            example: self.exemple,
        };
        (term, clash)
    }
}

impl FormClash {
    /// Why the term is refused, in French, for the instructor who wrote it.
    pub(crate) fn message(self, term: &str) -> String {
        match self {
            FormClash::BothForms => format!(
                "« {term} » : `specialite` et `specialites` sont donnés tous les deux ; gardez \
                 seulement `specialites: [\"…\", \"…\"]` (la liste remplace l'ancienne forme à une \
                 spécialité)"
            ),
            FormClash::TwoDomains => format!(
                "« {term} » : `specialite` donne déjà un domaine et `domaine` en donne un autre ; \
                 gardez seulement `domaine: \"…\"`"
            ),
        }
    }
}

impl TryFrom<TermSource> for Term {
    type Error = String;

    fn try_from(source: TermSource) -> Result<Term, String> {
        match source.resolve() {
            (term, None) => Ok(term),
            (term, Some(clash)) => Err(clash.message(&term.term)),
        }
    }
}

/// The specialties a term may belong to (a closed list, so that a typo is caught and drills can
/// offer other specialties as wrong answers).
pub const SPECIALTIES: &[&str] = &[
    "anesthésie",
    "cardiologie",
    "chirurgie",
    "dermatologie",
    "endocrinologie",
    "gastro-entérologie",
    "gériatrie",
    "gynécologie-obstétrique",
    "hématologie",
    "infectiologie",
    "médecine générale",
    "néphrologie",
    "neurologie",
    "odontologie",
    "oncologie",
    "ophtalmologie",
    "ORL",
    "orthopédie",
    "pédiatrie",
    "pneumologie",
    "psychiatrie",
    "radiologie",
    "rhumatologie",
    "urgences",
    "urologie",
];

/// The fields of knowledge that are not specialties (no doctor's practice is « anatomie »): a
/// term's `domaine`, never offered as the answer to « which specialty? ».
pub const DOMAINS: &[&str] = &["anatomie", "biologie", "pharmacologie"];
