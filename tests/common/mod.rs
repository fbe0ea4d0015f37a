//! Helpers shared by the integration tests (each test file includes this module with
//! `mod common;`; not every file uses every helper).
#![allow(dead_code)]

use secretariat::policy::{self, PolicyKind};
use secretariat::scenario::{Scenario, load_scenario_file};
use secretariat::scoring::{self, Report};
use secretariat::sim::Mode;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A frozen copy of the example as it was shipped before the rulebook and variants: the engine
/// and interface tests play it, and it must always load (old files keep working).
pub const FIXTURE: &str = "tests/fixtures/exemple-v1.ron";
pub const FIXTURE_SOURCE: &str = include_str!("../fixtures/exemple-v1.ron");

/// The seeds the strict check plays.
pub const SEEDS: [u64; 5] = secretariat::quality::SEEDS;

/// A path inside the project folder.
pub fn project(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The frozen example scenario.
pub fn fixture() -> Arc<Scenario> {
    Arc::new(load_scenario_file(&project(FIXTURE)).expect("the fixture loads"))
}

/// Every shipped scenario, by file, sorted by file name.
pub fn shipped() -> Vec<(PathBuf, Arc<Scenario>)> {
    let paths = secretariat::scenario::load::ron_files_in(&project("scenarios"));
    assert!(!paths.is_empty());
    paths
        .into_iter()
        .map(|p| {
            let s = load_scenario_file(&p).unwrap_or_else(|e| panic!("{}: {e:?}", p.display()));
            (p, Arc::new(s))
        })
        .collect()
}

/// A whole shift played by a policy, scored.
pub fn play(s: &Arc<Scenario>, kind: PolicyKind, seed: u64) -> Report {
    scoring::score(s, &policy::run(Arc::clone(s), seed, Mode::Exam, kind))
}

/// The `secretariat` command, run from the project folder.
pub fn secretariat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

/// The `secretariat` command, which must finish within `limit`: it is killed and the test fails
/// otherwise (for inputs that could make it wait forever). Its output goes through files, so a
/// long output cannot hold it up.
pub fn secretariat_within(args: &[&str], limit: Duration) -> Output {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    // One folder per run: tests run in parallel threads of one process.
    let dir = temp_dir(&format!("within-{}", RUNS.fetch_add(1, Ordering::Relaxed)));
    let (out_path, err_path) = (dir.join("stdout"), dir.join("stderr"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).unwrap())
        .stderr(File::create(&err_path).unwrap())
        .spawn()
        .expect("the binary runs");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("secretariat {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: std::fs::read(&out_path).unwrap(),
        stderr: std::fs::read(&err_path).unwrap(),
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The rows of a CSV written for French spreadsheets, header first. Fails unless the file starts
/// with the UTF-8 byte-order mark and uses `;`.
pub fn spreadsheet_rows(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or_else(|| panic!("{}: no byte-order mark", path.display()));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(body);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert!(
        rows.iter().all(|r| r.len() == rows[0].len()),
        "{}: rows of different lengths (not `;`-separated?)",
        path.display()
    );
    rows
}

/// A fresh folder of the test's own under the system's temporary folder.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("secretariat-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes a file in the test's temporary folder and returns its path.
pub fn temp_file(dir: &str, name: &str, content: &str) -> PathBuf {
    let path = temp_dir(dir).join(name);
    std::fs::write(&path, content).unwrap();
    path
}

/// The `secretariat` command with its results kept in `data` (never the user's own folder).
pub fn secretariat_command(data: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_secretariat"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SECRETARIAT_DATA", data);
    command
}

/// Runs `secretariat` with its results kept in `data`.
pub fn secretariat_in(data: &Path, args: &[&str]) -> Output {
    secretariat_command(data, args)
        .output()
        .expect("the binary runs")
}

/// A stored session: the fixture played by a policy, as `simulate --save` keeps it.
pub fn stored_session(
    kind: PolicyKind,
    seed: u64,
    profile: Option<i64>,
) -> secretariat::store::SessionRecord {
    let now = secretariat::journal::now_stamp();
    shift_record(FIXTURE, kind, seed, &now, profile).0
}

/// A real shift of the scenario file at `path` (relative to the project) played by a policy, as
/// the store keeps it, dated `started_at` (RFC 3339); with the report it was made from.
pub fn shift_record(
    path: &str,
    kind: PolicyKind,
    seed: u64,
    started_at: &str,
    profile: Option<i64>,
) -> (secretariat::store::SessionRecord, Report) {
    use secretariat::journal::{ActionLog, Header};
    let file = project(path);
    let text = std::fs::read_to_string(&file).unwrap();
    let scenario = Arc::new(secretariat::scenario::load_scenario_str(&text).unwrap());
    let log = policy::run(Arc::clone(&scenario), seed, Mode::Training, kind);
    let report = scoring::score(&scenario, &log);
    let header = Header {
        started_at: started_at.to_string(),
        profile,
        ..Header::new(text, Some(file), seed, Mode::Training, 5.0)
    };
    let minutes = scenario.practice.shift_end.seconds() - scenario.practice.shift_start.seconds();
    let record = secretariat::store::SessionRecord::of_play(
        &header,
        &scenario,
        &report,
        ActionLog::of_log(&log),
        minutes as f64 / 5.0,
        minutes,
        Vec::new(),
    );
    (record, report)
}

/// A real series of ten terminology questions from the glossary, the first `right` answered
/// right and the others wrong, stored as a drill session dated `started_at`.
pub fn drill_record(
    seed: u64,
    right: usize,
    started_at: &str,
    profile: Option<i64>,
) -> secretariat::store::SessionRecord {
    use secretariat::glossary::drill::{self, DrillSession, Expected, Response};
    use secretariat::store::SessionRecord;
    let glossary = secretariat::glossary::load_glossary_file(&project("assets/glossaire.ron"))
        .expect("the glossary loads");
    let mut session = DrillSession::new(drill::generate(&glossary, seed, 10, &[]));
    while let Some(q) = session.current().cloned() {
        let good = session.outcomes.len() < right;
        let response = match (&q.expected, good) {
            (Expected::Typed { accepted, .. }, true) => Response::Typed(accepted[0].clone()),
            (Expected::Typed { .. }, false) => Response::Typed("zzz".into()),
            (Expected::Choice { correct, .. }, true) => Response::Choice(*correct),
            (Expected::Choice { correct, options }, false) => {
                Response::Choice((correct + 1) % options.len())
            }
        };
        session.answer(&response);
    }
    let mut record = SessionRecord::of_drill(
        &session.drill,
        &session.outcomes,
        "Exercices de terminologie",
        profile,
        240.0,
    );
    record.started_at = started_at.to_string();
    record
}

/// A small agenda (three practitioners, the week of Monday 07/12/2026): see the file's comment.
pub const AGENDA_SOURCE: &str = include_str!("../fixtures/agenda-exemple.ron");

/// The sample agenda, parsed.
pub fn sample_agenda() -> secretariat::agenda::Agenda {
    secretariat::agenda::parse(AGENDA_SOURCE).expect("the sample agenda parses")
}

/// `"07/12/2026 09:00"` as a date and time.
pub fn at(text: &str) -> chrono::NaiveDateTime {
    secretariat::agenda::parse_date_time(text).expect("a date and time in the test")
}
