//! The playable desk: Bevy drives the clock and draws the egui screens; the simulation decides.

mod audio;
mod drill;
mod exam;
pub mod idle;
mod measure;
mod progress;
pub mod results;
mod screens;
pub mod session;

use crate::sim::Mode;
use bevy::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Home,
    Briefing,
    Desk,
    Debrief,
    /// Terminology exercises.
    Drill,
    /// « Mes progrès »: the history of the current profile.
    Progress,
    /// « Passer un examen »: the candidate's form.
    Exam,
}

/// How `secretariat play` was started.
#[derive(Resource, Clone, Debug, Default)]
pub struct PlayOptions {
    /// Start directly on this scenario's briefing.
    pub file: Option<PathBuf>,
    pub mode: Option<Mode>,
    pub seed: Option<u64>,
    pub speed: Option<f32>,
    /// Open this exam file on the candidate's form.
    pub exam: Option<PathBuf>,
    /// The profile to select (« Prénom Nom » or its number).
    pub profile: Option<String>,
}

/// Sound settings, changed from the desk.
#[derive(Resource, Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub volume: f32,
    pub muted: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            volume: 0.6,
            muted: false,
        }
    }
}

/// Opens the window and runs the game until the trainee quits.
pub fn run(options: PlayOptions) -> ExitCode {
    let launched = std::time::Instant::now();
    if let Err(message) = display_available() {
        eprintln!("{message}");
        return ExitCode::FAILURE;
    }
    install_french_panic_messages();
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Secrétariat — simulateur de secrétariat médical".into(),
                    resolution: (1280, 800).into(),
                    ..default()
                }),
                ..default()
            })
            .set(AssetPlugin {
                file_path: assets_dir().to_string_lossy().into_owned(),
                ..default()
            }),
    );
    app.add_plugins(bevy_egui::EguiPlugin::default());
    // bevy_egui draws through a camera. Egui antialiases its own shapes: multisampling would
    // only cost time (much of it with software rendering).
    app.add_systems(Startup, |mut commands: Commands| {
        commands.spawn((
            Camera2d,
            Msaa::Off,
            Camera {
                clear_color: ClearColorConfig::Custom(PANEL_COLOUR),
                ..default()
            },
        ));
    });
    app.insert_resource(options);
    app.add_plugins(plugin);
    if measure::enabled() {
        app.add_plugins(measure::plugin(launched));
    }
    app.run();
    ExitCode::SUCCESS
}

/// egui's dark panel colour (gray 27), drawn by the camera's clear instead of by each panel.
const PANEL_COLOUR: Color = Color::srgb_u8(27, 27, 27);

/// Everything but the engine's own plugins, so tests can add it to a headless app.
pub fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.init_resource::<Settings>();
    app.init_resource::<PlayOptions>();
    app.add_plugins((
        session::plugin,
        screens::plugin,
        drill::plugin,
        exam::plugin,
        progress::plugin,
        audio::plugin,
        idle::plugin,
    ));
}

pub use crate::project_dir;

fn assets_dir() -> PathBuf {
    std::fs::canonicalize(project_dir().join("assets"))
        .unwrap_or_else(|_| project_dir().join("assets"))
}

/// Without a display server winit would panic: say so in French instead.
fn display_available() -> Result<(), String> {
    if cfg!(target_os = "linux")
        && std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
    {
        return Err("Aucun écran disponible : lancez Secrétariat depuis une session graphique, ou sous Xvfb \
             (xvfb-run secretariat). Les commandes `check` et `simulate` fonctionnent sans écran."
            .into());
    }
    Ok(())
}

/// The renderer panics when no GPU (or software Vulkan) is found: explain it in French.
fn install_french_panic_messages() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info.to_string();
        let lower = text.to_lowercase();
        if lower.contains("event loop")
            || lower.contains("xopendisplay")
            || lower.contains("wayland")
        {
            eprintln!(
                "Impossible d'ouvrir la fenêtre : le serveur d'affichage ne répond pas (DISPLAY={}).\n\
                 Lancez Secrétariat depuis une session graphique, ou sous Xvfb : xvfb-run secretariat\n(détail : {text})",
                std::env::var("DISPLAY").unwrap_or_default()
            );
            std::process::exit(1);
        }
        if lower.contains("gpu")
            || lower.contains("adapter")
            || lower.contains("vulkan")
            || lower.contains("surface")
        {
            eprintln!(
                "Impossible d'ouvrir l'affichage graphique : aucune carte graphique compatible n'a été trouvée.\n\
                 Sous Linux sans carte graphique, installez le rendu logiciel : \
                 sudo apt-get install mesa-vulkan-drivers libvulkan1\n(détail : {text})"
            );
            std::process::exit(1);
        }
        default(info);
    }));
}
