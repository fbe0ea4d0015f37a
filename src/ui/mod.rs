//! egui drawing code: plain functions over view data that return what the trainee asked for.
//! They depend on egui alone, so each panel is tested with egui_kittest, without Bevy or a GPU.

pub mod debrief;
pub mod desk;
pub mod drill;
pub mod progress;
pub mod screens;
pub mod theme;
pub mod view;

use crate::sim::Action;

/// What the trainee asked for from the desk.
#[derive(Clone, Debug, PartialEq)]
pub enum DeskAction {
    Sim(Action),
    TogglePause,
    Faster,
    Slower,
    ToggleMute,
    Volume(f32),
    /// Let the rest of the shift play out without the trainee, then show the debrief.
    EndShift,
}
