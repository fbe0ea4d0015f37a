//! Colours and small widgets shared by the panels.

use crate::scenario::Urgency;
use egui::{Color32, RichText};

pub const DANGER: Color32 = Color32::from_rgb(0xd9, 0x3b, 0x3b);
pub const WARNING: Color32 = Color32::from_rgb(0xe8, 0x9a, 0x1e);
pub const OK: Color32 = Color32::from_rgb(0x3c, 0xa5, 0x5c);
pub const MUTED: Color32 = Color32::from_rgb(0x8a, 0x8f, 0x98);
pub const ACCENT: Color32 = Color32::from_rgb(0x3b, 0x82, 0xd9);

/// Green when plenty is left, orange, then red.
pub fn level_colour(share_left: f32) -> Color32 {
    if share_left < crate::ui::view::LOW_PATIENCE {
        DANGER
    } else if share_left < 0.6 {
        WARNING
    } else {
        OK
    }
}

pub fn urgency_colour(u: Urgency) -> Color32 {
    match u {
        Urgency::Vitale => DANGER,
        Urgency::Urgente => WARNING,
        Urgency::Normale => ACCENT,
        Urgency::Faible => MUTED,
    }
}

/// A card's frame, outlined in red when it needs attention now.
pub fn card(ui: &egui::Ui, alert: bool) -> egui::Frame {
    let stroke = if alert {
        egui::Stroke::new(2.0, DANGER)
    } else {
        egui::Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color)
    };
    egui::Frame::group(ui.style()).stroke(stroke)
}

/// The keys 1 to 9, which choose the numbered options.
pub const DIGIT_KEYS: [egui::Key; 9] = [
    egui::Key::Num1,
    egui::Key::Num2,
    egui::Key::Num3,
    egui::Key::Num4,
    egui::Key::Num5,
    egui::Key::Num6,
    egui::Key::Num7,
    egui::Key::Num8,
    egui::Key::Num9,
];

/// A key shown next to a button, as in « Décrocher [T] ».
pub fn with_key(label: &str, key: &str) -> String {
    format!("{label} [{key}]")
}

pub fn heading(text: &str) -> RichText {
    RichText::new(text).strong().size(18.0)
}

/// Points with a decimal comma.
pub fn points(x: f64) -> String {
    crate::report::number(x)
}
