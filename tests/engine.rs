//! The engine and scoring, on small scenarios written for each rule.

mod common;

use secretariat::policy::{self, PolicyKind};
use secretariat::scenario::{Scenario, load_scenario_file, load_scenario_str};
use secretariat::scoring::{self, Outcome, Report};
use secretariat::sim::{Action, Event, MissReason, Mode, Simulation, Status};
use std::sync::Arc;

/// Two homonyms: the same name and first name, born on different days.
const PATIENTS: &str = r#"
    Patient(id: "durand-1980", nom: "DURAND", prenom: "Marie", naissance: "01/02/1980", sexe: F),
    Patient(id: "durand-1950", nom: "DURAND", prenom: "Marie", naissance: "03/04/1950", sexe: F),
"#;

/// A scenario from 08:00 to 10:00 with the given situations (RON), validated.
fn scenario(situations: &str) -> Arc<Scenario> {
    scenario_with(PATIENTS, situations)
}

/// The same with other patients.
fn scenario_with(patients: &str, situations: &str) -> Arc<Scenario> {
    let src = format!(
        r#"Scenario(
            id: "test", titre: "Test",
            cabinet: Cabinet(nom: "Cabinet", specialite: "Médecine générale",
                medecins: [Medecin(id: "dr-a", nom: "Dr A")], debut: "08:00", fin: "10:00"),
            patients: [{patients}],
            situations: [{situations}],
        )"#
    );
    match load_scenario_str(&src) {
        Ok(s) => Arc::new(s),
        Err(problems) => panic!("test scenario invalid: {problems:?}"),
    }
}

const ONE_STEP: &str = r#"etapes: [Choix(id: "q", texte: "?", propositions: [
    Proposition(texte: "Bien", meilleure: true),
    Proposition(texte: "Mal", piege: true, perte: (confidentialite: 4), explication: "Le secret médical interdit cela."),
])]"#;

fn situation(id: &str, channel: &str, arrival: &str, urgency: &str, extra: &str) -> String {
    format!(
        r#"Situation(id: "{id}", titre: "Titre {id}", canal: {channel}, arrivee: "{arrival}", urgence: {urgency}, {extra} {ONE_STEP}),"#
    )
}

fn at(h: u32, m: u32, s: u32) -> u32 {
    h * 3600 + m * 60 + s
}

fn missed_reason(sim: &Simulation, i: usize) -> Option<MissReason> {
    match sim.state(i).status {
        Status::Missed(r) => Some(r),
        _ => None,
    }
}

fn report_of(s: &Arc<Scenario>, sim: Simulation) -> Report {
    scoring::score(s, &sim.finish())
}

#[test]
fn an_unanswered_phone_goes_to_voicemail_after_its_rings() {
    let s = scenario(&situation(
        "appel",
        "Telephone",
        "08:10",
        "Normale",
        "sonneries: 4,",
    ));
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(at(8, 10, 19));
    assert_eq!(
        sim.state(0).status,
        Status::Waiting,
        "still ringing after 19 s"
    );
    sim.advance_to(at(8, 10, 20));
    assert_eq!(
        missed_reason(&sim, 0),
        Some(MissReason::Voicemail),
        "4 rings of 5 s"
    );
    assert!(
        sim.apply(Action::Take(0)).is_err(),
        "a missed call cannot be picked up"
    );
    let report = report_of(&s, sim);
    assert_eq!(report.timeline[0].outcome, Outcome::Missed);
    assert!(
        report
            .lost
            .iter()
            .any(|l| l.axis == "prioritisation" && l.explanation.contains("messagerie"))
    );
}

#[test]
fn a_walk_in_leaves_or_complains_when_patience_runs_out() {
    let s = scenario(&format!(
        "{}{}",
        situation(
            "part",
            "Accueil",
            "08:10",
            "Normale",
            r#"patience: "5 min","#
        ),
        situation(
            "reste",
            "Accueil",
            "08:10",
            "Normale",
            r#"patience: "5 min", si_impatient: SePlaint,"#
        )
    ));
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(at(8, 15, 0));
    assert_eq!(missed_reason(&sim, 0), Some(MissReason::Left));
    assert_eq!(
        sim.state(1).status,
        Status::Waiting,
        "the complaining patient stays"
    );
    assert!(
        sim.entries()
            .iter()
            .any(|e| e.event == Event::Complained { situation: 1 })
    );
    sim.apply(Action::Take(1)).unwrap();
    sim.apply(Action::Choose(0)).unwrap();
    let report = report_of(&s, sim);
    let reste = report
        .timeline
        .iter()
        .find(|t| t.situation == "reste")
        .unwrap();
    assert_eq!(reste.outcome, Outcome::Late);
    assert!(reste.notes.iter().any(|n| n.contains("Plainte")));
}

#[test]
fn patience_keeps_draining_while_a_walk_in_is_on_hold() {
    let s = scenario(&situation(
        "m",
        "Accueil",
        "08:00",
        "Normale",
        r#"patience: "4 min","#,
    ));
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(at(8, 3, 0));
    sim.apply(Action::Take(0)).unwrap();
    sim.apply(Action::Hold).unwrap();
    sim.advance_to(at(8, 3, 59));
    assert_eq!(sim.state(0).status, Status::OnHold);
    sim.advance_to(at(8, 4, 0));
    assert_eq!(
        missed_reason(&sim, 0),
        Some(MissReason::Left),
        "3 min waiting + 1 min on hold"
    );
}

#[test]
fn a_caller_left_on_hold_too_long_hangs_up() {
    let s = scenario(&situation(
        "appel",
        "Telephone",
        "08:10",
        "Normale",
        r#"attente_max: "1 min","#,
    ));
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(at(8, 10, 5));
    sim.apply(Action::Take(0)).unwrap();
    sim.apply(Action::Hold).unwrap();
    sim.advance_to(at(8, 11, 5));
    assert_eq!(missed_reason(&sim, 0), Some(MissReason::HungUp));
}

#[test]
fn a_doctors_request_goes_overdue_but_can_still_be_done() {
    let s = scenario(&situation(
        "dossier",
        "Medecin",
        "08:10",
        "Urgente",
        r#"echeance: "08:20","#,
    ));
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(at(8, 25, 0));
    assert!(
        sim.entries()
            .iter()
            .any(|e| e.event == Event::Overdue { situation: 0 })
    );
    assert_eq!(sim.state(0).status, Status::Waiting);
    sim.apply(Action::Take(0)).unwrap();
    sim.apply(Action::Choose(0)).unwrap();
    let report = report_of(&s, sim);
    assert!(
        report
            .lost
            .iter()
            .any(|l| l.explanation.contains("Échéance dépassée"))
    );
    assert_eq!(report.timeline[0].outcome, Outcome::Late);
}

#[test]
fn several_situations_wait_at_once_and_taking_one_holds_the_current() {
    let s = scenario(&format!(
        "{}{}",
        situation("a", "Accueil", "08:00", "Normale", ""),
        situation("b", "Telephone", "08:00", "Normale", "")
    ));
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(at(8, 0, 0));
    assert_eq!(sim.pending().count(), 2);
    sim.apply(Action::Take(0)).unwrap();
    sim.apply(Action::Take(1)).unwrap();
    assert_eq!(sim.state(0).status, Status::OnHold);
    assert_eq!(sim.active(), Some(1));
}

#[test]
fn the_trainee_is_busy_during_an_exchange() {
    let s = scenario(&situation("a", "Accueil", "08:00", "Normale", ""));
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(at(8, 0, 0));
    sim.apply(Action::Take(0)).unwrap();
    sim.apply(Action::Choose(0)).unwrap();
    assert!(sim.is_busy());
    assert!(
        sim.apply(Action::Choose(0)).is_err(),
        "no new answer mid-exchange"
    );
    sim.advance_to(at(8, 0, 30));
    assert_eq!(
        sim.state(0).status,
        Status::Done,
        "the default exchange lasts 30 s"
    );
}

#[test]
fn lateness_costs_more_the_later_and_the_more_urgent() {
    let late_by = |urgency: &str, minutes: u32| {
        let s = scenario(&situation("a", "Medecin", "08:00", urgency, ""));
        let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
        sim.advance_to(at(8, minutes, 0));
        sim.apply(Action::Take(0)).unwrap();
        sim.apply(Action::Choose(0)).unwrap();
        report_of(&s, sim)
            .lost
            .iter()
            .filter(|l| l.axis == "prioritisation")
            .map(|l| l.points)
            .sum::<f64>()
    };
    assert_eq!(
        late_by("Urgente", 2),
        0.0,
        "within the 2 min acceptable for an urgent request"
    );
    assert!(late_by("Urgente", 4) > 0.0);
    assert!(late_by("Urgente", 6) > late_by("Urgente", 4));
    assert!(late_by("Normale", 25) > 0.0);
    // Lateness alone never costs as much as missing the situation.
    assert!(late_by("Urgente", 100) < 100.0);
}

#[test]
fn a_priority_inversion_names_who_was_waiting() {
    let s = scenario(&format!(
        "{}{}",
        situation("courrier", "Courrier", "08:00", "Faible", ""),
        situation(
            "malaise",
            "Accueil",
            "08:00",
            "Urgente",
            r#"interlocuteur: "M. Petit","#
        )
    ));
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(at(8, 0, 0));
    sim.apply(Action::Take(0)).unwrap();
    let report = report_of(&s, sim);
    let inversion = report
        .lost
        .iter()
        .find(|l| l.explanation.starts_with("Inversion"))
        .expect("an inversion");
    assert_eq!(inversion.situation, "malaise");
    assert!(
        inversion.explanation.contains("Titre courrier")
            && inversion.explanation.contains("Titre malaise")
    );
}

#[test]
fn a_disguised_emergency_taken_late_is_not_an_inversion() {
    // The phone looked routine: taking the mail first is no visible inversion (but the call is late).
    let s = scenario(&format!(
        "{}{}",
        situation(
            "appel",
            "Telephone",
            "08:00",
            "Vitale",
            "urgence_apparente: Faible,"
        ),
        situation("courrier", "Courrier", "08:00", "Normale", "")
    ));
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(at(8, 0, 0));
    sim.apply(Action::Take(1)).unwrap();
    let report = report_of(&s, sim);
    assert!(
        !report
            .lost
            .iter()
            .any(|l| l.explanation.starts_with("Inversion"))
    );
}

#[test]
fn under_triage_costs_more_than_over_triage_and_is_critical_when_vital() {
    let triage = |urgency: &str, tri: &str| {
        let steps = format!(
            r#"etapes: [Choix(id: "q", texte: "?", propositions: [
                Proposition(texte: "Juste", meilleure: true, tri: {urgency}),
                Proposition(texte: "Autre", tri: {tri}, explication: "Mauvaise orientation."),
            ])]"#
        );
        let s = scenario(&format!(
            r#"Situation(id: "a", titre: "T", canal: Telephone, arrivee: "08:00", urgence: {urgency}, {steps}),"#
        ));
        let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
        sim.advance_to(at(8, 0, 0));
        sim.apply(Action::Take(0)).unwrap();
        sim.apply(Action::Choose(1)).unwrap();
        let r = report_of(&s, sim);
        let lost: f64 = r.lost.iter().map(|l| l.points).sum();
        (lost, r.critical_errors.len())
    };
    let (under, under_critical) = triage("Urgente", "Normale");
    let (over, _) = triage("Normale", "Urgente");
    assert!(
        under > over,
        "under-triage {under} must cost more than over-triage {over}"
    );
    assert_eq!(under_critical, 0);
    let (_, vital_critical) = triage("Vitale", "Normale");
    assert_eq!(
        vital_critical, 1,
        "an under-triaged vital emergency is a critical error"
    );
}

#[test]
fn typed_terms_get_partial_credit_for_a_typo_and_none_for_another_word() {
    let s = scenario(
        r#"Situation(id: "cr", titre: "Compte rendu", canal: Medecin, arrivee: "08:00", urgence: Normale, etapes: [
            Saisie(id: "t", texte: "Examen du côlon ?", attendu: ["coloscopie"], confusions: ["cystoscopie", "colposcopie"],
                   points: 10, explication: "Coloscopie : examen du côlon."),
        ]),"#,
    );
    let typed = |text: &str| {
        let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
        sim.advance_to(at(8, 0, 0));
        sim.apply(Action::Take(0)).unwrap();
        sim.apply(Action::Type(text.into())).unwrap();
        report_of(&s, sim).scores.terminology
    };
    assert_eq!(typed("Coloscopie"), 100.0);
    assert_eq!(typed("colloscopie"), 50.0);
    assert_eq!(typed("cystoscopie"), 0.0);
    assert_eq!(typed("colposcopie"), 0.0);
}

#[test]
fn opening_a_homonyms_file_is_a_critical_identity_error() {
    let s = scenario(
        r#"Situation(id: "mme", titre: "Mme Durand", canal: Accueil, arrivee: "08:00", urgence: Normale, patient: "durand-1950", etapes: [
            Dossier(id: "d", texte: "Ouvrez le dossier.", patient: "durand-1950", explication: "Cherchez par date de naissance."),
        ]),"#,
    );
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(at(8, 0, 0));
    sim.apply(Action::Take(0)).unwrap();
    sim.apply(Action::Open("durand-1980".into())).unwrap();
    let report = report_of(&s, sim);
    assert!(!report.validated);
    assert!(report.critical_errors[0].explanation.contains("01/02/1980"));
    assert_eq!(report.scores.confidentiality, 0.0);
}

#[test]
fn only_a_namesake_s_file_is_called_a_homonym() {
    // Mme Hélène Durand is expected. Her namesakes: the same birth name and first name once
    // accents and case are set aside, or her name as another woman's used name. Anyone else,
    // a relative with the same name included, is just the wrong file.
    let patients = r#"
        Patient(id: "attendue", nom: "DURAND", prenom: "Hélène", naissance: "03/04/1950", sexe: F),
        Patient(id: "meme-nom", nom: "Durand", prenom: "HELENE", naissance: "01/02/1980", sexe: F),
        Patient(id: "nom-usage", nom: "MARTIN", nom_usage: "DURAND", prenom: "Hélène", naissance: "05/06/1961", sexe: F),
        Patient(id: "soeur", nom: "DURAND", prenom: "Claire", naissance: "03/04/1950", sexe: F),
        Patient(id: "autre", nom: "LEROY", prenom: "Paul", naissance: "21/06/1949", sexe: M),
    "#;
    let s = scenario_with(
        patients,
        r#"Situation(id: "mme", titre: "Mme Durand", canal: Accueil, arrivee: "08:00", urgence: Normale, patient: "attendue", etapes: [
            Dossier(id: "d", texte: "Ouvrez le dossier.", patient: "attendue", explication: "Cherchez par date de naissance."),
        ]),"#,
    );
    let label = |opened: &str| {
        let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
        sim.advance_to(at(8, 0, 0));
        sim.apply(Action::Take(0)).unwrap();
        sim.apply(Action::Open(opened.into())).unwrap();
        let report = report_of(&s, sim);
        assert_eq!(report.critical_errors.len(), 1, "{opened}");
        report.critical_errors[0].explanation.clone()
    };
    for namesake in ["meme-nom", "nom-usage"] {
        let text = label(namesake);
        assert!(
            text.starts_with("Erreur d'identité (homonyme) : dossier "),
            "{namesake}: {text}"
        );
    }
    for other in ["soeur", "autre"] {
        let text = label(other);
        assert!(
            text.starts_with("Erreur d'identité (mauvais dossier) : dossier "),
            "{other}: {text}"
        );
        assert!(!text.contains("homonyme"), "{other}: {text}");
    }
    assert!(label("autre").contains("LEROY Paul (21/06/1949) ouvert au lieu de DURAND Hélène"));
}

#[test]
fn a_missed_vital_emergency_invalidates_the_session() {
    let s = scenario(&format!(
        "{}{}",
        situation("vital", "Telephone", "08:00", "Vitale", ""),
        situation("routine", "Accueil", "08:00", "Normale", "")
    ));
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(at(8, 0, 0));
    sim.apply(Action::Take(1)).unwrap();
    sim.apply(Action::Choose(0)).unwrap();
    let report = report_of(&s, sim);
    assert!(!report.validated);
    assert!(
        report
            .critical_errors
            .iter()
            .any(|c| c.explanation.contains("Urgence vitale manquée"))
    );
}

#[test]
fn a_last_answer_still_being_said_at_the_end_of_the_shift_is_not_missed() {
    // The vital call rings at 09:59:30 and is answered at 09:59:40; the best answer takes the
    // default 30 s, so its closing words run past the end of the shift (10:00:00). Every step
    // is answered: the call is done at the end of the shift, neither missed nor critical.
    let s = scenario(&situation("vital", "Telephone", "09:59:30", "Vitale", ""));
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Exam);
    sim.advance_to(at(9, 59, 40));
    sim.apply(Action::Take(0)).unwrap();
    sim.apply(Action::Choose(0)).unwrap();
    assert_eq!(
        sim.busy_until(),
        at(10, 0, 10),
        "the reply straddles the end"
    );
    sim.advance_to(at(10, 0, 0));
    assert!(sim.has_ended());
    assert_eq!(sim.state(0).status, Status::Done);
    assert_eq!(sim.state(0).completed_at, Some(at(10, 0, 0)));
    assert!(!sim.is_busy(), "nobody is busy once the shift is over");
    let report = report_of(&s, sim);
    assert!(
        report.critical_errors.is_empty(),
        "{:?}",
        report.critical_errors
    );
    assert_ne!(report.timeline[0].outcome, Outcome::Missed);
    assert!(
        !report
            .lost
            .iter()
            .any(|l| l.explanation.contains("manquée")),
        "{:?}",
        report.lost
    );
    assert!(report.validated, "{:?}", report.scores);

    // A reply to a step that is not the last still leaves the situation unfinished: missed.
    let two_steps = r#"Situation(id: "a", titre: "Titre a", canal: Telephone, arrivee: "09:59:30", urgence: Normale,
        etapes: [
            Choix(id: "q1", texte: "?", propositions: [Proposition(texte: "Bien", meilleure: true)]),
            Choix(id: "q2", texte: "?", propositions: [Proposition(texte: "Bien", meilleure: true)]),
        ]),"#;
    let s = scenario(two_steps);
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Exam);
    sim.advance_to(at(9, 59, 40));
    sim.apply(Action::Take(0)).unwrap();
    sim.apply(Action::Choose(0)).unwrap();
    sim.advance_to(at(10, 0, 0));
    assert_eq!(missed_reason(&sim, 0), Some(MissReason::EndOfShift));
}

#[test]
fn scores_follow_the_documented_formulas() {
    // Worked by hand from docs/format-scenario.md, the figures written out (not recomputed):
    // - stakes: prioritisation 10 + 20 + 5 = 35 (urgency weights Normale, Urgente, Faible; no
    //   option costs it); confidentiality 4 + 4 + 4 = 12 (each situation's worst answer);
    // - « Mal » twice: 4 / 12 × 100 = 33.33 → 33.3 lost each time, 100 − 33.3 − 33.3 = 33.4;
    // - the phone (Urgente, weight 20) taken after 20 s for 15 acceptable: a third of the weight
    //   per acceptable delay overdue, 20 × 5 / (3 × 15) = 2.22 → 2.2 points of 35,
    //   2.2 / 35 × 100 = 6.29 → 6.3 lost, 100 − 6.3 = 93.7;
    // - overall: the mean of the assessed axes, (93.7 + 33.4) / 2 = 63.55 → 63.6.
    let s = scenario(&format!(
        "{}{}{}",
        situation("a", "Accueil", "08:00", "Normale", ""),
        situation("b", "Telephone", "08:01", "Urgente", ""),
        situation("c", "Courrier", "08:00", "Faible", "")
    ));
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Exam);
    sim.advance_to(at(8, 0, 0));
    sim.apply(Action::Take(0)).unwrap();
    sim.apply(Action::Choose(1)).unwrap(); // « Mal » : −4 confidentiality
    sim.advance_to(at(8, 1, 20));
    sim.apply(Action::Take(1)).unwrap();
    sim.apply(Action::Choose(0)).unwrap();
    sim.advance_to(at(8, 1, 50));
    sim.apply(Action::Take(2)).unwrap();
    sim.apply(Action::Choose(1)).unwrap(); // −4 confidentiality
    let r = report_of(&s, sim);
    let lost: Vec<(&str, &str, f64)> = r
        .lost
        .iter()
        .map(|l| (l.situation.as_str(), l.axis.as_str(), l.points))
        .collect();
    assert_eq!(
        lost,
        vec![
            ("a", "confidentiality", 33.3),
            ("b", "prioritisation", 6.3),
            ("c", "confidentiality", 33.3),
        ]
    );
    assert_eq!(r.scores.prioritisation, 93.7);
    assert_eq!(r.scores.confidentiality, 33.4);
    // Terminology and organisation have nothing at stake: not assessed, not in the mean.
    assert_eq!(r.assessed, vec!["prioritisation", "confidentiality"]);
    assert_eq!(r.scores.overall, 63.6);
    assert!(r.lost.iter().all(|l| !l.explanation.trim().is_empty()));
    assert!(
        r.validated,
        "63.6 reaches the pass mark of 60, with no critical error"
    );
}

#[test]
fn callers_vary_with_the_seed_and_replace_the_placeholder() {
    let s = scenario(
        r#"Situation(id: "tiers", titre: "Appel de {appelant}", canal: Telephone, arrivee: "08:00", urgence: Normale,
            appelants: ["son employeur", "sa voisine", "son assureur"],
            etapes: [Choix(id: "q", texte: "{appelant} demande les résultats.", propositions: [
                Proposition(texte: "Refuser poliment", meilleure: true),
            ])]),"#,
    );
    let titles: std::collections::BTreeSet<String> = (0..30)
        .map(|seed| {
            let sim = Simulation::new(Arc::clone(&s), seed, Mode::Training);
            sim.personalise(0, &s.situations[0].title)
        })
        .collect();
    assert!(titles.len() >= 2, "{titles:?}");
    assert!(titles.iter().all(|t| !t.contains('{')));
}

#[test]
fn a_ringing_phone_can_interrupt_an_exchange_which_resumes_later() {
    let two_steps = r#"Situation(id: "a", titre: "Titre a", canal: Accueil, arrivee: "08:00", urgence: Normale,
        etapes: [
            Choix(id: "q1", texte: "?", propositions: [Proposition(texte: "Bien", meilleure: true)]),
            Choix(id: "q2", texte: "?", propositions: [Proposition(texte: "Bien", meilleure: true, duree: "0 s")]),
        ]),"#;
    let s = scenario(&format!(
        "{two_steps}{}",
        situation("b", "Telephone", "08:00:10", "Normale", "")
    ));
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(at(8, 0, 0));
    sim.apply(Action::Take(0)).unwrap();
    sim.apply(Action::Choose(0)).unwrap();
    sim.advance_to(at(8, 0, 12));
    sim.apply(Action::Take(1)).unwrap();
    assert_eq!(sim.state(0).status, Status::OnHold);
    assert!(!sim.is_busy(), "the phone call starts fresh");
    sim.apply(Action::Choose(0)).unwrap();
    sim.advance_to(at(8, 0, 42));
    assert_eq!(sim.state(1).status, Status::Done);
    sim.apply(Action::Take(0)).unwrap();
    assert_eq!(
        sim.busy_until(),
        at(8, 1, 0),
        "the 18 s left of the first exchange"
    );
    sim.advance_to(at(8, 1, 0));
    assert!(!sim.is_busy());
    sim.apply(Action::Choose(0)).unwrap();
    assert_eq!(sim.state(0).status, Status::Done);
    let report = report_of(&s, sim);
    assert_eq!(report.scores.overall, 100.0, "{:?}", report.lost);
}

#[test]
fn turning_away_during_the_last_reply_ends_the_situation_instead_of_losing_it() {
    let s = scenario(&format!(
        "{}{}",
        situation("a", "Accueil", "08:00", "Normale", r#"patience: "2 min","#),
        situation("b", "Telephone", "08:00:10", "Normale", "")
    ));
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(at(8, 0, 0));
    sim.apply(Action::Take(0)).unwrap();
    sim.apply(Action::Choose(0)).unwrap();
    // Every step of the walk-in is answered; the phone rings during the closing words.
    sim.advance_to(at(8, 0, 12));
    sim.apply(Action::Take(1)).unwrap();
    assert_eq!(sim.state(0).status, Status::Done);
    sim.apply(Action::Choose(0)).unwrap();
    // Long after the walk-in's patience would have run out, nobody has left.
    sim.advance_to(at(8, 10, 0));
    assert_eq!(missed_reason(&sim, 0), None);
    let report = report_of(&s, sim);
    assert_eq!(report.scores.overall, 100.0, "{:?}", report.lost);
}

#[test]
fn timers_after_an_exchange_ends_still_fire_at_their_time() {
    let two_steps = r#"etapes: [
        Choix(id: "q1", texte: "?", propositions: [Proposition(texte: "Oui", meilleure: true)]),
        Choix(id: "q2", texte: "?", propositions: [Proposition(texte: "Oui", meilleure: true)]),
    ]"#;
    let s = scenario(&format!(
        r#"Situation(id: "a", titre: "A", canal: Accueil, arrivee: "08:00", urgence: Normale, {two_steps}),
           Situation(id: "b", titre: "B", canal: Telephone, arrivee: "08:05", urgence: Normale, {two_steps}),"#
    ));
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Training);
    sim.advance_to(at(8, 0, 0));
    sim.apply(Action::Take(0)).unwrap();
    sim.apply(Action::Choose(0)).unwrap();
    sim.advance_to(at(8, 10, 0));
    let arrived = sim
        .entries()
        .iter()
        .find(|e| e.event == Event::Arrived { situation: 1 })
        .unwrap();
    assert_eq!(arrived.at, at(8, 5, 0));
    let missed = sim
        .entries()
        .iter()
        .find(|e| matches!(e.event, Event::Missed { situation: 1, .. }))
        .unwrap();
    assert_eq!(missed.at, at(8, 5, 30), "voicemail after 6 rings");
}

#[test]
fn ignoring_most_situations_cannot_validate_a_session() {
    // Found by an instructor writing a scenario from the guide: answering only the emergency and
    // leaving the rest untouched used to keep terminology and confidentiality at 100.
    let s = Arc::new(load_scenario_file(&common::project(common::FIXTURE)).unwrap());
    let call = s.situation_index("appel-gene-poitrine").unwrap();
    let mut sim = Simulation::new(Arc::clone(&s), 1, Mode::Exam);
    sim.advance_to(sim.state(call).arrival);
    sim.apply(Action::Take(call)).unwrap();
    sim.apply(Action::Choose(0)).unwrap();
    let report = scoring::score(&s, &sim.finish());
    assert!(!report.validated, "{:?}", report.scores);
    assert!(report.scores.terminology < 100.0 && report.scores.confidentiality < 100.0);
    assert!(
        report
            .lost
            .iter()
            .any(|l| l.explanation.starts_with("Non traité"))
    );
}

#[test]
fn a_missed_emergency_still_says_what_had_to_be_done() {
    let s = Arc::new(load_scenario_file(&common::project(common::FIXTURE)).unwrap());
    // Nobody answers anything.
    let report = report_of(&s, Simulation::new(Arc::clone(&s), 1, Mode::Exam));
    let missed = report
        .critical_errors
        .iter()
        .find(|c| c.situation == "appel-gene-poitrine")
        .expect("the hidden chest pain is missed");
    assert!(
        missed.explanation.contains("Ce qu'il fallait faire :")
            && missed.explanation.contains("15"),
        "{}",
        missed.explanation
    );
}

#[test]
fn variants_are_drawn_by_the_seed_and_tell_the_situation_their_way() {
    let s = scenario(&situation(
        "appel",
        "Telephone",
        "08:00",
        "Normale",
        r#"variantes: [
            Variante(titre: "Titre deux", textes: {"q": "Deuxième façon"}),
            Variante(textes: {"q": "Troisième façon"}, aides: {"q": "Réfléchissez."}),
        ],"#,
    ));
    let mut told = std::collections::BTreeSet::new();
    for seed in 0..30 {
        let sim = Simulation::new(Arc::clone(&s), seed, Mode::Training);
        let k = sim.state(0).presentation;
        let prompt = sim.situation(0).steps[0].prompt().to_string();
        let expected = ["?", "Deuxième façon", "Troisième façon"][k];
        assert_eq!(prompt, expected, "seed {seed}");
        told.insert(k);
        let log = sim.finish();
        assert_eq!(log.presentations, vec![k]);
        let report = scoring::score(&s, &log);
        let title = if k == 1 { "Titre deux" } else { "Titre appel" };
        assert_eq!(report.timeline[0].title, title, "seed {seed}");
    }
    assert_eq!(told.len(), 3, "every presentation is drawn by some seed");
}

#[test]
fn a_scenario_without_variants_keeps_its_shifts() {
    // Variants draw from the seed only when there are some: the fixture's arrivals for a seed are
    // the same whether or not another situation elsewhere has variants.
    let plain = common::fixture();
    let arrivals =
        |s: &Arc<Scenario>| policy::run(Arc::clone(s), 7, Mode::Exam, PolicyKind::Ideal).arrivals;
    let mut with_variant = (*plain).clone();
    let last = with_variant.situations.len() - 1;
    with_variant.situations[last]
        .variants
        .push(secretariat::scenario::Variant {
            description: Some("Autrement dit.".into()),
            ..Default::default()
        });
    let with_variant = Arc::new(with_variant);
    // The situations before the one with variants arrive as before.
    assert_eq!(arrivals(&plain)[..last], arrivals(&with_variant)[..last]);
    assert!(
        policy::run(Arc::clone(&plain), 7, Mode::Exam, PolicyKind::Ideal)
            .presentations
            .iter()
            .all(|&k| k == 0)
    );
}

#[test]
fn a_shift_has_a_day_given_or_fixed_and_ages_count_from_it() {
    let old = common::fixture();
    assert!(old.date.is_none(), "the frozen example has no date");
    assert_eq!(
        old.shift_date().to_string(),
        "2026-01-05",
        "a fixed day, never today's"
    );
    assert_eq!(
        old.day_label(),
        None,
        "no weekday announced for a file that gives none"
    );
    let dated =
        common::FIXTURE_SOURCE.replacen("etiquettes:", "date: \"08/12/2026\",\n    etiquettes:", 1);
    let s = secretariat::scenario::load_scenario_str(&dated).unwrap();
    assert_eq!(s.day_label().as_deref(), Some("mardi 8 décembre 2026"));
    let leroy = s.patient("leroy-paul-1949").unwrap();
    // Born 21/06/1949: 77 on 8 December 2026, 76 on the default day.
    assert_eq!(leroy.age_on(s.shift_date()), 77);
    assert_eq!(leroy.age_on(old.shift_date()), 76);
    let wrong =
        common::FIXTURE_SOURCE.replacen("etiquettes:", "date: \"2026-12-08\",\n    etiquettes:", 1);
    let problems = secretariat::scenario::load_scenario_str(&wrong).unwrap_err();
    assert!(problems[0].message.contains("JJ/MM/AAAA"), "{problems:?}");
}
