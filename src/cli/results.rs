//! `secretariat results`: the stored history, as a table, CSV or JSON; and what `simulate --save`
//! and `play --headless` store.

use crate::journal::{ActionLog, Header};
use crate::report::spreadsheet;
use crate::scenario::{Axis, Scenario};
use crate::scoring::Report;
use crate::sim::SimLog;
use crate::store::{Profile, SessionRecord, SessionSummary, SqliteStore, Store};
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args, Debug)]
#[group(skip)]
pub struct ResultsArgs {
    /// Le profil (« Prénom Nom » ou son numéro) ; tous les profils sinon.
    #[arg(long, value_name = "PROFIL", help_heading = "Options")]
    pub profile: Option<String>,
    /// Écrit l'historique dans ce fichier CSV (séparateur « ; », virgule décimale, UTF-8 avec BOM).
    #[arg(
        long,
        value_name = "FICHIER",
        conflicts_with = "json",
        help_heading = "Options"
    )]
    pub csv: Option<PathBuf>,
    /// Affiche l'historique en JSON.
    #[arg(long, help_heading = "Options")]
    pub json: bool,
    /// Exporte l'historique du profil (--profile) dans ce fichier, pour l'importer sur un autre poste.
    #[arg(long, value_name = "FICHIER", requires = "profile", conflicts_with_all = ["csv", "json", "import"], help_heading = "Options")]
    pub export: Option<PathBuf>,
    /// Importe un historique exporté (depuis le jeu ou avec --export).
    #[arg(long, value_name = "FICHIER", conflicts_with_all = ["csv", "json", "profile"], help_heading = "Options")]
    pub import: Option<PathBuf>,
}

/// Opens the store, printing on stderr what the user must know (a database set aside).
pub fn open_store() -> Result<SqliteStore, String> {
    let store = SqliteStore::open_default().map_err(|e| e.to_string())?;
    if let Some(notice) = store.notice() {
        eprintln!("attention : {notice}");
    }
    Ok(store)
}

/// `simulate --save`: the shift the automatic or scripted trainee played, marked simulated.
pub fn save_simulated(
    scenario: &Scenario,
    source: &str,
    path: &Path,
    log: &SimLog,
    report: &Report,
    profile: Option<&str>,
) -> Result<(), String> {
    let mut store = open_store()?;
    let profile = profile
        .map(|p| crate::store::named_profile(&mut store, p, true))
        .transpose()?;
    let header = Header {
        profile: profile.map(|p| p.id),
        simulated: true,
        ..Header::new(
            source.to_string(),
            Some(path.to_path_buf()),
            log.seed,
            log.mode,
            0.0,
        )
    };
    let start = scenario.practice.shift_start.seconds();
    let end = scenario.practice.shift_end.seconds();
    let record = SessionRecord::of_play(
        &header,
        scenario,
        report,
        ActionLog::of_log(log),
        0.0,
        end.saturating_sub(start),
        Vec::new(),
    );
    store.save(&record).map_err(|e| e.to_string())
}

/// `drill --save`: a finished series of exercises.
pub fn save_drill(
    drill: &crate::glossary::drill::Drill,
    outcomes: &[crate::glossary::drill::Outcome],
    title: &str,
    profile: Option<&str>,
    real_seconds: f64,
) -> Result<(), String> {
    let mut store = open_store()?;
    let profile = profile
        .map(|p| crate::store::named_profile(&mut store, p, true))
        .transpose()?;
    let record =
        SessionRecord::of_drill(drill, outcomes, title, profile.map(|p| p.id), real_seconds);
    store.save(&record).map_err(|e| e.to_string())
}

pub fn run(args: &ResultsArgs) -> ExitCode {
    match list(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("erreur : {e}");
            ExitCode::FAILURE
        }
    }
}

fn list(args: &ResultsArgs) -> Result<(), String> {
    let mut store = open_store()?;
    if let Some(file) = &args.import {
        let text = crate::document::read_text(file).map_err(|p| p.to_string())?;
        let export: crate::store::ProfileExport = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{} n'est pas un historique exporté par Secrétariat ({e})",
                file.display()
            )
        })?;
        let (profile, added) = store.import_profile(&export).map_err(|e| e.to_string())?;
        println!(
            "{added} séance(s) importée(s) pour {} ({} déjà présente(s)).",
            profile.display_name(),
            export.sessions.len() - added
        );
        return Ok(());
    }
    let profile = match &args.profile {
        Some(p) => Some(crate::store::named_profile(&mut store, p, false)?),
        None => None,
    };
    if let (Some(file), Some(p)) = (&args.export, &profile) {
        let export = store.export_profile(p.id).map_err(|e| e.to_string())?;
        let text = serde_json::to_string_pretty(&export).expect("an export always serialises");
        std::fs::write(file, text)
            .map_err(|e| format!("{} : {}", file.display(), crate::document::io_reason(&e)))?;
        println!(
            "{} séance(s) de {} exportée(s) dans {}",
            export.sessions.len(),
            p.display_name(),
            file.display()
        );
        return Ok(());
    }
    let profiles = store.profiles().map_err(|e| e.to_string())?;
    let sessions = store
        .sessions(profile.as_ref().map(|p| p.id))
        .map_err(|e| e.to_string())?;
    let name_of = |s: &SessionSummary| {
        s.profile
            .and_then(|id| profiles.iter().find(|p| p.id == id))
            .cloned()
    };
    if args.json {
        let rows: Vec<serde_json::Value> = sessions
            .iter()
            .map(|s| {
                let mut v = serde_json::to_value(s).expect("summaries serialise");
                v["profile_name"] = name_of(s)
                    .map(|p| p.display_name())
                    .unwrap_or_default()
                    .into();
                v
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).expect("summaries serialise")
        );
        return Ok(());
    }
    if let Some(path) = &args.csv {
        write_csv(path, &sessions, &name_of)
            .map_err(|e| format!("{} : écriture impossible ({e})", path.display()))?;
        eprintln!(
            "{} séance(s) écrite(s) dans {}",
            sessions.len(),
            path.display()
        );
        return Ok(());
    }
    if sessions.is_empty() {
        println!("Aucune séance enregistrée.");
        return Ok(());
    }
    for s in &sessions {
        let who = name_of(s).map(|p| p.display_name()).unwrap_or_default();
        println!(
            "{}  {:<24} {:<16} {:<40} {:>5}/100  {}{}",
            crate::report::date_label(&s.started_at),
            who,
            s.kind.label(),
            s.scenario_title,
            spreadsheet::decimal(s.overall),
            if s.validated {
                "validée"
            } else {
                "non validée"
            },
            if s.critical_count > 0 {
                format!(", {} erreur(s) éliminatoire(s)", s.critical_count)
            } else {
                String::new()
            }
        );
    }
    Ok(())
}

fn write_csv(
    path: &Path,
    sessions: &[SessionSummary],
    name_of: &dyn Fn(&SessionSummary) -> Option<Profile>,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut w = spreadsheet::writer(path)?;
    let mut header: Vec<String> = [
        "date",
        "prénom",
        "nom",
        "groupe",
        "type",
        "scénario",
        "titre",
        "niveau",
        "mode",
        "durée (min)",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(Axis::ALL.iter().map(|a| a.label().to_lowercase()));
    header.extend(
        [
            "note globale",
            "validée",
            "erreurs éliminatoires",
            "reprises",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    w.write_record(&header)?;
    for s in sessions {
        let p = name_of(s);
        let mut row = vec![
            crate::report::date_label(&s.started_at),
            p.as_ref().map(|p| p.first_name.clone()).unwrap_or_default(),
            p.as_ref().map(|p| p.last_name.clone()).unwrap_or_default(),
            p.as_ref().map(|p| p.group.clone()).unwrap_or_default(),
            s.kind.label().to_string(),
            s.scenario_id.clone(),
            s.scenario_title.clone(),
            crate::scenario::tags::LEVEL_LABELS
                .get(s.level as usize)
                .copied()
                .unwrap_or("")
                .to_string(),
            s.mode.label().to_string(),
            spreadsheet::decimal(s.real_seconds / 60.0),
        ];
        // An axis the session did not assess stays empty, not 100.
        row.extend(Axis::ALL.iter().map(|a| {
            s.scores
                .get(a.key())
                .map_or(String::new(), |&x| spreadsheet::decimal(x))
        }));
        row.push(spreadsheet::decimal(s.overall));
        row.push(spreadsheet::yes_no(s.validated).to_string());
        row.push(s.critical_count.to_string());
        row.push(s.resumes.to_string());
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}
