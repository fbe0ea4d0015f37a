//! Opt-in measurements for the game benchmark (`tools/bench-game.sh`), enabled by the
//! environment variable `SECRETARIAT_MESURES=1`: time to the first frame, and frame times on the
//! desk. Printed on standard error, one `mesure:` line each.

use super::Screen;
use bevy::prelude::*;
use std::time::{Duration, Instant};

#[derive(Resource)]
struct Measures {
    launched: Instant,
    first_frame_done: bool,
    desk_frames: Vec<Duration>,
    window_start: Option<Instant>,
}

pub fn enabled() -> bool {
    std::env::var_os("SECRETARIAT_MESURES").is_some_and(|v| v == "1")
}

pub fn plugin(launched: Instant) -> impl Fn(&mut App) {
    move |app: &mut App| {
        app.insert_resource(Measures {
            launched,
            first_frame_done: false,
            desk_frames: Vec::new(),
            window_start: None,
        });
        app.add_systems(Last, (first_frame, desk_frame_times));
    }
}

fn first_frame(mut m: ResMut<Measures>, frames: Res<bevy::diagnostic::FrameCount>) {
    // End of the second update: the first frame (egui drawn in update 0) has been rendered.
    if !m.first_frame_done && frames.0 >= 1 {
        m.first_frame_done = true;
        eprintln!(
            "mesure: premiere_image_ms={}",
            m.launched.elapsed().as_millis()
        );
    }
}

fn desk_frame_times(mut m: ResMut<Measures>, time: Res<Time<Real>>, screen: Res<State<Screen>>) {
    let now = Instant::now();
    if *screen.get() != Screen::Desk {
        // Elsewhere, just count frames: an idle screen should draw about two a second.
        let start = *m.window_start.get_or_insert(now);
        m.desk_frames.push(time.delta());
        if now.duration_since(start) >= Duration::from_secs(10) {
            eprintln!(
                "mesure: ecran={:?} images_en_10_s={}",
                screen.get(),
                m.desk_frames.len()
            );
            m.desk_frames.clear();
            m.window_start = Some(now);
        }
        return;
    }
    let start = *m.window_start.get_or_insert(now);
    m.desk_frames.push(time.delta());
    if now.duration_since(start) >= Duration::from_secs(10) {
        let mut frames = std::mem::take(&mut m.desk_frames);
        frames.sort();
        let pick = |q: f64| frames[((frames.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
        eprintln!(
            "mesure: bureau_images={} mediane_ms={:.1} p95_ms={:.1}",
            frames.len(),
            pick(0.5),
            pick(0.95)
        );
        m.window_start = Some(now);
    }
}
