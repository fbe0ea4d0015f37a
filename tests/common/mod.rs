//! Helpers shared by the integration tests (each test file includes this module with
//! `mod common;`; not every file uses every helper).
#![allow(dead_code)]

use secretariat::policy::{self, PolicyKind};
use secretariat::scenario::{Scenario, load_scenario_file};
use secretariat::scoring::{self, Report};
use secretariat::sim::Mode;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

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
