//! Secrétariat: a training simulator for medical secretaries.
//!
//! Scenario files are loaded and validated (`scenario`), played by a deterministic engine
//! (`sim`) driven by a trainee or a scripted policy (`policy`), and scored with an explanation
//! for every point lost (`scoring`, `report`).

pub mod agenda;
pub mod axis;
pub mod cli;
pub mod coverage;
pub mod digest;
pub mod document;
pub mod exam;
#[cfg(feature = "game")]
pub mod game;
pub mod glossary;
pub mod journal;
pub mod policy;
pub mod progress;
pub mod quality;
pub mod report;
pub mod rulebook;
pub mod scenario;
pub mod scoring;
pub mod shift;
pub mod sim;
pub mod store;
pub mod text;
pub mod time;
pub mod ui;

/// Where `assets/` and `scenarios/` are: the working directory when it has `scenarios/` (a clone
/// or an unpacked release), else the source tree the program was built from.
pub fn project_dir() -> std::path::PathBuf {
    let here = std::path::PathBuf::from(".");
    if here.join("scenarios").is_dir() {
        here
    } else {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }
}

/// A seed from the clock, for a new shift or a new set of questions each time.
pub fn fresh_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_micros() as u64 % 1_000_000)
}
