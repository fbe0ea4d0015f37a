//! A candidate's result file: who sat which exam, the report as shown, the actions that produced
//! it, and an HMAC-SHA256 signature with the exam's key. The signature stops casual edits (a score
//! changed in a text editor); it does not stop someone who holds the exam file, which contains the
//! key — exams are supervised.

use super::file::ExamFile;
use crate::journal::ActionLog;
use crate::scoring::Report;
use crate::shift::Resume;
use crate::sim::Mode;
use crate::store::{SessionKind, SessionRecord};
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a result file says it is.
pub const KIND: &str = "secretariat-resultat";
/// The version of the result file's format: readers refuse newer ones.
pub const FORMAT: u32 = 1;
/// How result files are named; `collect` reads these and nothing else.
pub const EXTENSION: &str = ".resultat.json";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultFile {
    pub kind: String,
    pub format: u32,
    pub exam_id: String,
    pub exam_title: String,
    /// The session's id (a UUID): two copies of one result are the same sitting.
    pub session_id: String,
    pub name: String,
    pub group: String,
    /// 1 for the first sitting of this candidate, 2 for the second…
    pub attempt: u32,
    /// RFC 3339 with the local offset.
    pub started_at: String,
    /// Real seconds of play (pauses and stalls excluded).
    pub real_seconds: f64,
    /// Game seconds from the start of the shift to its end.
    pub game_seconds: u32,
    /// The program that wrote it (a replay by another version may score differently).
    pub version: String,
    pub scenario_id: String,
    /// SHA-256 of the scenario's text, in hexadecimal.
    pub scenario_sha256: String,
    pub seed: u64,
    pub mode: Mode,
    /// Played by `simulate` (a scripted or automatic trainee), not by a candidate.
    pub simulated: bool,
    pub resumes: Vec<Resume>,
    pub report: Report,
    pub actions: ActionLog,
    /// HMAC-SHA256, in hexadecimal, of the file's canonical form without this field.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub signature: String,
}

impl ResultFile {
    /// The result of an exam session, unsigned.
    pub fn of_record(exam: &ExamFile, record: &SessionRecord) -> Result<ResultFile, String> {
        let Some(seat) = &record.exam else {
            return Err("cette séance n'est pas un examen : pas de fichier de résultat".into());
        };
        if seat.exam_id != exam.id {
            return Err(format!(
                "cette séance appartient à un autre examen que « {} »",
                exam.title
            ));
        }
        let report: Report = serde_json::from_value(record.report.clone()).map_err(|e| {
            format!(
                "le rapport de la séance est illisible ({})",
                super::json_problem(&e)
            )
        })?;
        Ok(ResultFile {
            kind: KIND.to_string(),
            format: FORMAT,
            exam_id: exam.id.clone(),
            exam_title: exam.title.clone(),
            session_id: record.id.clone(),
            name: seat.name.trim().to_string(),
            group: seat.group.trim().to_string(),
            attempt: seat.attempt,
            started_at: record.started_at.clone(),
            real_seconds: record.real_seconds,
            game_seconds: record.game_seconds,
            version: record.version.clone(),
            scenario_id: record.scenario_id.clone(),
            scenario_sha256: super::sha256_hex(&record.scenario_text),
            seed: record.seed,
            mode: record.mode,
            simulated: record.kind == SessionKind::Simulated,
            resumes: record.resumes.clone(),
            report,
            actions: record.actions.clone(),
            signature: String::new(),
        })
    }

    /// What the signature covers: the struct serialised without its signature, fields in the
    /// struct's order (stable, whatever the file's layout).
    fn canonical(&self) -> Vec<u8> {
        let unsigned = ResultFile {
            signature: String::new(),
            ..self.clone()
        };
        serde_json::to_vec(&unsigned).expect("a result always serialises")
    }

    fn mac(&self, key: &[u8]) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any size");
        mac.update(&self.canonical());
        mac
    }

    pub fn sign(&mut self, key: &[u8]) {
        self.signature = hex::encode(self.mac(key).finalize().into_bytes());
    }

    /// Whether the signature is this content's with this key (compared in constant time).
    pub fn signature_valid(&self, key: &[u8]) -> bool {
        hex::decode(&self.signature).is_ok_and(|sig| self.mac(key).verify_slice(&sig).is_ok())
    }

    /// Parses a result file's text. Errors say, in French, what the file is not.
    pub fn parse(text: &str) -> Result<ResultFile, String> {
        let result = match serde_json::from_str::<ResultFile>(text) {
            Ok(result) => result,
            // Read again for what it says it is: the clearest reason (the common case, a good
            // file, is read once).
            Err(e) => return Err(why_not_a_result(text, &e)),
        };
        if result.kind != KIND {
            return Err(not_a_result(Some(&result.kind)));
        }
        if result.format > FORMAT {
            return Err(newer(u64::from(result.format)));
        }
        Ok(result)
    }

    /// The file name the result is given: `<titre>-<nom>-<AAAAMMJJ-HHMMSS>`, before any suffix.
    fn base_name(&self) -> String {
        let title = Some(super::slug(&self.exam_title, 40))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "examen".into());
        let name = Some(super::slug(&self.name, 40))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "candidat".into());
        let stamp = chrono::DateTime::parse_from_rfc3339(&self.started_at)
            .map(|d| d.format("%Y%m%d-%H%M%S").to_string())
            .unwrap_or_else(|_| chrono::Local::now().format("%Y%m%d-%H%M%S").to_string());
        format!("{title}-{name}-{stamp}")
    }
}

/// What a file that does not read as a result says it is.
#[derive(Deserialize)]
struct Label {
    kind: Option<String>,
    format: Option<u64>,
}

fn why_not_a_result(text: &str, error: &serde_json::Error) -> String {
    let Ok(label) = serde_json::from_str::<Label>(text) else {
        return match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Err(syntax) => format!(
                "ce n'est pas un fichier de résultat ({})",
                super::json_problem(&syntax)
            ),
            Ok(_) => not_a_result(None),
        };
    };
    if label.kind.as_deref() != Some(KIND) {
        return not_a_result(label.kind.as_deref());
    }
    match label.format {
        Some(format) if format > u64::from(FORMAT) => newer(format),
        _ => format!(
            "fichier de résultat incomplet ou abîmé ({})",
            super::json_problem(error)
        ),
    }
}

fn not_a_result(kind: Option<&str>) -> String {
    if kind == Some(super::file::KIND) {
        "c'est un fichier d'examen, pas un résultat de candidat".into()
    } else {
        "ce n'est pas un fichier de résultat de Secrétariat".into()
    }
}

fn newer(format: u64) -> String {
    format!(
        "résultat écrit par une version plus récente de Secrétariat (format {format}) : mettez le logiciel à jour"
    )
}

/// Writes the signed result of an exam session in `folder` (created if needed), under a name of
/// its own: an existing file is never replaced. Returns the file's path.
pub fn write_result(
    exam: &ExamFile,
    record: &SessionRecord,
    folder: &Path,
) -> Result<PathBuf, String> {
    let mut result = ResultFile::of_record(exam, record)?;
    let key = exam
        .key_bytes()
        .ok_or("la clé de signature du fichier d'examen est abîmée")?;
    result.sign(&key);
    let text = serde_json::to_string_pretty(&result).expect("a result always serialises");
    let cannot = |e: std::io::Error| {
        format!(
            "le résultat ne peut pas être écrit dans {} ({e})",
            folder.display()
        )
    };
    std::fs::create_dir_all(folder).map_err(cannot)?;
    let base = result.base_name();
    for n in 1..=1000 {
        let name = if n == 1 {
            format!("{base}{EXTENSION}")
        } else {
            format!("{base}-{n}{EXTENSION}")
        };
        let path = folder.join(name);
        match write_new(&path, text.as_bytes()) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(cannot(e)),
        }
    }
    Err(format!(
        "le résultat ne peut pas être écrit dans {} : trop de fichiers du même nom",
        folder.display()
    ))
}

/// Creates `path` (never replacing a file) with `bytes`, flushed to the disk. A file that could
/// not be written whole is removed, so that no half result is left behind.
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if written.is_err() {
        drop(file);
        let _ = std::fs::remove_file(path);
    }
    written
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::journal::{ExamSeat, Header};
    use crate::policy::{self, PolicyKind};
    use crate::scoring;
    use serde_json::Value;
    use std::sync::Arc;

    pub(crate) const EXAMPLE: &str = include_str!("../../tests/fixtures/exemple-v1.ron");

    pub(crate) fn exam() -> ExamFile {
        ExamFile::new(
            "Examen de décembre",
            "exemple-v1.ron",
            EXAMPLE.into(),
            7,
            2,
            1.0,
        )
        .unwrap()
    }

    /// A session of `exam` played by a policy, with one resumption so that every field has data.
    pub(crate) fn record(exam: &ExamFile, name: &str, kind: PolicyKind) -> SessionRecord {
        let scenario = Arc::new(exam.scenario().unwrap());
        let log = policy::run(Arc::clone(&scenario), exam.seed, Mode::Exam, kind);
        let report = scoring::score(&scenario, &log);
        let header = Header {
            exam: Some(ExamSeat {
                exam_id: exam.id.clone(),
                title: exam.title.clone(),
                name: name.into(),
                group: "BTS-2".into(),
                attempt: 1,
                exam_file: None,
                result_folder: None,
            }),
            ..Header::new(exam.scenario_text.clone(), None, exam.seed, Mode::Exam, 1.0)
        };
        let resume = Resume {
            at: "08:12:00".into(),
            date: "2026-12-05T14:03:00+01:00".into(),
        };
        SessionRecord::of_play(
            &header,
            &scenario,
            &report,
            ActionLog::of_log(&log),
            812.4,
            2700,
            vec![resume],
        )
    }

    fn signed(exam: &ExamFile) -> ResultFile {
        let mut result =
            ResultFile::of_record(exam, &record(exam, "Zoé Lefèvre", PolicyKind::Naive)).unwrap();
        result.sign(&exam.key_bytes().unwrap());
        result
    }

    /// The JSON pointer of every number, string and boolean under `value`.
    fn leaves(value: &Value, at: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    leaves(v, format!("{at}/{k}"), out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    leaves(v, format!("{at}/{i}"), out);
                }
            }
            Value::Null => {}
            _ => out.push(at),
        }
    }

    /// The same leaf, one byte different (a number one more, a boolean flipped).
    fn changed(leaf: &Value) -> Value {
        match leaf {
            Value::String(s) => {
                let mut bytes = s.clone().into_bytes();
                match bytes.last_mut() {
                    Some(b) if b.is_ascii_alphanumeric() => {
                        *b = if *b == b'a' { b'b' } else { b'a' }
                    }
                    _ => bytes.push(b'x'),
                }
                Value::String(String::from_utf8(bytes).unwrap())
            }
            Value::Number(n) => match n.as_u64() {
                Some(u) => Value::from(u + 1),
                None => Value::from(n.as_f64().unwrap() + 1.0),
            },
            Value::Bool(b) => Value::Bool(!b),
            other => other.clone(),
        }
    }

    #[test]
    fn a_signed_result_verifies_with_its_key_only() {
        let exam = exam();
        let result = signed(&exam);
        assert_eq!(result.signature.len(), 64);
        assert!(result.signature_valid(&exam.key_bytes().unwrap()));
        assert!(!result.signature_valid(&other_exam_key()));
        let mut forged = result.clone();
        forged.signature = "00".repeat(32);
        assert!(!forged.signature_valid(&exam.key_bytes().unwrap()));
        forged.signature = "pas de l'hexadécimal".into();
        assert!(!forged.signature_valid(&exam.key_bytes().unwrap()));
    }

    fn other_exam_key() -> Vec<u8> {
        exam().key_bytes().unwrap()
    }

    #[test]
    fn the_signature_does_not_depend_on_the_file_layout() {
        let exam = exam();
        let result = signed(&exam);
        let key = exam.key_bytes().unwrap();
        for text in [
            serde_json::to_string(&result).unwrap(),
            serde_json::to_string_pretty(&result).unwrap(),
        ] {
            assert!(ResultFile::parse(&text).unwrap().signature_valid(&key));
        }
    }

    #[test]
    fn changing_any_field_by_one_byte_breaks_the_signature() {
        let exam = exam();
        let key = exam.key_bytes().unwrap();
        let original = serde_json::to_value(signed(&exam)).unwrap();
        let mut pointers = Vec::new();
        leaves(&original, String::new(), &mut pointers);
        pointers.retain(|p| p != "/signature");
        let mut still_readable = 0;
        for pointer in &pointers {
            let mut value = original.clone();
            let leaf = value.pointer_mut(pointer).unwrap();
            *leaf = changed(leaf);
            // A change that no longer reads as a result is refused as such; one that reads must
            // fail the signature.
            if let Ok(result) = serde_json::from_value::<ResultFile>(value) {
                still_readable += 1;
                assert!(!result.signature_valid(&key), "{pointer} changed unnoticed");
            }
        }
        let top_level = [
            "/exam_id",
            "/name",
            "/group",
            "/attempt",
            "/real_seconds",
            "/seed",
        ];
        assert!(top_level.iter().all(|p| pointers.iter().any(|q| q == p)));
        assert!(pointers.iter().any(|p| p.starts_with("/actions/lines/")));
        assert!(pointers.iter().any(|p| p.starts_with("/resumes/0/")));
        assert!(pointers.iter().any(|p| p == "/report/scores/overall"));
        assert!(
            still_readable > 100,
            "only {still_readable} changes were tried"
        );
    }

    #[test]
    fn results_are_named_after_exam_candidate_and_time_and_never_replaced() {
        let exam = exam();
        let record = record(&exam, "Zoé Lefèvre", PolicyKind::Ideal);
        let folder = std::env::temp_dir().join(format!("secretariat-result-{}", record.id));
        let first = write_result(&exam, &record, &folder).unwrap();
        let second = write_result(&exam, &record, &folder).unwrap();
        let stamp = chrono::DateTime::parse_from_rfc3339(&record.started_at)
            .unwrap()
            .format("%Y%m%d-%H%M%S")
            .to_string();
        let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(
            name(&first),
            format!("examen-de-decembre-zoe-lefevre-{stamp}.resultat.json")
        );
        assert_eq!(
            name(&second),
            format!("examen-de-decembre-zoe-lefevre-{stamp}-2.resultat.json")
        );
        let read = ResultFile::parse(&std::fs::read_to_string(&first).unwrap()).unwrap();
        assert!(read.signature_valid(&exam.key_bytes().unwrap()));
        assert_eq!(
            (read.name.as_str(), read.group.as_str()),
            ("Zoé Lefèvre", "BTS-2")
        );
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn files_that_are_not_results_say_what_they_are() {
        let exam = exam();
        let mut value = serde_json::to_value(signed(&exam)).unwrap();
        let parse = |v: &Value| ResultFile::parse(&v.to_string());
        assert!(parse(&value).is_ok());
        value["format"] = 2.into();
        assert!(
            parse(&value)
                .unwrap_err()
                .contains("plus récente de Secrétariat (format 2)")
        );
        value["format"] = 1.into();
        value["kind"] = "autre".into();
        assert_eq!(
            parse(&value).unwrap_err(),
            "ce n'est pas un fichier de résultat de Secrétariat"
        );
        value["kind"] = KIND.into();
        value.as_object_mut().unwrap().remove("report");
        assert_eq!(
            parse(&value).unwrap_err(),
            "fichier de résultat incomplet ou abîmé (le champ « report » manque)"
        );
        let exam_text = serde_json::to_string(&exam).unwrap();
        assert!(
            ResultFile::parse(&exam_text)
                .unwrap_err()
                .contains("fichier d'examen")
        );
        assert!(
            ResultFile::parse("[1, 2]")
                .unwrap_err()
                .contains("de Secrétariat")
        );
        assert!(
            ResultFile::parse("[1, 2")
                .unwrap_err()
                .starts_with("ce n'est pas un fichier de résultat (JSON tronqué")
        );
    }

    #[test]
    fn a_session_that_is_not_this_exam_gets_no_result_file() {
        let exam = exam();
        let mut record = record(&exam, "Zoé Lefèvre", PolicyKind::Ideal);
        let err = ResultFile::of_record(&self::exam(), &record).unwrap_err();
        assert!(err.contains("autre examen"), "{err}");
        record.exam = None;
        let err = ResultFile::of_record(&exam, &record).unwrap_err();
        assert!(err.contains("pas un examen"), "{err}");
    }
}
