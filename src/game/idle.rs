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

const STARTUP_FRAMES: u32 = 5;
/// Quick frames drawn after input, a screen change or a reload: a click takes effect in the
/// next update, and egui may need a frame or two to lay out new text.
pub const SETTLE_FRAMES: u32 = 3;

/// Quick frames still to draw before sleeping again.
#[derive(Resource, Default)]
pub struct Settle(pub u32);

pub fn plugin(app: &mut App) {
    app.init_resource::<Settle>();
    app.add_systems(Update, silence_egui_wake_ups);
    // After every Update system, so that a reload or a screen change that asks for settle
    // frames is seen in the same frame rather than after the next long sleep.
    app.add_systems(PostUpdate, pace);
    app.add_systems(Last, drop_redraw_requests);
}

/// bevy_egui wakes the event loop whenever egui asks for an immediate repaint (its
/// `set_request_repaint_callback`); replace that callback, once per context, by nothing.
fn silence_egui_wake_ups(
    mut contexts: Query<(Entity, &mut bevy_egui::EguiContext)>,
    mut done: Local<bevy::platform::collections::HashSet<Entity>>,
) {
    for (entity, mut context) in &mut contexts {
        if done.insert(entity) {
            context.get_mut().set_request_repaint_callback(|_| {});
        }
    }
}

/// How long the loop may sleep without input on each screen. Every wake-up draws a frame, which
/// costs ~70 ms of CPU with software rendering (measured under Xvfb + lavapipe).
fn wait_for(screen: Screen, session: Option<&Session>) -> Duration {
    match (screen, session) {
        // Redraw about once per game second shown on the clock.
        (Screen::Desk, Some(s)) if !s.paused => {
            Duration::from_secs_f32((1.0 / s.speed).clamp(0.05, 0.25))
        }
        // Scenario files are checked for changes every 2 s.
        (Screen::Home | Screen::Briefing, _) => super::screens::RELOAD_EVERY,
        _ => Duration::from_secs(5),
    }
}

#[allow(clippy::too_many_arguments)]
fn pace(
    screen: Res<State<Screen>>,
    session: Option<Res<Session>>,
    settings: Option<ResMut<WinitSettings>>,
    frames: Res<bevy::diagnostic::FrameCount>,
    mut settle: ResMut<Settle>,
    mut keys: MessageReader<bevy::input::keyboard::KeyboardInput>,
    mut buttons: MessageReader<bevy::input::mouse::MouseButtonInput>,
    mut moves: MessageReader<CursorMoved>,
) {
    let Some(mut settings) = settings else { return };
    let input = keys.read().count() + buttons.read().count() + moves.read().count() > 0;
    if input || screen.is_changed() {
        settle.0 = SETTLE_FRAMES;
    }
    // The first frames are drawn at once: with pipelined rendering, a frame shows one update later.
    if frames.0 < STARTUP_FRAMES || settle.0 > 0 {
        settle.0 = settle.0.saturating_sub(1);
        settings.focused_mode = UpdateMode::reactive_low_power(Duration::from_millis(30));
        settings.unfocused_mode = settings.focused_mode;
        return;
    }
    let running_desk =
        *screen.get() == Screen::Desk && session.as_deref().is_some_and(|s| !s.paused);
    let mode = if running_desk && super::measure::enabled() {
        // The benchmark measures how long frames take, not how long the loop sleeps.
        UpdateMode::Continuous
    } else {
        UpdateMode::reactive_low_power(wait_for(*screen.get(), session.as_deref()))
    };
    if settings.focused_mode != mode {
        settings.focused_mode = mode;
        settings.unfocused_mode = mode;
    }
}

/// Outside a settle burst, egui's redraw requests are dropped: input and the timer wake the loop.
fn drop_redraw_requests(redraws: Option<ResMut<Messages<RequestRedraw>>>, settle: Res<Settle>) {
    if let Some(mut redraws) = redraws
        && settle.0 == 0
    {
        redraws.clear();
    }
}
