//! The glossary data model. Keys are French, like the scenarios'.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename = "Glossaire", deny_unknown_fields)]
pub struct Glossary {
    #[serde(rename = "termes")]
    pub terms: Vec<Term>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename = "Terme", deny_unknown_fields)]
pub struct Term {
    /// The term as it must be written in a report, with its accents.
    #[serde(rename = "terme")]
    pub term: String,
    /// Other accepted spellings (`["œsophagite"]` for `oesophagite`…).
    #[serde(rename = "variantes", default)]
    pub variants: Vec<String>,
    /// A definition that does not contain the term itself (it is the drill's question).
    pub definition: String,
    /// One of [`SPECIALTIES`].
    #[serde(rename = "specialite")]
    pub specialty: String,
    /// The roots and affixes the term is built from.
    #[serde(rename = "racines", default)]
    pub roots: Vec<Root>,
    /// Abbreviations standing for this term (`["ECG"]`).
    #[serde(rename = "abreviations", default)]
    pub abbreviations: Vec<String>,
    /// Real words a secretary could write instead (`["cystoscopie", "colposcopie"]`).
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

/// The specialties a term may belong to (a closed list, so that a typo is caught and drills can
/// offer other specialties as wrong answers).
pub const SPECIALTIES: &[&str] = &[
    "anatomie",
    "anesthésie",
    "biologie",
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
    "pharmacologie",
    "pneumologie",
    "psychiatrie",
    "radiologie",
    "rhumatologie",
    "urgences",
    "urologie",
];
