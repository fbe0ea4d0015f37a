//! egui drawing code: plain functions over view data that return what the trainee asked for.
//! They depend on egui alone, so each panel is tested with egui_kittest, without Bevy or a GPU.

pub mod agenda;
pub mod browser;
pub mod debrief;
pub mod desk;
pub mod drill;
pub mod exam;
pub mod profiles;
pub mod progress;
pub mod screens;
pub mod theme;
pub mod view;

use crate::sim::Action;
use egui::{Key, Modifiers, Response, Ui};

/// The keys that ended the input of a single-line text field this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FieldKeys {
    /// Entrée: the field's own action (send the answer, open the file…).
    pub entered: bool,
    /// Échap: the field only gives up the keyboard.
    pub escaped: bool,
}

/// Call right after drawing a single-line text field. When the field gives up the keyboard this
/// frame, the Entrée or Échap that made it do so is the field's: it is consumed, so that no
/// shortcut of the screen also acts on it. (egui takes the keyboard away on Échap before any
/// widget is drawn: a screen that checks for a focused field before drawing its fields cannot
/// tell Échap in a field from Échap on the screen; it must check after them.)
pub fn field_keys(ui: &Ui, field: &Response) -> FieldKeys {
    let left_now = !field.has_focus() && ui.memory(|m| m.had_focus_last_frame(field.id));
    if !left_now {
        return FieldKeys::default();
    }
    ui.input_mut(|i| FieldKeys {
        entered: i.consume_key(Modifiers::NONE, Key::Enter),
        escaped: i.consume_key(Modifiers::NONE, Key::Escape),
    })
}

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
