//! The exam file an instructor prepares and hands out: everything a candidate's program needs to
//! play the same shift as the others, and the key that signs the results.

use crate::scenario::{Scenario, load};
use crate::sim::Mode;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What an exam file says it is, for a clear error on any other JSON file.
pub const KIND: &str = "secretariat-examen";
/// The version of the exam file's format: readers refuse newer ones.
pub const FORMAT: u32 = 1;
/// How exam files are named.
pub const EXTENSION: &str = ".examen.json";

/// Bytes of the signing key.
const KEY_BYTES: usize = 32;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExamFile {
    pub kind: String,
    pub format: u32,
    /// A UUID v4: results name the exam they belong to.
    pub id: String,
    pub title: String,
    /// RFC 3339 with the local offset.
    pub created_at: String,
    /// The scenario's file name, for the instructor's information.
    pub scenario_file: String,
    /// The scenario's text: every candidate plays it, whatever happens to the file since.
    pub scenario_text: String,
    pub seed: u64,
    pub mode: Mode,
    /// Game seconds per real second.
    pub speed: f32,
    /// How many times a candidate may sit the exam on the same computer.
    pub attempts: u32,
    /// The signing key, in hexadecimal. Whoever holds the file can sign: exams are supervised.
    pub key: String,
}

impl ExamFile {
    /// A new exam on `scenario_text` (checked), with a fresh id and key.
    pub fn new(
        title: &str,
        scenario_file: &str,
        scenario_text: String,
        seed: u64,
        attempts: u32,
        speed: f32,
    ) -> Result<ExamFile, String> {
        let mut key = [0u8; KEY_BYTES];
        getrandom::fill(&mut key).map_err(|e| {
            format!("le système n'a pas fourni de nombres aléatoires pour la clé de l'examen ({e})")
        })?;
        let exam = ExamFile {
            kind: KIND.to_string(),
            format: FORMAT,
            id: uuid::Uuid::new_v4().to_string(),
            title: title.trim().to_string(),
            created_at: crate::journal::now_stamp(),
            scenario_file: scenario_file.to_string(),
            scenario_text,
            seed,
            mode: Mode::Exam,
            speed,
            attempts,
            key: hex::encode(key),
        };
        exam.scenario()?;
        Ok(exam)
    }

    /// Reads and checks an exam file; errors are French sentences naming the file.
    pub fn read(path: &Path) -> Result<ExamFile, String> {
        let shown = path.display();
        let text = load::read_text(path).map_err(|p| format!("{shown} : {}", p.message))?;
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{shown} : ce n'est pas un fichier d'examen ({})",
                super::json_problem(&e)
            )
        })?;
        match value.get("kind").and_then(|k| k.as_str()) {
            Some(KIND) => {}
            Some(super::result::KIND) => {
                return Err(format!(
                    "{shown} : c'est le fichier de résultat d'un candidat, pas le fichier d'examen"
                ));
            }
            _ => {
                return Err(format!(
                    "{shown} : ce n'est pas un fichier d'examen de Secrétariat"
                ));
            }
        }
        let format = value.get("format").and_then(|f| f.as_u64()).unwrap_or(0);
        if format > u64::from(FORMAT) {
            return Err(format!(
                "{shown} : fichier d'examen écrit par une version plus récente de Secrétariat (format {format}) : mettez le logiciel à jour"
            ));
        }
        let exam: ExamFile = serde_json::from_value(value).map_err(|e| {
            format!(
                "{shown} : fichier d'examen incomplet ou abîmé ({})",
                super::json_problem(&e)
            )
        })?;
        if exam.key_bytes().is_none() {
            return Err(format!(
                "{shown} : la clé de signature du fichier d'examen est abîmée"
            ));
        }
        exam.scenario().map_err(|e| format!("{shown} : {e}"))?;
        Ok(exam)
    }

    /// Writes the exam file, refusing to replace an existing one (its key signs results).
    pub fn write(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string_pretty(self).expect("an exam file always serialises");
        super::result::write_new(path, text.as_bytes())
            .map_err(|e| format!("{} : écriture impossible ({e})", path.display()))
    }

    /// The exam's scenario, loaded from its text.
    pub fn scenario(&self) -> Result<Scenario, String> {
        load::load_scenario_str(&self.scenario_text).map_err(|problems| {
            let listed: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            format!(
                "le scénario contenu dans l'examen n'est pas valide ({})",
                listed.join(" ; ")
            )
        })
    }

    /// The signing key's bytes (`None` if the file's key is damaged).
    pub fn key_bytes(&self) -> Option<Vec<u8>> {
        hex::decode(&self.key).ok().filter(|k| k.len() == KEY_BYTES)
    }

    /// SHA-256 of the scenario's text, as results record it.
    pub fn scenario_sha256(&self) -> String {
        super::sha256_hex(&self.scenario_text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../tests/fixtures/exemple-v1.ron");

    fn exam() -> ExamFile {
        ExamFile::new("Examen", "exemple-v1.ron", EXAMPLE.into(), 7, 1, 1.0).unwrap()
    }

    /// Writes `text` in a fresh file and reads it as an exam.
    fn read_text_as_exam(name: &str, text: &str) -> Result<ExamFile, String> {
        let dir = std::env::temp_dir().join(format!(
            "secretariat-examfile-{name}-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("x.examen.json");
        std::fs::write(&path, text).unwrap();
        let read = ExamFile::read(&path);
        std::fs::remove_dir_all(&dir).unwrap();
        read
    }

    #[test]
    fn a_new_exam_has_its_own_id_and_key_from_the_system() {
        let (a, b) = (exam(), exam());
        assert_ne!(a.id, b.id);
        assert_ne!(a.key, b.key);
        assert_eq!(a.key_bytes().unwrap().len(), 32);
        assert_eq!(uuid::Uuid::parse_str(&a.id).unwrap().get_version_num(), 4);
        assert_eq!(a.mode, Mode::Exam);
    }

    #[test]
    fn an_exam_file_reads_back_as_written() {
        let exam = exam();
        let text = serde_json::to_string_pretty(&exam).unwrap();
        assert_eq!(read_text_as_exam("same", &text).unwrap(), exam);
    }

    #[test]
    fn wrong_files_are_refused_in_french() {
        let mut value = serde_json::to_value(exam()).unwrap();
        let err = read_text_as_exam("notjson", "Scenario(id: \"x\")").unwrap_err();
        assert!(
            err.contains("ce n'est pas un fichier d'examen (JSON mal formé"),
            "{err}"
        );
        let err = read_text_as_exam("other", "{\"kind\": \"autre\"}").unwrap_err();
        assert!(
            err.ends_with("ce n'est pas un fichier d'examen de Secrétariat"),
            "{err}"
        );
        let err = read_text_as_exam("result", "{\"kind\": \"secretariat-resultat\"}").unwrap_err();
        assert!(err.contains("fichier de résultat d'un candidat"), "{err}");

        value["format"] = 2.into();
        let err = read_text_as_exam("newer", &value.to_string()).unwrap_err();
        assert!(
            err.contains("version plus récente de Secrétariat (format 2)"),
            "{err}"
        );

        value["format"] = 1.into();
        value["key"] = "abc".into();
        let err = read_text_as_exam("key", &value.to_string()).unwrap_err();
        assert!(err.contains("clé de signature"), "{err}");

        value["key"] = exam().key.into();
        value["scenario_text"] = EXAMPLE.replacen("id:", "idd:", 1).into();
        let err = read_text_as_exam("scenario", &value.to_string()).unwrap_err();
        assert!(
            err.contains("le scénario contenu dans l'examen n'est pas valide"),
            "{err}"
        );

        value.as_object_mut().unwrap().remove("seed");
        let err = read_text_as_exam("missing", &value.to_string()).unwrap_err();
        assert!(
            err.contains("incomplet ou abîmé (le champ « seed » manque)"),
            "{err}"
        );
    }

    #[test]
    fn an_invalid_scenario_makes_no_exam() {
        let err = ExamFile::new("x", "x.ron", "Scenario(".into(), 1, 1, 1.0).unwrap_err();
        assert!(err.contains("n'est pas valide"), "{err}");
    }
}
