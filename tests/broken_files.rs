//! Broken scenario files give a precise French message, never a panic.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use secretariat::policy::{self, PolicyKind};
use secretariat::scenario::Axis;
use secretariat::scenario::{Problem, load, load_scenario_str};
use secretariat::scoring;
use secretariat::sim::Mode;
use std::sync::Arc;

mod common;

use common::FIXTURE_SOURCE as EXAMPLE;

fn problems(src: &str) -> Vec<Problem> {
    load_scenario_str(src).expect_err("the file must be refused")
}

/// The example with one exact piece of text replaced.
fn edit(from: &str, to: &str) -> String {
    assert!(EXAMPLE.contains(from), "{from} not in the example");
    EXAMPLE.replacen(from, to, 1)
}

/// 1-based line and column where `needle`'s `nth` occurrence starts in `src`.
fn pos(src: &str, needle: &str, nth: usize) -> (usize, usize) {
    let at = src
        .match_indices(needle)
        .nth(nth)
        .expect("needle present")
        .0;
    let before = &src[..at];
    (
        before.matches('\n').count() + 1,
        before.rsplit('\n').next().unwrap().chars().count() + 1,
    )
}

fn assert_one(src: &str, at: (usize, usize), words: &str) {
    let ps = problems(src);
    assert!(
        ps.iter()
            .any(|p| (p.line, p.col) == at && p.message.contains(words)),
        "expected « {words} » at {at:?}, got {ps:?}"
    );
}

#[test]
fn a_missing_comma_points_at_the_next_field() {
    let src = edit(
        "specialite: \"Médecine générale\",\n        medecins",
        "specialite: \"Médecine générale\"\n        medecins",
    );
    assert_one(&src, pos(&src, "medecins", 0), "virgule");
}

#[test]
fn a_misspelled_field_is_named_with_the_right_ones() {
    let src = edit("urgence: Vitale,", "urgense: Vitale,");
    assert_one(&src, pos(&src, "urgense", 0), "champ inconnu `urgense`");
}

#[test]
fn an_unknown_channel_lists_the_possible_values() {
    let src = edit("canal: Courrier,", "canal: Fax,");
    let ps = problems(&src);
    assert!(
        ps[0].message.contains("`Fax`") && ps[0].message.contains("`Telephone`"),
        "{ps:?}"
    );
    assert_eq!(ps[0].line, pos(&src, "Fax", 0).0);
}

#[test]
fn a_bad_time_is_explained() {
    let src = edit("arrivee: \"08:10\"", "arrivee: \"25:10\"");
    let ps = problems(&src);
    assert_eq!(ps[0].line, pos(&src, "25:10", 0).0);
    assert!(ps[0].message.contains("heure invalide « 25:10 »"), "{ps:?}");
}

#[test]
fn a_truncated_file_says_something_is_not_closed() {
    let src = &EXAMPLE[..EXAMPLE.len() / 2];
    let ps = problems(src);
    assert_eq!(ps.len(), 1);
    assert!(ps[0].line > 1);
    assert!(ps[0].message.contains("pas refermé"), "{}", ps[0].message);
}

#[test]
fn semantic_problems_point_at_what_they_concern() {
    let src = edit("id: \"appel-gene-poitrine\"", "id: \"accueil-m-leroy\"");
    assert_one(&src, pos(&src, "id: \"accueil-m-leroy\"", 1), "en double");

    let src = edit("arrivee: \"08:20\"", "arrivee: \"07:20\"");
    assert_one(
        &src,
        pos(&src, "arrivee: \"07:20\"", 0),
        "en dehors de la vacation",
    );

    let src = edit(
        "patient: \"leroy-paul-1949\",\n            etiquettes",
        "patient: \"leroy-paul-2000\",\n            etiquettes",
    );
    assert_one(
        &src,
        pos(&src, "patient: \"leroy-paul-2000\"", 0),
        "patient inconnu",
    );

    let src = edit(
        "duree: \"20 s\",",
        "duree: \"20 s\",\n                            suite: \"fni\",",
    );
    assert_one(
        &src,
        pos(&src, "suite: \"fni\"", 0),
        "suite « fni » inconnue",
    );

    let src = edit(
        "perte: (confidentialite: 8),\n                            explication: \"Une messagerie ordinaire ne protège pas les données de santé (RGPD) : utilisez la messagerie sécurisée (MSSanté).\",",
        "perte: (confidentialite: 8),",
    );
    let gmail = pos(&src, "texte: \"Par e-mail", 0);
    assert_one(&src, (gmail.0 - 1, 25), "pas d'`explication`");

    let src = edit(
        "meilleure: true,\n                            explication: \"Les données",
        "explication: \"Les données",
    );
    assert_one(
        &src,
        pos(&src, "id: \"envoi\"", 0),
        "aucune proposition n'est marquée `meilleure: true`",
    );
}

#[test]
fn unreachable_steps_and_loops_are_reported() {
    let src = edit(
        "                            texte: \"Par la messagerie sécurisée de santé (MSSanté).\",",
        "                            texte: \"Par la messagerie sécurisée de santé (MSSanté).\",\n                            suite: \"specialite\",",
    );
    assert_one(&src, pos(&src, "id: \"specialite\"", 0), "boucle");
    let src = edit(
        "attendu: [\"cardiologie\"],",
        "attendu: [\"cardiologie\"],\n                    suite: \"fin\",",
    );
    assert_one(&src, pos(&src, "id: \"envoi\"", 0), "jamais atteinte");
}

#[test]
fn an_empty_scenario_is_refused() {
    let start = EXAMPLE.find("    situations: [").unwrap();
    let src = format!("{}    situations: [],\n)\n", &EXAMPLE[..start]);
    assert_one(&src, pos(&src, "situations: []", 0), "aucune situation");
}

#[test]
fn binary_deeply_nested_and_huge_inputs_are_refused_cleanly() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
    let garbage: Vec<u8> = (0..4096).map(|_| rng.random()).collect();
    let _ = load_scenario_str(&String::from_utf8_lossy(&garbage));
    let nested = format!(
        "Scenario(situations: {}{})",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    // Refused at the first bracket that cannot be there, without exhausting the stack.
    let deep = problems(&nested);
    assert_eq!(deep.len(), 1, "{deep:?}");
    assert_eq!((deep[0].line, deep[0].col), (1, 23), "{deep:?}");
    assert!(deep[0].message.contains("structure attendue"), "{deep:?}");
    let dir = std::env::temp_dir().join(format!("secretariat-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let huge = dir.join("enorme.ron");
    std::fs::write(&huge, vec![b' '; (load::MAX_FILE_BYTES + 1) as usize]).unwrap();
    let err = load::load_scenario_file(&huge).unwrap_err();
    assert!(err[0].message.contains("trop volumineux"));
    let binary = dir.join("binaire.ron");
    std::fs::write(&binary, [0x53, 0x63, 0xff, 0xfe, 0x00]).unwrap();
    assert!(
        load::load_scenario_file(&binary).unwrap_err()[0]
            .message
            .contains("UTF-8")
    );
    // Each run would otherwise leave an 8 MB file behind.
    let _ = std::fs::remove_dir_all(&dir);
}

/// One random edit, the kind a hurried author or a damaged file makes.
fn mutate(src: &str, rng: &mut Xoshiro256PlusPlus) -> String {
    let mut bytes = src.as_bytes().to_vec();
    let len = bytes.len().max(1);
    let at = rng.random_range(0..len);
    let span = rng.random_range(1..=64).min(len - at.min(len - 1));
    match rng.random_range(0..6) {
        0 => {
            bytes.drain(at..(at + span).min(bytes.len()));
        }
        1 => {
            let junk: Vec<u8> = (0..span)
                .map(|_| {
                    *b"()[],:\"'0123456789abz_ \n\\{}"
                        .get(rng.random_range(0..27))
                        .unwrap()
                })
                .collect();
            bytes.splice(at..at, junk);
        }
        2 => bytes.truncate(at),
        3 => {
            let piece = bytes[at..(at + span).min(bytes.len())].to_vec();
            let to = rng.random_range(0..bytes.len().max(1));
            bytes.splice(to..to, piece);
        }
        4 => {
            for _ in 0..span {
                let k = rng.random_range(0..bytes.len().max(1));
                if let Some(b) = bytes.get_mut(k) {
                    *b = rng.random();
                }
            }
        }
        _ => {
            // Swap two digits, which keeps most files valid but moves times and numbers around.
            let digits: Vec<usize> = bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| b.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            if digits.len() > 1 {
                let (a, b) = (
                    digits[rng.random_range(0..digits.len())],
                    digits[rng.random_range(0..digits.len())],
                );
                bytes.swap(a, b);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn random_mutations_of_shipped_scenarios_never_panic() {
    let mut files: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(2026);
    let (mut refused, mut still_valid) = (0, 0);
    for path in &files {
        let original = std::fs::read_to_string(path).unwrap();
        for round in 0..150 {
            let mut src = mutate(&original, &mut rng);
            if round % 3 == 0 {
                src = mutate(&src, &mut rng);
            }
            let outcome = std::panic::catch_unwind(|| match load_scenario_str(&src) {
                Ok(scenario) => {
                    let s = Arc::new(scenario);
                    for kind in [PolicyKind::Ideal, PolicyKind::Naive, PolicyKind::Random] {
                        let log = policy::run(Arc::clone(&s), round, Mode::Training, kind);
                        let report = scoring::score(&s, &log);
                        // Every point lost is explained, and what is lost on an axis is what
                        // its score is missing (unless losses exceed the stake).
                        for axis in Axis::ALL {
                            let lost: f64 = report
                                .lost
                                .iter()
                                .filter(|l| l.axis == axis.key())
                                .map(|l| l.points)
                                .sum();
                            let score = report.scores.get(axis);
                            assert!(
                                score == 0.0 || (100.0 - lost - score).abs() < 0.5,
                                "{axis:?}: 100 - {lost} != {score}"
                            );
                        }
                        assert!(report.lost.iter().all(|l| !l.explanation.trim().is_empty()));
                    }
                    true
                }
                Err(problems) => {
                    assert!(
                        problems
                            .iter()
                            .all(|p| p.line >= 1 && p.col >= 1 && !p.message.is_empty())
                    );
                    false
                }
            });
            match outcome {
                Ok(true) => still_valid += 1,
                Ok(false) => refused += 1,
                Err(_) => panic!("panic on mutation {round} of {}:\n{src}", path.display()),
            }
        }
    }
    assert!(
        refused > 0 && still_valid > 0,
        "refused {refused}, still valid {still_valid}"
    );
}

#[test]
fn extreme_numbers_are_refused_with_the_field_named() {
    for (from, to, words) in [
        (
            "urgence: Vitale,\n            urgence_apparente",
            "urgence: Vitale, sonneries: 4294967295,\n            urgence_apparente",
            "sonneries",
        ),
        ("duree: \"20 s\"", "duree: \"1000 h\"", "duree"),
        (
            "urgence: Normale,\n            rendez_vous",
            "urgence: Normale, patience: \"0 s\",\n            rendez_vous",
            "patience",
        ),
        (
            "decalage_arrivee: \"1 min\"",
            "decalage_arrivee: \"1000 h\"",
            "décalage d'arrivée",
        ),
    ] {
        let src = edit(from, to);
        let ps = load_scenario_str(&src).expect_err(words);
        assert!(ps.iter().any(|p| p.message.contains(words)), "{ps:?}");
    }
}

#[test]
fn a_scenario_level_arrival_jitter_is_bounded_where_it_is_written() {
    // `variation.decalage_arrivee` applies to every situation without its own: 12 h at most,
    // reported on the field itself with the scenario-level message.
    let src = edit(
        "decalage_arrivee: \"1 min\"",
        "decalage_arrivee: \"12 h 1 s\"",
    );
    let ps = problems(&src);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(
        (ps[0].line, ps[0].col),
        pos(&src, "decalage_arrivee", 0),
        "{ps:?}"
    );
    assert_eq!(
        ps[0].message,
        "`variation` : décalage d'arrivée de 12 h au plus"
    );
    let src = edit("decalage_arrivee: \"1 min\"", "decalage_arrivee: \"12 h\"");
    assert!(load_scenario_str(&src).is_ok(), "12 h is allowed");
}

#[test]
fn a_step_sharing_its_situation_s_id_is_located_among_the_steps() {
    // The example's situation « courrier-resultats » has one step, « classer »: renamed after
    // its situation and emptied, the problem must point at the step, not at the situation.
    let src = edit(
        "id: \"classer\",\n                    texte: \"Les résultats",
        "id: \"courrier-resultats\",\n                    texte: \"\",\n                    aide: \"Les résultats",
    );
    let at = pos(
        &src,
        "id: \"courrier-resultats\",\n                    texte: \"\"",
        0,
    );
    assert_one(&src, at, "texte vide");
}

/// A scenario written for the locator tests: the situations as given, one patient, one doctor.
fn crafted(situations: &str) -> String {
    format!(
        r#"Scenario(
    id: "lieux",
    titre: "Où sont les problèmes",
    cabinet: Cabinet(nom: "Cabinet", specialite: "Médecine générale",
        medecins: [Medecin(id: "dr-a", nom: "Dr A")], debut: "08:00", fin: "10:00"),
    patients: [
        Patient(id: "durand", nom: "DURAND", prenom: "Marie", naissance: "01/02/1980", sexe: F),
    ],
    situations: [
{situations}
    ],
)
"#
    )
}

/// A one-step situation; `first` is written before the id (RON takes fields in any order).
fn crafted_situation(id: &str, first: &str, step: &str, rest: &str) -> String {
    format!(
        r#"        Situation(
            {first}
            id: "{id}",
            titre: "Titre {id}",
            canal: Accueil,
            arrivee: "08:00",
            urgence: Normale,
            {rest}
            etapes: [
                Choix(
                    id: "{step}",
                    texte: "Bonjour ?",
                    propositions: [Proposition(texte: "Bonjour.", meilleure: true)],
                ),
            ],
        ),
"#
    )
}

#[test]
fn a_step_named_like_another_situation_is_located_in_its_own_situation() {
    // Situation « a » writes its steps before its id, and its step is called « b », like the
    // next situation: the empty step text must point at that step, not at a's id or at b.
    let a = r#"        Situation(
            etapes: [
                Choix(
                    id: "b",
                    texte: "",
                    propositions: [Proposition(texte: "Bonjour.", meilleure: true)],
                ),
            ],
            id: "a",
            titre: "Titre a",
            canal: Accueil,
            arrivee: "08:00",
            urgence: Normale,
        ),
"#;
    let src = crafted(&format!("{a}{}", crafted_situation("b", "", "q", "")));
    assert_one(
        &src,
        pos(&src, "id: \"b\",\n                    texte: \"\"", 0),
        "étape « b » de « a » : texte vide",
    );
}

#[test]
fn a_situation_problem_points_at_that_situation_not_at_a_step_sharing_its_id() {
    // « a » has a step called « b »; « b » uses {appelant} without callers, then comes a second
    // « b ». Each problem points at the situation it concerns.
    let src = crafted(&format!(
        "{}{}{}",
        crafted_situation("a", "", "b", ""),
        crafted_situation("b", "", "q", r#"description: "{appelant} appelle.","#),
        crafted_situation("b", "", "r", ""),
    ));
    assert_one(
        &src,
        pos(&src, "id: \"b\",\n            titre", 0),
        "situation « b » : le texte utilise {appelant}",
    );
    assert_one(
        &src,
        pos(&src, "id: \"b\",\n            titre", 1),
        "identifiant de situation « b » en double",
    );
}

#[test]
fn structures_named_in_comments_and_texts_do_not_shift_the_situations() {
    // « Situation(...) » in a comment and in a text are not situations: counting them used to
    // take the first situation's step « deux » for the second situation, and its problems
    // pointed into the first one.
    let un = r#"        // Situation(a) : l'accueil, puis Situation(b) : le téléphone.
        Situation(
            id: "un",
            description: "Situation (rappel) : voir Situation(c).",
            etapes: [
                Choix(
                    id: "deux",
                    texte: "Bonjour ?",
                    propositions: [Proposition(texte: "Bonjour.", meilleure: true)],
                ),
            ],
            titre: "Titre un",
            canal: Accueil,
            arrivee: "08:00",
            urgence: Normale,
        ),
"#;
    let deux = crafted_situation("deux", "", "q", "").replace("Titre deux", "");
    let src = crafted(&format!("{un}{deux}"));
    assert_one(
        &src,
        pos(&src, "titre: \"\"", 0),
        "situation « deux » : titre vide",
    );
}

#[test]
fn a_field_written_before_the_id_is_found_in_its_own_situation() {
    let late = crafted_situation("tard", r#"arrivee: "11:00","#, "q", "").replacen(
        "            arrivee: \"08:00\",\n",
        "",
        1,
    );
    let src = crafted(&format!("{}{late}", crafted_situation("tot", "", "q", "")));
    assert_one(
        &src,
        pos(&src, "arrivee: \"11:00\"", 0),
        "situation « tard » : arrivée à 11:00 en dehors de la vacation",
    );
}
