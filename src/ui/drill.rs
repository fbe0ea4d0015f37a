//! The terminology drill screen: one question at a time, the correction right after each
//! answer, and a summary with every right answer at the end.

use super::field_keys;
use super::theme::{self, DANGER, MUTED, OK, WARNING, with_key};
use crate::glossary::drill::{
    DrillSession, Expected, Question, Response, Verdict, response_text, right_answer_text,
};
use egui::{Key, RichText, ScrollArea, TextEdit, Ui};

/// What the screen keeps between frames.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DrillUiState {
    pub typed: String,
    /// The last answer, shown with its correction until « Question suivante ».
    pub reviewing: Option<String>,
    /// The question (series seed, number) the answer field was given the keyboard for: once
    /// per question, so that after Échap the keyboard stays with the screen (a second Échap
    /// leaves the drill).
    pub focused_for: Option<(u64, usize)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum DrillExit {
    /// A new set of questions (new seed).
    Again,
    Home,
}

/// Draws the drill and applies the trainee's answers to `session`.
pub fn drill(
    ui: &mut Ui,
    session: &mut DrillSession,
    state: &mut DrillUiState,
) -> Option<DrillExit> {
    let total = session.drill.questions.len();
    let answered = session.outcomes.len();
    let points: f32 = session.outcomes.iter().map(|o| o.points).sum();
    ui.add_space(8.0);
    ui.label(
        RichText::new("Exercices de terminologie")
            .size(24.0)
            .strong(),
    );
    ui.label(
        RichText::new(format!(
            "graine {} · {answered} question(s) sur {total} · {} point(s)",
            session.drill.seed,
            theme::points(f64::from(points))
        ))
        .color(MUTED),
    );
    ui.add_space(10.0);
    let mut exit = None;
    if let Some(given) = state.reviewing.clone() {
        if let Some(question) = session.drill.questions.get(answered.saturating_sub(1)) {
            show_question(ui, question, answered, total);
        }
        review(ui, session, &given, state);
    } else if let Some(question) = session.current().cloned() {
        show_question(ui, &question, answered + 1, total);
        let response = match &question.expected {
            Expected::Choice { options, .. } => choose(ui, options),
            Expected::Typed { .. } => type_answer(ui, state, (session.drill.seed, answered)),
        };
        if let Some(response) = response {
            let given = response_text(&question, &response).to_string();
            session.answer(&response);
            state.reviewing = Some(given);
            state.typed.clear();
        }
    } else {
        summary(ui, session);
        ui.add_space(12.0);
        if ui.button(with_key("Nouvelle série", "N")).clicked()
            || ui.input(|i| i.key_pressed(Key::N))
        {
            exit = Some(DrillExit::Again);
        }
    }
    ui.add_space(12.0);
    if ui.button(with_key("Accueil", "Échap")).clicked() || ui.input(|i| i.key_pressed(Key::Escape))
    {
        exit = Some(DrillExit::Home);
    }
    exit
}

fn show_question(ui: &mut Ui, question: &Question, n: usize, total: usize) {
    ui.label(
        RichText::new(format!("Question {n}/{total} — {}", question.kind.label()))
            .color(theme::ACCENT)
            .strong(),
    );
    ui.label(RichText::new(&question.prompt).size(18.0));
    ui.add_space(6.0);
    theme::card(ui, false).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(&question.subject).size(20.0));
    });
    ui.add_space(8.0);
}

/// Numbered options; a click or the digit key answers.
fn choose(ui: &mut Ui, options: &[String]) -> Option<Response> {
    let mut picked = None;
    for (i, option) in options.iter().enumerate() {
        let label = format!("{}. {option}", i + 1);
        if ui.button(RichText::new(label).size(17.0)).clicked() {
            picked = Some(i);
        }
    }
    for (i, key) in theme::DIGIT_KEYS.iter().enumerate().take(options.len()) {
        if ui.input(|inp| inp.key_pressed(*key)) {
            picked = Some(i);
        }
    }
    picked.map(Response::Choice)
}

/// A text field, given the keyboard when the `question` (series seed, number) comes; Entrée or
/// the button submits, Échap only leaves the field.
fn type_answer(ui: &mut Ui, state: &mut DrillUiState, question: (u64, usize)) -> Option<Response> {
    let mut submitted = false;
    ui.horizontal(|ui| {
        let label = ui.label("Votre réponse :");
        let field = ui
            .add(
                TextEdit::singleline(&mut state.typed)
                    .desired_width(360.0)
                    .font(egui::TextStyle::Heading),
            )
            .labelled_by(label.id);
        if state.focused_for != Some(question) {
            field.request_focus();
            state.focused_for = Some(question);
        }
        let enter = field_keys(ui, &field).entered;
        if ui.button(with_key("Valider", "Entrée")).clicked() || enter {
            submitted = true;
        }
    });
    submitted.then(|| Response::Typed(state.typed.clone()))
}

/// The correction of the last answer, until the trainee moves on.
fn review(ui: &mut Ui, session: &DrillSession, given: &str, state: &mut DrillUiState) {
    let (Some(outcome), Some(question)) = (
        session.outcomes.last(),
        session.drill.questions.get(session.outcomes.len() - 1),
    ) else {
        state.reviewing = None;
        return;
    };
    let (mark, colour, word) = verdict_style(outcome.verdict);
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("{mark} {word}"))
                .size(20.0)
                .color(colour)
                .strong(),
        );
        ui.label(RichText::new(format!("— votre réponse : « {} »", given.trim())).color(MUTED));
    });
    if outcome.verdict != Verdict::Right {
        ui.label(
            RichText::new(format!(
                "Réponse attendue : {}",
                right_answer_text(question)
            ))
            .size(18.0)
            .strong(),
        );
    }
    theme::card(ui, false).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(&outcome.feedback);
    });
    ui.add_space(8.0);
    let label = if session.is_finished() {
        "Voir le bilan"
    } else {
        "Question suivante"
    };
    if ui
        .button(RichText::new(with_key(label, "Entrée")).size(17.0))
        .clicked()
        || ui.input(|i| i.key_pressed(Key::Enter))
    {
        state.reviewing = None;
    }
}

fn verdict_style(v: Verdict) -> (&'static str, egui::Color32, &'static str) {
    match v {
        Verdict::Right => ("✔", OK, "Juste"),
        Verdict::Slip => ("≈", WARNING, "Presque"),
        Verdict::Wrong => ("✖", DANGER, "Faux"),
    }
}

/// The final score and, for each question, the verdict and the right answer.
fn summary(ui: &mut Ui, session: &DrillSession) {
    ui.label(
        RichText::new(format!(
            "Bilan : {}/100",
            theme::points(f64::from(session.score()))
        ))
        .size(22.0)
        .strong(),
    );
    ui.add_space(6.0);
    ScrollArea::vertical().max_height(480.0).show(ui, |ui| {
        for (question, outcome) in session.drill.questions.iter().zip(&session.outcomes) {
            let (mark, colour, _) = verdict_style(outcome.verdict);
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(mark).color(colour).strong());
                ui.label(RichText::new(&question.term).strong());
                ui.label(RichText::new(format!("({})", question.kind.label())).color(MUTED));
            });
            if outcome.verdict != Verdict::Right {
                ui.label(RichText::new(&outcome.feedback).small());
            }
            ui.add_space(4.0);
        }
    });
}
