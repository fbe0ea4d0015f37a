//! « Mes progrès » from a real store: shifts of real scenarios played by policies and a real drill
//! saved into SQLite, read back, turned into the view and drawn with egui_kittest.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use secretariat::policy::PolicyKind;
use secretariat::progress::{LibraryScenario, ProgressView};
use secretariat::scenario::Axis;
use secretariat::scoring::Report;
use secretariat::store::{NewProfile, Profile, SessionRecord, SqliteStore, Store};
use secretariat::ui::progress::{self, ProgressAction, ProgressUiState};
use std::path::PathBuf;

mod common;

use common::{drill_record, shift_record, temp_dir};

const FIXTURE: &str = common::FIXTURE;
const TUTORIAL: &str = "scenarios/tutoriel.ron";
const RADIOLOGY: &str = "scenarios/radiologie.ron";

/// A student's history, oldest first: a tutorial, the example played badly then well, a drill,
/// and an intermediate scenario played at random. Another student's shift is stored beside it.
struct History {
    store: SqliteStore,
    profile: Profile,
    /// The shifts' reports with their records, and the drill's record, in the order played.
    shifts: Vec<(SessionRecord, Report)>,
    drill: SessionRecord,
}

fn history(name: &str) -> History {
    let dir = temp_dir(name);
    let _ = std::fs::remove_file(dir.join("resultats.sqlite"));
    let mut store = SqliteStore::open(&dir.join("resultats.sqlite"), false).unwrap();
    let profile = store
        .create_profile(&NewProfile {
            first_name: "Léa".into(),
            last_name: "Martin".into(),
            group: "BTS 1".into(),
        })
        .unwrap();
    let other = store
        .create_profile(&NewProfile {
            first_name: "Yanis".into(),
            last_name: "Roux".into(),
            group: String::new(),
        })
        .unwrap();
    let me = Some(profile.id);
    let shifts = vec![
        shift_record(
            TUTORIAL,
            PolicyKind::Ideal,
            1,
            "2026-03-02T09:00:00+01:00",
            me,
        ),
        shift_record(
            FIXTURE,
            PolicyKind::Naive,
            2,
            "2026-03-04T10:00:00+01:00",
            me,
        ),
        shift_record(
            FIXTURE,
            PolicyKind::Ideal,
            3,
            "2026-03-06T14:00:00+01:00",
            me,
        ),
        shift_record(
            RADIOLOGY,
            PolicyKind::Random,
            4,
            "2026-03-09T15:30:00+01:00",
            me,
        ),
    ];
    let drill = drill_record(5, 7, "2026-03-07T11:00:00+01:00", me);
    for (record, _) in &shifts {
        store.save(record).unwrap();
    }
    store.save(&drill).unwrap();
    let (theirs, _) = shift_record(
        FIXTURE,
        PolicyKind::Ideal,
        9,
        "2026-03-10T08:00:00+01:00",
        Some(other.id),
    );
    store.save(&theirs).unwrap();
    History {
        store,
        profile,
        shifts,
        drill,
    }
}

/// The shipped library and the example, as « Mes progrès » suggests them.
fn library() -> Vec<LibraryScenario> {
    let mut out: Vec<LibraryScenario> = common::shipped()
        .iter()
        .map(|(path, s)| LibraryScenario::of(s, path))
        .collect();
    let fixture = common::fixture();
    out.push(LibraryScenario::of(&fixture, &common::project(FIXTURE)));
    out
}

fn view_of(h: &History) -> ProgressView {
    let sessions = h.store.sessions(Some(h.profile.id)).unwrap();
    let themes = h.store.themes(Some(h.profile.id)).unwrap();
    ProgressView::build(&sessions, &themes, &library()).named(&h.profile.display_name())
}

#[test]
fn the_view_holds_each_axis_and_the_overall_score_in_order_with_drills_apart() {
    let h = history("progress-series");
    let view = view_of(&h);
    // The axes some shift assessed, in the rulebook's order: none hard-coded.
    let assessed: Vec<&str> = Axis::ALL
        .into_iter()
        .filter(|a| h.shifts.iter().any(|(_, r)| r.assesses(*a)))
        .map(|a| a.label())
        .collect();
    let labels: Vec<&str> = view.series.iter().map(|s| s.label.as_str()).collect();
    let mut expected = assessed.clone();
    expected.extend(["Note globale", "Terminologie (exercices)"]);
    assert_eq!(labels, expected);

    let overall = &view.series[assessed.len()];
    let got: Vec<(String, f64, bool)> = overall
        .points
        .iter()
        .map(|p| (view.session_of(p).id.clone(), p.score, p.validated))
        .collect();
    let want: Vec<(String, f64, bool)> = h
        .shifts
        .iter()
        .map(|(rec, r)| (rec.id.clone(), r.scores.overall, r.validated))
        .collect();
    assert_eq!(got, want, "every shift of this profile, oldest first");
    // The policies were chosen to score differently; the naive one fails the example.
    assert!(want[1].1 < want[2].1 && !want[1].2, "{want:?}");

    let drills = view.series.last().unwrap();
    assert_eq!(drills.points.len(), 1);
    assert_eq!(view.session_of(&drills.points[0]).id, h.drill.id);
    assert_eq!(drills.points[0].score, h.drill.overall);
    assert_eq!(h.drill.overall, 70.0, "seven right answers out of ten");

    // One axis read back from the store as the report scored it.
    let first_axis = Axis::ALL
        .into_iter()
        .find(|a| h.shifts[3].1.assesses(*a))
        .unwrap();
    let radiology = view.series[0].points.last().unwrap();
    assert_eq!(view.session_of(radiology).id, h.shifts[3].0.id);
    assert_eq!(radiology.score, h.shifts[3].1.scores.get(first_axis));

    // Tutorial, then beginner, then intermediate: three bands, not a decline.
    let bands: Vec<&str> = view.levels.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(bands, ["Tutoriel", "Débutant", "Intermédiaire"]);
    assert_eq!(view.pass_mark, 60);
}

/// A theme's share kept, from the reports' timelines, by hand.
fn success_by_hand(shifts: &[(SessionRecord, Report)], theme: &str) -> (f64, f64) {
    let (mut stake, mut kept) = (0.0, 0.0);
    for (_, report) in shifts {
        for t in report
            .timeline
            .iter()
            .filter(|t| t.tags.iter().any(|g| g == theme))
        {
            stake += t.stake;
            kept += (t.stake - t.points_lost).max(0.0);
        }
    }
    (stake, kept)
}

#[test]
fn theme_success_is_the_share_of_the_stakes_kept_over_the_profiles_shifts() {
    let h = history("progress-themes");
    let view = view_of(&h);
    let (stake, kept) = success_by_hand(&h.shifts, "homonyme");
    assert!(
        stake > 0.0 && kept < stake,
        "homonymes lost somewhere: {kept}/{stake}"
    );
    let row = view.themes.iter().find(|t| t.tag == "homonyme").unwrap();
    assert_eq!(row.label, "Homonymes");
    assert!((row.stake - stake).abs() < 1e-6, "{} vs {stake}", row.stake);
    assert!((row.success - kept / stake).abs() < 1e-9);
    // The other student's shift is not counted: Yanis's example adds homonym stakes.
    let all = h.store.themes(None).unwrap();
    let everyone = all.iter().find(|t| t.theme == "homonyme").unwrap();
    assert!(everyone.stake > stake);

    // Terminology: the shifts' situations and the drill (a hundred points at stake, seventy kept).
    let (stake, kept) = success_by_hand(&h.shifts, "terminologie");
    let row = view
        .themes
        .iter()
        .find(|t| t.tag == "terminologie")
        .unwrap();
    assert!((row.success - (kept + 70.0) / (stake + 100.0)).abs() < 1e-9);

    // Weakest first, blocks left out.
    assert!(view.themes.windows(2).all(|w| w[0].success <= w[1].success));
    assert!(view.themes.iter().all(|t| !t.tag.starts_with("bloc-")));
}

#[test]
fn the_three_weakest_themes_come_with_the_scenarios_that_train_them_most() {
    let h = history("progress-weakest");
    let view = view_of(&h);
    assert_eq!(view.weakest.len(), 3);
    let library = library();
    for (weak, row) in view.weakest.iter().zip(&view.themes) {
        assert_eq!(&weak.theme, row, "the weakest are the first themes");
        assert!(weak.theme.success < 1.0);
        // The most situations with that tag in any scenario of the library, counted by hand.
        let most = common::shipped()
            .iter()
            .map(|(_, s)| s.as_ref().clone())
            .chain([common::fixture().as_ref().clone()])
            .map(|s| {
                s.situations
                    .iter()
                    .filter(|x| x.tags.contains(&weak.theme.tag))
                    .count() as u32
            })
            .max()
            .unwrap();
        assert!(!weak.scenarios.is_empty() && weak.scenarios.len() <= 3);
        assert_eq!(weak.scenarios[0].situations, most, "{}", weak.theme.tag);
        assert!(
            weak.scenarios
                .windows(2)
                .all(|w| w[0].situations >= w[1].situations)
        );
        for s in &weak.scenarios {
            assert!(
                library
                    .iter()
                    .any(|l| l.path == s.path && l.title == s.title)
            );
        }
        let vocabulary = ["terminologie", "transcription"].contains(&weak.theme.tag.as_str());
        assert_eq!(weak.drill.is_some(), vocabulary, "{}", weak.theme.tag);
    }
}

#[test]
fn past_sessions_are_listed_newest_first() {
    let h = history("progress-list");
    let view = view_of(&h);
    let ids: Vec<&str> = view.sessions.iter().map(|s| s.id.as_str()).collect();
    let want = [
        h.shifts[3].0.id.as_str(),
        h.drill.id.as_str(),
        h.shifts[2].0.id.as_str(),
        h.shifts[1].0.id.as_str(),
        h.shifts[0].0.id.as_str(),
    ];
    assert_eq!(ids, want, "this profile's only");
    let naive = &view.sessions[3];
    assert_eq!(naive.date, "04/03/2026 10:00");
    assert_eq!(naive.kind, "Vacation");
    assert_eq!(naive.level, "Débutant");
    assert_eq!(
        naive.critical_errors as usize,
        h.shifts[1].1.critical_errors.len()
    );
    assert_eq!(
        naive.overall,
        secretariat::report::number(h.shifts[1].1.scores.overall)
    );
    assert!(naive.overall.contains(',') || h.shifts[1].1.scores.overall.fract() == 0.0);
    assert_eq!(view.sessions[1].kind, "Terminologie");
}

// --- The panel -----------------------------------------------------------------------------

type PanelState = (ProgressUiState, Vec<ProgressAction>);

fn panel(view: ProgressView) -> Harness<'static, PanelState> {
    let mut harness = Harness::new_ui_state(
        move |ui, (state, actions): &mut PanelState| {
            actions.extend(progress::progress(ui, &view, state));
        },
        (ProgressUiState::default(), Vec::new()),
    );
    harness.set_size(egui::vec2(1280.0, 800.0));
    harness.run();
    harness
}

#[test]
fn the_panel_names_the_profile_the_themes_and_the_weakest() {
    let h = history("progress-panel");
    let view = view_of(&h);
    let harness = panel(view.clone());
    harness.get_by_label("Mes progrès — Léa Martin (BTS 1)");
    harness.get_by_label("À travailler en priorité");
    for (n, weak) in view.weakest.iter().enumerate() {
        harness.get_by_label_contains(&format!("{}. {} — ", n + 1, weak.theme.label));
    }
    // Every theme has its row, its share kept written as a percentage.
    for row in &view.themes {
        assert!(
            harness.query_all_by_label(&row.label).count() >= 1,
            "{}",
            row.label
        );
    }
    let homonyms = view.themes.iter().find(|t| t.tag == "homonyme").unwrap();
    harness.get_by_label(&format!(
        "{} %",
        secretariat::report::number(homonyms.success * 100.0)
    ));
    // Readable at 1280×800: the suggestions and the newest session are in sight.
    let first = &view.weakest[0].scenarios[0];
    let label = format!("▶ {}", first.title);
    // A scenario may train more than one weak theme: it is offered under each.
    let button = harness.query_all_by_label(&label).next().unwrap().rect();
    assert!(button.max.y <= 800.0, "{button:?}");
    let row = harness.get_by_label_contains(&view.sessions[0].date).rect();
    assert!(row.max.y <= 800.0 && row.max.x <= 1280.0, "{row:?}");
}

#[test]
fn a_session_row_opens_its_debrief_and_a_suggestion_plays_its_scenario() {
    let h = history("progress-open");
    let view = view_of(&h);
    let mut harness = panel(view.clone());
    // The radiology shift, played last, heads the list.
    let radiology = &h.shifts[3].0;
    harness
        .get_by_label_contains("09/03/2026 15:30 · Vacation · Centre d'imagerie")
        .click();
    harness.run();
    assert_eq!(
        harness.state().1,
        vec![ProgressAction::Open(radiology.id.clone())]
    );
    harness.state_mut().1.clear();
    let suggestion = &view.weakest[0].scenarios[0];
    harness
        .query_all_by_label(&format!("▶ {}", suggestion.title))
        .next()
        .unwrap()
        .click();
    harness.run();
    assert_eq!(
        harness.state().1,
        vec![ProgressAction::Play(suggestion.path.clone())]
    );
    assert!(suggestion.path.is_file(), "{}", suggestion.path.display());
}

#[test]
fn escape_goes_home_and_deleting_the_profile_asks_first() {
    let h = history("progress-keys");
    let mut harness = panel(view_of(&h));
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().1, vec![ProgressAction::Home]);
    harness.state_mut().1.clear();

    harness.get_by_label("Supprimer ce profil…").click();
    harness.run();
    harness.get_by_label("Supprimer ce profil et tout son historique ?");
    assert!(harness.state().1.is_empty(), "nothing deleted on one click");
    // Échap closes the question and stays on the screen.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.state().1.is_empty());
    assert!(
        harness
            .query_by_label("Supprimer ce profil et tout son historique ?")
            .is_none()
    );
    harness.get_by_label("Supprimer ce profil…").click();
    harness.run();
    harness.get_by_label("Oui, tout supprimer").click();
    harness.run();
    assert_eq!(harness.state().1, vec![ProgressAction::DeleteProfile]);
    harness.state_mut().1.clear();
    harness.get_by_label("Exporter mon historique").click();
    harness.run();
    assert_eq!(harness.state().1, vec![ProgressAction::ExportHistory]);
}

#[test]
fn a_profile_without_sessions_sees_what_to_do() {
    let mut h = history("progress-empty");
    let newcomer = h
        .store
        .create_profile(&NewProfile {
            first_name: "Inès".into(),
            last_name: "Petit".into(),
            group: String::new(),
        })
        .unwrap();
    let sessions = h.store.sessions(Some(newcomer.id)).unwrap();
    let themes = h.store.themes(Some(newcomer.id)).unwrap();
    assert!(sessions.is_empty() && themes.is_empty());
    let view = ProgressView::build(&sessions, &themes, &library()).named(&newcomer.display_name());
    let mut harness = panel(view);
    harness.get_by_label("Mes progrès — Inès Petit");
    harness.get_by_label(progress::EMPTY);
    assert!(
        harness.query_by_label("Exporter mon historique").is_none(),
        "nothing to export"
    );
    assert!(harness.query_by_label("À travailler en priorité").is_none());
    harness.get_by_label("Importer un historique").click();
    harness.run();
    assert_eq!(harness.state().1, vec![ProgressAction::ImportHistory]);
}

#[test]
fn a_library_scenario_counts_the_situations_of_each_theme() {
    let fixture = common::fixture();
    let entry = LibraryScenario::of(&fixture, &PathBuf::from(FIXTURE));
    assert_eq!(entry.level, 1, "débutant");
    for tag in ["homonyme", "urgence-vitale", "terminologie", "classement"] {
        let n = fixture
            .situations
            .iter()
            .filter(|s| s.tags.iter().any(|t| t == tag))
            .count() as u32;
        assert!(n > 0);
        assert_eq!(entry.theme_counts[tag], n, "{tag}");
    }
    assert_eq!(entry.theme_counts.get("avc"), None);
}

#[test]
fn many_sessions_are_saved_in_one_transaction_with_the_same_aggregates() {
    let one_by_one = history("progress-save-all-a");
    let mut records: Vec<SessionRecord> =
        one_by_one.shifts.iter().map(|(r, _)| r.clone()).collect();
    records.push(one_by_one.drill.clone());

    let dir = temp_dir("progress-save-all-b");
    let _ = std::fs::remove_file(dir.join("resultats.sqlite"));
    let mut store = SqliteStore::open(&dir.join("resultats.sqlite"), false).unwrap();
    let profile = store
        .create_profile(&NewProfile {
            first_name: "Léa".into(),
            last_name: "Martin".into(),
            group: "BTS 1".into(),
        })
        .unwrap();
    assert_eq!(profile.id, one_by_one.profile.id);
    // All or none: a session of a profile that does not exist makes the whole batch fail.
    let mut stray = records[0].clone();
    stray.id = "une-autre-séance".into();
    stray.profile = Some(999);
    let batch = [records.clone(), vec![stray]].concat();
    assert!(store.save_all(&batch).is_err());
    assert!(store.sessions(None).unwrap().is_empty());
    assert!(store.themes(None).unwrap().is_empty());

    assert_eq!(store.save_all(&records).unwrap(), records.len());
    assert_eq!(store.save_all(&records).unwrap(), 0, "already stored");
    let me = Some(profile.id);
    assert_eq!(
        store.sessions(me).unwrap(),
        one_by_one.store.sessions(me).unwrap()
    );
    assert_eq!(
        store.themes(me).unwrap(),
        one_by_one.store.themes(me).unwrap()
    );
}
