//! The practice's agenda: plain data and pure functions, with no interface and no engine, so that
//! the desk, the scoring and the checks share one model.
//!
//! - `model`: the types as written in RON (`Agenda(praticiens: [...], motifs: [...], ...)`), with
//!   French dates (`"05/12/2026"`, `"05/12/2026 14:30"`) and ranges (`"08:30-12:00"`);
//! - `validate`: the problems of an agenda, in French;
//! - `calendar`: French public holidays and a practitioner's open ranges on a day;
//! - `slots`: free slots, the next-free-slot search over four weeks, and the `Planning` that
//!   books, moves and cancels — refusing an overlap or a closed time, as real software does;
//! - `rules`: the booking rules the trainee must respect (`check_booking` → `Breach`es, each
//!   naming its `AGD-…` rule in the rulebook);
//! - `filler`: the seeded appointments of other patients that make the grid realistic.
//!
//! Everything is deterministic: no clock is read (the shift's moment is always given) and the
//! filler draws from its seed.

pub mod calendar;
pub mod filler;
pub mod model;
pub mod rules;
pub mod slots;
pub mod validate;

pub use calendar::{Period, easter, holiday, holidays, open_ranges};
pub use filler::fill;
pub use model::{
    Agenda, Appointment, Block, Day, Motif, Practitioner, Preference, Settings, Status, TimeRange,
    WeekHours, format_date, format_date_time, parse_date, parse_date_time,
};
pub use rules::{BookingRequest, Breach, Contrainte, RuleKind, check_booking, earliest_valid_slot};
pub use slots::{
    AppointmentId, Planning, Refusal, SEARCH_DAYS, Slot, UrgentSlots, free_slots, next_free_slot,
};
pub use validate::validate;

/// Reads an agenda written in RON (the scenario's options: implicit `Some`), with a French
/// message located at its line and column when it does not parse.
pub fn parse(source: &str) -> Result<Agenda, crate::document::Problem> {
    crate::document::parse_ron(source)
}
