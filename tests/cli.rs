//! The `secretariat` command as an instructor uses it.

mod common;

use common::{FIXTURE as EXAMPLE, secretariat as run, stdout};
use std::path::PathBuf;
use std::time::Duration;

fn temp_file(name: &str, content: &str) -> PathBuf {
    common::temp_file("cli", name, content)
}

/// The example the format guide embeds.
const SHIPPED_EXAMPLE: &str = "scenarios/exemple-commente.ron";

#[test]
fn check_accepts_valid_files_and_exits_zero() {
    let out = run(&["check", EXAMPLE]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("valide"));
}

#[test]
fn check_reports_each_problem_as_path_line_col_and_exits_one() {
    let source = std::fs::read_to_string(EXAMPLE).unwrap();
    let broken = source.replacen(
        "meilleure: true,\n                            explication: \"Identitovigilance",
        "explication: \"Identitovigilance",
        1,
    );
    assert_ne!(broken, source);
    let bad = temp_file("sans-meilleure.ron", &broken);
    let syntax = temp_file(
        "syntaxe.ron",
        "Scenario(\n  id: \"x\",\n  titre: \"t\"\n  cabinet: ()\n)",
    );
    let out = run(&[
        "check",
        EXAMPLE,
        bad.to_str().unwrap(),
        syntax.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let line_of = |needle: &str| text.lines().find(|l| l.contains(needle)).map(str::to_owned);
    let best = line_of("sans-meilleure.ron").expect("a line for the file without a best option");
    assert!(
        best.contains(":37:") && best.contains("meilleure"),
        "{best}"
    );
    let syn = line_of("syntaxe.ron").expect("a line for the syntax error");
    assert!(
        syn.contains("syntaxe.ron:4:3: virgule attendue entre deux éléments"),
        "{syn}"
    );
}

#[test]
fn check_on_a_missing_file_says_so_in_french() {
    let out = run(&["check", "scenarios/nexiste-pas.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("nexiste-pas.ron:1:1: fichier introuvable"));
}

#[test]
fn check_refuses_a_device_at_once() {
    // `/dev/zero` says it is 0 bytes long and never ends: it used to be read forever.
    let out = common::secretariat_within(&["check", "/dev/zero"], Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("/dev/zero:1:1: ce n'est pas un fichier ordinaire"),
        "{}",
        stdout(&out)
    );
}

#[cfg(unix)]
#[test]
fn check_refuses_a_named_pipe_without_waiting_for_a_writer() {
    use std::os::unix::ffi::OsStrExt;
    let pipe = common::temp_dir("cli-fifo").join("tube.ron");
    let _ = std::fs::remove_file(&pipe);
    let c_path = std::ffi::CString::new(pipe.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates the pipe.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0, "mkfifo");
    let path = pipe.to_str().unwrap();
    // Opening a pipe for reading waits for a writer: nobody writes to this one.
    let out = common::secretariat_within(&["check", path], Duration::from_secs(20));
    let _ = std::fs::remove_file(&pipe);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains(&format!("{path}:1:1: ce n'est pas un fichier ordinaire")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn simulate_prints_a_french_report() {
    let out = run(&["simulate", EXAMPLE, "--policy", "naive"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("NON VALIDÉE"));
    assert!(text.contains("Erreurs éliminatoires"));
    assert!(text.contains("Points perdus"));
}

#[test]
fn simulate_json_has_the_documented_fields() {
    let out = run(&[
        "simulate", EXAMPLE, "--policy", "ideal", "--seed", "3", "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["scenario"], "exemple-commente");
    assert_eq!(v["seed"], 3);
    for axis in [
        "prioritisation",
        "terminology",
        "confidentiality",
        "overall",
    ] {
        assert_eq!(v["scores"][axis], 100.0, "{axis}");
    }
    assert_eq!(v["validated"], true);
    assert!(v["critical_errors"].as_array().unwrap().is_empty());
    assert!(v["lost"].as_array().unwrap().is_empty());
}

#[test]
fn simulate_runs_an_answers_file() {
    let answers = temp_file(
        "reponses.ron",
        r#"Reponses(actions: [
            Action(a: "08:07", faire: Prendre("courrier-resultats")),
            Action(a: "08:07", faire: Choisir(2)),
            Action(a: "08:09", faire: Choisir(9)),
        ])"#,
    );
    let out = run(&[
        "simulate",
        EXAMPLE,
        "--answers",
        answers.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lost = v["lost"].as_array().unwrap();
    assert!(
        lost.iter()
            .any(|l| l["situation"] == "courrier-resultats" && l["axis"] == "confidentiality")
    );
    assert!(
        lost.iter().any(|l| l["situation"] == "appel-gene-poitrine"),
        "the unanswered call is missed"
    );
    assert_eq!(v["validated"], false);
    let refused = v["refused"].as_array().unwrap();
    assert_eq!(
        refused.len(),
        1,
        "Choisir(9) with nothing in progress is refused and reported"
    );
    assert!(
        refused[0]["reason"]
            .as_str()
            .unwrap()
            .contains("aucune situation en cours")
    );
}

#[test]
fn an_answers_file_naming_an_unknown_situation_is_refused() {
    let answers = temp_file(
        "inconnue.ron",
        r#"Reponses(actions: [Action(a: "08:01", faire: Prendre("pas-la"))])"#,
    );
    let out = run(&["simulate", EXAMPLE, "--answers", answers.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("inconnue.ron:1:20: situation inconnue « pas-la »"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn usage_errors_are_in_french_with_exit_code_two() {
    let out = run(&["simulate", EXAMPLE, "--policy", "parfaite"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("valeur « parfaite » invalide") && err.contains("ideal"),
        "{err}"
    );
    let out = run(&["simulate", EXAMPLE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("argument obligatoire manquant"));
}

#[test]
fn the_guide_embeds_the_shipped_example_exactly() {
    let guide = std::fs::read_to_string("docs/format-scenario.md").unwrap();
    let section = guide
        .split("## Exemple complet")
        .nth(1)
        .expect("an « Exemple complet » section");
    let block = section
        .split("```ron\n")
        .nth(1)
        .and_then(|b| b.split("\n```").next())
        .unwrap();
    let file = std::fs::read_to_string(SHIPPED_EXAMPLE).unwrap();
    assert_eq!(
        block.trim_end(),
        file.trim_end(),
        "docs/format-scenario.md and {SHIPPED_EXAMPLE} differ"
    );
    assert!(secretariat::scenario::load_scenario_str(block).is_ok());
}

#[test]
fn check_takes_a_folder_with_answers_files_and_refuses_two_scenarios_with_one_id() {
    let dir = common::temp_dir("ids");
    let template = std::fs::read_to_string(common::project("docs/modele-scenario.ron")).unwrap();
    let parsed = secretariat::scenario::load_scenario_str(&template).unwrap();
    let id_line = 1 + template
        .lines()
        .position(|l| l.trim_start().starts_with("id:"))
        .unwrap();
    let first_situation = parsed.situations[0].id.clone();
    std::fs::write(dir.join("a.ron"), &template).unwrap();
    std::fs::write(dir.join("b.ron"), &template).unwrap();
    std::fs::write(
        dir.join("reponses.ron"),
        format!(
            r#"Reponses(actions: [Action(a: "09:05:30", faire: Prendre("{first_situation}"))])"#
        ),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .arg("check")
        .arg(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "a.ron : valide ({} situations, niveau débutant)",
            parsed.situations.len()
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "b.ron:{id_line}:5: identifiant de scénario « {} » déjà pris par",
            parsed.id
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("reponses.ron : valide (fichier de réponses, 1 action(s)"),
        "{stdout}"
    );
}

#[test]
fn a_comma_forgotten_at_the_end_of_a_line_points_to_that_line_too() {
    let path = common::temp_dir("comma").join("virgule.ron");
    std::fs::write(
        &path,
        "Scenario(\n    id: \"x\",\n    titre: \"X\"\n    cabinet: Cabinet(nom: \"C\", specialite: \"MG\", debut: \"08:00\", fin: \"09:00\"),\n    situations: [],\n)\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("virgule.ron:4:5: virgule attendue"),
        "{stdout}"
    );
    assert!(
        stdout.contains("regardez aussi la fin de la ligne 3"),
        "{stdout}"
    );
}
