//! The class's table for French spreadsheets: one row per accepted result.

use super::collect::{Accepted, file_name};
use crate::report::spreadsheet;
use crate::scenario::Axis;
use std::path::Path;

/// The column titles: one per axis of the rulebook, whatever the scenario assesses.
pub fn header() -> Vec<String> {
    let mut columns: Vec<String> = ["nom", "groupe", "date", "durée (min)"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    columns.extend(Axis::ALL.iter().map(|a| a.label().to_lowercase()));
    columns.extend(
        [
            "note globale",
            "validée",
            "erreurs éliminatoires",
            "reprises",
            "heures des reprises",
            "passage",
            "simulé",
            "fichier",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    columns
}

/// One result's row, in the order of `header`.
pub fn row(accepted: &Accepted) -> Vec<String> {
    let r = &accepted.result;
    let report = &r.report;
    let mut cells = vec![
        r.name.clone(),
        r.group.clone(),
        date_time(&r.started_at),
        spreadsheet::decimal(r.real_seconds / 60.0),
    ];
    // An axis the scenario does not assess stays empty, not 100.
    cells.extend(Axis::ALL.iter().map(|&a| {
        if report.assesses(a) {
            spreadsheet::decimal(report.scores.get(a))
        } else {
            String::new()
        }
    }));
    cells.push(spreadsheet::decimal(report.scores.overall));
    cells.push(spreadsheet::yes_no(report.validated).to_string());
    cells.push(
        report
            .critical_errors
            .iter()
            .map(|c| format!("{} [{}] {}", c.at, c.situation, c.explanation))
            .collect::<Vec<_>>()
            .join(" | "),
    );
    cells.push(r.resumes.len().to_string());
    cells.push(
        r.resumes
            .iter()
            .map(|x| format!("{}, reprise le {}", x.at, date_time(&x.date)))
            .collect::<Vec<_>>()
            .join(" | "),
    );
    cells.push(r.attempt.to_string());
    cells.push(spreadsheet::yes_no(r.simulated).to_string());
    cells.push(file_name(&accepted.path));
    cells
}

/// Writes the table (`;`, decimal comma, UTF-8 with BOM).
pub fn write_csv(path: &Path, accepted: &[Accepted]) -> Result<(), String> {
    let write = || -> Result<(), Box<dyn std::error::Error>> {
        let mut w = spreadsheet::writer(path)?;
        w.write_record(header())?;
        for a in accepted {
            w.write_record(row(a))?;
        }
        w.flush()?;
        Ok(())
    };
    write().map_err(|e| format!("{} : écriture impossible ({e})", path.display()))
}

/// « 05/12/2026 14:03 » from an RFC 3339 stamp, at the time of day it was recorded.
pub fn date_time(stamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stamp)
        .map(|d| d.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|_| stamp.to_string())
}
