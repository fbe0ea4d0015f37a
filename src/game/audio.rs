//! The phone's ring: plays while a line is ringing on the desk, at the volume the trainee chose.
//! Without a sound card bevy_audio only logs a warning; the game goes on silently.

use super::{Screen, Settings, session::Session};
use crate::scenario::Channel;
use crate::sim::Status;
use bevy::audio::Volume;
use bevy::prelude::*;

#[derive(Component)]
struct RingSound;

pub fn plugin(app: &mut App) {
    app.add_systems(Update, ring);
}

fn any_line_ringing(session: &Session) -> bool {
    session.sim.pending().any(|i| {
        session.sim.situation(i).channel == Channel::Telephone
            && session.sim.state(i).status == Status::Waiting
    })
}

fn ring(
    mut commands: Commands,
    screen: Res<State<Screen>>,
    session: Option<Res<Session>>,
    settings: Res<Settings>,
    assets: Option<Res<AssetServer>>,
    playing: Query<Entity, With<RingSound>>,
) {
    let should_ring = *screen.get() == Screen::Desk
        && !settings.muted
        && settings.volume > 0.0
        && session
            .as_deref()
            .is_some_and(|s| !s.paused && any_line_ringing(s));
    let is_ringing = !playing.is_empty();
    if should_ring && (!is_ringing || settings.is_changed()) {
        for e in &playing {
            commands.entity(e).despawn();
        }
        if let Some(assets) = assets {
            commands.spawn((
                RingSound,
                AudioPlayer::new(assets.load("sounds/sonnerie.wav")),
                PlaybackSettings::LOOP.with_volume(Volume::Linear(settings.volume)),
            ));
        }
    } else if !should_ring && is_ringing {
        for e in &playing {
            commands.entity(e).despawn();
        }
    }
}
