//! The shipped content as a whole: a library that covers the job, passes the quality gate,
//! and trains every confidentiality trap more than once.

mod common;

use common::{project, shipped};
use secretariat::scenario::Scenario;
use secretariat::scenario::tags::{self, CONFIDENTIALITY_TRAPS};
use std::process::Command;

fn library() -> Vec<(String, Scenario)> {
    shipped()
        .into_iter()
        .map(|(p, s)| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, (*s).clone())
        })
        .collect()
}

fn situations_tagged<'a>(lib: &'a [(String, Scenario)], tag: &str) -> Vec<(&'a str, &'a str)> {
    lib.iter()
        .flat_map(|(name, s)| {
            s.situations
                .iter()
                .filter(|x| x.tags.iter().any(|t| t == tag))
                .map(move |x| (name.as_str(), x.id.as_str()))
        })
        .collect()
}

#[test]
fn the_library_covers_the_settings_of_the_job() {
    let lib = library();
    assert!(lib.len() >= 8, "{} scenarios", lib.len());
    let situations: usize = lib.iter().map(|(_, s)| s.situations.len()).sum();
    assert!(situations >= 100, "{situations} situations");
    for setting in [
        "tutoriel",
        "medecine-generale",
        "pediatrie",
        "radiologie",
        "cabinet-dentaire",
        "cardiologie",
        "psychiatrie",
        "oncologie-hdj",
        "service-hospitalier",
        "telesecretariat",
    ] {
        assert!(
            lib.iter().any(|(name, _)| name.starts_with(setting)),
            "no scenario for {setting}"
        );
    }
}

#[test]
fn difficulty_rises_from_a_guided_tutorial_to_confirmed_shifts() {
    let lib = library();
    let levels: Vec<u8> = lib.iter().map(|(_, s)| tags::level(&s.tags).0).collect();
    for (rank, what) in [
        (0, "tutoriel"),
        (1, "débutant"),
        (2, "intermédiaire"),
        (3, "confirmé"),
    ] {
        assert!(levels.contains(&rank), "no {what} scenario");
    }
    let (_, tutorial) = lib.iter().find(|(n, _)| n == "tutoriel").unwrap();
    // A first session is short, and every decision comes with a hint.
    let minutes =
        (tutorial.practice.shift_end.seconds() - tutorial.practice.shift_start.seconds()) / 60;
    assert!(minutes <= 60, "tutorial lasts {minutes} min");
    for situation in &tutorial.situations {
        for step in &situation.steps {
            if let secretariat::scenario::Step::Choice(c) = step {
                assert!(
                    !c.hint.is_empty(),
                    "tutorial step {}/{} has no hint",
                    situation.id,
                    c.id
                );
            }
        }
    }
}

#[test]
fn every_confidentiality_trap_is_trained_at_least_twice() {
    let lib = library();
    for trap in CONFIDENTIALITY_TRAPS {
        let found = situations_tagged(&lib, trap);
        assert!(found.len() >= 2, "{trap}: only {found:?}");
    }
}

#[test]
fn the_hardest_emergencies_appear_disguised() {
    let lib = library();
    for sign in ["avc", "douleur-thoracique", "risque-suicidaire"] {
        let disguised: Vec<_> = lib
            .iter()
            .flat_map(|(_, s)| &s.situations)
            .filter(|x| {
                x.tags.iter().any(|t| t == sign) && x.tags.iter().any(|t| t == "urgence-deguisee")
            })
            .collect();
        assert!(
            !disguised.is_empty(),
            "no disguised emergency tagged {sign}"
        );
    }
}

#[test]
fn every_shipped_file_passes_the_strict_check() {
    let out = Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .args(["check", "--strict"])
        .arg(project("scenarios"))
        .arg(project("assets/glossaire.ron"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("glossaire"), "{stdout}");
}

#[test]
fn the_template_for_instructors_passes_the_strict_check() {
    let out = Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .args(["check", "--strict"])
        .arg(project("docs/modele-scenario.ron"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let guide = std::fs::read_to_string(project("docs/guide-formateur.md")).unwrap();
    for command in [
        "cp docs/modele-scenario.ron",
        "check --strict",
        "coverage",
        "simulate",
        "drill",
    ] {
        assert!(guide.contains(command), "the guide never shows `{command}`");
    }
}

#[test]
fn strict_check_fails_an_untagged_situation_and_a_too_easy_scenario() {
    let template = std::fs::read_to_string(project("docs/modele-scenario.ron")).unwrap();
    let dir = std::env::temp_dir().join(format!("secretariat-strict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // No tags on the first situation.
    let untagged = template.replacen(
        r#"etiquettes: ["bloc-2", "accueil", "identitovigilance", "homonyme"],"#,
        "",
        1,
    );
    // Every trap becomes free: the naive trainee passes.
    let easy = template
        .replace("perte: (confidentialite: 15),", "")
        .replace("perte: (confidentialite: 5),", "")
        .replace(
            r#"critique: "Information médicale donnée à un tiers par téléphone (violation du secret médical).","#,
            "",
        )
        .replace("tri: Normale,", "tri: Vitale,")
        // The file to open is the first of the two homonyms: searching by name finds it.
        .replace(r#"patient: "garnier-anne-1987""#, r#"patient: "garnier-anne-1950""#);
    // A misspelt theme would hide the situation from the coverage report.
    let typo = template.replacen(r#""urgence-deguisee""#, r#""urgence-déguisée""#, 1);
    // No level: the home screen could not place it.
    let no_level = template.replacen(r#"etiquettes: ["debutant", "bloc-2", "bloc-3"],"#, "", 1);
    // Called « confirmé » (as an instructor types it) but never more than one thing at a time.
    let calm_confirmed = template.replacen(
        r#"etiquettes: ["debutant","#,
        r#"etiquettes: ["Confirmé","#,
        1,
    );
    for (name, text, expected) in [
        (
            "confirme-calme.ron",
            calm_confirmed,
            "niveau confirmé : trop peu de situations en même temps",
        ),
        ("sans-etiquette.ron", untagged, "sans étiquette"),
        ("trop-facile.ron", easy, "la politique naive"),
        (
            "faute.ron",
            typo,
            "vouliez-vous dire « urgence-deguisee » ?",
        ),
        ("sans-niveau.ron", no_level, "n'indique pas son niveau"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let plain = Command::new(env!("CARGO_BIN_EXE_secretariat"))
            .arg("check")
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(plain.status.code(), Some(0), "{name} is a valid scenario");
        let strict = Command::new(env!("CARGO_BIN_EXE_secretariat"))
            .args(["check", "--strict"])
            .arg(&path)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&strict.stdout);
        assert_eq!(strict.status.code(), Some(1), "{name}: {stdout}");
        assert!(stdout.contains(expected), "{name}: {stdout}");
        assert!(
            stdout.contains(&format!("{name}:")),
            "{name}: located: {stdout}"
        );
    }
}

#[test]
fn coverage_counts_situations_per_block_and_theme() {
    let out = Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .arg("coverage")
        .arg(project("scenarios/tutoriel.ron"))
        .arg(project("docs/modele-scenario.ron"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let lib = library();
    let tutorial = &lib.iter().find(|(n, _)| n == "tutoriel").unwrap().1;
    let total = tutorial.situations.len() + 3;
    assert!(
        stdout.contains(&format!("2 scénarios, {total} situations")),
        "{stdout}"
    );
    // The template's homonym situation and the tutorial's are counted together.
    let homonyms = tutorial
        .situations
        .iter()
        .filter(|s| s.tags.iter().any(|t| t == "homonyme"))
        .count();
    assert!(
        stdout.contains(&format!(
            "{} situations dans 2 scénarios : tutoriel ({homonyms}), modele-scenario (1)",
            homonyms + 1
        )),
        "{stdout}"
    );
    assert!(stdout.contains("Bloc 2 — Assurer l'accueil"), "{stdout}");
    assert!(stdout.contains("Non couverts :"), "{stdout}");
}
