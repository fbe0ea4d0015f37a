//! The terminology drill screen: a seeded series of questions from the glossary.

use super::Screen;
use super::results::Results;
use crate::glossary::drill::{self, DrillKind, DrillSession};
use crate::glossary::{self, Glossary};
use crate::store::SessionRecord;
use crate::ui::drill::{DrillExit, DrillUiState, drill as drill_panel};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use std::sync::Arc;

/// Questions per series.
pub const QUESTIONS: usize = 10;

#[derive(Resource)]
pub struct Drill {
    glossary: Arc<Glossary>,
    kind: Option<DrillKind>,
    session: DrillSession,
    ui: DrillUiState,
    /// Real time spent on the series, and whether it is stored (once, when finished).
    seconds: f64,
    stored: bool,
}

impl Drill {
    /// Loads the project's glossary and draws a first series (from `seed` if given); the error is
    /// for the home screen.
    pub fn start(kind: Option<DrillKind>, seed: Option<u64>) -> Result<Drill, String> {
        let path = super::project_dir().join(glossary::DEFAULT_PATH);
        let glossary = glossary::load_glossary_file(&path).map_err(|problems| {
            let first = problems
                .first()
                .map(|p| p.render(&path.display().to_string()));
            format!(
                "Le glossaire n'est pas valide : {}",
                first.unwrap_or_default()
            )
        })?;
        Ok(Drill::series(
            Arc::new(glossary),
            kind,
            seed.unwrap_or_else(crate::fresh_seed),
        ))
    }

    fn series(glossary: Arc<Glossary>, kind: Option<DrillKind>, seed: u64) -> Drill {
        let kinds: Vec<DrillKind> = kind.into_iter().collect();
        let questions = drill::generate(&glossary, seed, QUESTIONS, &kinds);
        Drill {
            glossary,
            kind,
            session: DrillSession::new(questions),
            ui: DrillUiState::default(),
            seconds: 0.0,
            stored: false,
        }
    }
}

pub fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        drill_ui.run_if(in_state(Screen::Drill)),
    );
}

fn drill_ui(
    mut contexts: EguiContexts,
    mut drill: ResMut<Drill>,
    results: Option<Res<Results>>,
    time: Res<Time<Real>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::screens::root_ui(ctx);
    let d = &mut *drill;
    if !d.session.is_finished() {
        d.seconds += time.delta_secs_f64().min(crate::shift::MAX_FRAME_GAP);
    } else if !d.stored {
        // Stored as soon as the last answer is graded, before the summary is read.
        d.stored = true;
        if let Some(results) = &results {
            let title = format!(
                "Terminologie — {}",
                d.kind.map_or("tous les exercices", |k| k.label())
            );
            let record = SessionRecord::of_drill(
                &d.session.drill,
                &d.session.outcomes,
                &title,
                results.profile_id(),
                d.seconds,
            );
            if let Err(e) = results.save(&record) {
                bevy::log::error!("série d'exercices non enregistrée : {e}");
            }
        }
    }
    let exit = egui::CentralPanel::default()
        .show(&mut root, |ui| drill_panel(ui, &mut d.session, &mut d.ui))
        .inner;
    match exit {
        Some(DrillExit::Again) => {
            *d = Drill::series(Arc::clone(&d.glossary), d.kind, crate::fresh_seed())
        }
        Some(DrillExit::Home) => next.set(Screen::Home),
        None => {}
    }
    Ok(())
}
