//! Secrétariat: a training simulator for medical secretaries.
//!
//! Scenario files are loaded and validated (`scenario`), played by a deterministic engine
//! (`sim`) driven by a trainee or a scripted policy (`policy`), and scored with an explanation
//! for every point lost (`scoring`, `report`).

pub mod cli;
pub mod coverage;
#[cfg(feature = "game")]
pub mod game;
pub mod glossary;
pub mod policy;
pub mod quality;
pub mod report;
pub mod scenario;
pub mod scoring;
pub mod sim;
pub mod ui;
