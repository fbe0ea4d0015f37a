//! The game's side of the store: the database opened once, the current profile, and the shift
//! interrupted last time.

use crate::journal::{self, Journal};
use crate::scoring::clock;
use crate::store::location::{self, DataDir};
use crate::store::{NewProfile, Profile, SessionRecord, SqliteStore, Store};
use crate::ui::profiles::{InterruptedView, ProfileBarView, ProfileEntry};
use bevy::prelude::*;
use std::sync::Mutex;

#[derive(Resource)]
pub struct Results {
    /// SQLite connections may move between threads but not be shared: one at a time.
    store: Mutex<Option<SqliteStore>>,
    pub data: Option<DataDir>,
    /// What the home screen must say (a database set aside, a store that cannot open…).
    pub notices: Vec<String>,
    pub profiles: Vec<Profile>,
    pub current: Option<Profile>,
    /// The most recent shift left unfinished, offered on the home screen, and how the banner
    /// tells it (worked out once: it reads the scenario's text).
    interrupted: Option<(Journal, InterruptedView)>,
}

impl Results {
    /// Opens the store in the data folder; `profile`, if given, is selected (created if needed).
    pub fn open(profile: Option<&str>) -> Results {
        match location::data_dir() {
            Ok(data) => Results::open_in(data, profile),
            Err(e) => {
                let mut results = Results::empty();
                results.notices.push(e);
                results
            }
        }
    }

    fn empty() -> Results {
        Results {
            store: Mutex::new(None),
            data: None,
            notices: Vec::new(),
            profiles: Vec::new(),
            current: None,
            interrupted: None,
        }
    }

    /// Opens the store in `data` (tests give their own folder).
    pub fn open_in(data: DataDir, profile: Option<&str>) -> Results {
        let mut results = Results::empty();
        match SqliteStore::open(&data.database(), data.may_be_removable()) {
            Ok(store) => {
                if let Some(n) = store.notice() {
                    results.notices.push(n.to_string());
                }
                *results.store.lock().expect("not poisoned") = Some(store);
            }
            Err(e) => results.notices.push(format!(
                "Les résultats ne peuvent pas être enregistrés : {e} ({}).",
                data.database().display()
            )),
        }
        results.data = Some(data);
        results.refresh_profiles();
        let last = results
            .with(|s| s.last_profile())
            .and_then(Result::ok)
            .flatten();
        results.current = last.and_then(|id| results.profiles.iter().find(|p| p.id == id).cloned());
        if let Some(named) = profile {
            match results.with(|s| crate::store::named_profile(s, named, true)) {
                Some(Ok(p)) => results.select(Some(p.id)),
                Some(Err(e)) => results.notices.push(e),
                None => {}
            }
        }
        results.refresh_interrupted();
        results
    }

    /// Runs `f` on the store, if it opened.
    pub fn with<T>(&self, f: impl FnOnce(&mut SqliteStore) -> T) -> Option<T> {
        let mut guard = self.store.lock().ok()?;
        guard.as_mut().map(f)
    }

    pub fn store_ok(&self) -> bool {
        self.store.lock().is_ok_and(|g| g.is_some())
    }

    pub fn profile_id(&self) -> Option<i64> {
        self.current.as_ref().map(|p| p.id)
    }

    pub fn refresh_profiles(&mut self) {
        self.profiles = self
            .with(|s| s.profiles())
            .and_then(Result::ok)
            .unwrap_or_default();
        if let Some(current) = &self.current
            && !self.profiles.iter().any(|p| p.id == current.id)
        {
            self.current = None;
        }
    }

    pub fn select(&mut self, id: Option<i64>) {
        self.refresh_profiles();
        self.current = id.and_then(|id| self.profiles.iter().find(|p| p.id == id).cloned());
        let id = self.profile_id();
        if let Some(Err(e)) = self.with(|s| s.set_last_profile(id)) {
            self.notices.push(e.to_string());
        }
    }

    pub fn create(&mut self, profile: &NewProfile) -> Result<(), String> {
        let created = self
            .with(|s| s.create_profile(profile))
            .ok_or("les résultats ne peuvent pas être enregistrés sur ce poste")?
            .map_err(|e| e.to_string())?;
        self.select(Some(created.id));
        Ok(())
    }

    pub fn delete_current(&mut self) -> Result<(), String> {
        let Some(id) = self.profile_id() else {
            return Err("aucun profil choisi".into());
        };
        self.with(|s| s.delete_profile(id))
            .ok_or("les résultats ne peuvent pas être enregistrés sur ce poste")?
            .map_err(|e| e.to_string())?;
        self.select(None);
        Ok(())
    }

    /// Stores a finished session; the error is for the debrief to show.
    pub fn save(&self, record: &SessionRecord) -> Result<(), String> {
        self.with(|s| s.save(record))
            .ok_or_else(|| {
                "la base de résultats n'a pas pu être ouverte : ce résultat n'est pas enregistré"
                    .to_string()
            })?
            .map_err(|e| e.to_string())
    }

    /// Where the shift's journal goes.
    pub fn journals(&self) -> Option<std::path::PathBuf> {
        self.data.as_ref().map(DataDir::journals)
    }

    pub fn refresh_interrupted(&mut self) {
        self.interrupted = None;
        let Some(folder) = self.journals() else {
            return;
        };
        let (found, broken) = journal::interrupted(&folder);
        for b in broken {
            let message = format!("Journal de vacation illisible, laissé en place : {b}");
            if !self.notices.contains(&message) {
                self.notices.push(message);
            }
        }
        self.interrupted = found.into_iter().next().map(|j| {
            let view = InterruptedView {
                description: describe_interrupted(&j),
                exam: j.header.exam.is_some(),
            };
            (j, view)
        });
    }

    /// The interrupted shift, to resume or close: offered no more.
    pub fn take_interrupted(&mut self) -> Option<Journal> {
        self.interrupted.take().map(|(j, _)| j)
    }

    pub fn bar_view(&self) -> ProfileBarView {
        ProfileBarView {
            profiles: self
                .profiles
                .iter()
                .map(|p| ProfileEntry {
                    id: p.id,
                    name: p.display_name(),
                })
                .collect(),
            current: self.profile_id(),
            interrupted: self.interrupted.as_ref().map(|(_, v)| v.clone()),
            notices: self.notices.clone(),
            store_ok: self.store_ok(),
        }
    }
}

fn describe_interrupted(j: &Journal) -> String {
    let title = crate::scenario::load::load_scenario_str(&j.header.scenario_text)
        .map(|s| s.title)
        .unwrap_or_else(|_| "scénario illisible".into());
    let who = j
        .header
        .exam
        .as_ref()
        .map(|e| format!(" — {}", e.name))
        .unwrap_or_default();
    format!(
        "« {title} »{who} — {}, interrompue à {} (commencée le {}).",
        j.header.mode.label().to_lowercase(),
        j.last_time()
            .map(clock)
            .unwrap_or_else(|| "son début".into()),
        crate::report::date_label(&j.header.started_at)
    )
}
