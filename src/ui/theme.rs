//! Colours and small widgets shared by the panels.

use crate::scenario::Urgency;
use egui::{Color32, RichText};

pub const DANGER: Color32 = Color32::from_rgb(0xd9, 0x3b, 0x3b);
pub const WARNING: Color32 = Color32::from_rgb(0xe8, 0x9a, 0x1e);
pub const OK: Color32 = Color32::from_rgb(0x3c, 0xa5, 0x5c);
pub const MUTED: Color32 = Color32::from_rgb(0x8a, 0x8f, 0x98);
pub const ACCENT: Color32 = Color32::from_rgb(0x3b, 0x82, 0xd9);

/// The lines of « Mes progrès »: one per assessed axis, in the rulebook's order (cycling if the
/// rulebook grows), then the overall score (`ACCENT`, thicker) and drills.
const AXIS_LINES: [Color32; 5] = [
    Color32::from_rgb(0x2a, 0x9d, 0x8f),
    Color32::from_rgb(0xe7, 0x6f, 0x51),
    Color32::from_rgb(0x9b, 0x6b, 0xd9),
    Color32::from_rgb(0xc9, 0xa2, 0x27),
    Color32::from_rgb(0x6a, 0xa8, 0x4f),
];
pub const DRILL_LINE: Color32 = Color32::from_rgb(0xd9, 0x5b, 0xa8);

pub fn axis_line(n: usize) -> Color32 {
    AXIS_LINES[n % AXIS_LINES.len()]
}

/// The background of a stretch of sessions of one level (0 tutorial … 3 confirmed, 4 unknown):
/// faint, so that the lines stay readable, and distinct from one level to the next.
pub fn level_tint(level: u8) -> Color32 {
    let (r, g, b) = match level {
        0 => (0x8a, 0x8f, 0x98),
        1 => (0x3c, 0xa5, 0x5c),
        2 => (0x3b, 0x82, 0xd9),
        3 => (0x9b, 0x6b, 0xd9),
        _ => (0x60, 0x60, 0x60),
    };
    Color32::from_rgba_unmultiplied(r, g, b, 28)
}

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
