//! Class exams. The instructor prepares an exam file (`file`): the scenario's text, the seed and a
//! secret key. Each candidate's shift ends in a result file (`result`) signed with that key. The
//! instructor gathers the result files in one folder and `collect` checks them — signature, exam,
//! scenario, seed, and a replay of the actions that must give the same report — then writes the
//! class's table (`table`, CSV for French spreadsheets) and, if asked, xAPI statements (`xapi`).

pub mod collect;
pub mod file;
pub mod result;
pub mod table;
pub mod xapi;

pub use collect::{Accepted, Collection, Rejected, collect};
pub use file::ExamFile;
pub use result::{ResultFile, write_result};

pub use crate::digest::sha256_hex;

/// A piece of a file name: lower case, no accents, words joined by hyphens, at most `max` chars.
pub fn slug(text: &str, max: usize) -> String {
    let words = crate::text::normalise(text);
    let mut out = String::new();
    for word in words.split(' ').filter(|w| !w.is_empty()) {
        let word: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
        if word.is_empty() || out.len() + word.len() + 1 > max {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word);
    }
    out
}

/// What is wrong with a JSON file, in French (serde_json speaks English).
pub fn json_problem(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let at = if e.line() > 0 {
        format!(" (ligne {}, colonne {})", e.line(), e.column())
    } else {
        String::new()
    };
    match e.classify() {
        Category::Io => format!("lecture impossible{at}"),
        Category::Syntax => format!("JSON mal formé{at}"),
        Category::Eof => format!("JSON tronqué, le fichier s'arrête trop tôt{at}"),
        Category::Data => {
            let message = e.to_string();
            match message
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split('`').next())
            {
                // Its position would be the end of the object that lacks it: no help.
                Some(field) => format!("le champ « {field} » manque"),
                None => format!("un champ n'a pas la forme attendue{at}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_a_known_text() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn slugs_are_plain_ascii_words() {
        assert_eq!(slug("Zoé Lefèvre", 40), "zoe-lefevre");
        assert_eq!(
            slug("  Examen n°2 : l'accueil !", 40),
            "examen-n-2-l-accueil"
        );
        assert_eq!(slug("Œdème", 40), "oedeme");
        assert_eq!(slug("un deux trois", 8), "un-deux");
        assert_eq!(slug("李", 40), "");
    }

    #[test]
    fn json_problems_are_told_in_french() {
        let syntax = serde_json::from_str::<serde_json::Value>("{ x").unwrap_err();
        assert_eq!(json_problem(&syntax), "JSON mal formé (ligne 1, colonne 3)");
        let cut = serde_json::from_str::<serde_json::Value>("{\"a\": [1,").unwrap_err();
        assert!(
            json_problem(&cut).starts_with("JSON tronqué"),
            "{}",
            json_problem(&cut)
        );
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Needs {
            report: u32,
        }
        let missing = serde_json::from_value::<Needs>(serde_json::json!({})).unwrap_err();
        assert_eq!(json_problem(&missing), "le champ « report » manque");
        let wrong =
            serde_json::from_value::<Needs>(serde_json::json!({"report": "x"})).unwrap_err();
        assert_eq!(json_problem(&wrong), "un champ n'a pas la forme attendue");
    }
}
