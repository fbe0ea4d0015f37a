//! The egui panels, driven like a trainee would (click, type, press keys), without Bevy or a GPU.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use secretariat::policy::{self, PolicyKind};

use secretariat::scoring;
use secretariat::sim::{Action, Mode, Simulation};
use secretariat::ui::DeskAction;
use secretariat::ui::debrief::{DebriefAction, debrief};
use secretariat::ui::desk::{self, DeskUiState};
use secretariat::ui::screens::{self, HomeAction, HomeForm, ScenarioEntry};
use secretariat::ui::view::{DeskView, StepView, desk_view};
use std::sync::Arc;

mod common;

use common::fixture as example;

fn hms(h: u32, m: u32, s: u32) -> u32 {
    h * 3600 + m * 60 + s
}

/// When a situation of the example arrives with seed 1 (arrivals are jittered).
fn arrival(id: &str) -> u32 {
    let s = example();
    Simulation::new(Arc::clone(&s), 1, Mode::Training)
        .state(s.situation_index(id).unwrap())
        .arrival
}

/// The example shift at a given time, with the given situations taken in order.
fn sim_at(mode: Mode, time: u32, take: &[&str]) -> Simulation {
    let s = example();
    let mut sim = Simulation::new(Arc::clone(&s), 1, mode);
    sim.advance_to(time);
    for id in take {
        sim.apply(Action::Take(s.situation_index(id).unwrap()))
            .unwrap();
    }
    sim
}

/// A harness around the whole desk that records every action the panels return.
fn desk_harness(view: DeskView) -> Harness<'static, (DeskUiState, Vec<DeskAction>)> {
    let mut harness = Harness::new_ui_state(
        move |ui, (state, actions): &mut (DeskUiState, Vec<DeskAction>)| {
            actions.extend(desk::desk(ui, &view, state));
        },
        (DeskUiState::default(), Vec::new()),
    );
    harness.set_size(egui::vec2(1280.0, 800.0));
    harness.run();
    harness
}

#[test]
fn a_patient_of_undetermined_sex_is_named_without_civility() {
    let patient = |id: &str, sex: &str| {
        format!(
            r#"Patient(id: "{id}", nom: "DUPONT", prenom: "Camille", naissance: "01/02/1980", sexe: {sex}),"#
        )
    };
    let situation = |id: &str, patient: &str| {
        format!(
            r#"Situation(id: "{id}", titre: "Au comptoir", canal: Accueil, arrivee: "08:00", urgence: Normale, patient: "{patient}",
                etapes: [Choix(id: "q", texte: "?", propositions: [Proposition(texte: "Bonjour", meilleure: true)])]),"#
        )
    };
    let source = format!(
        r#"Scenario(id: "civilite", titre: "Civilité",
            cabinet: Cabinet(nom: "Cabinet", specialite: "Médecine générale",
                medecins: [Medecin(id: "dr-a", nom: "Dr A")], debut: "08:00", fin: "10:00"),
            patients: [{}{}{}],
            situations: [{}{}{}],
        )"#,
        patient("f", "F"),
        patient("m", "M"),
        patient("i", "I"),
        situation("sf", "f"),
        situation("sm", "m"),
        situation("si", "i"),
    );
    let s = Arc::new(secretariat::scenario::load_scenario_str(&source).unwrap());
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(hms(8, 0, 0));
    let view = desk_view(&sim, 5.0, false);
    let name = |i: usize| {
        view.waiting_room
            .iter()
            .find(|c| c.situation == i)
            .map(|c| c.name.clone())
            .unwrap()
    };
    assert_eq!(name(0), "Mme Camille DUPONT");
    assert_eq!(name(1), "M. Camille DUPONT");
    assert_eq!(name(2), "Camille DUPONT");
    // At the desk too.
    sim.apply(Action::Take(2)).unwrap();
    let view = desk_view(&sim, 5.0, false);
    assert_eq!(view.interaction.unwrap().counterpart, "Camille DUPONT");
}

#[test]
fn a_ringing_line_shows_its_rings_and_can_be_picked_up() {
    let sim = sim_at(Mode::Training, arrival("appel-gene-poitrine") + 8, &[]);
    let view = desk_view(&sim, 5.0, false);
    let line = view.phone_lines.first().expect("the call is ringing");
    let call = line.situation;
    let mut harness = desk_harness(view.clone());
    harness.get_by_label_contains("Sonnerie").accesskit_node();
    harness.get_by_label("Décrocher [T]").click();
    harness.run();
    assert_eq!(harness.state().1, vec![DeskAction::Sim(Action::Take(call))]);
}

#[test]
fn options_are_numbered_in_display_order_and_keys_choose_them() {
    let sim = sim_at(
        Mode::Training,
        arrival("appel-gene-poitrine") + 8,
        &["appel-gene-poitrine"],
    );
    let view = desk_view(&sim, 5.0, false);
    let Some(StepView::Choice { options, .. }) = view.interaction.as_ref().map(|i| i.step.clone())
    else {
        panic!("a choice step");
    };
    let (second_index, second_text) = options[1].clone();
    let mut harness = desk_harness(view);
    harness.get_by_label(&format!("2. {second_text}")).click();
    harness.run();
    assert_eq!(
        harness.state().1,
        vec![DeskAction::Sim(Action::Choose(second_index))]
    );
    harness.state_mut().1.clear();
    harness.key_press(egui::Key::Num1);
    harness.run();
    assert_eq!(
        harness.state().1,
        vec![DeskAction::Sim(Action::Choose(options[0].0))]
    );
}

#[test]
fn training_mode_gives_feedback_and_hints_exam_mode_does_not() {
    for (mode, expect_feedback) in [(Mode::Training, true), (Mode::Exam, false)] {
        let mut sim = sim_at(
            mode,
            arrival("appel-gene-poitrine") + 8,
            &["appel-gene-poitrine"],
        );
        sim.apply(Action::Choose(1)).unwrap(); // the trap: an appointment at 11:00
        let view = desk_view(&sim, 5.0, false);
        let harness = desk_harness(view);
        let feedback = harness
            .query_by_label_contains("urgence vitale, orientez vers le 15")
            .is_some();
        assert_eq!(feedback, expect_feedback, "{mode:?}");
    }
}

#[test]
fn a_typed_term_is_sent_with_enter() {
    let s = example();
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(arrival("demande-courrier-cardio") + 10);
    sim.apply(Action::Take(
        s.situation_index("demande-courrier-cardio").unwrap(),
    ))
    .unwrap();
    let mut harness = desk_harness(desk_view(&sim, 5.0, false));
    harness.get_by_label("Votre saisie :").focus();
    harness.run();
    harness
        .get_by_label("Votre saisie :")
        .type_text("cardiologie");
    harness.run();
    assert!(harness.state().1.is_empty(), "nothing is sent while typing");
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().1,
        vec![DeskAction::Sim(Action::Type("cardiologie".into()))]
    );
}

#[test]
fn the_register_is_searched_by_birth_date_and_opens_only_during_a_record_step() {
    let mut sim = sim_at(
        Mode::Training,
        arrival("accueil-m-leroy") + 10,
        &["accueil-m-leroy"],
    );
    let view = desk_view(&sim, 5.0, false);
    assert!(!view.record_step);
    let found = desk::search_register(&view.register, "21/06", "");
    assert_eq!(found.len(), 1, "one Paul Leroy born on 21/06");
    assert_eq!(
        desk::search_register(&view.register, "", "leroy").len(),
        2,
        "two homonyms by name"
    );

    sim.apply(Action::Choose(0)).unwrap();
    sim.advance_to(arrival("accueil-m-leroy") + 60);
    let view = desk_view(&sim, 5.0, false);
    assert!(view.record_step);
    let mut harness = desk_harness(view);
    harness.get_by_label("Né(e) le").focus();
    harness.run();
    harness.get_by_label("Né(e) le").type_text("21/06/1949");
    harness.run();
    harness.get_by_label_contains("LEROY Paul — 21/06/1949");
    assert!(
        harness.query_by_label_contains("02/11/1987").is_none(),
        "the homonym is filtered out"
    );
    harness.get_by_label("Ouvrir").click();
    harness.run();
    assert_eq!(
        harness.state().1,
        vec![DeskAction::Sim(Action::Open("leroy-paul-1949".into()))]
    );
}

#[test]
fn shortcuts_take_the_next_patient_and_pause_but_not_while_typing() {
    let sim = sim_at(Mode::Training, arrival("accueil-m-leroy") + 60, &[]);
    let view = desk_view(&sim, 5.0, false);
    let patient = view.waiting_room[0].situation;
    let mut harness = desk_harness(view);
    harness.key_press(egui::Key::P);
    harness.key_press(egui::Key::Space);
    harness.run();
    assert_eq!(
        harness.state().1,
        vec![
            DeskAction::Sim(Action::Take(patient)),
            DeskAction::TogglePause
        ]
    );
    harness.state_mut().1.clear();
    harness.get_by_label("Nom").focus();
    harness.run();
    harness.key_press(egui::Key::P);
    harness.run();
    assert!(
        harness.state().1.is_empty(),
        "typing a name does not call a patient"
    );
}

#[test]
fn urgency_is_visible_when_patience_or_rings_run_out() {
    let sim = sim_at(Mode::Training, arrival("appel-gene-poitrine") + 22, &[]);
    let view = desk_view(&sim, 5.0, false);
    assert!(
        view.phone_lines[0].about_to_be_lost(),
        "{:?}",
        view.phone_lines[0]
    );
    let s = example();
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    // Patience of a normal walk-in: 20 min; at 15 min of waiting, less than 30 % is left.
    sim.advance_to(arrival("accueil-m-leroy") + 15 * 60);
    let view = desk_view(&sim, 5.0, false);
    let card = &view.waiting_room[0];
    assert!(card.running_out(), "{card:?}");
    let harness = desk_harness(view);
    harness.get_by_label_contains("à bout");
}

#[test]
fn the_exam_clock_has_no_pause_button() {
    let sim = sim_at(Mode::Exam, hms(8, 1, 0), &[]);
    let harness = desk_harness(desk_view(&sim, 5.0, false));
    assert!(harness.query_by_label_contains("Pause").is_none());
    harness.get_by_label_contains("pas de pause");
}

#[test]
fn the_debrief_puts_critical_errors_first_and_offers_a_replay() {
    let s = example();
    let report = scoring::score(
        &s,
        &policy::run(Arc::clone(&s), 1, Mode::Exam, PolicyKind::Naive),
    );
    let mut harness = Harness::new_ui_state(
        move |ui, action: &mut Option<DebriefAction>| {
            if let Some(a) = debrief(ui, &report) {
                *action = Some(a);
            }
        },
        None,
    );
    harness.set_size(egui::vec2(1280.0, 800.0));
    harness.run();
    harness.get_by_label_contains("NON VALIDÉE");
    // Critical errors are listed before the timeline, which comes before the lost points' detail.
    let y = |label: &str| {
        harness
            .query_all_by_label_contains(label)
            .map(|n| n.rect().min.y)
            .fold(f32::INFINITY, f32::min)
    };
    let critical = y("Erreurs éliminatoires");
    let first_error = y("✖ ");
    let timeline = y("Déroulé de la vacation");
    assert!(
        critical < first_error && first_error < timeline,
        "critical errors first: heading {critical}, first error {first_error}, timeline {timeline}"
    );
    assert!(
        harness
            .query_all_by_label_contains("Erreur d'identité")
            .count()
            >= 2,
        "critical list and timeline"
    );
    // The rules behind the points lost: named under each point, their text once at the end.
    harness.get_by_label("Les règles en jeu");
    assert!(
        harness
            .query_all_by_label_contains("(règle IDV-1 :")
            .count()
            >= 1
    );
    harness.get_by_label("Nouvelle graine [N]").click();
    harness.run();
    assert_eq!(harness.state(), &Some(DebriefAction::NewSeed));
}

#[test]
fn the_home_screen_requires_a_seed_in_exam_mode_and_shows_invalid_files() {
    let entries = vec![
        ScenarioEntry {
            path: "a.ron".into(),
            title: "Cabinet A".into(),
            summary: "08:00–11:00".into(),
            problems: vec![],
            minutes: 180,
        },
        ScenarioEntry {
            path: "b.ron".into(),
            title: "b.ron".into(),
            summary: String::new(),
            problems: vec!["4:3: virgule attendue entre deux éléments".into()],
            minutes: 0,
        },
    ];
    let form = HomeForm {
        mode: Mode::Exam,
        ..HomeForm::default()
    };
    let mut harness = Harness::new_ui_state(
        move |ui, (form, action): &mut (HomeForm, Option<HomeAction>)| {
            if let Some(a) = screens::home(ui, &entries, form) {
                *action = Some(a);
            }
        },
        (form, None),
    );
    harness.set_size(egui::vec2(1280.0, 800.0));
    harness.run();
    harness.get_by_label_contains("4:3: virgule attendue");
    // The caption says how long the selected shift lasts at the chosen speed.
    harness.get_by_label("×5 : cette vacation de 3 h dure 36 min.");
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    assert_eq!(harness.state().0.selected, 1);
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    assert_eq!(harness.state().0.selected, 0);
    harness.get_by_label("Commencer [Entrée]").click();
    harness.run();
    assert_eq!(harness.state().1, None);
    harness.get_by_label_contains("saisissez la graine");
    harness.get_by_label("Graine").focus();
    harness.run();
    harness.get_by_label("Graine").type_text("42");
    harness.run();
    harness.get_by_label("Commencer [Entrée]").click();
    harness.run();
    assert_eq!(harness.state().1, Some(HomeAction::Start));
    assert_eq!(harness.state().0.parsed_seed(), Ok(Some(42)));
}

/// The home screen with one valid scenario, in training (no seed needed to start).
fn home_harness() -> Harness<'static, (HomeForm, Option<HomeAction>)> {
    let entries = vec![ScenarioEntry {
        path: "a.ron".into(),
        title: "Cabinet A".into(),
        summary: "08:00–11:00".into(),
        problems: vec![],
        minutes: 180,
    }];
    let mut harness = Harness::new_ui_state(
        move |ui, (form, action): &mut (HomeForm, Option<HomeAction>)| {
            if let Some(a) = screens::home(ui, &entries, form) {
                *action = Some(a);
            }
        },
        (HomeForm::default(), None),
    );
    harness.set_size(egui::vec2(1280.0, 800.0));
    harness.run();
    harness
}

#[test]
fn enter_in_the_file_field_opens_that_file_and_does_not_start_the_selected_scenario() {
    let mut harness = home_harness();
    harness.get_by_label("Fichier :").focus();
    harness.run();
    harness.get_by_label("Fichier :").type_text("autre.ron");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().1,
        Some(HomeAction::Open("autre.ron".into()))
    );
    // With no field in use, Entrée starts the selected scenario.
    harness.state_mut().1 = None;
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().1, Some(HomeAction::Start));
}

#[test]
fn enter_in_the_seed_field_starts_with_that_seed() {
    let mut harness = home_harness();
    harness.get_by_label("Graine").focus();
    harness.run();
    harness.get_by_label("Graine").type_text("42");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().1, Some(HomeAction::Start));
    assert_eq!(harness.state().0.parsed_seed(), Ok(Some(42)));
}

#[test]
fn enter_in_the_register_search_does_not_confirm_the_end_of_the_shift() {
    let sim = sim_at(Mode::Exam, arrival("accueil-m-leroy") + 5, &[]);
    let mut harness = desk_harness(desk_view(&sim, 5.0, false));
    harness.get_by_label("Terminer [Échap]").click();
    harness.run();
    harness.get_by_label("Terminer la vacation maintenant ?");
    for field in ["Nom", "Né(e) le"] {
        harness.get_by_label(field).focus();
        harness.run();
        harness.get_by_label(field).type_text("1");
        harness.run();
        harness.key_press(egui::Key::Enter);
        harness.run();
        assert!(
            harness.state().1.is_empty(),
            "{field}: {:?}",
            harness.state().1
        );
        harness.get_by_label("Terminer la vacation maintenant ?");
    }
    // Without a field in use, Entrée confirms.
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().1, vec![DeskAction::EndShift]);
}

#[test]
fn escape_in_a_text_field_leaves_the_field_not_the_desk() {
    // The term to type has the keyboard: Échap gives it up, and only the next Échap asks about
    // ending the shift.
    let sim = sim_at(
        Mode::Training,
        arrival("demande-courrier-cardio") + 10,
        &["demande-courrier-cardio"],
    );
    let mut harness = desk_harness(desk_view(&sim, 5.0, false));
    harness.get_by_label("Votre saisie :").type_text("cardio");
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness
            .query_by_label("Terminer la vacation maintenant ?")
            .is_none(),
        "Échap in the field only leaves it"
    );
    assert_eq!(harness.state().0.typed, "cardio");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.get_by_label("Terminer la vacation maintenant ?");
    harness.key_press(egui::Key::Escape);
    harness.run();
    // The same in the register search.
    harness.get_by_label("Nom").focus();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness
            .query_by_label("Terminer la vacation maintenant ?")
            .is_none()
    );
    assert!(harness.state().1.is_empty(), "{:?}", harness.state().1);
}

// --- Terminology drills ---------------------------------------------------------------------

use secretariat::glossary::drill::{self as drills, DrillKind, DrillSession, Verdict};
use secretariat::ui::drill::{DrillExit, DrillUiState, drill as drill_panel};

fn drill_harness(
    kind: DrillKind,
) -> Harness<'static, (DrillSession, DrillUiState, Option<DrillExit>)> {
    let glossary =
        secretariat::glossary::load_glossary_file(std::path::Path::new("assets/glossaire.ron"))
            .unwrap();
    let session = DrillSession::new(drills::generate(&glossary, 11, 2, &[kind]));
    let mut harness = Harness::new_ui_state(
        |ui, (session, state, exit): &mut (DrillSession, DrillUiState, Option<DrillExit>)| {
            if let Some(e) = drill_panel(ui, session, state) {
                *exit = Some(e);
            }
        },
        (session, DrillUiState::default(), None),
    );
    harness.set_size(egui::vec2(1280.0, 800.0));
    harness.run();
    harness
}

#[test]
fn a_typed_drill_answer_is_corrected_then_the_next_question_comes() {
    let mut harness = drill_harness(DrillKind::DefinitionToTerm);
    let first = harness.state().0.drill.questions[0].clone();
    harness
        .get_by_label_contains(&first.subject)
        .accesskit_node();
    let field = harness.get_by_label("Votre réponse :");
    field.focus();
    harness.run();
    // One letter left out: half a point, and the expected answer is shown.
    let mut slip: Vec<char> = first.term.chars().collect();
    let k = slip.len() / 2;
    slip.remove(k);
    harness
        .get_by_label("Votre réponse :")
        .type_text(&slip.iter().collect::<String>());
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().0.outcomes.len(), 1);
    assert_eq!(harness.state().0.outcomes[0].verdict, Verdict::Slip);
    harness.get_by_label("≈ Presque").accesskit_node();
    harness.get_by_label_contains(&format!("Réponse attendue : {}", first.term));
    harness.get_by_label("Question suivante [Entrée]").click();
    harness.run();
    let second = harness.state().0.drill.questions[1].clone();
    harness
        .get_by_label_contains(&second.subject)
        .accesskit_node();
    harness.get_by_label_contains("Question 2/2");
}

#[test]
fn escape_in_the_drill_answer_leaves_the_field_then_the_drill() {
    let mut harness = drill_harness(DrillKind::DefinitionToTerm);
    // The answer field takes the keyboard by itself.
    harness.get_by_label("Votre réponse :").type_text("abc");
    harness.run();
    assert_eq!(harness.state().1.typed, "abc");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().2, None, "Échap in the field only leaves it");
    assert!(harness.state().0.outcomes.is_empty());
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().2, Some(DrillExit::Home));
}

#[test]
fn a_choice_drill_is_answered_with_a_digit_and_ends_on_the_summary() {
    let mut harness = drill_harness(DrillKind::TermToSpecialty);
    for _ in 0..2 {
        let q = harness.state().0.current().unwrap().clone();
        let secretariat::glossary::drill::Expected::Choice { correct, .. } = q.expected else {
            panic!("a choice")
        };
        let key = [
            egui::Key::Num1,
            egui::Key::Num2,
            egui::Key::Num3,
            egui::Key::Num4,
        ][correct];
        harness.key_press(key);
        harness.run();
        harness.get_by_label_contains("✔ Juste");
        harness.key_press(egui::Key::Enter);
        harness.run();
    }
    assert!(harness.state().0.is_finished());
    harness.get_by_label("Bilan : 100/100");
    harness.get_by_label("Nouvelle série [N]").click();
    harness.run();
    assert_eq!(harness.state().2, Some(DrillExit::Again));
}

#[test]
fn a_term_to_type_takes_the_keyboard_so_letters_do_not_fire_shortcuts() {
    let sim = sim_at(
        Mode::Training,
        arrival("demande-courrier-cardio") + 10,
        &["demande-courrier-cardio"],
    );
    let mut harness = desk_harness(desk_view(&sim, 5.0, false));
    harness.run();
    // « a » would put the request on hold, « s » mute the sound, space pause the clock.
    for key in [egui::Key::A, egui::Key::S, egui::Key::Space] {
        harness.key_press(key);
        harness.run();
    }
    assert_eq!(harness.state().1, Vec::<DeskAction>::new());
}

#[test]
fn escape_asks_before_ending_the_shift() {
    let sim = sim_at(Mode::Exam, arrival("accueil-m-leroy") + 5, &[]);
    let mut harness = desk_harness(desk_view(&sim, 5.0, false));
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.get_by_label("Terminer la vacation maintenant ?");
    assert!(
        harness.state().1.is_empty(),
        "nothing ends on the first key"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness
            .query_by_label("Terminer la vacation maintenant ?")
            .is_none()
    );
    harness.get_by_label("Terminer [Échap]").click();
    harness.run();
    harness.get_by_label("Oui, terminer [Entrée]").click();
    harness.run();
    assert_eq!(harness.state().1, vec![DeskAction::EndShift]);
}

#[test]
fn a_ringing_phone_shows_a_banner_and_cards_show_how_urgent_they_look() {
    let sim = sim_at(Mode::Training, arrival("appel-gene-poitrine") + 8, &[]);
    let harness = desk_harness(desk_view(&sim, 5.0, false));
    harness.get_by_label_contains("Le téléphone sonne — sonnerie");
    // M. Leroy, waiting at the desk, looks like a routine appointment.
    harness.get_by_label("priorité normale");
}

#[test]
fn a_letter_arriving_does_not_take_the_keyboard_from_the_register_search() {
    // Record step under way before the lab letter arrives; the search field takes the keyboard.
    let s = example();
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(arrival("accueil-m-leroy") + 10);
    sim.apply(Action::Take(s.situation_index("accueil-m-leroy").unwrap()))
        .unwrap();
    sim.apply(Action::Choose(0)).unwrap();
    let letter = arrival("courrier-resultats");
    sim.advance_to(letter - 5);
    let before = desk_view(&sim, 5.0, false);
    assert!(
        before.record_step && before.tasks.is_empty(),
        "no letter yet"
    );
    sim.advance_to(letter + 1);
    let after = desk_view(&sim, 5.0, false);
    assert_eq!(after.tasks.len(), 1, "the letter is on the desk");
    let mut harness = Harness::new_ui_state(
        |ui, (view, state, actions): &mut (DeskView, DeskUiState, Vec<DeskAction>)| {
            actions.extend(desk::desk(ui, view, state));
        },
        (before, DeskUiState::default(), Vec::new()),
    );
    harness.set_size(egui::vec2(1280.0, 800.0));
    harness.run();
    harness.state_mut().0 = after;
    harness.run();
    // Typed without clicking the field again: it still has the keyboard.
    harness.get_by_label("Né(e) le").type_text("21/06/1949");
    harness.run();
    assert_eq!(harness.state().1.search_birth, "21/06/1949");
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().2,
        vec![DeskAction::Sim(Action::Open("leroy-paul-1949".into()))]
    );
}
