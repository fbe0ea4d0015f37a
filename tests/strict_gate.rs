//! The quality gate against guessing (`check --strict`): for each detector, a small crafted file
//! that must fail it, and a control that does not.

mod common;

use secretariat::policy::{CueWords, Order, PolicyKind};
use secretariat::quality::{self, StrictOptions, StrictReport};
use secretariat::scenario::{Scenario, load_scenario_str};
use std::sync::Arc;

/// One choice step with three options: `best` first, then two wrong ones; lengths as written.
fn choice(id: &str, best: &str, wrong1: &str, wrong2: &str) -> String {
    format!(
        r#"Choix(id: "{id}", texte: "Que faites-vous ?", aide: "Qui a le droit de savoir ?", propositions: [
            Proposition(texte: "{best}", meilleure: true, regle: "SEC-2", explication: "Rien à un tiers sans l'accord du patient."),
            Proposition(texte: "{wrong1}", piege: true, perte: (confidentialite: 6), regle: "SEC-2", critique: "Information donnée à un tiers.", explication: "Un tiers n'a pas à le savoir."),
            Proposition(texte: "{wrong2}", perte: (confidentialite: 4), regle: "SEC-1", critique: "Information donnée à un tiers.", explication: "Le secret couvre le fait même d'être patient."),
        ])"#
    )
}

/// A vital call with its two variants, the under-triage options critical by their `tri`.
const VITAL: &str = r#"Situation(
    id: "appel-vital", titre: "Un appel", canal: Telephone, arrivee: "08:15", urgence: Vitale,
    urgence_apparente: Normale, etiquettes: ["bloc-2", "urgence-vitale"],
    variantes: [
        Variante(textes: {"motif": "« Mon mari a du mal à respirer depuis une heure, il a les lèvres bleues. »"}),
        Variante(textes: {"motif": "« Ma mère s'est effondrée dans la cuisine, elle ne répond plus. »"}),
    ],
    etapes: [Choix(id: "motif", texte: "« Mon mari a une douleur dans la poitrine qui serre, il transpire. »", propositions: [
        Proposition(texte: "« Raccrochez, faites le 15. »", meilleure: true, tri: Vitale, regle: "URG-5", explication: "Le 15 tout de suite."),
        Proposition(texte: "« Venez à 11 h, le docteur le verra en priorité. »", piege: true, tri: Normale, regle: "URG-1", explication: "Un rendez-vous ne suffit pas."),
        Proposition(texte: "« Je demande au docteur et je vous rappelle. »", tri: Urgente, regle: "URG-1", explication: "Rappeler plus tard fait perdre du temps."),
    ])],
),"#;

/// A small beginner scenario with `situations` (RON), loadable.
fn scenario(situations: &str) -> String {
    format!(
        r#"Scenario(
    id: "essai-strict", titre: "Essai", etiquettes: ["debutant"],
    cabinet: Cabinet(nom: "Cabinet", specialite: "Médecine générale", medecins: [Medecin(id: "dr-a", nom: "Dr A")], debut: "08:00", fin: "09:30"),
    variation: Variation(melanger_propositions: true),
    situations: [{situations}],
)"#
    )
}

fn phone(id: &str, arrival: &str, steps: &str) -> String {
    format!(
        r#"Situation(id: "{id}", titre: "Appel {id}", canal: Telephone, arrivee: "{arrival}", urgence: Normale, sonneries: 30, etiquettes: ["bloc-2", "telephone-tiers"], etapes: [{steps}]),"#
    )
}

/// `HH:MM` from minutes since midnight.
fn clock(minutes: usize) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn strict(source: &str, cues: CueWords) -> StrictReport {
    let s: Scenario = load_scenario_str(source).unwrap_or_else(|p| panic!("{p:?}"));
    quality::strict_check(&s, source, StrictOptions::default(), Arc::new(cues))
}

fn messages(report: &StrictReport) -> String {
    report
        .problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Four third-party calls whose best answer has the length given by `shape` (long, short, mid).
fn third_party_calls(shape: &str) -> String {
    let (long, mid, short) = (
        "« Je suis désolée, je ne peux rien vous dire sur un patient, même pour rendre service. »",
        "« Je ne peux rien vous dire, voyez cela avec lui directement. »",
        "« Je ne peux rien dire. »",
    );
    let wrong_long =
        "« Oui, il est bien venu ce matin, le docteur lui a fait une ordonnance, rien de grave. »";
    let wrong_mid = "« Il est passé ce matin, je lui dirai que vous avez appelé. »";
    let wrong_short = "« Oui, il est venu. »";
    (0..4)
        .map(|k| {
            let step = match shape {
                "long" => choice("q", long, wrong_mid, wrong_short),
                "short" => choice("q", short, wrong_long, wrong_mid),
                _ => choice("q", mid, wrong_long, wrong_short),
            };
            phone(&format!("tiers-{k}"), &clock(8 * 60 + 5 + 20 * k), &step)
        })
        .collect()
}

#[test]
fn a_control_scenario_passes_the_form_and_guessing_checks() {
    let src = scenario(&format!("{}{VITAL}", third_party_calls("mid")));
    let report = strict(&src, CueWords::default());
    let text = messages(&report);
    for forbidden in [
        "ideal",
        "naive",
        "mots-indices",
        "vocabulaire",
        "la plus longue",
        "la plus courte",
        "proposition(s)",
        "racontée",
        "aucune règle",
        "figure dans",
    ] {
        assert!(!text.contains(forbidden), "« {forbidden} » in:\n{text}");
    }
    assert_eq!(report.figures.form.vital_single_told, 0);
    assert_eq!(report.figures.form.best_longest, 0);
    // Fourteen guessers (seven forms, two orders) and a blind chooser per order.
    assert_eq!(report.figures.guessers.len(), 14);
    assert_eq!(report.figures.blind.len(), 2);
    assert!(
        report
            .figures
            .blind
            .iter()
            .any(|b| b.order == Order::Arrival)
    );
}

#[test]
fn a_scenario_that_rewards_the_longest_option_fails() {
    let src = scenario(&format!("{}{VITAL}", third_party_calls("long")));
    let text = messages(&strict(&src, CueWords::default()));
    assert!(
        text.contains("« la plus longue »") && text.contains("il trouve la meilleure réponse"),
        "{text}"
    );
    assert!(
        text.contains("la meilleure réponse est la plus longue dans 4 étapes de choix sur 5"),
        "{text}"
    );
}

#[test]
fn a_scenario_that_rewards_the_shortest_option_fails() {
    let src = scenario(&format!("{}{VITAL}", third_party_calls("short")));
    let report = strict(&src, CueWords::default());
    let text = messages(&report);
    assert!(text.contains("« la plus courte »"), "{text}");
    let shortest = report
        .figures
        .guessers
        .iter()
        .find(|g| g.kind == PolicyKind::Shortest && g.order == Order::Best)
        .unwrap();
    let blind = report
        .figures
        .blind
        .iter()
        .find(|b| b.order == Order::Best)
        .unwrap();
    assert!(shortest.mean > blind.mean, "{shortest:?} {blind:?}");
}

#[test]
fn a_scenario_whose_best_answers_use_the_library_s_words_fails() {
    // A library where « messagerie sécurisée » always marks the best answer.
    let library = scenario(
        &(0..6)
            .map(|k| {
                phone(
                    &format!("envoi-{k}"),
                    "08:10",
                    &choice(
                        "q",
                        "« Par la messagerie sécurisée. »",
                        "« Par courriel, tout simplement. »",
                        "« Je l'imprime pour le coursier. »",
                    ),
                )
            })
            .collect::<String>(),
    );
    let cues = CueWords::learn([&load_scenario_str(&library).unwrap()]);
    assert!(cues.score("par la messagerie sécurisée") > cues.score("par courriel"));
    // The checked scenario: same lengths, the cue words on the best answer only.
    let calls: String = (0..4)
        .map(|k| {
            phone(
                &format!("c-{k}"),
                &clock(8 * 60 + 5 + 20 * k),
                &choice(
                    "q",
                    "« Par la messagerie sécurisée du cabinet. »",
                    "« Par courriel depuis le poste d'accueil. »",
                    "« En main propre, sous enveloppe, demain. »",
                ),
            )
        })
        .collect();
    let report = strict(&scenario(&format!("{calls}{VITAL}")), cues);
    let text = messages(&report);
    assert!(text.contains("« mots-indices »"), "{text}");
    // The plainer guesser, which only looks for the words of the library's best answers.
    assert!(
        text.contains("« vocabulaire des bonnes réponses »"),
        "{text}"
    );
    assert!(text.contains("« messagerie » (4 ici"), "{text}");
}

#[test]
fn a_choice_with_two_options_fails_unless_binary() {
    let two = r#"Choix(id: "q", texte: "Que faites-vous ?", propositions: [
        Proposition(texte: "« Je ne peux rien dire. »", meilleure: true, regle: "SEC-2", explication: "Secret."),
        Proposition(texte: "« Oui, il est venu. »", perte: (confidentialite: 6), regle: "SEC-2", explication: "Secret."),
    ])"#;
    let src = scenario(&format!("{}{VITAL}", phone("deux", "08:05", two)));
    let report = strict(&src, CueWords::default());
    let problem = report
        .problems
        .iter()
        .find(|p| p.message.contains("2 proposition(s)"))
        .unwrap_or_else(|| panic!("{}", messages(&report)));
    let line = src
        .lines()
        .position(|l| l.contains(r#"Choix(id: "q""#))
        .unwrap()
        + 1;
    assert_eq!(problem.line, line, "the step's line");
    let binary = src.replace(
        r#"Choix(id: "q", texte"#,
        r#"Choix(id: "q", binaire: true, texte"#,
    );
    let report = strict(&binary, CueWords::default());
    assert!(!messages(&report).contains("proposition(s)"));
    assert_eq!(report.figures.form.binary_steps, 1);
}

#[test]
fn a_typed_answer_printed_in_its_prompt_hint_or_variant_fails() {
    let typed = |prompt: &str, hint: &str| {
        format!(
            r#"Saisie(id: "terme", texte: "{prompt}", aide: "{hint}", attendu: ["coloscopie"], explication: "Le côlon.", regle: "TERM-1")"#
        )
    };
    let doctor = |steps: String, variants: &str| {
        format!(
            r#"Situation(id: "demande", titre: "Demande", canal: Medecin, arrivee: "08:05", urgence: Normale, medecin: "dr-a", etiquettes: ["bloc-3", "terminologie"], {variants} etapes: [{steps}]),"#
        )
    };
    let clean = typed(
        "L'examen qui regarde l'intérieur du côlon : écrivez son nom.",
        "Côlon, puis regarder.",
    );
    for (case, situation) in [
        (
            "texte",
            doctor(typed("Saisissez « coloscopie ».", "Côlon."), ""),
        ),
        (
            "aide",
            doctor(typed("L'examen du côlon ?", "C'est la Coloscopie."), ""),
        ),
        (
            "variante",
            doctor(
                clean.clone(),
                r#"variantes: [Variante(textes: {"terme": "Le Dr A dit : « une coloscopie ». Écrivez-le."})],"#,
            ),
        ),
    ] {
        let report = strict(
            &scenario(&format!("{situation}{VITAL}")),
            CueWords::default(),
        );
        assert!(
            messages(&report).contains("la réponse attendue « coloscopie » figure dans"),
            "{case}: {}",
            messages(&report)
        );
    }
    let report = strict(
        &scenario(&format!("{}{VITAL}", doctor(clean, ""))),
        CueWords::default(),
    );
    assert!(
        !messages(&report).contains("figure dans"),
        "{}",
        messages(&report)
    );
}

#[test]
fn a_vital_situation_told_one_way_fails() {
    let start = VITAL.find("    variantes").unwrap();
    let end = VITAL.find("    etapes").unwrap();
    let single = format!("{}{}", &VITAL[..start], &VITAL[end..]);
    let report = strict(&scenario(&single), CueWords::default());
    assert!(
        messages(&report).contains("urgence vitale racontée de 1 façon(s)"),
        "{}",
        messages(&report)
    );
    assert_eq!(report.figures.form.vital_single_told, 1);
}

#[test]
fn a_lost_point_without_a_rule_or_with_a_rule_of_another_axis_fails() {
    let no_rule = choice(
        "q",
        "« Je ne peux rien dire. »",
        "« Oui, il est venu. »",
        "« Il va bien. »",
    )
    .replacen(
        r#"piege: true, perte: (confidentialite: 6), regle: "SEC-2","#,
        r#"piege: true, perte: (confidentialite: 6),"#,
        1,
    );
    let report = strict(
        &scenario(&format!("{}{VITAL}", phone("a", "08:05", &no_rule))),
        CueWords::default(),
    );
    assert!(
        messages(&report).contains("ne cite aucune règle"),
        "{}",
        messages(&report)
    );
    let other_axis = choice(
        "q",
        "« Je ne peux rien dire. »",
        "« Oui, il est venu. »",
        "« Il va bien. »",
    )
    .replacen(
        r#"perte: (confidentialite: 4), regle: "SEC-1""#,
        r#"perte: (confidentialite: 4), regle: "FAC-1""#,
        1,
    );
    let report = strict(
        &scenario(&format!("{}{VITAL}", phone("a", "08:05", &other_axis))),
        CueWords::default(),
    );
    assert!(
        messages(&report)
            .contains("perte en confidentialité, mais aucune règle citée n'est sur cet axe"),
        "{}",
        messages(&report)
    );
}

#[test]
fn the_best_answer_always_at_one_place_fails_without_shuffling() {
    let src = scenario(&format!("{}{VITAL}", third_party_calls("mid"))).replace(
        "melanger_propositions: true",
        "melanger_propositions: false",
    );
    let text = messages(&strict(&src, CueWords::default()));
    assert!(
        text.contains("la meilleure réponse est en position 1"),
        "{text}"
    );
}

#[test]
fn red_flags_warn_on_a_non_vital_situation_unless_dismissed_with_a_reason() {
    let step = choice(
        "q",
        "« Je vous passe le docteur. »",
        "« Je note pour demain. »",
        "« Rappelez ce soir. »",
    )
    .replace(
        "Que faites-vous ?",
        "« J'ai une douleur dans la poitrine depuis ce matin. »",
    );
    let situation = |extra: &str| {
        scenario(&format!(
            r#"Situation(id: "douleur", titre: "Appel", canal: Telephone, arrivee: "08:05", urgence: Urgente, {extra} etiquettes: ["bloc-2"], etapes: [{step}]),"#
        ))
    };
    let warned = situation("");
    let s = load_scenario_str(&warned).unwrap();
    let warnings = quality::warnings(&s, &warned);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].message.contains("douleur thoracique"),
        "{warnings:?}"
    );
    // Plain check prints it and still exits 0.
    let path = common::temp_file("strict", "douleur.ron", &warned);
    let out = common::secretariat(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(common::stdout(&out).contains("avertissement : situation « douleur »"));
    let dismissed = situation(
        r#"drapeaux_ecartes: {"douleur-thoracique": "douleur de l'épaule connue, décrite par le médecin"},"#,
    );
    let s = load_scenario_str(&dismissed).unwrap();
    assert!(quality::warnings(&s, &dismissed).is_empty());
    for (extra, words) in [
        (
            r#"drapeaux_ecartes: {"douleur-torse": "non"},"#,
            "drapeau « douleur-torse » inconnu",
        ),
        (
            r#"drapeaux_ecartes: {"douleur-thoracique": " "},"#,
            "demande une raison",
        ),
    ] {
        let problems = load_scenario_str(&situation(extra)).unwrap_err();
        assert!(
            problems.iter().any(|p| p.message.contains(words)),
            "{problems:?}"
        );
    }
}

#[test]
fn unknown_rules_bad_variants_and_a_binary_choice_of_three_are_refused_by_check() {
    let base = scenario(&format!("{}{VITAL}", third_party_calls("mid")));
    for (from, to, words) in [
        (
            r#"regle: "SEC-1""#,
            r#"regle: "SEC-99""#,
            "règle « SEC-99 » inconnue du référentiel",
        ),
        (
            r#"regle: "SEC-1""#,
            r#"regle: "sec-1""#,
            "vouliez-vous dire « SEC-1 »",
        ),
        (
            r#"{"motif": "« Ma mère"#,
            r#"{"motiv": "« Ma mère"#,
            "nomme l'étape « motiv »",
        ),
        (
            r#"Choix(id: "q", texte"#,
            r#"Choix(id: "q", binaire: true, texte"#,
            "`binaire: true` mais 3 propositions",
        ),
    ] {
        assert!(base.contains(from), "{from}");
        let problems = load_scenario_str(&base.replacen(from, to, 1)).unwrap_err();
        assert!(
            problems.iter().any(|p| p.message.contains(words)),
            "{words}: {problems:?}"
        );
    }
}

#[test]
fn the_engine_cites_rules_that_exist_on_the_axis_it_scores() {
    use secretariat::rulebook::{cited, rulebook};
    use secretariat::scenario::Axis;
    for id in cited::ALL {
        let rule = rulebook()
            .rule(id)
            .unwrap_or_else(|| panic!("{id} missing"));
        let expected = match id {
            _ if id == cited::SPELLING => Axis::Terminology,
            _ if id == cited::RECORD_SEARCH => Axis::Confidentiality,
            _ => Axis::Prioritisation,
        };
        assert_eq!(rule.axis, expected, "{id}");
    }
}

#[test]
fn the_rules_document_is_generated_from_the_rulebook() {
    let doc = std::fs::read_to_string(common::project("docs/regles-metier.md")).unwrap();
    let generated = secretariat::rulebook::markdown(secretariat::rulebook::rulebook());
    assert!(
        doc == generated,
        "docs/regles-metier.md is out of date: run `secretariat rules > docs/regles-metier.md`"
    );
    let out = common::secretariat(&["check", "assets/regles.ron"]);
    assert!(
        common::stdout(&out).contains("référentiel, "),
        "{}",
        common::stdout(&out)
    );
}
