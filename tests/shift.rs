//! The shift as the game runs it: the clock's stall rule and the journal read back.

mod common;

use common::{FIXTURE, FIXTURE_SOURCE, fixture, temp_dir};
use secretariat::journal::{self, Line};
use secretariat::shift::{MAX_FRAME_GAP, Shift, ShiftSetup};
use secretariat::sim::{Action, Mode};
use std::io::Write;

fn shift(speed: f32) -> Shift {
    Shift::new(ShiftSetup {
        scenario: fixture(),
        source: FIXTURE_SOURCE.to_string(),
        path: Some(FIXTURE.into()),
        seed: 1,
        mode: Mode::Training,
        speed,
        profile: None,
        exam: None,
        simulated: false,
    })
}

#[test]
fn a_stall_counts_as_a_pause_not_as_game_time() {
    let mut s = shift(60.0);
    let start = s.sim.now();
    s.tick(0.5);
    assert_eq!(s.sim.now(), start + 30, "half a second at ×60");
    // A laptop lid closed for 30 s: the shift does not jump 30 game minutes.
    s.tick(30.0);
    assert_eq!(s.sim.now(), start + 30);
    s.tick(MAX_FRAME_GAP);
    assert_eq!(
        s.sim.now(),
        start + 90,
        "a slow frame of one second still counts"
    );
    assert!(
        (s.real_seconds() - 1.5).abs() < 1e-9,
        "the stall is not play time"
    );
}

#[test]
fn a_journal_replays_into_the_same_state_even_with_a_torn_last_line() {
    let folder = temp_dir("shift-journal");
    let _ = std::fs::remove_dir_all(&folder);
    let mut live = shift(60.0);
    live.start_journal(&folder);
    assert!(live.journal_problem().is_none());
    for _ in 0..400 {
        live.tick(0.25);
        let next = live.sim.pending().next();
        if let Some(i) = next
            && live.sim.active().is_none()
        {
            let _ = live.act(Action::Take(i));
            let _ = live.act(Action::Choose(0));
        }
        if live.sim.now() > 30_000 {
            break;
        }
    }
    let path = live.journal_path().unwrap().to_path_buf();
    // The program dies while writing a record.
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    file.write_all(b"{\"type\":\"action\",\"at\":30").unwrap();
    drop(file);

    let journal = journal::read(&path).unwrap();
    assert!(
        journal
            .lines
            .iter()
            .any(|l| matches!(l, Line::Action { .. }))
    );
    let mut resumed = Shift::resume(&journal, fixture());
    // The clock resumes where it was last journaled: at most one real second earlier.
    assert_eq!(resumed.sim.now(), journal.last_time().unwrap());
    assert!(
        live.sim.now() - resumed.sim.now() <= 60,
        "{} {}",
        live.sim.now(),
        resumed.sim.now()
    );
    resumed.sim.advance_to(live.sim.now());
    let (a, b) = (live.sim.log(), resumed.sim.log());
    assert_eq!(a.entries, b.entries);
    assert_eq!(resumed.resumes().len(), 1);
    assert_eq!(live.report(), resumed.report());
}

#[test]
fn a_journal_with_a_damaged_middle_line_is_named_not_guessed() {
    let folder = temp_dir("shift-damaged");
    let _ = std::fs::remove_dir_all(&folder);
    let mut live = shift(60.0);
    live.start_journal(&folder);
    let _ = live.act(Action::Hold);
    let path = live.journal_path().unwrap().to_path_buf();
    let text = std::fs::read_to_string(&path).unwrap();
    let damaged = text.replacen("\"type\":\"action\"", "\"type\":\"acti", 1)
        + "{\"type\":\"clock\",\"at\":1,\"real\":0.0}\n";
    std::fs::write(&path, damaged).unwrap();
    let err = journal::read(&path).unwrap_err();
    assert!(err.contains("ligne 2"), "{err}");
    let (found, broken) = journal::interrupted(&folder);
    assert!(found.is_empty());
    assert_eq!(broken.len(), 1);
}
