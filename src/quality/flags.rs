//! Red flags never under-classed: a situation whose texts carry a sign of the rulebook's red flags
//! (chest pain, stroke signs, suicidal words…) while its urgency is not vital gets a warning, so
//! that the automatic critical under-triage applies where the rulebook says it must. An author
//! silences one warning on one situation with `drapeaux_ecartes` and a reason.

use super::places::Places;
use crate::rulebook::rulebook;
use crate::scenario::{Problem, Scenario, Urgency};
use std::collections::BTreeSet;

/// Warnings for a scenario: printed by `check`, listed by `check --strict`, never a failure.
pub fn warnings(scenario: &Scenario, source: &str) -> Vec<Problem> {
    let places = Places::new(source);
    let book = rulebook();
    let mut out = Vec::new();
    for (k, s) in scenario.situations.iter().enumerate() {
        if s.urgency == Urgency::Vitale {
            continue;
        }
        let mut found: BTreeSet<&str> = BTreeSet::new();
        for p in 0..s.presentations() {
            let told = s.presented(p);
            let texts = [told.title.as_str(), &told.description]
                .into_iter()
                .chain(told.steps.iter().map(|st| st.prompt()));
            for text in texts {
                for flag in &book.flags {
                    if !s.dismissed_flags.contains_key(&flag.id) && flag.is_in(text) {
                        found.insert(flag.id.as_str());
                    }
                }
            }
        }
        for id in found {
            let flag = book.flag(id).expect("found among the rulebook's flags");
            let (line, col) = places.situation(k);
            out.push(Problem::new(line, col, format!(
                "avertissement : situation « {} » ({}) : son texte évoque « {} » (règle {}), signe d'urgence vitale ; classez-la `urgence: Vitale` (avec `urgence_apparente` si elle est déguisée), ou écartez ce drapeau avec sa raison : drapeaux_ecartes: {{\"{}\": \"…pourquoi ce n'est pas ce signe…\"}}",
                s.id,
                s.urgency.label(),
                flag.label,
                flag.rule,
                flag.id
            )));
        }
    }
    out
}
