//! Checks of a rulebook, located in its source like a scenario's problems.

use super::Rulebook;
use crate::axis::Axis;
use crate::document::Problem;
use crate::document::locate::Locator;
use crate::text::normalise;
use std::collections::HashSet;

pub fn validate(book: &Rulebook, source: &str) -> Vec<Problem> {
    let loc = Locator::new(source);
    let mut problems = Vec::new();
    let mut at = |offset: Option<usize>, message: String| {
        let (line, col) = loc.line_col(offset.unwrap_or(0));
        problems.push(Problem::new(line, col, message));
    };
    for axis in Axis::ALL {
        let n = book.axes.iter().filter(|a| a.axis == axis).count();
        if n != 1 {
            at(
                loc.key("axes", 0),
                format!(
                    "l'axe {} doit être défini une fois dans `axes` ({n} fois ici)",
                    axis.label()
                ),
            );
        }
    }
    let mut sections = HashSet::new();
    let mut rules = HashSet::new();
    for section in &book.sections {
        let here = loc.key_value("id", &section.id, 0);
        if !sections.insert(section.id.as_str()) {
            at(here, format!("section « {} » en double", section.id));
        }
        if section.rules.is_empty() {
            at(here, format!("section « {} » sans règle", section.id));
        }
        for rule in &section.rules {
            let here = loc.key_value("id", &rule.id, 0);
            if !is_rule_id(&rule.id) {
                at(
                    here,
                    format!(
                        "identifiant de règle « {} » : écrivez un préfixe en majuscules, un tiret et un numéro (par exemple TEL-3)",
                        rule.id
                    ),
                );
            }
            if !rules.insert(rule.id.as_str()) {
                let second = loc.nth_key_value("id", &rule.id, 0, 1);
                at(second, format!("règle « {} » en double", rule.id));
            }
            for (field, value) in [
                ("titre", &rule.title),
                ("texte", &rule.text),
                ("source", &rule.source),
            ] {
                if value.trim().is_empty() {
                    at(here, format!("règle « {} » : `{field}` vide", rule.id));
                }
            }
        }
    }
    let mut flags = HashSet::new();
    for flag in &book.flags {
        let here = loc.key_value("id", &flag.id, 0);
        if !flags.insert(flag.id.as_str()) {
            at(here, format!("drapeau « {} » en double", flag.id));
        }
        if !rules.contains(flag.rule.as_str()) {
            at(
                loc.key_value("regle", &flag.rule, here.unwrap_or(0))
                    .or(here),
                format!("drapeau « {} » : règle « {} » inconnue", flag.id, flag.rule),
            );
        }
        let phrases = flag.expressions.iter().chain(flag.groups.iter().flatten());
        if flag.expressions.is_empty() && flag.groups.is_empty()
            || phrases.clone().any(|p| normalise(p).is_empty())
            || flag.groups.iter().any(|g| g.is_empty())
        {
            at(
                here,
                format!(
                    "drapeau « {} » : il faut des `expressions` ou des `ensembles` non vides",
                    flag.id
                ),
            );
        }
    }
    problems.sort_by_key(|p| (p.line, p.col));
    problems
}

/// `TEL-3`: capitals, a hyphen, a number.
pub fn is_rule_id(id: &str) -> bool {
    id.split_once('-').is_some_and(|(prefix, number)| {
        !prefix.is_empty()
            && prefix.chars().all(|c| c.is_ascii_uppercase())
            && !number.is_empty()
            && number.chars().all(|c| c.is_ascii_digit())
    })
}
