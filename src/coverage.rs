//! What a set of scenarios trains: for each certification block and each theme tag, how many
//! situations carry it and in which scenarios. Read by instructors to plan a session.

use crate::scenario::Scenario;
use crate::scenario::tags::{self, BLOCKS, THEMES};
use std::collections::BTreeSet;

/// One block or tag and where it is trained.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Row {
    pub tag: String,
    pub label: String,
    pub situations: usize,
    /// (scenario name, situations in it), in the order the scenarios were given.
    pub scenarios: Vec<(String, usize)>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Coverage {
    pub scenarios: usize,
    pub situations: usize,
    pub blocks: Vec<Row>,
    /// Situations with no block tag, by scenario.
    pub without_block: Vec<(String, usize)>,
    /// The shared themes, in vocabulary order, covered or not.
    pub themes: Vec<Row>,
    /// Tags outside the shared vocabulary, alphabetically.
    pub other_tags: Vec<Row>,
}

/// Counts, for named scenarios, the situations that carry each tag.
pub fn compute(scenarios: &[(String, &Scenario)]) -> Coverage {
    let row = |tag: &str, label: &str| {
        let mut situations = 0;
        let mut per = Vec::new();
        for (name, s) in scenarios {
            let n = s
                .situations
                .iter()
                .filter(|x| x.tags.iter().any(|t| t == tag))
                .count();
            if n > 0 {
                situations += n;
                per.push((name.clone(), n));
            }
        }
        Row {
            tag: tag.to_string(),
            label: label.to_string(),
            situations,
            scenarios: per,
        }
    };
    let mut others: BTreeSet<&str> = BTreeSet::new();
    for (_, s) in scenarios {
        for x in &s.situations {
            for t in &x.tags {
                if !tags::is_block(t) && tags::theme_label(t).is_none() {
                    others.insert(t);
                }
            }
        }
    }
    Coverage {
        scenarios: scenarios.len(),
        situations: scenarios.iter().map(|(_, s)| s.situations.len()).sum(),
        blocks: BLOCKS.iter().map(|(t, l)| row(t, l)).collect(),
        without_block: scenarios
            .iter()
            .map(|(name, s)| {
                let n = s
                    .situations
                    .iter()
                    .filter(|x| !x.tags.iter().any(|t| tags::is_block(t)))
                    .count();
                (name.clone(), n)
            })
            .filter(|(_, n)| *n > 0)
            .collect(),
        themes: THEMES.iter().map(|(t, l)| row(t, l)).collect(),
        other_tags: others.iter().map(|t| row(t, "")).collect(),
    }
}

/// The report as French text.
pub fn to_text(c: &Coverage) -> String {
    let mut out = format!(
        "Couverture : {}, {}\n",
        plural(c.scenarios, "scénario"),
        plural(c.situations, "situation")
    );
    out.push_str("\nBlocs de compétences\n");
    for (i, row) in c.blocks.iter().enumerate() {
        out.push_str(&format!("  Bloc {} — {}\n", i + 1, row.label));
        out.push_str(&format!("      {}\n", where_trained(row)));
    }
    if !c.without_block.is_empty() {
        let list: Vec<String> = c
            .without_block
            .iter()
            .map(|(name, n)| format!("{name} ({n})"))
            .collect();
        out.push_str(&format!("  Sans étiquette de bloc : {}\n", list.join(", ")));
    }
    out.push_str("\nThèmes\n");
    let width = c
        .themes
        .iter()
        .map(|r| r.tag.chars().count())
        .max()
        .unwrap_or(0);
    for row in c.themes.iter().filter(|r| r.situations > 0) {
        out.push_str(&format!(
            "  {:width$}  {}\n      {}\n",
            row.tag,
            row.label,
            where_trained(row)
        ));
    }
    let missing: Vec<&str> = c
        .themes
        .iter()
        .filter(|r| r.situations == 0)
        .map(|r| r.tag.as_str())
        .collect();
    if !missing.is_empty() {
        out.push_str(&format!("  Non couverts : {}\n", missing.join(", ")));
    }
    if !c.other_tags.is_empty() {
        out.push_str("\nAutres étiquettes\n");
        for row in &c.other_tags {
            out.push_str(&format!("  {} — {}\n", row.tag, where_trained(row)));
        }
    }
    out
}

fn where_trained(row: &Row) -> String {
    if row.situations == 0 {
        return "aucune situation".to_string();
    }
    let list: Vec<String> = row
        .scenarios
        .iter()
        .map(|(name, n)| format!("{name} ({n})"))
        .collect();
    format!(
        "{} dans {} : {}",
        plural(row.situations, "situation"),
        plural(row.scenarios.len(), "scénario"),
        list.join(", ")
    )
}

/// « 1 situation », « 3 situations ».
fn plural(n: usize, word: &str) -> String {
    if n > 1 {
        format!("{n} {word}s")
    } else {
        format!("{n} {word}")
    }
}
