//! Same scenario, seed and actions: the same report, byte for byte.

use secretariat::policy::{self, PolicyKind, answers};
use secretariat::report;
use secretariat::scenario::load_scenario_file;
use secretariat::scoring;
use secretariat::sim::Mode;
use std::path::Path;
use std::sync::Arc;

fn example() -> Arc<secretariat::scenario::Scenario> {
    Arc::new(load_scenario_file(Path::new("scenarios/exemple-commente.ron")).unwrap())
}

fn json(kind: PolicyKind, seed: u64) -> String {
    let s = example();
    report::to_json(&scoring::score(
        &s,
        &policy::run(Arc::clone(&s), seed, Mode::Exam, kind),
    ))
}

#[test]
fn same_seed_same_policy_gives_identical_json() {
    for kind in [PolicyKind::Ideal, PolicyKind::Naive, PolicyKind::Random] {
        for seed in [0, 1, 42, u64::MAX] {
            assert_eq!(json(kind, seed), json(kind, seed), "{kind:?} seed {seed}");
        }
    }
}

#[test]
fn same_seed_same_answers_give_identical_json_and_logs() {
    let s = example();
    let script = answers::parse(
        r#"Reponses(actions: [
            Action(a: "08:03", faire: Prendre("accueil-m-leroy")),
            Action(a: "08:03", faire: Choisir(1)),
            Action(a: "08:03", faire: Ouvrir("leroy-paul-1949")),
            Action(a: "08:09", faire: Prendre("appel-gene-poitrine")),
            Action(a: "08:09", faire: Choisir(1)),
            Action(a: "08:21", faire: Prendre("demande-courrier-cardio")),
            Action(a: "08:21", faire: Saisir("cardiologie")),
            Action(a: "08:22", faire: Choisir(1)),
        ])"#,
    )
    .unwrap();
    let play = || answers::run(Arc::clone(&s), 7, Mode::Exam, &script);
    let (a, b) = (play(), play());
    assert_eq!(a, b);
    assert_eq!(
        report::to_json(&scoring::score(&s, &a)),
        report::to_json(&scoring::score(&s, &b))
    );
}

#[test]
fn the_seed_changes_arrivals_and_option_order() {
    let s = example();
    let shifts: std::collections::BTreeSet<Vec<u32>> = (0..10)
        .map(|seed| policy::run(Arc::clone(&s), seed, Mode::Exam, PolicyKind::Ideal).arrivals)
        .collect();
    assert!(shifts.len() > 1, "jitter must vary arrivals with the seed");
    let orders: std::collections::BTreeSet<Vec<usize>> = (0..10)
        .map(|seed| {
            secretariat::sim::Simulation::new(Arc::clone(&s), seed, Mode::Exam)
                .option_order(1, 0)
                .to_vec()
        })
        .collect();
    assert!(orders.len() > 1, "options must be shuffled with the seed");
}
