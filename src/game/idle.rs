//! Keeps the program quiet when nothing changes. The loop wakes on input and on our own timer:
//! often while the desk clock runs, rarely when paused or between screens. bevy_egui asks for a
//! redraw after most frames, which alone keeps a window busy at full frame rate (measured: ~150 %
//! of a core); those requests are dropped, since input and the timer already wake the loop.

use super::Screen;
use super::session::Session;
use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy::winit::{UpdateMode, WinitSettings};
use std::time::Duration;

pub fn plugin(app: &mut App) {
    app.add_systems(Update, pace);
    app.add_systems(Last, drop_redraw_requests);
}

/// How long the loop may sleep without input on each screen.
fn wait_for(screen: Screen, session: Option<&Session>) -> Duration {
    match (screen, session) {
        // Redraw about once per game second shown on the clock.
        (Screen::Desk, Some(s)) if !s.paused => {
            Duration::from_secs_f32((1.0 / s.speed).clamp(0.05, 0.25))
        }
        // Scenario files are checked for changes twice a second.
        (Screen::Home | Screen::Briefing, _) => Duration::from_millis(500),
        _ => Duration::from_secs(1),
    }
}

fn pace(
    screen: Res<State<Screen>>,
    session: Option<Res<Session>>,
    settings: Option<ResMut<WinitSettings>>,
) {
    let Some(mut settings) = settings else { return };
    let mode = UpdateMode::reactive_low_power(wait_for(*screen.get(), session.as_deref()));
    if settings.focused_mode != mode {
        settings.focused_mode = mode;
        settings.unfocused_mode = mode;
    }
}

fn drop_redraw_requests(redraws: Option<ResMut<Messages<RequestRedraw>>>) {
    if let Some(mut redraws) = redraws {
        redraws.clear();
    }
}
