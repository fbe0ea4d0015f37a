//! Every shipped scenario is valid, reachable at 100 by the ideal policy, and discriminates:
//! the naive and random trainees score clearly lower, on the axes the scenario assesses.

mod common;

use common::{SEEDS, play, shipped};
use secretariat::policy::{self, PolicyKind};
use secretariat::scenario::{Axis, Scenario};
use secretariat::scoring::{Report, axis_stake};
use secretariat::sim::Mode;
use std::sync::Arc;

#[test]
fn every_shipped_scenario_passes_check() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .args(["check", concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios")])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn the_ideal_policy_scores_100_and_is_validated() {
    for (path, s) in shipped() {
        for seed in SEEDS {
            let r = play(&s, PolicyKind::Ideal, seed);
            assert!(
                r.validated && r.scores.overall == 100.0,
                "{} seed {seed}: {:?}\n{:#?}",
                path.display(),
                r.scores,
                r.lost
            );
        }
    }
}

fn assessed_axes(s: &Scenario) -> Vec<Axis> {
    Axis::ALL
        .into_iter()
        .filter(|&a| axis_stake(s, a) > 0)
        .collect()
}

#[test]
fn the_naive_policy_scores_clearly_lower_on_every_assessed_axis() {
    for (path, s) in shipped() {
        for seed in SEEDS {
            let r = play(&s, PolicyKind::Naive, seed);
            assert!(
                !r.validated,
                "{} seed {seed}: naive validated with {:?}",
                path.display(),
                r.scores
            );
            assert!(
                r.scores.overall <= 75.0,
                "{} seed {seed}: naive {:?}",
                path.display(),
                r.scores
            );
            for axis in assessed_axes(&s) {
                assert!(
                    r.scores.get(axis) < 100.0,
                    "{}: naive loses nothing on {axis:?}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn the_random_policy_scores_clearly_lower() {
    for (path, s) in shipped() {
        let reports: Vec<Report> = (0..20)
            .map(|seed| play(&s, PolicyKind::Random, seed))
            .collect();
        let mean = reports.iter().map(|r| r.scores.overall).sum::<f64>() / reports.len() as f64;
        assert!(mean <= 75.0, "{}: random mean {mean}", path.display());
        // A full shift leaves chance no room; the 4-situation teaching example a little.
        let validated = reports.iter().filter(|r| r.validated).count();
        let allowed = if s.situations.len() >= 12 { 1 } else { 6 };
        assert!(
            validated <= allowed,
            "{}: random validated {validated} times in 20",
            path.display()
        );
        for axis in assessed_axes(&s) {
            assert!(
                reports.iter().any(|r| r.scores.get(axis) < 100.0),
                "{}: random never loses on {axis:?}",
                path.display()
            );
        }
    }
}

/// Shifts above beginner level are full, busy shifts: several things at once, an emergency,
/// a third party and an identity trap.
#[test]
fn intermediate_and_confirmed_shifts_are_full_realistic_shifts() {
    let mut seen = 0;
    for (path, s) in shipped() {
        let name = path.display();
        let level = secretariat::scenario::tags::level(&s.tags).0;
        if level < 2 {
            continue;
        }
        seen += 1;
        let hours =
            (s.practice.shift_end.seconds() - s.practice.shift_start.seconds()) as f64 / 3600.0;
        assert!((2.0..=4.0).contains(&hours), "{name}: {hours} h");
        assert!(
            s.situations.len() >= 12,
            "{name}: {} situations",
            s.situations.len()
        );
        let channels: std::collections::HashSet<_> =
            s.situations.iter().map(|x| x.channel).collect();
        // A telesecretariat has no desk: phone, doctors and mail only.
        let expected = if s.tags.iter().any(|t| t == "telesecretariat") {
            3
        } else {
            4
        };
        assert_eq!(channels.len(), expected, "{name}: channels");
        // Several things at once, even for a trainee who never falls behind.
        let load = policy::run(Arc::clone(&s), 1, Mode::Exam, PolicyKind::Ideal).load();
        assert!(
            load.peak_open >= 3 && load.seconds_three_or_more >= 120,
            "{name}: not enough overlap for the ideal trainee: {load:?}"
        );
        for tag in ["urgence-vitale", "secret-medical", "homonyme"] {
            assert!(
                s.situations.iter().any(|x| x.tags.iter().any(|t| t == tag)),
                "{name}: no situation tagged {tag}"
            );
        }
        if level == 3 {
            assert!(
                s.situations
                    .iter()
                    .any(|x| x.tags.iter().any(|t| t == "urgence-deguisee")),
                "{name}: a confirmed shift hides an emergency"
            );
        }
    }
    assert!(seen >= 6, "only {seen} full shifts");
}
