//! The rulebook: the numbered rules of the job that scenarios apply and cite, each with its
//! source and the axis its errors count on, and the red flags that make a situation vital.
//! It is data (`assets/regles.ron`, embedded in the program), checked like the other files, and
//! `docs/regles-metier.md` is generated from it (`secretariat rules`).

mod markdown;
mod validate;

pub use markdown::markdown;

use crate::axis::Axis;
use crate::document::{Problem, parse_ron};
use crate::text::normalise;
use serde::Deserialize;
use std::sync::OnceLock;

/// The shipped rulebook's source, embedded so that the game and the web build need no file.
pub const SOURCE: &str = include_str!("../../assets/regles.ron");

/// Where the shipped rulebook lives, relative to the project folder.
pub const DEFAULT_PATH: &str = "assets/regles.ron";

#[derive(Clone, Debug, Deserialize)]
#[serde(rename = "Regles", deny_unknown_fields)]
pub struct Rulebook {
    pub axes: Vec<AxisDefinition>,
    pub sections: Vec<Section>,
    #[serde(rename = "drapeaux", default)]
    pub flags: Vec<RedFlag>,
}

/// What an axis measures and which kinds of error count on it.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename = "DefinitionAxe", deny_unknown_fields)]
pub struct AxisDefinition {
    #[serde(rename = "axe")]
    pub axis: Axis,
    #[serde(rename = "titre")]
    pub title: String,
    pub description: String,
    #[serde(rename = "erreurs")]
    pub errors: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    #[serde(rename = "titre")]
    pub title: String,
    #[serde(rename = "regles")]
    pub rules: Vec<Rule>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename = "Regle", deny_unknown_fields)]
pub struct Rule {
    /// `TEL-1`, `IDV-3`…: a section prefix and a number.
    pub id: String,
    #[serde(rename = "titre")]
    pub title: String,
    #[serde(rename = "texte")]
    pub text: String,
    pub source: String,
    /// The axis on which errors against this rule are scored.
    #[serde(rename = "axe")]
    pub axis: Axis,
}

/// Words that show a sign of a vital emergency (chest pain, stroke signs…).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename = "Drapeau", deny_unknown_fields)]
pub struct RedFlag {
    pub id: String,
    #[serde(rename = "libelle")]
    pub label: String,
    /// The rule that makes a situation with this sign vital.
    #[serde(rename = "regle")]
    pub rule: String,
    /// Phrases, any one of which shows the sign (compared without case, accents or punctuation,
    /// as whole words).
    #[serde(default)]
    pub expressions: Vec<String>,
    /// Groups of words that show the sign when all of one group appear in the same text.
    #[serde(rename = "ensembles", default)]
    pub groups: Vec<Vec<String>>,
}

impl RedFlag {
    /// Whether `text` shows this sign.
    pub fn is_in(&self, text: &str) -> bool {
        let words = format!(" {} ", normalise(text));
        let has = |phrase: &str| {
            let phrase = normalise(phrase);
            !phrase.is_empty() && words.contains(&format!(" {phrase} "))
        };
        self.expressions.iter().any(|e| has(e))
            || self
                .groups
                .iter()
                .any(|g| !g.is_empty() && g.iter().all(|w| has(w)))
    }
}

impl Rulebook {
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.sections.iter().flat_map(|s| &s.rules)
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules().find(|r| r.id == id)
    }

    pub fn flag(&self, id: &str) -> Option<&RedFlag> {
        self.flags.iter().find(|f| f.id == id)
    }

    pub fn axis(&self, axis: Axis) -> Option<&AxisDefinition> {
        self.axes.iter().find(|a| a.axis == axis)
    }
}

/// Parses and checks a rulebook; every problem is reported at once.
pub fn load_rulebook_str(source: &str) -> Result<Rulebook, Vec<Problem>> {
    let book: Rulebook = parse_ron(source).map_err(|p| vec![p])?;
    let problems = validate::validate(&book, source);
    if problems.is_empty() {
        Ok(book)
    } else {
        Err(problems)
    }
}

/// The shipped rulebook. It is checked by the tests and by CI, so a broken one never ships.
pub fn rulebook() -> &'static Rulebook {
    static BOOK: OnceLock<Rulebook> = OnceLock::new();
    BOOK.get_or_init(|| match load_rulebook_str(SOURCE) {
        Ok(book) => book,
        Err(problems) => panic!(
            "{DEFAULT_PATH} est invalide : {}",
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join(" ; ")
        ),
    })
}

/// The rules the engine itself cites for the losses it computes (lateness, a missed call, a
/// wrong file…). The tests check that each exists in the rulebook.
pub mod cited {
    use crate::scenario::{Channel, Urgency};

    /// Taking something less urgent while something more urgent waits.
    pub const INVERSION: &str = "URG-1";
    /// An answer that treats a situation as more or less urgent than it is; a vital situation lost.
    pub const TRIAGE: &str = "URG-1";
    /// A person at the desk left waiting too long.
    pub const WAITING: &str = "ACC-1";
    /// A phone answered late, or not at all.
    pub const PICK_UP: &str = "TEL-1";
    /// A doctor's request or mail finished late, or not at all.
    pub const DEADLINE: &str = "ORG-1";
    /// A medical term mistyped or confused with another.
    pub const SPELLING: &str = "TERM-1";
    /// The wrong patient file opened.
    pub const RECORD_SEARCH: &str = "IDV-1";

    pub const ALL: [&str; 7] = [
        INVERSION,
        TRIAGE,
        WAITING,
        PICK_UP,
        DEADLINE,
        SPELLING,
        RECORD_SEARCH,
    ];

    /// The rule behind a situation taken late or lost: the triage rule for a vital one, else the
    /// rule of its channel.
    pub fn for_timing(channel: Channel, urgency: Urgency) -> &'static str {
        match (urgency, channel) {
            (Urgency::Vitale, _) => TRIAGE,
            (_, Channel::Telephone) => PICK_UP,
            (_, Channel::Accueil) => WAITING,
            (_, Channel::Medecin | Channel::Courrier) => DEADLINE,
        }
    }
}
