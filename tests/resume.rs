//! Nothing lost: a shift played by the game's own session and journal code in a real process,
//! killed mid-shift, then resumed, gives exactly the report of an uninterrupted shift.

mod common;

use common::{FIXTURE, secretariat_command, secretariat_in, temp_dir};
use secretariat::store::{SqliteStore, Store};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ANSWERS: &str = "tests/fixtures/reponses-exemple-v1.ron";

/// The fixture played in real time by the game's own shift code (45 game minutes at ×600: 4.5 s).
const HEADLESS: [&str; 8] = [
    "play",
    "--headless",
    FIXTURE,
    "--answers",
    ANSWERS,
    "--speed",
    "600",
    "--json",
];

fn data(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn journals(data: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(data.join(secretariat::journal::FOLDER))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

/// The number of actions journaled so far.
fn journaled_actions(data: &Path) -> usize {
    journals(data)
        .iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .unwrap_or_default()
                .lines()
                .filter(|l| l.contains("\"type\":\"action\""))
                .count()
        })
        .sum()
}

#[test]
fn a_shift_killed_mid_way_resumes_into_the_same_report() {
    // The reference: the same actions at the same times, played by the engine alone.
    let reference = secretariat_in(
        &data("resume-reference"),
        &["simulate", FIXTURE, "--answers", ANSWERS, "--json"],
    );
    assert!(reference.status.success());

    // Uninterrupted, in real time.
    let whole = data("resume-whole");
    let out = secretariat_in(&whole, &HEADLESS);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, reference.stdout);
    assert!(
        journals(&whole).is_empty(),
        "a finished shift leaves no journal"
    );

    // Killed with SIGKILL once a few actions are journaled, then resumed.
    let cut = data("resume-killed");
    let mut child = secretariat_command(&cut, &HEADLESS)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while journaled_actions(&cut) < 4 {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no action journaled"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    assert!(!child.wait().unwrap().success());
    assert_eq!(journals(&cut).len(), 1, "the journal survives the kill");
    let store = SqliteStore::open(&cut.join("secretariat.sqlite"), false).unwrap();
    assert!(
        store.sessions(None).unwrap().is_empty(),
        "nothing stored yet"
    );
    drop(store);

    let resumed = secretariat_in(
        &cut,
        &[
            "play",
            "--headless",
            "--answers",
            ANSWERS,
            "--speed",
            "600",
            "--resume",
            "--json",
        ],
    );
    assert!(
        resumed.status.success(),
        "{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&resumed.stdout),
        String::from_utf8_lossy(&reference.stdout),
        "byte-identical report"
    );
    assert!(journals(&cut).is_empty());
    let store = SqliteStore::open(&cut.join("secretariat.sqlite"), false).unwrap();
    let sessions = store.sessions(None).unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].resumes, 1, "the resumption is recorded");
}

#[test]
fn resuming_with_nothing_interrupted_says_so() {
    let out = secretariat_in(
        &data("resume-nothing"),
        &["play", "--headless", "--answers", ANSWERS, "--resume"],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("aucune vacation interrompue"));
}
