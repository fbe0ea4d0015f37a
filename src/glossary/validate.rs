//! Semantic checks of a glossary, located in the source like a scenario's.

use super::model::{DOMAINS, Glossary, GlossarySource, SPECIALTIES, Term};
use crate::scenario::Problem;
use crate::scenario::locate::Locator;
use crate::text::normalise;
use std::collections::HashMap;

/// Checks every term of the file as written and builds the glossary if nothing is wrong.
pub fn validate(file: GlossarySource, source: &str) -> Result<Glossary, Vec<Problem>> {
    let locator = Locator::new(source);
    let mut problems = Vec::new();
    if file.termes.is_empty() {
        let at = locator.key("termes", 0).unwrap_or(0);
        let (line, col) = locator.line_col(at);
        problems.push(Problem::new(
            line,
            col,
            "le glossaire ne contient aucun terme",
        ));
        return Err(problems);
    }
    // Where each term starts (its `terme:` key): a term's other keys are looked for between its
    // start and the next term's, never in a later term.
    let mut starts = Vec::with_capacity(file.termes.len());
    let mut search_from = 0;
    for raw in &file.termes {
        let at = locator
            .key_value("terme", &raw.terme, search_from)
            .unwrap_or(search_from);
        starts.push(at);
        search_from = at + 1;
    }
    let resolved: Vec<_> = file
        .termes
        .into_iter()
        .map(|raw| {
            let old_form = raw.specialite.is_some();
            let (term, clash) = raw.resolve();
            (term, old_form, clash)
        })
        .collect();
    // The abbreviations of every term, to catch a confusable named by its abbreviation (« APA »).
    let abbreviations: HashMap<String, Vec<String>> = resolved
        .iter()
        .map(|(t, ..)| {
            let own = t.abbreviations.iter().map(|a| normalise(a)).collect();
            (normalise(&t.term), own)
        })
        .collect();
    let mut seen: HashMap<String, String> = HashMap::new();
    for (i, (term, old_form, clash)) in resolved.iter().enumerate() {
        let at = starts[i];
        let end = starts
            .get(i + 1)
            .copied()
            .filter(|&next| next > at)
            .unwrap_or(source.len());
        // The first of `keys` written in this term, else the term itself.
        let mut report = |keys: &[&str], message: String| {
            let offset = keys
                .iter()
                .find_map(|key| locator.key(key, at).filter(|&o| o < end))
                .unwrap_or(at);
            let (line, col) = locator.line_col(offset);
            problems.push(Problem::new(line, col, message));
        };
        if let Some(clash) = clash {
            report(&["specialite"], clash.message(&term.term));
        }
        check_term(term, *old_form, &abbreviations, &mut report);
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
                    &["terme"],
                    format!("« {spelling} » figure déjà dans le glossaire (terme « {first} »)"),
                );
            } else {
                seen.insert(key, term.term.clone());
            }
        }
    }
    if problems.is_empty() {
        Ok(Glossary {
            terms: resolved.into_iter().map(|(t, ..)| t).collect(),
        })
    } else {
        problems.sort_by_key(|p| (p.line, p.col));
        Err(problems)
    }
}

/// `old_form`: the specialty or domain came from `specialite: "…"` (problems point at it).
/// `abbreviations`: each term's (normalised name → normalised abbreviations).
fn check_term(
    term: &Term,
    old_form: bool,
    abbreviations: &HashMap<String, Vec<String>>,
    report: &mut impl FnMut(&[&str], String),
) {
    let name = &term.term;
    if normalise(name).is_empty() {
        report(&["terme"], "le terme est vide".into());
        return;
    }
    let spellings: Vec<String> = std::iter::once(name)
        .chain(&term.variants)
        .map(|s| normalise(s))
        .filter(|s| !s.is_empty())
        .collect();
    let definition = normalise(&term.definition);
    if definition.is_empty() {
        report(
            &["definition"],
            format!("« {name} » : la définition est vide"),
        );
    } else if spellings.iter().any(|s| contains_words(&definition, s)) {
        report(
            &["definition"],
            format!(
                "« {name} » : la définition contient le terme lui-même (elle sert de question dans les exercices)"
            ),
        );
    }
    check_fields(term, old_form, report);
    if term.confusables.is_empty() {
        report(
            &["confusions"],
            format!("« {name} » : donnez au moins un mot avec lequel on le confond"),
        );
    }
    for confusable in &term.confusables {
        let c = normalise(confusable);
        if c.is_empty() {
            report(
                &["confusions"],
                format!("« {name} » : une confusion est vide"),
            );
        } else if spellings.contains(&c) {
            report(
                &["confusions"],
                format!("« {name} » : « {confusable} » est le terme lui-même, pas une confusion"),
            );
        } else if let Some(named) = named_in(&definition, confusable, &c, abbreviations) {
            report(
                &["confusions"],
                format!(
                    "« {name} » : la définition nomme {named}, donné en confusion ; un mot que la \
                     définition emploie (une partie et son tout, une maladie et sa cause) n'est \
                     pas un mot qu'on écrit par erreur à la place du terme. Donnez plutôt un mot \
                     réel qui s'écrit ou se prononce presque pareil (iléon et ilion, coloscopie et \
                     colposcopie), ou retirez celui-ci"
                ),
            );
        }
    }
    if example_position(term).is_none() {
        report(
            &["exemple"],
            format!("« {name} » : la phrase d'exemple doit contenir le terme tel qu'il est écrit"),
        );
    }
    for abbreviation in &term.abbreviations {
        if abbreviation.trim().is_empty() {
            report(
                &["abreviations"],
                format!("« {name} » : une abréviation est vide"),
            );
        }
    }
    for root in &term.roots {
        if root.form.trim().is_empty() || root.meaning.trim().is_empty() {
            report(
                &["racines"],
                format!("« {name} » : chaque racine a une forme et un sens non vides"),
            );
        }
    }
}

/// Specialties from the closed list, each once; a domain from its own list; one or the other.
fn check_fields(term: &Term, old_form: bool, report: &mut impl FnMut(&[&str], String)) {
    let name = &term.term;
    let specialty_keys: &[&str] = if old_form {
        &["specialite", "specialites"]
    } else {
        &["specialites", "specialite"]
    };
    let domain_keys: &[&str] = if old_form && term.specialties.is_empty() {
        &["specialite", "domaine"]
    } else {
        &["domaine", "specialite"]
    };
    if term.specialties.is_empty() && term.domain.is_none() {
        report(
            specialty_keys,
            format!(
                "« {name} » : donnez au moins une spécialité (`specialites: [\"cardiologie\"]`) ou \
                 un domaine (`domaine: \"anatomie\"`)"
            ),
        );
    }
    for (i, specialty) in term.specialties.iter().enumerate() {
        if DOMAINS.contains(&specialty.as_str()) {
            report(
                specialty_keys,
                format!(
                    "« {name} » : « {specialty} » est un domaine, pas une spécialité : écrivez \
                     `domaine: \"{specialty}\"` (et gardez dans `specialites` les spécialités qui \
                     emploient le terme)"
                ),
            );
        } else if !SPECIALTIES.contains(&specialty.as_str()) {
            report(
                specialty_keys,
                format!(
                    "« {name} » : spécialité inconnue « {specialty} » ; spécialités possibles : {}",
                    SPECIALTIES.join(", ")
                ),
            );
        } else if term.specialties[..i].contains(specialty) {
            report(
                specialty_keys,
                format!("« {name} » : la spécialité « {specialty} » est écrite deux fois"),
            );
        }
    }
    if let Some(domain) = &term.domain
        && !DOMAINS.contains(&domain.as_str())
    {
        let hint = if SPECIALTIES.contains(&domain.as_str()) {
            format!(" ; « {domain} » est une spécialité : mettez-la dans `specialites`")
        } else {
            String::new()
        };
        report(
            domain_keys,
            format!(
                "« {name} » : domaine inconnu « {domain} » ; domaines possibles : {}{hint}",
                DOMAINS.join(", ")
            ),
        );
    }
}

/// Where the term (or a variant) appears in the example, ignoring case: the drills misspell it
/// in place. Returns a byte range of the example itself, always on character boundaries (case
/// is compared character by character, so letters whose lowercase is longer or shorter, like
/// « İ » or « ẞ », shift nothing).
pub(crate) fn example_position(term: &Term) -> Option<(usize, usize)> {
    std::iter::once(&term.term)
        .chain(&term.variants)
        .filter(|s| !s.trim().is_empty())
        .find_map(|s| find_ignoring_case(&term.example, s))
}

/// The first byte range of `text` that equals `wanted` letter for letter, ignoring case.
fn find_ignoring_case(text: &str, wanted: &str) -> Option<(usize, usize)> {
    let wanted: Vec<char> = wanted.chars().collect();
    let same = |a: char, b: char| a == b || a.to_lowercase().eq(b.to_lowercase());
    text.char_indices().find_map(|(start, _)| {
        let mut end = start;
        let mut chars = text[start..].chars();
        for &w in &wanted {
            let c = chars.next()?;
            if !same(c, w) {
                return None;
            }
            end += c.len_utf8();
        }
        Some((start, end))
    })
}

/// Whether normalised `text` contains normalised `words` as whole words.
fn contains_words(text: &str, words: &str) -> bool {
    let padded = format!(" {text} ");
    padded.contains(&format!(" {words} "))
}

/// How the normalised definition names a confusable (`normalised` is its normalised form), if it
/// does: the word itself, singular or plural, or one of its abbreviations when it is a glossary
/// term (« APA » for « allocation personnalisée d'autonomie »).
fn named_in(
    definition: &str,
    confusable: &str,
    normalised: &str,
    abbreviations: &HashMap<String, Vec<String>>,
) -> Option<String> {
    if names_word(definition, normalised) {
        return Some(format!("« {confusable} »"));
    }
    abbreviations
        .get(normalised)?
        .iter()
        .find(|a| !a.is_empty() && contains_words(definition, a))
        .map(|a| {
            format!(
                "« {confusable} » (par son abréviation, « {} »)",
                a.to_uppercase()
            )
        })
}

/// Whether normalised `text` uses normalised `words`, in the singular or the plural.
fn names_word(text: &str, words: &str) -> bool {
    contains_words(text, words)
        || contains_words(text, &format!("{words}s"))
        || contains_words(text, &format!("{words}x"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_is_ignored_letter_by_letter() {
        assert_eq!(
            find_ignoring_case("La Coloscopie.", "coloscopie"),
            Some((3, 13))
        );
        // « İ » lowercases to two characters and « ẞ » to a shorter one: offsets stay the text's.
        let text = "İẞ : la coloscopie";
        let (start, end) = find_ignoring_case(text, "COLOSCOPIE").unwrap();
        assert_eq!(&text[start..end], "coloscopie");
        assert_eq!(find_ignoring_case("İ", "i"), None);
        assert_eq!(find_ignoring_case("col", "coloscopie"), None);
    }

    #[test]
    fn a_plural_counts_as_naming_the_word() {
        assert!(names_word("sang dans les diverticules", "diverticule"));
        assert!(names_word("entre le duodenum et l ileon", "ileon"));
        assert!(!names_word("la coloscopie", "colo"));
    }
}
