//! Speed of the core: loading and checking every shipped scenario, and simulating and scoring a
//! full shift with each policy. Targets: checking all scenarios under 50 ms; a shift well under 1 ms;
//! the strict check of the whole library (about ninety shifts played per scenario: ideal, naive,
//! three form guessers in two orders, the blind chooser on twenty seeds) under 2 s; loading the
//! glossary under 50 ms and drawing a drill from it under 1 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use secretariat::policy::{self, PolicyKind};
use secretariat::scenario::{load, load_scenario_str};
use secretariat::scoring;
use secretariat::sim::Mode;
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

fn shipped_sources() -> Vec<(String, String)> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                load::read_text(&p).unwrap(),
            )
        })
        .collect()
}

fn check_all(c: &mut Criterion) {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"));
    c.bench_function("check/all-shipped-files", |b| {
        b.iter(|| {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|x| x == "ron") {
                    black_box(load::load_scenario_file(&path).unwrap());
                }
            }
        })
    });
}

fn simulate_shift(c: &mut Criterion) {
    for (name, source) in shipped_sources() {
        let scenario = Arc::new(load_scenario_str(&source).unwrap());
        for (label, kind) in [
            ("ideal", PolicyKind::Ideal),
            ("naive", PolicyKind::Naive),
            ("random", PolicyKind::Random),
        ] {
            c.bench_function(&format!("shift/{name}/{label}"), |b| {
                b.iter(|| {
                    let log = policy::run(Arc::clone(&scenario), black_box(7), Mode::Exam, kind);
                    black_box(scoring::score(&scenario, &log))
                })
            });
        }
    }
}

fn strict_check_all(c: &mut Criterion) {
    let sources = shipped_sources();
    let library: Vec<Arc<secretariat::scenario::Scenario>> = sources
        .iter()
        .map(|(_, source)| Arc::new(load_scenario_str(source).unwrap()))
        .collect();
    c.bench_function("check/strict-all-shipped-files", |b| {
        b.iter(|| {
            for (_, source) in &sources {
                let scenario = load_scenario_str(source).unwrap();
                let cues = secretariat::quality::cues_without(&library, &scenario.id);
                let report = secretariat::quality::strict_check(
                    &scenario,
                    source,
                    secretariat::quality::StrictOptions::default(),
                    cues,
                );
                black_box(report);
            }
        })
    });
}

fn glossary_and_drills(c: &mut Criterion) {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/glossaire.ron"));
    let source = load::read_text(&path).unwrap();
    c.bench_function("glossary/load-and-check", |b| {
        b.iter(|| black_box(secretariat::glossary::load_glossary_str(&source).unwrap()))
    });
    let glossary = secretariat::glossary::load_glossary_str(&source).unwrap();
    let mut seed = 0;
    c.bench_function("drill/generate-10-questions", |b| {
        b.iter(|| {
            seed += 1;
            black_box(secretariat::glossary::drill::generate(
                &glossary,
                seed,
                10,
                &[],
            ))
        })
    });
}

criterion_group!(
    benches,
    check_all,
    strict_check_all,
    glossary_and_drills,
    simulate_shift
);
criterion_main!(benches);
