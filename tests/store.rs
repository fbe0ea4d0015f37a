//! The results store: round trip, profiles, an unreadable database set aside, two programs
//! writing at once, and the rollback journal on removable drives.

mod common;

use common::{secretariat_command, stored_session, temp_dir};
use secretariat::policy::PolicyKind;
use secretariat::store::{NewProfile, SqliteStore, Store};
use std::path::PathBuf;

fn fresh(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("secretariat.sqlite")
}

fn zoe_typed() -> NewProfile {
    NewProfile {
        first_name: "Zoé".into(),
        last_name: "Lefèvre".into(),
        group: "BTS-2".into(),
    }
}

#[test]
fn a_session_comes_back_as_it_was_saved() {
    let path = fresh("store-round-trip");
    let mut store = SqliteStore::open(&path, false).unwrap();
    assert!(store.notice().is_none());
    let zoe = store.create_profile(&zoe_typed()).unwrap();
    let record = stored_session(PolicyKind::Naive, 3, Some(zoe.id));
    store.save(&record).unwrap();
    store.save(&record).unwrap(); // the same session twice is kept once
    drop(store);

    let store = SqliteStore::open(&path, false).unwrap();
    let back = store.session(&record.id).unwrap().expect("stored");
    assert_eq!(back, record);
    assert_eq!(
        back.shift_report().unwrap(),
        record.shift_report().unwrap(),
        "the debrief reopens from the snapshot"
    );
    let list = store.sessions(Some(zoe.id)).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0], record.summary());
    // Every assessed axis is kept, by its key: none is hard-coded.
    let report = record.shift_report().unwrap();
    assert_eq!(list[0].scores.len(), report.assessed.len());
    // Themes: aggregated on save, as the sessions' reports say.
    let themes = store.themes(Some(zoe.id)).unwrap();
    assert!(!themes.is_empty());
    for (theme, stake, kept) in record.theme_points() {
        let t = themes.iter().find(|t| t.theme == theme).unwrap();
        assert!((t.stake - stake).abs() < 1e-9 && (t.kept - kept).abs() < 1e-9);
        assert_eq!(t.sessions, 1);
    }
    assert_eq!(store.last_profile().unwrap(), None);
}

#[test]
fn themes_add_up_over_sessions_and_a_profile_can_be_deleted_with_its_data() {
    let path = fresh("store-profiles");
    let mut store = SqliteStore::open(&path, false).unwrap();
    let zoe = store.create_profile(&zoe_typed()).unwrap();
    let other = store
        .create_profile(&NewProfile {
            first_name: "Hugo".into(),
            last_name: "Martin".into(),
            group: String::new(),
        })
        .unwrap();
    assert_eq!(
        store.create_profile(&zoe_typed()).unwrap().id,
        zoe.id,
        "the same name is the same profile"
    );
    let a = stored_session(PolicyKind::Naive, 1, Some(zoe.id));
    let b = stored_session(PolicyKind::Ideal, 2, Some(zoe.id));
    let c = stored_session(PolicyKind::Naive, 3, Some(other.id));
    for r in [&a, &b, &c] {
        store.save(r).unwrap();
    }
    store.set_last_profile(Some(zoe.id)).unwrap();
    {
        // Three sessions of one scenario keep its text once.
        let conn = rusqlite::Connection::open(&path).unwrap();
        let texts: i64 = conn
            .query_row("SELECT count(*) FROM scenario_texts", [], |r| r.get(0))
            .unwrap();
        assert_eq!(texts, 1);
    }
    let themes = store.themes(Some(zoe.id)).unwrap();
    let stake_a: f64 = a.theme_points().iter().map(|t| t.1).sum();
    let stake_b: f64 = b.theme_points().iter().map(|t| t.1).sum();
    let total: f64 = themes.iter().map(|t| t.stake).sum();
    assert!((total - stake_a - stake_b).abs() < 1e-6);

    // Export, then import into another PC's store: the same history.
    let export = store.export_profile(zoe.id).unwrap();
    assert_eq!(export.sessions.len(), 2);
    let mut elsewhere = SqliteStore::open(&fresh("store-import"), false).unwrap();
    let (imported, added) = elsewhere.import_profile(&export).unwrap();
    assert_eq!(added, 2);
    assert_eq!(imported.display_name(), "Zoé Lefèvre (BTS-2)");
    assert_eq!(
        elsewhere.import_profile(&export).unwrap().1,
        0,
        "twice: nothing added"
    );
    assert_eq!(elsewhere.sessions(Some(imported.id)).unwrap().len(), 2);

    // RGPD: deleting the profile deletes its sessions and aggregates, and only those.
    store.delete_profile(zoe.id).unwrap();
    assert!(store.profiles().unwrap().iter().all(|p| p.id != zoe.id));
    assert!(store.sessions(Some(zoe.id)).unwrap().is_empty());
    assert!(store.themes(Some(zoe.id)).unwrap().is_empty());
    assert!(store.session(&a.id).unwrap().is_none());
    assert_eq!(store.sessions(Some(other.id)).unwrap().len(), 1);
    assert_eq!(store.last_profile().unwrap(), None);
    drop(store);
    // Deleted means gone from the file, not only hidden (secure_delete).
    let bytes = std::fs::read(&path).unwrap();
    let needle = a.id.as_bytes();
    assert!(!bytes.windows(needle.len()).any(|w| w == needle));
}

#[test]
fn an_unreadable_database_is_set_aside_and_never_overwritten() {
    let path = fresh("store-corrupt");
    let garbage = b"ceci n'est pas une base SQLite, mais des notes de stage".repeat(100);
    std::fs::write(&path, &garbage).unwrap();
    let mut store = SqliteStore::open(&path, false).unwrap();
    let notice = store.notice().expect("the user is told").to_string();
    assert!(
        notice.contains("illisible") && notice.contains("mise de côté"),
        "{notice}"
    );
    store
        .save(&stored_session(PolicyKind::Naive, 1, None))
        .unwrap();
    let folder = path.parent().unwrap();
    let aside: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".illisible-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(std::fs::read(&aside[0]).unwrap(), garbage, "kept as it was");
    assert!(notice.contains(&aside[0].file_name().unwrap().to_string_lossy().to_string()));
    assert_eq!(store.sessions(None).unwrap().len(), 1);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_alone() {
    let path = fresh("store-newer");
    drop(SqliteStore::open(&path, false).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = SqliteStore::open(&path, false).err().expect("refused");
    assert!(err.to_string().contains("plus récente"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn removable_drives_use_the_rollback_journal() {
    let path = fresh("store-removable");
    let store = SqliteStore::open(&path, true).unwrap();
    assert!(!store.uses_wal());
    drop(store);
    let store = SqliteStore::open(&fresh("store-local"), false).unwrap();
    assert!(store.uses_wal());
}

#[test]
fn two_programs_saving_at_once_lose_nothing() {
    let dir = fresh("store-two-writers");
    let data = dir.parent().unwrap().to_path_buf();
    let fixture = common::FIXTURE;
    // Two real processes, each saving sessions as fast as it can, on the same database.
    let script = |seed_base: u64| {
        let data = data.clone();
        std::thread::spawn(move || {
            for n in 0..6 {
                let seed = (seed_base + n).to_string();
                let out = secretariat_command(
                    &data,
                    &[
                        "simulate",
                        fixture,
                        "--policy",
                        "naive",
                        "--seed",
                        &seed,
                        "--save",
                        "--profile",
                        "Zoé Lefèvre",
                        "--json",
                    ],
                )
                .output()
                .unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        })
    };
    let (a, b) = (script(100), script(200));
    a.join().unwrap();
    b.join().unwrap();
    let store = SqliteStore::open(&data.join("secretariat.sqlite"), false).unwrap();
    let profiles = store.profiles().unwrap();
    assert_eq!(profiles.len(), 1, "one profile, not one per process");
    let sessions = store.sessions(Some(profiles[0].id)).unwrap();
    assert_eq!(sessions.len(), 12);
    let themes = store.themes(Some(profiles[0].id)).unwrap();
    assert!(themes.iter().all(|t| t.sessions == 12), "{themes:?}");
}

#[test]
fn a_history_goes_to_another_pc_by_the_command_line() {
    use common::secretariat_in;
    let here = temp_dir("history-here");
    let there = temp_dir("history-there");
    for d in [&here, &there] {
        let _ = std::fs::remove_dir_all(d);
    }
    for seed in ["1", "2"] {
        let out = secretariat_in(
            &here,
            &[
                "simulate",
                common::FIXTURE,
                "--policy",
                "naive",
                "--seed",
                seed,
                "--save",
                "--profile",
                "Zoé Lefèvre",
            ],
        );
        assert!(out.status.success());
    }
    let file = here.join("historique-zoe.json");
    let out = secretariat_in(
        &here,
        &[
            "results",
            "--profile",
            "Zoé Lefèvre",
            "--export",
            file.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = secretariat_in(&there, &["results", "--import", file.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("2 séance(s) importée(s) pour Zoé Lefèvre")
    );
    let out = secretariat_in(&there, &["results", "--profile", "zoé lefèvre", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
    // Anything else is refused in French, and nothing is imported.
    let junk = there.join("notes.json");
    std::fs::write(&junk, "{\"kind\": \"autre chose\"}").unwrap();
    let out = secretariat_in(&there, &["results", "--import", junk.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("n'est pas un historique"));
}
