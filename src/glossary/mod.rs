//! The medical glossary: a RON file of French terms that powers terminology drills.
//! Loaded and checked like a scenario (`secretariat check assets/glossaire.ron`).

pub mod drill;
mod model;
mod validate;

pub use model::*;

use crate::scenario::Problem;
use crate::scenario::load::{parse_ron, read_text};
use std::path::Path;

/// Where the shipped glossary lives, relative to the project folder.
pub const DEFAULT_PATH: &str = "assets/glossaire.ron";

/// Parses and validates a glossary; every problem is reported at once, at its line and column.
/// The old one-specialty form (`specialite: "cardiologie"`) is read as well as the current one.
pub fn load_glossary_str(source: &str) -> Result<Glossary, Vec<Problem>> {
    let file: GlossarySource = parse_ron(source).map_err(|p| vec![p])?;
    validate::validate(file, source)
}

pub fn load_glossary_file(path: &Path) -> Result<Glossary, Vec<Problem>> {
    let source = read_text(path).map_err(|p| vec![p])?;
    load_glossary_str(&source)
}
