//! Speed of the core: loading and checking every shipped scenario, and simulating and scoring a
//! full shift with each policy. Targets: checking all scenarios under 50 ms; a shift well under 1 ms;
//! the strict check of the whole library (about ninety shifts played per scenario: ideal, naive,
//! three form guessers in two orders, the blind chooser on twenty seeds) under 2 s; loading the
//! glossary under 50 ms and drawing a drill from it under 1 ms; collecting a class's exam results
//! (30 candidates × 20 result files, every one replayed) into its table under 1 s; « Mes progrès »
//! over 10 000 stored sessions (reading them, building the view, one frame of the panel) under 100 ms;
//! the agenda's next-free-slot search over four weeks × three practitioners, and one booking's
//! validation (every rule, « au plus tôt » included), each under 1 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use secretariat::policy::{self, PolicyKind};
use secretariat::progress::{LibraryScenario, ProgressView};
use secretariat::scenario::{load, load_scenario_str};
use secretariat::scoring;
use secretariat::sim::Mode;
use secretariat::store::{NewProfile, SessionKind, SessionRecord, SqliteStore, Store};
use secretariat::ui::progress::{self as ui_progress, ProgressUiState};
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

/// A student's long history: every shipped scenario played by three policies and a terminology
/// drill, repeated with new ids every three hours until there are `count` sessions, saved at once.
fn write_history(dir: &std::path::Path, count: usize) -> (SqliteStore, i64) {
    use secretariat::journal::{ActionLog, Header};
    let _ = std::fs::remove_dir_all(dir);
    let mut store = SqliteStore::open(&dir.join("resultats.sqlite"), false).unwrap();
    let profile = store
        .create_profile(&NewProfile {
            first_name: "Léa".into(),
            last_name: "Martin".into(),
            group: "BTS 1".into(),
        })
        .unwrap();
    let mut played: Vec<SessionRecord> = Vec::new();
    for (_, text) in shipped_sources() {
        let scenario = Arc::new(load_scenario_str(&text).unwrap());
        for kind in [PolicyKind::Ideal, PolicyKind::Naive, PolicyKind::Random] {
            let log = policy::run(Arc::clone(&scenario), 7, Mode::Training, kind);
            let report = scoring::score(&scenario, &log);
            let header = Header::new(text.clone(), None, 7, Mode::Training, 5.0);
            played.push(SessionRecord::of_play(
                &header,
                &scenario,
                &report,
                ActionLog::of_log(&log),
                600.0,
                3600,
                Vec::new(),
            ));
        }
    }
    let mut drill = played[0].clone();
    drill.kind = SessionKind::Drill;
    drill.scenario_text.clear();
    drill.report = serde_json::json!({ "questions": 10, "score": 70.0 });
    drill.overall = 70.0;
    drill.scores.clear();
    played.push(drill);
    let start = chrono::DateTime::parse_from_rfc3339("2023-09-04T08:00:00+02:00").unwrap();
    let history: Vec<SessionRecord> = (0..count)
        .map(|n| {
            let mut record = played[n % played.len()].clone();
            record.id = uuid::Uuid::new_v4().to_string();
            record.profile = Some(profile.id);
            record.started_at = (start + chrono::Duration::hours(3 * n as i64)).to_rfc3339();
            record
        })
        .collect();
    store.save_all(&history).unwrap();
    (store, profile.id)
}

fn progress_screen(c: &mut Criterion) {
    let dir =
        std::env::temp_dir().join(format!("secretariat-bench-progres-{}", std::process::id()));
    let library: Vec<LibraryScenario> = shipped_sources()
        .iter()
        .map(|(name, text)| {
            let s = load_scenario_str(text).unwrap();
            LibraryScenario::of(&s, &PathBuf::from(format!("scenarios/{name}.ron")))
        })
        .collect();
    // Written on first use: other benchmarks run without this setup.
    let mut history: Option<(SqliteStore, i64)> = None;
    let ctx = egui::Context::default();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    let mut group = c.benchmark_group("progres");
    group.sample_size(20);
    group.measurement_time(std::time::Duration::from_secs(10));
    group.bench_function("10000-seances", |b| {
        let (store, profile) = history.get_or_insert_with(|| write_history(&dir, 10_000));
        let mut state = ProgressUiState::default();
        b.iter(|| {
            let sessions = store.sessions(Some(*profile)).unwrap();
            let themes = store.themes(Some(*profile)).unwrap();
            let view = ProgressView::build(&sessions, &themes, &library).named("Léa Martin");
            let mut output = ctx.run_ui(input(), |ui| {
                egui::CentralPanel::default().show(ui, |ui| {
                    black_box(ui_progress::progress(ui, &view, &mut state));
                });
            });
            // The font atlas would go to the GPU: there is none here.
            output.textures_delta.clear();
            let shapes = std::mem::take(&mut output.shapes);
            black_box(ctx.tessellate(shapes, output.pixels_per_point))
        })
    });
    group.finish();
    drop(history);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The agenda of the tests, filled by the seeded filler: nearly full (0.95) for the search, so
/// that it walks far; a grid with no free slot at all is the four weeks' worst case.
fn agenda_search_and_validation(c: &mut Criterion) {
    use secretariat::agenda::{self, BookingRequest, Contrainte, UrgentSlots};
    let source = include_str!("../tests/fixtures/agenda-exemple.ron");
    let base = agenda::parse(source).expect("the sample agenda parses");
    let now = agenda::parse_date_time("07/12/2026 10:30").unwrap();
    let filled = |density: f32| {
        let mut a = base.clone();
        let extra = agenda::fill(&a, 11, density, &[], &[], now);
        a.appointments.extend(extra);
        a
    };
    let busy = filled(0.95);
    let full = filled(1.0);
    let everyone = ["martin", "leroy", "nguyen"];
    let mut group = c.benchmark_group("agenda");
    group.bench_function(
        "prochain créneau libre, 4 semaines × 3 praticiens, agenda rempli à 95 %",
        |b| {
            b.iter(|| {
                agenda::next_free_slot(
                    black_box(&busy),
                    &everyone,
                    "premiere",
                    now,
                    UrgentSlots::Excluded,
                )
            })
        },
    );
    group.bench_function(
        "prochain créneau libre, 4 semaines × 3 praticiens, agenda complet",
        |b| {
            b.iter(|| {
                agenda::next_free_slot(
                    black_box(&full),
                    &everyone,
                    "premiere",
                    now,
                    UrgentSlots::Excluded,
                )
            })
        },
    );
    let request = BookingRequest {
        patient: "durand-jean".into(),
        motif: "suivi".into(),
        practitioners: vec![],
        new_patient: false,
        urgent_today: false,
        constraints: vec![
            Contrainte::ApresMidiSeulement,
            Contrainte::PasLe(agenda::Day::Mercredi),
        ],
        as_soon_as_possible: true,
        now,
    };
    let slot = agenda::next_free_slot(
        &busy,
        &everyone,
        "suivi",
        now + chrono::Duration::days(20),
        UrgentSlots::Excluded,
    )
    .expect("a free slot three weeks on");
    group.bench_function(
        "validation d'une réservation (toutes les règles, au plus tôt compris)",
        |b| b.iter(|| agenda::check_booking(black_box(&busy), &request, &slot)),
    );
    group.finish();
}

criterion_group!(
    benches,
    agenda_search_and_validation,
    check_all,
    strict_check_all,
    glossary_and_drills,
    simulate_shift,
    collect_exam_results,
    progress_screen
);
criterion_main!(benches);
