//! Terminology drills from the shipped glossary: seeded, without duplicates, every right
//! answer accepted by the matcher, and a CLI that a student can use.

use secretariat::glossary::drill::{
    self, ALL_KINDS, DrillKind, Expected, Response, Verdict, grade_response, right_answer,
};
use secretariat::glossary::{Glossary, load_glossary_file};
use secretariat::text::normalise;
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn glossary() -> Glossary {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/glossaire.ron");
    load_glossary_file(&path).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn the_glossary_is_large_and_complete() {
    let g = glossary();
    assert!(g.terms.len() >= 300, "{} terms", g.terms.len());
    let specialties: HashSet<&str> = g.terms.iter().map(|t| t.specialty.as_str()).collect();
    assert!(specialties.len() >= 20, "{specialties:?}");
    let with_abbreviation = g
        .terms
        .iter()
        .filter(|t| !t.abbreviations.is_empty())
        .count();
    assert!(with_abbreviation >= 50, "{with_abbreviation} abbreviations");
    for family in [["coloscopie", "cystoscopie"], ["coloscopie", "colposcopie"]] {
        let term = g
            .terms
            .iter()
            .find(|t| t.term == family[0])
            .expect(family[0]);
        assert!(
            term.confusables.iter().any(|c| c == family[1]),
            "{family:?}"
        );
    }
}

#[test]
fn the_same_seed_gives_the_same_drill_and_another_seed_another() {
    let g = glossary();
    let a = drill::generate(&g, 42, 10, &[]);
    let b = drill::generate(&g, 42, 10, &[]);
    let c = drill::generate(&g, 43, 10, &[]);
    assert_eq!(a, b);
    assert_ne!(a.questions, c.questions);
    assert_eq!(a.questions.len(), 10);
    let kinds: HashSet<DrillKind> = a.questions.iter().map(|q| q.kind).collect();
    assert_eq!(kinds.len(), ALL_KINDS.len(), "a mixed drill has every kind");
}

#[test]
fn a_drill_never_asks_the_same_question_twice() {
    let g = glossary();
    for seed in 0..200 {
        let d = drill::generate(&g, seed, 40, &[]);
        let mut subjects = HashSet::new();
        let mut terms = HashSet::new();
        for q in &d.questions {
            assert!(
                subjects.insert((q.kind, q.subject.clone())),
                "seed {seed}: {q:?}"
            );
            assert!(
                terms.insert(q.term.clone()),
                "seed {seed}: {} twice",
                q.term
            );
        }
    }
}

#[test]
fn every_question_of_every_kind_accepts_its_right_answer() {
    let g = glossary();
    for kind in ALL_KINDS {
        for seed in 0..5 {
            // As many questions as the glossary allows: every eligible term once.
            let d = drill::generate(&g, seed, g.terms.len(), &[kind]);
            assert!(d.questions.len() >= 50, "{kind:?}: {}", d.questions.len());
            for q in &d.questions {
                let outcome = grade_response(q, &right_answer(q));
                assert_eq!(outcome.verdict, Verdict::Right, "{q:?}");
                assert_eq!(outcome.points, 1.0);
                assert!(outcome.feedback.contains(&q.term), "{q:?}");
                if let Expected::Choice { options, correct } = &q.expected {
                    let distinct: HashSet<String> = options.iter().map(|o| normalise(o)).collect();
                    assert_eq!(distinct.len(), options.len(), "{q:?}");
                    assert!(options.len() >= 2 && *correct < options.len(), "{q:?}");
                    let wrong = (correct + 1) % options.len();
                    assert_eq!(
                        grade_response(q, &Response::Choice(wrong)).verdict,
                        Verdict::Wrong
                    );
                }
            }
        }
    }
}

#[test]
fn a_definition_question_refuses_the_confusable_word_and_half_credits_a_slip() {
    let g = glossary();
    let d = drill::generate(&g, 7, g.terms.len(), &[DrillKind::DefinitionToTerm]);
    let q = d
        .questions
        .iter()
        .find(|q| q.term == "coloscopie")
        .expect("every term is asked once");
    let wrong = grade_response(q, &Response::Typed("cystoscopie".into()));
    assert_eq!(wrong.verdict, Verdict::Wrong);
    assert!(wrong.feedback.contains("autre mot"), "{}", wrong.feedback);
    let slip = grade_response(q, &Response::Typed("colloscopie".into()));
    assert_eq!((slip.verdict, slip.points), (Verdict::Slip, 0.5));
    let accents = grade_response(q, &Response::Typed("  COLOSCOPIE ".into()));
    assert_eq!(accents.verdict, Verdict::Right);
}

#[test]
fn the_misspelled_sentence_hides_the_right_spelling_and_copying_the_fault_is_wrong() {
    let g = glossary();
    let d = drill::generate(&g, 3, g.terms.len(), &[DrillKind::SpotMisspelling]);
    assert!(d.questions.len() >= 200, "{}", d.questions.len());
    for q in &d.questions {
        let sentence = normalise(&q.subject);
        let right = normalise(&q.term);
        assert!(
            !format!(" {sentence} ").contains(&format!(" {right} ")),
            "the right spelling is still in {q:?}"
        );
        let Expected::Typed { refused, .. } = &q.expected else {
            panic!("typed")
        };
        let fault = refused.last().unwrap();
        assert!(sentence.contains(&normalise(fault)), "{q:?}");
        let copied = grade_response(q, &Response::Typed(fault.clone()));
        assert_eq!(copied.verdict, Verdict::Wrong, "{q:?}");
    }
}

fn drill_cli(args: &[&str], input: &str) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("drill")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_cli_drill_asks_corrects_and_scores() {
    let g = glossary();
    let d = drill::generate(&g, 5, 3, &[DrillKind::AbbreviationToMeaning]);
    // Right, a slip, then nothing typed.
    let first = drill::right_answer_text(&d.questions[0]).to_string();
    let (code, out) = drill_cli(
        &["--seed", "5", "--count", "3", "--kind", "abreviation"],
        &format!("{first}\nxx\n\n"),
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Question 1/3 — Le sens d'une abréviation"),
        "{out}"
    );
    assert!(
        out.contains(&format!("« {} »", d.questions[0].subject)),
        "{out}"
    );
    assert!(out.contains("✔ Juste."), "{out}");
    assert!(out.contains("Aucune réponse."), "{out}");
    assert!(out.contains("Score : 1 sur 3 — 33,3/100"), "{out}");
    // The same seed asks the same questions.
    let (_, again) = drill_cli(
        &["--seed", "5", "--count", "3", "--kind", "abreviation"],
        "",
    );
    let first_question = |s: &str| s.lines().find(|l| l.starts_with("  « ")).map(String::from);
    assert_eq!(first_question(&out), first_question(&again));
    assert!(
        again.contains("Séance interrompue après 0 question(s) sur 3."),
        "{again}"
    );
}

#[test]
fn the_cli_drill_reports_an_invalid_glossary_in_french() {
    let dir = std::env::temp_dir().join(format!("secretariat-drill-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("glossaire.ron");
    std::fs::write(&bad, "Glossaire(termes: [Terme(terme: \"otite\")])").unwrap();
    let (code, out) = drill_cli(&["--glossary", bad.to_str().unwrap()], "");
    assert_eq!(code, 1);
    assert!(out.contains("glossaire.ron:1:"), "{out}");
    assert!(out.contains("champ obligatoire"), "{out}");
}
