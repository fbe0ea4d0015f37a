//! Checks on the form of the content, which a test-wise trainee could exploit or which hide the
//! rule behind a point: too few options, the best answer always the longest (or always at the same
//! place), a typed answer printed in its own question, a vital situation told one way only, a lost
//! point that cites no rule of the rulebook or a rule of another axis.

use super::places::Places;
use crate::rulebook::rulebook;
use crate::scenario::{Axis, ChoiceOption, Problem, RuleRefs, Scenario, Situation, Step, Urgency};
use crate::scoring::triage_loss;
use crate::text::normalise;

/// Fewer options than this needs `binaire: true`.
pub const MIN_OPTIONS: usize = 3;
/// A vital situation must have at least this many presentations.
pub const MIN_VITAL_PRESENTATIONS: usize = 3;
/// The best option may be the longest in at most this share of the choice steps.
pub const MAX_BEST_LONGEST_SHARE: f64 = 0.5;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormFigures {
    pub choice_steps: usize,
    pub options: usize,
    pub binary_steps: usize,
    /// Choice steps where a best option is the longest (ties included).
    pub best_longest: usize,
    /// Vital situations, and how many of them are told in fewer than three ways.
    pub vital_situations: usize,
    pub vital_single_told: usize,
}

impl FormFigures {
    pub fn options_per_step(&self) -> f64 {
        self.options as f64 / self.choice_steps.max(1) as f64
    }

    pub fn best_longest_share(&self) -> f64 {
        self.best_longest as f64 / self.choice_steps.max(1) as f64
    }
}

pub(super) fn check(scenario: &Scenario, places: &Places) -> (FormFigures, Vec<Problem>) {
    let mut figures = FormFigures::default();
    let mut problems = Vec::new();
    let mut longest_steps = Vec::new();
    let mut best_positions = Vec::new();
    for (k, s) in scenario.situations.iter().enumerate() {
        let mut at = |(line, col): (usize, usize), message: String| {
            problems.push(Problem::new(line, col, message));
        };
        if s.urgency == Urgency::Vitale {
            figures.vital_situations += 1;
            if s.presentations() < MIN_VITAL_PRESENTATIONS {
                figures.vital_single_told += 1;
                at(
                    places.situation(k),
                    format!(
                        "situation « {} » : urgence vitale racontée de {} façon(s) ; donnez-lui au moins {} présentations (ajoutez des `variantes` où la personne décrit autrement ses signes), pour qu'on ne puisse pas retenir la réponse par cœur",
                        s.id,
                        s.presentations(),
                        MIN_VITAL_PRESENTATIONS
                    ),
                );
            }
        }
        for step in &s.steps {
            let here = format!("étape « {} » de « {} »", step.id(), s.id);
            match step {
                Step::Choice(c) => {
                    figures.choice_steps += 1;
                    figures.options += c.options.len();
                    if c.binary {
                        figures.binary_steps += 1;
                    } else if c.options.len() < MIN_OPTIONS {
                        at(
                            places.step(k, &c.id),
                            format!(
                                "{here} : {} proposition(s) ; il en faut au moins {MIN_OPTIONS} que dirait ou ferait vraiment une personne bien intentionnée mais non formée, ou `binaire: true` si la question n'admet que deux réponses",
                                c.options.len()
                            ),
                        );
                    }
                    if best_is_longest(&c.options) {
                        figures.best_longest += 1;
                        longest_steps.push((places.step(k, &c.id), here.clone()));
                    }
                    if c.options.len() >= 2
                        && let Some(p) = c.options.iter().position(|o| o.best)
                    {
                        best_positions.push(p);
                    }
                    for (n, option) in c.options.iter().enumerate() {
                        if let Some(message) = rule_problem(s, option) {
                            at(
                                places.option(k, &c.id, n),
                                format!("{here}, proposition {} : {message}", n + 1),
                            );
                        }
                    }
                }
                Step::Typed(t) => {
                    for (where_, text) in told_texts(s, step.id()) {
                        if let Some(answer) = t.accepted.iter().find(|a| contains_words(&text, a)) {
                            at(
                                places.step(k, &t.id),
                                format!(
                                    "{here} : la réponse attendue « {answer} » figure dans {where_} ; demandez le terme à partir d'une définition, d'une abréviation ou d'une phrase à corriger, sans l'écrire"
                                ),
                            );
                            break;
                        }
                    }
                    let lost_on = [t.axis].into_iter().filter(|_| t.points > 0);
                    if let Some(message) = axis_problem(&t.rules, lost_on) {
                        at(places.step(k, &t.id), format!("{here} : {message}"));
                    }
                }
                Step::Record(r) => {
                    let lost_on = [Axis::Confidentiality].into_iter().filter(|_| r.points > 0);
                    if let Some(message) = axis_problem(&r.rules, lost_on) {
                        at(places.step(k, &r.id), format!("{here} : {message}"));
                    }
                }
            }
        }
    }
    if figures.best_longest_share() > MAX_BEST_LONGEST_SHARE {
        let (line, col) = places.header();
        problems.push(Problem::new(line, col, format!(
            "la meilleure réponse est la plus longue dans {} étapes de choix sur {} ({} %) : plus de la moitié, un stagiaire qui choisit la réponse la plus longue devine ; rééquilibrez les longueurs (des mauvaises réponses aussi détaillées que les bonnes, des bonnes réponses concises), voir les étapes signalées",
            figures.best_longest,
            figures.choice_steps,
            (figures.best_longest_share() * 100.0).round()
        )));
        for ((line, col), here) in longest_steps {
            problems.push(Problem::new(
                line,
                col,
                format!("{here} : la meilleure réponse est la plus longue"),
            ));
        }
    }
    if !scenario.variation.shuffle_options
        && let Some(message) = position_problem(&best_positions)
    {
        let (line, col) = places.header();
        problems.push(Problem::new(line, col, message));
    }
    (figures, problems)
}

/// Whether a best option is at least as long as every other (in characters).
fn best_is_longest(options: &[ChoiceOption]) -> bool {
    let longest = options.iter().map(|o| o.text.chars().count()).max();
    options
        .iter()
        .any(|o| o.best && Some(o.text.chars().count()) == longest)
}

/// Every text a trainee may read at a step, in every presentation of the situation.
fn told_texts(s: &Situation, step_id: &str) -> Vec<(String, String)> {
    (0..s.presentations())
        .flat_map(|k| {
            let told = s.presented(k);
            let variant = if k == 0 {
                String::new()
            } else {
                format!(" (variante {k})")
            };
            told.steps
                .iter()
                .filter(|st| st.id() == step_id)
                .flat_map(|st| {
                    [
                        (format!("son texte{variant}"), st.prompt().to_string()),
                        (format!("son aide{variant}"), st.hint().to_string()),
                    ]
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Whether `text` holds `words` as whole words, ignoring case, accents and punctuation.
fn contains_words(text: &str, words: &str) -> bool {
    let words = normalise(words);
    !words.is_empty() && format!(" {} ", normalise(text)).contains(&format!(" {words} "))
}

/// An option that loses points, or a best one that explains why, cites the rules it applies,
/// and each axis it costs is the axis of one of those rules.
fn rule_problem(s: &Situation, option: &ChoiceOption) -> Option<String> {
    let triage = triage_loss(option, s.urgency) > 0;
    let loses = !option.cost.is_zero() || option.critical.is_some() || triage;
    let explains = !option.explanation.trim().is_empty();
    if option.rules.is_empty() && (loses || (option.best && explains)) {
        return Some(if loses {
            "elle fait perdre des points mais ne cite aucune règle du référentiel : ajoutez `regle: \"…\"` (voir docs/regles-metier.md)".to_string()
        } else {
            "son explication applique une règle : citez-la avec `regle: \"…\"` (voir docs/regles-metier.md)".to_string()
        });
    }
    let lost_on = option
        .cost
        .axes()
        .chain(triage.then_some(Axis::Prioritisation));
    axis_problem(&option.rules, lost_on)
}

/// Each axis a loss is counted on is the axis of one of the cited rules (the rulebook says which
/// axis each kind of error belongs to).
fn axis_problem(rules: &RuleRefs, lost_on: impl Iterator<Item = Axis>) -> Option<String> {
    if rules.is_empty() {
        return None;
    }
    let book = rulebook();
    let cited: Vec<(&str, Axis)> = rules
        .iter()
        .filter_map(|id| book.rule(id).map(|r| (id, r.axis)))
        .collect();
    for axis in lost_on {
        if !cited.iter().any(|&(_, a)| a == axis) {
            let list = cited
                .iter()
                .map(|(id, a)| format!("{id} : {}", a.label().to_lowercase()))
                .collect::<Vec<_>>()
                .join(", ");
            return Some(format!(
                "perte en {}, mais aucune règle citée n'est sur cet axe ({list}) : le référentiel range chaque erreur sur l'axe de sa règle ; citez la règle enfreinte ou mettez la perte sur son axe",
                axis.label().to_lowercase()
            ));
        }
    }
    None
}

/// Without shuffled options, the best one must not sit at the same place most of the time.
fn position_problem(positions: &[usize]) -> Option<String> {
    if positions.len() < 4 {
        return None;
    }
    let most = (0..8)
        .map(|p| (p, positions.iter().filter(|&&x| x == p).count()))
        .max_by_key(|&(_, n)| n)?;
    (most.1 * 2 > positions.len()).then(|| {
        format!(
            "la meilleure réponse est en position {} dans {} choix sur {} et les propositions ne sont pas mélangées : ajoutez `melanger_propositions: true` à `variation`",
            most.0 + 1,
            most.1,
            positions.len()
        )
    })
}
