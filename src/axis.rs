//! The axes a session is scored on. Low in the crate: scenarios, the rulebook and scoring all
//! name them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum Axis {
    #[serde(rename = "Priorisation")]
    Prioritisation,
    #[serde(rename = "Terminologie")]
    Terminology,
    #[serde(rename = "Confidentialite")]
    Confidentiality,
    /// Errors that are neither urgency, vocabulary nor confidentiality: a booking rule broken, a
    /// document filed in the wrong place, billing, an unsigned report sent.
    #[serde(rename = "Organisation")]
    Organisation,
}

impl Axis {
    pub const ALL: [Axis; 4] = [
        Axis::Prioritisation,
        Axis::Terminology,
        Axis::Confidentiality,
        Axis::Organisation,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Axis::Prioritisation => "Priorisation",
            Axis::Terminology => "Terminologie",
            Axis::Confidentiality => "Confidentialité",
            Axis::Organisation => "Organisation",
        }
    }

    /// The key used in JSON output and in the format's `perte`.
    pub fn key(self) -> &'static str {
        match self {
            Axis::Prioritisation => "prioritisation",
            Axis::Terminology => "terminology",
            Axis::Confidentiality => "confidentiality",
            Axis::Organisation => "organisation",
        }
    }

    /// The name written in scenario files (`axe: Confidentialite`, `perte: (confidentialite: 5)`).
    pub fn file_name(self) -> &'static str {
        match self {
            Axis::Prioritisation => "priorisation",
            Axis::Terminology => "terminologie",
            Axis::Confidentiality => "confidentialite",
            Axis::Organisation => "organisation",
        }
    }
}

/// Points for each axis, as a small fixed table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename = "Perte", deny_unknown_fields)]
pub struct Cost {
    #[serde(rename = "priorisation", default)]
    pub prioritisation: u32,
    #[serde(rename = "terminologie", default)]
    pub terminology: u32,
    #[serde(rename = "confidentialite", default)]
    pub confidentiality: u32,
    #[serde(rename = "organisation", default)]
    pub organisation: u32,
}

impl Cost {
    pub fn get(&self, axis: Axis) -> u32 {
        match axis {
            Axis::Prioritisation => self.prioritisation,
            Axis::Terminology => self.terminology,
            Axis::Confidentiality => self.confidentiality,
            Axis::Organisation => self.organisation,
        }
    }

    pub fn is_zero(&self) -> bool {
        Axis::ALL.iter().all(|&a| self.get(a) == 0)
    }

    /// The axes this cost takes points from.
    pub fn axes(&self) -> impl Iterator<Item = Axis> + '_ {
        Axis::ALL.into_iter().filter(|&a| self.get(a) > 0)
    }
}
