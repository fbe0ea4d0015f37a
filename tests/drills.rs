//! Terminology drills from the shipped glossary: seeded, without duplicates, every right
//! answer accepted by the matcher, and a CLI that a student can use.

use secretariat::glossary::drill::{
    self, ALL_KINDS, DrillKind, Expected, Response, Verdict, grade_response, right_answer,
};
use secretariat::glossary::{
    DOMAINS, Glossary, SPECIALTIES, load_glossary_file, load_glossary_str,
};
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
    let specialties: HashSet<&str> = g
        .terms
        .iter()
        .flat_map(|t| &t.specialties)
        .map(String::as_str)
        .collect();
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

// --- Specialties, domains and confusables --------------------------------------------------

/// A glossary of one term written by an instructor: `fields` are the specialty/domain keys and
/// anything else to add, between the definition and the confusables.
fn one_term(definition: &str, fields: &str, confusables: &str, example: &str) -> String {
    format!(
        "Glossaire(\n    termes: [\n        Terme(\n            terme: \"jéjunum\",\n            \
         definition: \"{definition}\",\n{fields}            confusions: [{confusables}],\n            \
         exemple: \"{example}\",\n        ),\n    ],\n)\n"
    )
}

const JEJUNUM: &str = "Partie moyenne de l'intestin grêle, entre le duodénum et l'iléon.";
const EXAMPLE: &str = "Biopsies du jéjunum sans anomalie.";

#[test]
fn a_confusable_named_in_its_own_definition_is_refused_where_it_is_written() {
    let source = one_term(
        JEJUNUM,
        "            domaine: \"anatomie\",\n",
        "\"iléon\", \"jéjunostomie\", \"duodénums\"",
        EXAMPLE,
    );
    let problems = load_glossary_str(&source).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    // Line 7 is `confusions`. « duodénums » is not what the definition writes: only « iléon »
    // is reported.
    let p = &problems[0];
    assert_eq!((p.line, p.col), (7, 13), "{p:?}");
    assert!(p.message.contains("« jéjunum »"), "{}", p.message);
    assert!(
        p.message.contains("la définition nomme « iléon »"),
        "{}",
        p.message
    );
    assert!(
        p.message.contains("une partie et son tout"),
        "{}",
        p.message
    );
    assert!(p.message.contains("retirez"), "{}", p.message);
    // A word named in the plural by the definition counts too.
    let source = one_term(
        JEJUNUM,
        "            domaine: \"anatomie\",\n",
        "\"duodénum\"",
        EXAMPLE,
    );
    let problems = load_glossary_str(&source.replace("le duodénum", "les duodénums")).unwrap_err();
    assert!(problems[0].message.contains("« duodénum »"), "{problems:?}");
    // A real look-alike that the definition does not use is fine.
    let source = one_term(
        JEJUNUM,
        "            domaine: \"anatomie\",\n",
        "\"jéjunostomie\"",
        EXAMPLE,
    );
    assert!(load_glossary_str(&source).is_ok());
}

#[test]
fn a_confusable_named_by_its_abbreviation_is_refused_too() {
    let source = r#"Glossaire(termes: [
    Terme(
        terme: "groupe iso-ressources",
        definition: "Niveau de perte d'autonomie, qui ouvre droit à l'APA.",
        specialites: ["gériatrie"],
        confusions: ["allocation personnalisée d'autonomie"],
        exemple: "Groupe iso-ressources évalué à 3.",
    ),
    Terme(
        terme: "allocation personnalisée d'autonomie",
        definition: "Aide financière versée par le département aux personnes âgées dépendantes.",
        specialites: ["gériatrie"],
        abreviations: ["APA"],
        confusions: ["allocation aux adultes handicapés"],
        exemple: "Dossier d'allocation personnalisée d'autonomie envoyé.",
    ),
])"#;
    let problems = load_glossary_str(source).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, 6);
    assert!(problems[0].message.contains("« APA »"), "{problems:?}");
}

#[test]
fn the_old_one_specialty_form_still_loads() {
    let source = one_term(
        "Partie moyenne de l'intestin grêle.",
        "            specialite: \"gastro-entérologie\",\n",
        "\"jéjunostomie\"",
        EXAMPLE,
    );
    let g = load_glossary_str(&source).unwrap();
    assert_eq!(g.terms[0].specialties, ["gastro-entérologie"]);
    assert_eq!(g.terms[0].domain, None);
    // An old « specialite » that names a domain becomes the domain.
    let source = one_term(
        "Partie moyenne de l'intestin grêle.",
        "            specialite: \"anatomie\",\n",
        "\"jéjunostomie\"",
        EXAMPLE,
    );
    let g = load_glossary_str(&source).unwrap();
    assert!(g.terms[0].specialties.is_empty());
    assert_eq!(g.terms[0].domain.as_deref(), Some("anatomie"));
    // The current form, with a domain and several specialties.
    let source = one_term(
        "Partie moyenne de l'intestin grêle.",
        "            domaine: \"anatomie\",\n            specialites: [\"gastro-entérologie\", \"chirurgie\"],\n",
        "\"jéjunostomie\"",
        EXAMPLE,
    );
    let g = load_glossary_str(&source).unwrap();
    assert_eq!(g.terms[0].specialties, ["gastro-entérologie", "chirurgie"]);
    assert_eq!(g.terms[0].domain.as_deref(), Some("anatomie"));
}

#[test]
fn both_forms_at_once_are_refused_with_a_message_at_the_old_key() {
    let source = one_term(
        "Partie moyenne de l'intestin grêle.",
        "            specialites: [\"chirurgie\"],\n            specialite: \"gastro-entérologie\",\n",
        "\"jéjunostomie\"",
        EXAMPLE,
    );
    let problems = load_glossary_str(&source).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    // Line 7 is the old `specialite`, the one to take out.
    assert_eq!((problems[0].line, problems[0].col), (7, 13), "{problems:?}");
    let message = &problems[0].message;
    assert!(
        message.contains("`specialite` et `specialites` sont donnés tous les deux"),
        "{message}"
    );
    assert!(
        message.contains("gardez seulement `specialites"),
        "{message}"
    );
    // Read directly with serde, the glossary is refused with the same words.
    let error = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str::<Glossary>(&source)
        .unwrap_err();
    assert!(
        error.to_string().contains("sont donnés tous les deux"),
        "{error}"
    );
}

#[test]
fn specialties_and_domains_come_from_their_own_lists() {
    let check = |fields: &str| {
        load_glossary_str(&one_term(
            "Partie moyenne de l'intestin grêle.",
            fields,
            "\"jéjunostomie\"",
            EXAMPLE,
        ))
        .map(|_| ())
        .unwrap_err()
        .into_iter()
        .map(|p| format!("{}:{} {}", p.line, p.col, p.message))
        .collect::<Vec<_>>()
        .join("\n")
    };
    let none = check("");
    assert!(none.contains("donnez au moins une spécialité"), "{none}");
    let unknown = check("            specialites: [\"gastro\"],\n");
    assert!(unknown.starts_with("6:13 "), "{unknown}");
    assert!(
        unknown.contains("spécialité inconnue « gastro »"),
        "{unknown}"
    );
    assert!(unknown.contains("gastro-entérologie"), "{unknown}");
    let domain_as_specialty = check("            specialites: [\"anatomie\"],\n");
    assert!(
        domain_as_specialty.contains("« anatomie » est un domaine, pas une spécialité"),
        "{domain_as_specialty}"
    );
    let specialty_as_domain = check("            domaine: \"cardiologie\",\n");
    assert!(
        specialty_as_domain.contains("domaine inconnu « cardiologie »")
            && specialty_as_domain.contains("mettez-la dans `specialites`"),
        "{specialty_as_domain}"
    );
    let twice = check("            specialites: [\"chirurgie\", \"chirurgie\"],\n");
    assert!(twice.contains("écrite deux fois"), "{twice}");
    let old_unknown = check("            specialite: \"cardio\",\n");
    assert!(
        old_unknown.starts_with("6:13 ") && old_unknown.contains("spécialité inconnue « cardio »"),
        "{old_unknown}"
    );
    let two_domains =
        check("            specialite: \"anatomie\",\n            domaine: \"biologie\",\n");
    assert!(
        two_domains.contains("`specialite` donne déjà un domaine"),
        "{two_domains}"
    );
}

#[test]
fn the_shipped_glossary_names_no_confusable_in_its_definitions() {
    let g = glossary();
    for t in &g.terms {
        let definition = format!(" {} ", normalise(&t.definition));
        for c in &t.confusables {
            assert!(
                !definition.contains(&format!(" {} ", normalise(c))),
                "« {} » : {c}",
                t.term
            );
        }
        assert!(
            !t.specialties.is_empty() || t.domain.is_some(),
            "« {} » has neither a specialty nor a domain",
            t.term
        );
        for s in &t.specialties {
            assert!(SPECIALTIES.contains(&s.as_str()), "« {} » : {s}", t.term);
        }
        if let Some(d) = &t.domain {
            assert!(DOMAINS.contains(&d.as_str()), "« {} » : {d}", t.term);
        }
    }
    let find = |name: &str| g.terms.iter().find(|t| t.term == name).expect(name);
    // Terms of several specialties, and the field of an analysis and of its disorder agree.
    assert!(find("échographie").specialties.len() >= 2);
    assert_eq!(find("kaliémie").domain, find("hyperkaliémie").domain);
    assert_ne!(find("biopsie").specialties, ["chirurgie"]);
    assert_eq!(
        find("bêtabloquant").domain.as_deref(),
        Some("pharmacologie")
    );
    assert!(
        find("bêtabloquant")
            .specialties
            .iter()
            .any(|s| s == "cardiologie")
    );
    // A root has one meaning wherever it is glossed.
    let rragie: HashSet<&str> = g
        .terms
        .iter()
        .flat_map(|t| &t.roots)
        .filter(|r| r.form == "-rragie")
        .map(|r| r.meaning.as_str())
        .collect();
    assert_eq!(rragie.len(), 1, "{rragie:?}");
}

#[test]
fn the_shipped_glossary_passes_check() {
    let out = Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "assets/glossaire.ron"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("valide (glossaire, 608 termes)"),
        "{stdout}"
    );
}

#[test]
fn the_specialty_question_never_offers_one_of_the_terms_specialties_as_wrong() {
    let g = glossary();
    let mut asked = 0;
    let mut several = 0;
    for seed in 0..60 {
        let d = drill::generate(&g, seed, g.terms.len(), &[DrillKind::TermToSpecialty]);
        for q in &d.questions {
            let term = g.terms.iter().find(|t| t.term == q.term).unwrap();
            let Expected::Choice { options, correct } = &q.expected else {
                panic!("a choice: {q:?}")
            };
            assert!(options.len() == 4, "{q:?}");
            for (i, option) in options.iter().enumerate() {
                let own = term.specialties.contains(option);
                assert_eq!(own, i == *correct, "seed {seed}: {option} in {q:?}");
                assert!(SPECIALTIES.contains(&option.as_str()), "{option}");
                assert!(!DOMAINS.contains(&option.as_str()), "{option}");
                assert_ne!(option, "médecine générale", "{q:?}");
            }
            // The correction names every specialty of the term, and its domain.
            for s in &term.specialties {
                assert!(q.explanation.contains(s.as_str()), "{s}: {}", q.explanation);
            }
            if let Some(domain) = &term.domain {
                assert!(q.explanation.contains(domain.as_str()), "{}", q.explanation);
            }
            asked += 1;
            if term.specialties.len() > 1 {
                several += 1;
            }
        }
    }
    assert!(asked > 60 * 400, "{asked}");
    assert!(several > 60 * 100, "{several}");
    // A term of domain only, or of general practice only, is never asked.
    let d = drill::generate(&g, 1, g.terms.len(), &[DrillKind::TermToSpecialty]);
    for name in ["épigastre", "posologie", "anamnèse"] {
        assert!(d.questions.iter().all(|q| q.term != name), "{name}");
    }
}

#[test]
fn a_term_of_several_specialties_offers_each_of_them_as_the_right_answer() {
    let g = glossary();
    let rights: HashSet<String> = (0..200)
        .flat_map(|seed| {
            drill::generate(&g, seed, g.terms.len(), &[DrillKind::TermToSpecialty]).questions
        })
        .filter(|q| q.term == "échographie")
        .map(|q| drill::right_answer_text(&q).to_string())
        .collect();
    let want: HashSet<String> = ["radiologie", "gynécologie-obstétrique"]
        .map(String::from)
        .into();
    assert_eq!(rights, want);
}

#[test]
fn crafted_letters_in_an_example_do_not_break_the_misspelling_drill() {
    // « İ » lowercases to two characters (3 bytes) and « ẞ » to « ß » (2 bytes): a lowercased copy
    // of the sentence has the same length but shifted offsets.
    for example in [
        "İ coloscopieẞ",
        "İ coloscopie ẞ",
        "İẞ : coloscopie de contrôle à İstanbul.",
        "ẞİ COLOSCOPIE ẞ",
        "Coloscopie İİİ ẞẞẞ",
        "ẞẞẞẞ İ coloscopie",
    ] {
        let source = format!(
            r#"Glossaire(termes: [Terme(
                terme: "coloscopie",
                definition: "Examen de l'intérieur du côlon avec un endoscope.",
                specialites: ["gastro-entérologie"],
                confusions: ["colposcopie"],
                exemple: "{example}",
            )])"#
        );
        let g = load_glossary_str(&source).unwrap_or_else(|e| panic!("{example}: {e:?}"));
        for seed in 0..50 {
            let d = drill::generate(&g, seed, 1, &[DrillKind::SpotMisspelling]);
            let q = &d.questions[0];
            let Expected::Typed { refused, .. } = &q.expected else {
                panic!("typed")
            };
            let fault = refused.last().unwrap();
            assert!(q.subject.contains(fault.as_str()), "{q:?}");
            assert!(!normalise(&q.subject).contains("coloscopie"), "{q:?}");
            // Everything around the word is kept as written.
            let (before, after) = q.subject.split_once(fault.as_str()).unwrap();
            assert!(
                example.starts_with(before) && example.ends_with(after),
                "{q:?}"
            );
            assert_eq!(
                grade_response(q, &Response::Typed("coloscopie".into())).verdict,
                Verdict::Right
            );
        }
    }
    // A term written with such letters is found in its example too.
    let source = r#"Glossaire(termes: [Terme(
        terme: "İlion",
        definition: "Os du bassin.",
        domaine: "anatomie",
        confusions: ["iléon"],
        exemple: "Fracture de l'ilion : İLION droit.",
    )])"#;
    let g = load_glossary_str(source).unwrap();
    let d = drill::generate(&g, 4, 1, &[DrillKind::SpotMisspelling]);
    assert_eq!(d.questions.len(), 1);
    assert!(
        d.questions[0].subject.starts_with("Fracture de l'ilion : "),
        "{:?}",
        d.questions[0]
    );
}
