//! Scenario files: the data model, loading with precise errors, and validation.

pub mod load;
pub use crate::document::locate;
mod model;
pub mod tags;
mod time;
pub mod validate;

pub use load::{Problem, load_scenario_file, load_scenario_str};
pub use model::*;
pub use time::{ClockTime, Duration};
