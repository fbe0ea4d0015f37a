//! Semantic checks of a glossary, located in the source like a scenario's.

use super::model::{Glossary, SPECIALTIES, Term};
use crate::scenario::Problem;
use crate::scenario::locate::Locator;
use crate::text::normalise;
use std::collections::HashMap;

pub fn validate(glossary: &Glossary, source: &str) -> Vec<Problem> {
    let locator = Locator::new(source);
    let mut problems = Vec::new();
    if glossary.terms.is_empty() {
        let at = locator.key("termes", 0).unwrap_or(0);
        let (line, col) = locator.line_col(at);
        problems.push(Problem::new(
            line,
            col,
            "le glossaire ne contient aucun terme",
        ));
        return problems;
    }
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut search_from = 0;
    for term in &glossary.terms {
        let at = locator
            .key_value("terme", &term.term, search_from)
            .unwrap_or(search_from);
        search_from = at + 1;
        let mut report = |key: &str, message: String| {
            let offset = locator.key(key, at).unwrap_or(at);
            let (line, col) = locator.line_col(offset);
            problems.push(Problem::new(line, col, message));
        };
        check_term(term, &mut report);
        let mut own: Vec<String> = Vec::new();
        for spelling in std::iter::once(&term.term).chain(&term.variants) {
            let key = normalise(spelling);
            // A variant that differs only by accents or case is harmless (answers are compared
            // without them), and not a duplicate of another term.
            if key.is_empty() || own.contains(&key) {
                continue;
            }
            own.push(key.clone());
            if let Some(first) = seen.get(&key) {
                report(
                    "terme",
                    format!("« {spelling} » figure déjà dans le glossaire (terme « {first} »)"),
                );
            } else {
                seen.insert(key, &term.term);
            }
        }
    }
    problems.sort_by_key(|p| (p.line, p.col));
    problems
}

fn check_term(term: &Term, report: &mut impl FnMut(&str, String)) {
    let name = &term.term;
    if normalise(name).is_empty() {
        report("terme", "le terme est vide".into());
        return;
    }
    let spellings: Vec<String> = std::iter::once(name)
        .chain(&term.variants)
        .map(|s| normalise(s))
        .filter(|s| !s.is_empty())
        .collect();
    let definition = normalise(&term.definition);
    if definition.is_empty() {
        report("definition", format!("« {name} » : la définition est vide"));
    } else if spellings.iter().any(|s| contains_words(&definition, s)) {
        report(
            "definition",
            format!(
                "« {name} » : la définition contient le terme lui-même (elle sert de question dans les exercices)"
            ),
        );
    }
    if !SPECIALTIES.contains(&term.specialty.as_str()) {
        report(
            "specialite",
            format!(
                "« {name} » : spécialité inconnue « {} » ; spécialités possibles : {}",
                term.specialty,
                SPECIALTIES.join(", ")
            ),
        );
    }
    if term.confusables.is_empty() {
        report(
            "confusions",
            format!("« {name} » : donnez au moins un mot avec lequel on le confond"),
        );
    }
    for confusable in &term.confusables {
        let c = normalise(confusable);
        if c.is_empty() {
            report("confusions", format!("« {name} » : une confusion est vide"));
        } else if spellings.contains(&c) {
            report(
                "confusions",
                format!("« {name} » : « {confusable} » est le terme lui-même, pas une confusion"),
            );
        }
    }
    if example_position(term).is_none() {
        report(
            "exemple",
            format!("« {name} » : la phrase d'exemple doit contenir le terme tel qu'il est écrit"),
        );
    }
    for abbreviation in &term.abbreviations {
        if abbreviation.trim().is_empty() {
            report(
                "abreviations",
                format!("« {name} » : une abréviation est vide"),
            );
        }
    }
    for root in &term.roots {
        if root.form.trim().is_empty() || root.meaning.trim().is_empty() {
            report(
                "racines",
                format!("« {name} » : chaque racine a une forme et un sens non vides"),
            );
        }
    }
}

/// Where the term (or a variant) appears verbatim in the example, ignoring case: the drills
/// misspell it in place. Returns the byte range in the example.
pub(crate) fn example_position(term: &Term) -> Option<(usize, usize)> {
    let example = term.example.to_lowercase();
    if example.len() != term.example.len() {
        return None;
    }
    std::iter::once(&term.term)
        .chain(&term.variants)
        .filter(|s| !s.trim().is_empty())
        .find_map(|s| {
            let wanted = s.to_lowercase();
            example.find(&wanted).map(|at| (at, at + wanted.len()))
        })
}

/// Whether normalised `text` contains normalised `words` as whole words.
fn contains_words(text: &str, words: &str) -> bool {
    let padded = format!(" {text} ");
    padded.contains(&format!(" {words} "))
}
