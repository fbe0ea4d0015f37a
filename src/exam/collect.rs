//! Checking a class's results: every `*.resultat.json` of a folder is read, its signature, exam,
//! scenario and seed checked, and its actions replayed: the report they give must be the one the
//! file holds. What fails is rejected with a French reason; nothing stops the others.

use super::file::ExamFile;
use super::result::{EXTENSION, ResultFile};
use crate::scenario::{Scenario, load};
use crate::scoring;
use crate::shift;
use crate::sim::Mode;
use crate::text::normalise;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A result that passed every check.
#[derive(Clone, Debug)]
pub struct Accepted {
    pub path: PathBuf,
    pub result: ResultFile,
}

/// A file refused, and why (a French sentence).
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub path: PathBuf,
    pub reason: String,
}

#[derive(Clone, Debug, Default)]
pub struct Collection {
    /// Sorted by group, name, attempt.
    pub accepted: Vec<Accepted>,
    /// In file name order.
    pub rejected: Vec<Rejected>,
    /// What the instructor should look at without a file being refused (too many attempts).
    pub warnings: Vec<String>,
}

/// What every result is checked against, worked out once for the class.
struct Reference<'a> {
    exam: &'a ExamFile,
    key: Vec<u8>,
    sha256: String,
    scenario: Arc<Scenario>,
}

/// Checks every result file directly in `folder` (not in subfolders; other files are ignored).
/// Errors: the folder cannot be listed, or the exam file is damaged.
pub fn collect(folder: &Path, exam: &ExamFile) -> Result<Collection, String> {
    let reference = Reference {
        exam,
        key: exam
            .key_bytes()
            .ok_or("la clé de signature du fichier d'examen est abîmée")?,
        sha256: exam.scenario_sha256(),
        scenario: Arc::new(exam.scenario()?),
    };
    let mut collection = Collection::default();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for path in result_files(folder)? {
        match check(&path, &reference) {
            Ok(result) => {
                if let Some(first) = seen.get(&result.session_id) {
                    collection.rejected.push(Rejected {
                        reason: format!("copie de « {} » (même passage)", file_name(first)),
                        path,
                    });
                } else {
                    seen.insert(result.session_id.clone(), path.clone());
                    collection.accepted.push(Accepted { path, result });
                }
            }
            Err(reason) => collection.rejected.push(Rejected { path, reason }),
        }
    }
    collection.accepted.sort_by_cached_key(|a| {
        let r = &a.result;
        (
            normalise(&r.group),
            normalise(&r.name),
            r.attempt,
            r.started_at.clone(),
        )
    });
    collection.warnings = too_many_attempts(&collection.accepted, exam.attempts);
    Ok(collection)
}

/// The `*.resultat.json` files directly in `folder`, sorted by name.
fn result_files(folder: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(folder).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "dossier introuvable".to_string(),
            std::io::ErrorKind::NotADirectory => "ce n'est pas un dossier".to_string(),
            _ => format!("dossier illisible ({e})"),
        };
        format!("{} : {why}", folder.display())
    })?;
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| is_result_name(p))
        .collect();
    paths.sort();
    Ok(paths)
}

fn is_result_name(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().to_lowercase().ends_with(EXTENSION))
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads one result file and runs every check, in the order that gives the clearest reason.
fn check(path: &Path, reference: &Reference) -> Result<ResultFile, String> {
    let result = read_result(path)?;
    let exam = reference.exam;
    if result.exam_id != exam.id {
        return Err(format!(
            "résultat d'un autre examen (« {} »)",
            result.exam_title
        ));
    }
    if !result.signature_valid(&reference.key) {
        return Err("signature invalide : fichier modifié".into());
    }
    if result.scenario_sha256 != reference.sha256 {
        return Err("le scénario joué n'est pas celui de l'examen".into());
    }
    if result.seed != exam.seed {
        return Err(format!(
            "graine {} au lieu de {} : ce n'est pas la vacation de l'examen",
            result.seed, exam.seed
        ));
    }
    if result.mode != Mode::Exam {
        return Err("vacation jouée en mode entraînement, pas en mode examen".into());
    }
    let sim = shift::replay(
        Arc::clone(&reference.scenario),
        exam.seed,
        Mode::Exam,
        &result.actions.lines,
    );
    let replayed = scoring::score(&reference.scenario, &sim.log());
    // Field by field, as their JSON would compare (and four times cheaper than building it).
    if replayed != result.report {
        let ours = env!("CARGO_PKG_VERSION");
        return Err(if result.version == ours {
            "le rapport ne correspond pas aux actions enregistrées".into()
        } else {
            format!(
                "le rapport ne correspond pas aux actions enregistrées (résultat écrit par la version {} de Secrétariat, vérifié par la version {ours})",
                result.version
            )
        });
    }
    Ok(result)
}

/// Reads and parses a result file; anything but a regular file is refused before reading.
fn read_result(path: &Path) -> Result<ResultFile, String> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "fichier disparu pendant la lecture".to_string(),
        std::io::ErrorKind::PermissionDenied => "lecture refusée (droits insuffisants)".into(),
        _ => format!("fichier illisible ({e})"),
    })?;
    if !meta.is_file() {
        return Err("ce n'est pas un fichier ordinaire".into());
    }
    let text = load::read_text(path).map_err(|p| p.message)?;
    ResultFile::parse(&text)
}

/// One identity per candidate, whatever the case, accents or spaces typed.
fn candidate_key(result: &ResultFile) -> (String, String) {
    (normalise(&result.group), normalise(&result.name))
}

fn too_many_attempts(accepted: &[Accepted], allowed: u32) -> Vec<String> {
    let mut counts: Vec<((String, String), u32, &ResultFile)> = Vec::new();
    for a in accepted {
        let key = candidate_key(&a.result);
        match counts.iter_mut().find(|(k, _, _)| *k == key) {
            Some(entry) => entry.1 += 1,
            None => counts.push((key, 1, &a.result)),
        }
    }
    counts
        .into_iter()
        .filter(|(_, n, _)| *n > allowed)
        .map(|(_, n, r)| {
            format!(
                "{} a {n} résultats alors que l'examen permet {allowed} passage{} : toutes ses lignes sont dans le tableau",
                who(r),
                if allowed > 1 { "s" } else { "" }
            )
        })
        .collect()
}

/// « Zoé Lefèvre (BTS-2) ».
pub fn who(result: &ResultFile) -> String {
    if result.group.is_empty() {
        result.name.clone()
    } else {
        format!("{} ({})", result.name, result.group)
    }
}

/// The last attempt of this candidate at this exam among the results `folder` already holds, 0 if
/// none (signatures are not checked: this only numbers the next attempt).
pub fn last_attempt_in(folder: &Path, exam: &ExamFile, name: &str, group: &str) -> u32 {
    let wanted = (normalise(group), normalise(name));
    let Ok(paths) = result_files(folder) else {
        return 0;
    };
    paths
        .iter()
        .filter_map(|p| read_result(p).ok())
        .filter(|r| r.exam_id == exam.id && candidate_key(r) == wanted)
        .map(|r| r.attempt)
        .max()
        .unwrap_or(0)
}
