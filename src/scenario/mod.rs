//! Scenario files: the data model, loading with precise errors, and validation.

pub mod load;
pub use crate::document::locate;
mod model;
pub mod tags;
pub mod validate;

/// Clock times and durations live below the scenario (the agenda uses them too).
pub use crate::time::{self, ClockTime, Duration};
pub use load::{Problem, load_scenario_file, load_scenario_str};
pub use model::*;
