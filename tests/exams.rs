//! Class exams end to end, with the real program: `exam new`, candidates played by
//! `simulate --exam`, then `exam collect` — the class's CSV, the files it refuses, the xAPI
//! statements.

mod common;

use common::{FIXTURE, secretariat, spreadsheet_rows, stderr, stdout, temp_dir};
use secretariat::exam::{ExamFile, ResultFile};
use secretariat::policy::{PolicyKind, answers};
use secretariat::report::spreadsheet::decimal;
use secretariat::scenario::Axis;
use secretariat::scoring::{self, Report};
use secretariat::sim::{Action, Mode};
use std::path::{Path, PathBuf};
use std::process::Output;

const SEED: u64 = 2026;
const TITLE: &str = "Examen de décembre";

/// A scripted candidate for the fixture with seed 2026 (arrivals 08:01:51 and 08:10:27): the
/// welcome done right, the chest-pain call told to wait.
const ANSWERS: &str = r#"Reponses(
    actions: [
        Action(a: "08:02:00", faire: Prendre("accueil-m-leroy")),
        Action(a: "08:02:05", faire: Choisir(1)),
        Action(a: "08:03:00", faire: Ouvrir("leroy-paul-1949")),
        Action(a: "08:10:30", faire: Prendre("appel-gene-poitrine")),
        Action(a: "08:10:35", faire: Choisir(3)),
    ],
)
"#;

/// An exam prepared in `dir`, and the folder where its results are gathered.
struct Class {
    dir: PathBuf,
    exam: PathBuf,
    results: PathBuf,
}

impl Class {
    /// An exam on the fixture (two attempts allowed) and no result yet.
    fn prepare(name: &str) -> Class {
        let dir = temp_dir(&format!("exams-{name}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let exam = dir.join("decembre.examen.json");
        let out = run(&[
            "exam",
            "new",
            FIXTURE,
            "--seed",
            &SEED.to_string(),
            "--title",
            TITLE,
            "--attempts",
            "2",
            "--out",
            path(&exam),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let said = stdout(&out);
        assert!(said.contains(path(&exam)), "{said}");
        assert!(said.contains("secretariat exam collect"), "{said}");
        let results = dir.join("resultats");
        Class { dir, exam, results }
    }

    /// Prepared, and four results: Zoé twice, Élodie, François (scripted).
    fn with_candidates(name: &str) -> Class {
        let class = Class::prepare(name);
        class.sit("Zoé Lefèvre", "BTS-2", &["--policy", "ideal"]);
        class.sit("Élodie Durand", "BTS-2", &["--policy", "naive"]);
        let answers = class.dir.join("reponses-francois.ron");
        std::fs::write(&answers, ANSWERS).unwrap();
        class.sit("François Gaël", "BTS-1", &["--answers", path(&answers)]);
        class.sit("Zoé Lefèvre", "BTS-2", &["--policy", "naive"]);
        class
    }

    /// `simulate --exam` for one candidate, the result written in the results folder.
    fn sit(&self, name: &str, group: &str, trainee: &[&str]) -> PathBuf {
        let mut args = vec![
            "simulate",
            "--exam",
            path(&self.exam),
            "--name",
            name,
            "--group",
            group,
            "--out",
            path(&self.results),
        ];
        args.extend_from_slice(trainee);
        let out = run(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let said = stdout(&out);
        let line = said
            .lines()
            .find(|l| l.contains("écrit dans"))
            .unwrap_or_else(|| panic!("no result path in {said}"));
        let written = PathBuf::from(line.rsplit(" écrit dans ").next().unwrap());
        assert!(written.is_file(), "{}", written.display());
        written
    }

    fn collect(&self, extra: &[&str]) -> Output {
        let csv = self.csv();
        let mut args = vec![
            "exam",
            "collect",
            path(&self.results),
            "--exam",
            path(&self.exam),
            "--csv",
            path(&csv),
        ];
        args.extend_from_slice(extra);
        run(&args)
    }

    fn csv(&self) -> PathBuf {
        self.dir.join("classe.csv")
    }

    /// The CSV's rows as (column → cell) maps, header excluded.
    fn rows(&self) -> Vec<Vec<(String, String)>> {
        let rows = spreadsheet_rows(&self.csv());
        let header = rows[0].clone();
        rows[1..]
            .iter()
            .map(|r| header.iter().cloned().zip(r.iter().cloned()).collect())
            .collect()
    }

    fn result_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.results)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
    }
}

fn run(args: &[&str]) -> Output {
    let out = secretariat(args);
    assert!(
        !stderr(&out).contains("panicked"),
        "the program panicked: {}",
        stderr(&out)
    );
    out
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn cell<'a>(row: &'a [(String, String)], column: &str) -> &'a str {
    row.iter()
        .find(|(c, _)| c == column)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no column {column}"))
}

fn row_of<'a>(
    rows: &'a [Vec<(String, String)>],
    name: &str,
    attempt: &str,
) -> &'a [(String, String)] {
    rows.iter()
        .find(|r| cell(r, "nom") == name && cell(r, "passage") == attempt)
        .unwrap_or_else(|| panic!("no row for {name}, attempt {attempt}"))
}

/// What the fixture's exam shift gives with a policy, computed here without the program.
fn expected(kind: PolicyKind) -> Report {
    common::play(&common::fixture(), kind, SEED)
}

fn expected_scripted() -> Report {
    let scenario = common::fixture();
    let script = answers::parse(ANSWERS).unwrap();
    let log = answers::run(std::sync::Arc::clone(&scenario), SEED, Mode::Exam, &script);
    scoring::score(&scenario, &log)
}

/// The row's figures are the report's: each axis (empty when not assessed), overall, validated.
fn assert_row_is(row: &[(String, String)], report: &Report) {
    for axis in Axis::ALL {
        let column = axis.label().to_lowercase();
        let want = if report.assesses(axis) {
            decimal(report.scores.get(axis))
        } else {
            String::new()
        };
        assert_eq!(cell(row, &column), want, "{column}");
    }
    assert_eq!(cell(row, "note globale"), decimal(report.scores.overall));
    assert_eq!(
        cell(row, "validée"),
        if report.validated { "oui" } else { "non" }
    );
    assert_eq!(
        cell(row, "erreurs éliminatoires")
            .split(" | ")
            .filter(|s| !s.is_empty())
            .count(),
        report.critical_errors.len()
    );
}

#[test]
fn a_class_exam_from_the_exam_file_to_the_spreadsheet() {
    let class = Class::with_candidates("class");
    let out = class.collect(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.contains("4 résultats acceptés, 0 refusé, 4 simulés"),
        "{said}"
    );

    let bytes = std::fs::read(class.csv()).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "no byte-order mark"
    );
    let text = String::from_utf8(bytes).unwrap();
    let header = text.lines().next().unwrap().trim_start_matches('\u{feff}');
    let mut columns = vec!["nom", "groupe", "date", "durée (min)"]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    columns.extend(Axis::ALL.iter().map(|a| a.label().to_lowercase()));
    columns.extend(
        [
            "note globale",
            "validée",
            "erreurs éliminatoires",
            "reprises",
            "heures des reprises",
            "passage",
            "simulé",
            "fichier",
        ]
        .map(String::from),
    );
    assert_eq!(header, columns.join(";"));

    let rows = class.rows();
    assert_eq!(rows.len(), 4, "one row per result");
    let zoe = row_of(&rows, "Zoé Lefèvre", "1");
    assert_eq!(cell(zoe, "groupe"), "BTS-2");
    assert_row_is(zoe, &expected(PolicyKind::Ideal));
    assert_row_is(
        row_of(&rows, "Zoé Lefèvre", "2"),
        &expected(PolicyKind::Naive),
    );
    assert_row_is(
        row_of(&rows, "Élodie Durand", "1"),
        &expected(PolicyKind::Naive),
    );
    let francois = row_of(&rows, "François Gaël", "1");
    assert_eq!(cell(francois, "groupe"), "BTS-1");
    assert_row_is(francois, &expected_scripted());

    // The naive trainee's figures are not whole: the decimal separator shows.
    let naive = expected(PolicyKind::Naive);
    assert!(
        naive.scores.overall.fract() != 0.0,
        "pick a fixture figure with decimals"
    );
    assert!(cell(row_of(&rows, "Élodie Durand", "1"), "note globale").contains(','));
    assert!(!text.contains(&format!("{:.1}", naive.scores.overall)));

    let files: Vec<String> = class
        .result_files()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for row in &rows {
        assert_eq!(cell(row, "simulé"), "oui");
        assert_eq!(cell(row, "reprises"), "0");
        assert!(files.iter().any(|f| f == cell(row, "fichier")));
        let date = cell(row, "date");
        assert!(
            chrono::NaiveDateTime::parse_from_str(date, "%d/%m/%Y %H:%M").is_ok(),
            "{date}"
        );
    }
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("examen-de-decembre-zoe-lefevre-")
                && f.ends_with(".resultat.json")),
        "{files:?}"
    );
}

#[test]
fn a_result_whose_score_was_edited_is_named_and_refused_with_exit_code_3() {
    let class = Class::prepare("edited");
    let kept = class.sit("Zoé Lefèvre", "BTS-2", &["--policy", "naive"]);
    let edited = class.sit("Élodie Durand", "BTS-2", &["--policy", "naive"]);
    let text = std::fs::read_to_string(&edited).unwrap();
    let overall = format!(
        "\"overall\": {:?}",
        expected(PolicyKind::Naive).scores.overall
    );
    assert!(text.contains(&overall), "{overall} not in the file");
    std::fs::write(&edited, text.replacen(&overall, "\"overall\": 95.0", 1)).unwrap();

    let out = class.collect(&[]);
    assert_eq!(out.status.code(), Some(3));
    let said = stderr(&out);
    let name = edited.file_name().unwrap().to_string_lossy();
    assert!(
        said.lines()
            .any(|l| l.contains(&*name) && l.contains("signature invalide : fichier modifié")),
        "{said}"
    );
    assert!(stdout(&out).contains("1 résultat accepté, 1 refusé"));
    // The valid result is still in the table, the edited one is not.
    let rows = class.rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        cell(&rows[0], "fichier"),
        kept.file_name().unwrap().to_string_lossy()
    );
}

#[test]
fn a_result_re_signed_after_its_actions_were_changed_fails_the_replay() {
    // Someone who holds the exam file (its key) can sign; the replay still catches a report
    // that the actions do not give.
    let class = Class::prepare("resigned");
    let file = class.sit("Zoé Lefèvre", "BTS-2", &["--policy", "ideal"]);
    let exam = ExamFile::read(&class.exam).unwrap();
    let mut result = ResultFile::parse(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let chosen = result
        .actions
        .lines
        .iter_mut()
        .find_map(|l| match l {
            secretariat::journal::Line::Action {
                action: Action::Choose(option),
                ..
            } => Some(option),
            _ => None,
        })
        .expect("the ideal trainee chooses");
    *chosen = if *chosen == 0 { 1 } else { 0 };
    result.sign(&exam.key_bytes().unwrap());
    std::fs::write(&file, serde_json::to_string_pretty(&result).unwrap()).unwrap();

    let out = class.collect(&[]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("le rapport ne correspond pas aux actions enregistrées"),
        "{}",
        stderr(&out)
    );
    assert!(class.rows().is_empty());
}

#[test]
fn a_result_of_another_exam_is_refused() {
    let class = Class::prepare("foreign");
    class.sit("Zoé Lefèvre", "BTS-2", &["--policy", "ideal"]);
    let other = class.dir.join("autre.examen.json");
    let out = run(&[
        "exam",
        "new",
        FIXTURE,
        "--seed",
        &SEED.to_string(),
        "--title",
        "Rattrapage",
        "--out",
        path(&other),
    ]);
    assert!(out.status.success());
    let out = run(&[
        "simulate",
        "--exam",
        path(&other),
        "--name",
        "Marc Petit",
        "--out",
        path(&class.results),
        "--policy",
        "ideal",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = class.collect(&[]);
    assert_eq!(out.status.code(), Some(3));
    let said = stderr(&out);
    assert!(
        said.lines().any(|l| l.contains("rattrapage-marc-petit-")
            && l.contains("résultat d'un autre examen (« Rattrapage »)")),
        "{said}"
    );
    assert_eq!(class.rows().len(), 1);
}

#[test]
fn files_that_are_not_results_are_named_without_a_panic() {
    let class = Class::prepare("garbage");
    class.sit("Zoé Lefèvre", "BTS-2", &["--policy", "ideal"]);
    std::fs::write(
        class.results.join("abime.resultat.json"),
        "{\"kind\": \"secr",
    )
    .unwrap();
    std::fs::write(
        class.results.join("binaire.resultat.json"),
        [0xff, 0xfe, 0x00],
    )
    .unwrap();
    std::fs::copy(&class.exam, class.results.join("examen.resultat.json")).unwrap();
    // Other files are not results and are left alone.
    std::fs::write(class.results.join("notes.txt"), "pas un résultat").unwrap();

    let out = class.collect(&[]);
    assert_eq!(out.status.code(), Some(3));
    let said = stderr(&out);
    for (file, reason) in [
        (
            "abime.resultat.json",
            "ce n'est pas un fichier de résultat (JSON tronqué",
        ),
        ("binaire.resultat.json", "UTF-8"),
        (
            "examen.resultat.json",
            "c'est un fichier d'examen, pas un résultat",
        ),
    ] {
        assert!(
            said.lines().any(|l| l.contains(file) && l.contains(reason)),
            "{file}: {said}"
        );
    }
    assert!(!said.contains("notes.txt"));
    assert!(stdout(&out).contains("1 résultat accepté, 3 refusés"));
}

#[test]
fn xapi_statements_have_the_required_properties() {
    let class = Class::with_candidates("xapi");
    let xapi = class.dir.join("classe.xapi.json");
    let out = class.collect(&["--xapi", path(&xapi)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let statements: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&xapi).unwrap()).unwrap();
    let rows = class.rows();
    assert_eq!(
        statements.len(),
        2 * rows.len(),
        "two statements per result"
    );

    let mut ids = std::collections::HashSet::new();
    for (pair, row) in statements.chunks(2).zip(&rows) {
        let verbs: Vec<&str> = pair
            .iter()
            .map(|s| s["verb"]["id"].as_str().unwrap())
            .collect();
        let outcome = if cell(row, "validée") == "oui" {
            "passed"
        } else {
            "failed"
        };
        assert_eq!(
            verbs,
            [
                "http://adlnet.gov/expapi/verbs/completed".to_string(),
                format!("http://adlnet.gov/expapi/verbs/{outcome}")
            ]
        );
        for s in pair {
            let id = uuid::Uuid::parse_str(s["id"].as_str().unwrap()).expect("id is a UUID");
            assert_eq!(id.get_version_num(), 4);
            assert!(ids.insert(id), "statement ids are unique");

            let actor = &s["actor"];
            assert_eq!(actor["objectType"], "Agent");
            let home = actor["account"]["homePage"].as_str().unwrap();
            assert!(home.starts_with("https://"), "{home}");
            let account = actor["account"]["name"].as_str().unwrap();
            assert!(account.contains(cell(row, "nom")) && account.contains(cell(row, "groupe")));

            assert!(
                s["verb"]["display"]["fr-FR"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty())
            );
            let object = &s["object"];
            assert_eq!(object["objectType"], "Activity");
            let activity = object["id"].as_str().unwrap();
            assert!(activity.starts_with("urn:secretariat:scenario:") && !activity.contains(' '));
            assert!(object["definition"]["name"]["fr-FR"].is_string());

            let result = &s["result"];
            let scaled = result["score"]["scaled"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&scaled), "{scaled}");
            let raw = result["score"]["raw"].as_f64().unwrap();
            assert!((scaled - raw / 100.0).abs() < 1e-9);
            assert_eq!(decimal(raw), cell(row, "note globale"));
            assert_eq!(
                (
                    result["score"]["min"].as_f64(),
                    result["score"]["max"].as_f64()
                ),
                (Some(0.0), Some(100.0))
            );
            assert_eq!(result["success"].as_bool(), Some(outcome == "passed"));
            assert_eq!(result["completion"].as_bool(), Some(true));
            let duration = result["duration"].as_str().unwrap();
            assert!(is_iso_8601_duration(duration), "{duration}");

            let stamp = s["timestamp"].as_str().unwrap();
            assert!(
                chrono::DateTime::parse_from_rfc3339(stamp).is_ok(),
                "{stamp}"
            );
            assert!(s["version"].as_str().unwrap().starts_with("1.0."));
        }
    }
    // Collecting again sends the same statements: a record store does not count them twice.
    let again = class.dir.join("encore.xapi.json");
    assert_eq!(
        class.collect(&["--xapi", path(&again)]).status.code(),
        Some(0)
    );
    let ids_of = |p: &Path| -> Vec<String> {
        let v: Vec<serde_json::Value> =
            serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        v.iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids_of(&xapi), ids_of(&again));
}

/// `PT` then hours, minutes and seconds (the seconds may have decimals), at least one of them.
fn is_iso_8601_duration(text: &str) -> bool {
    let Some(mut rest) = text.strip_prefix("PT") else {
        return false;
    };
    let mut parts = 0;
    for unit in ['H', 'M', 'S'] {
        if let Some(end) = rest.find(unit) {
            let number = &rest[..end];
            let decimals_ok = unit == 'S' || !number.contains('.');
            if number.is_empty() || !decimals_ok || number.parse::<f64>().is_err() {
                return false;
            }
            rest = &rest[end + 1..];
            parts += 1;
        }
    }
    rest.is_empty() && parts > 0
}

#[test]
fn exam_new_refuses_an_invalid_scenario_and_writes_nothing() {
    let dir = temp_dir("exams-invalid");
    let broken = dir.join("casse.ron");
    std::fs::write(&broken, "Scenario(\n  id: \"x\",\n  titre: \"t\"\n)").unwrap();
    let exam = dir.join("casse.examen.json");
    let out = run(&[
        "exam",
        "new",
        path(&broken),
        "--seed",
        "1",
        "--out",
        path(&exam),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains(&format!("{}:", path(&broken))),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("corrigez-le avant d'en faire un examen"));
    assert!(!exam.exists());
}

#[test]
fn simulate_exam_refuses_a_file_that_is_not_an_exam() {
    let out = run(&[
        "simulate",
        "--exam",
        FIXTURE,
        "--name",
        "Zoé Lefèvre",
        "--policy",
        "ideal",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("ce n'est pas un fichier d'examen"),
        "{}",
        stderr(&out)
    );
}

/// Plays `shift` with the scripted candidate, 0.1 s of real time a frame, until the game clock
/// reaches `until` or the shift is over.
fn play_frames(
    shift: &mut secretariat::shift::Shift,
    script: &mut answers::Script,
    until: secretariat::sim::Secs,
) {
    while shift.sim.now() < until && !shift.close_if_due() {
        let due = script.due(&shift.sim);
        if shift.tick_until(0.1, due)
            && !shift.sim.has_ended()
            && let Some(action) = script.next_action()
        {
            let _ = shift.act(action);
        }
    }
}

#[test]
fn a_shift_played_and_resumed_as_the_game_does_is_accepted() {
    // The game's path, without a window: the shift driven frame by frame, killed mid-way, taken up
    // again from its journal, its result written by write_result.
    use secretariat::journal::{self, ExamSeat};
    use secretariat::shift::{Shift, ShiftSetup};
    use secretariat::store::SessionRecord;

    let class = Class::prepare("game");
    let exam = ExamFile::read(&class.exam).unwrap();
    let scenario = std::sync::Arc::new(exam.scenario().unwrap());
    let script_file = answers::parse(ANSWERS).unwrap();
    let journals = class.dir.join("journaux");
    let mut shift = Shift::new(ShiftSetup {
        scenario: std::sync::Arc::clone(&scenario),
        source: exam.scenario_text.clone(),
        path: None,
        seed: exam.seed,
        mode: Mode::Exam,
        speed: 60.0,
        profile: None,
        exam: Some(ExamSeat {
            exam_id: exam.id.clone(),
            title: exam.title.clone(),
            name: "Zoé Lefèvre".into(),
            group: "BTS-2".into(),
            attempt: 1,
            exam_file: Some(class.exam.clone()),
            result_folder: None,
        }),
        simulated: false,
    });
    shift.start_journal(&journals);
    let mut script = answers::Script::new(&script_file, std::sync::Arc::clone(&scenario));
    play_frames(&mut shift, &mut script, 8 * 3600 + 5 * 60);
    drop(shift); // killed: only the journal is left

    let (found, broken) = journal::interrupted(&journals);
    assert!(broken.is_empty(), "{broken:?}");
    let mut shift = Shift::resume(&found[0], std::sync::Arc::clone(&scenario));
    let mut script = answers::Script::new(&script_file, std::sync::Arc::clone(&scenario));
    script.skip(
        shift
            .lines()
            .iter()
            .filter(|l| matches!(l, journal::Line::Action { .. }))
            .count(),
    );
    play_frames(&mut shift, &mut script, u32::MAX);
    let report = shift.report();
    assert_eq!(
        report,
        expected_scripted(),
        "the resumed shift scores as the script"
    );
    let record = SessionRecord::of_shift(&shift, &report);
    secretariat::exam::write_result(&exam, &record, &class.results).unwrap();

    let out = class.collect(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = class.rows();
    let zoe = row_of(&rows, "Zoé Lefèvre", "1");
    assert_eq!(cell(zoe, "simulé"), "non");
    assert_eq!(cell(zoe, "reprises"), "1");
    let resumed = cell(zoe, "heures des reprises");
    assert!(
        resumed.starts_with("08:0") && resumed.contains(", reprise le "),
        "{resumed}"
    );
    assert_row_is(zoe, &expected_scripted());
    assert_ne!(cell(zoe, "durée (min)"), "0");
}
