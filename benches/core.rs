//! Speed of the core: loading and checking every shipped scenario, and simulating and scoring a
//! full shift with each policy. Targets: checking all scenarios under 50 ms; a shift well under 1 ms;
//! the strict check of the whole library (about ninety shifts played per scenario: ideal, naive,
//! three form guessers in two orders, the blind chooser on twenty seeds) under 2 s; loading the
//! glossary under 50 ms and drawing a drill from it under 1 ms; collecting a class's exam results
//! (30 candidates × 20 result files, every one replayed) into its table under 1 s.

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

/// 600 signed result files of an exam on the largest shipped shift (30 candidates, 20 attempts
/// each, three kinds of trainee), written once; then `exam collect`'s work: read, verify, replay,
/// and write the table.
fn collect_exam_results(c: &mut Criterion) {
    use secretariat::exam::{self, ExamFile};
    use secretariat::journal::{ActionLog, ExamSeat, Header};
    use secretariat::store::SessionRecord;

    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/medecine-generale-lundi.ron"
    ));
    let text = load::read_text(&path).unwrap();
    let exam = ExamFile::new("Examen", "medecine-generale-lundi.ron", text, 2026, 20, 1.0).unwrap();
    let scenario = Arc::new(exam.scenario().unwrap());
    let kinds = [PolicyKind::Ideal, PolicyKind::Naive, PolicyKind::Random];
    let reports: Vec<_> = kinds
        .iter()
        .map(|&kind| {
            let log = policy::run(Arc::clone(&scenario), exam.seed, Mode::Exam, kind);
            let report = scoring::score(&scenario, &log);
            (ActionLog::of_log(&log), report)
        })
        .collect();
    let folder =
        std::env::temp_dir().join(format!("secretariat-bench-collect-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    for candidate in 0..30 {
        for attempt in 1..=20u32 {
            let (actions, report) = &reports[(candidate + attempt as usize) % kinds.len()];
            let header = Header {
                simulated: true,
                exam: Some(ExamSeat {
                    exam_id: exam.id.clone(),
                    title: exam.title.clone(),
                    name: format!("Candidat n° {candidate}"),
                    group: format!("BTS-{}", candidate % 2),
                    attempt,
                    exam_file: None,
                    result_folder: None,
                }),
                ..Header::new(exam.scenario_text.clone(), None, exam.seed, Mode::Exam, 1.0)
            };
            let record =
                SessionRecord::of_play(&header, &scenario, report, actions.clone(), 0.0, 0, vec![]);
            exam::write_result(&exam, &record, &folder).unwrap();
        }
    }
    let csv = folder.join("classe.csv");
    let mut group = c.benchmark_group("exam");
    group.sample_size(10);
    group.bench_function("collect-30x20-results", |b| {
        b.iter(|| {
            let collection = exam::collect(&folder, &exam).unwrap();
            assert_eq!(collection.accepted.len(), 600);
            exam::table::write_csv(&csv, &collection.accepted).unwrap();
            black_box(collection)
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&folder);
}

criterion_group!(
    benches,
    check_all,
    strict_check_all,
    glossary_and_drills,
    simulate_shift,
    collect_exam_results
);
criterion_main!(benches);
