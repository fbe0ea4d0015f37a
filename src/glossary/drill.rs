//! Terminology drills: seeded exercises generated from the glossary, graded with the same
//! tolerant matching as the scenarios' typed terms, each with an explanation.

use super::model::{Glossary, SPECIALTIES, Term};
use super::validate::example_position;
use crate::text::{Grade, grade, normalise};
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use serde::Serialize;
use std::collections::HashSet;

/// The kinds of exercise, in the order they are offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum DrillKind {
    /// A definition is shown; the trainee types the term.
    DefinitionToTerm,
    /// A term is shown; the trainee picks its specialty (one of the term's is offered, the other
    /// options are specialties the term does not belong to).
    TermToSpecialty,
    /// An abbreviation is shown; the trainee types what it stands for.
    AbbreviationToMeaning,
    /// A definition is shown; the trainee picks the term among words it is confused with.
    PickAmongConfusables,
    /// A report sentence with one misspelled term; the trainee types that word correctly.
    SpotMisspelling,
}

pub const ALL_KINDS: [DrillKind; 5] = [
    DrillKind::DefinitionToTerm,
    DrillKind::TermToSpecialty,
    DrillKind::AbbreviationToMeaning,
    DrillKind::PickAmongConfusables,
    DrillKind::SpotMisspelling,
];

impl DrillKind {
    /// Short French label (menus, CLI).
    pub fn label(self) -> &'static str {
        match self {
            DrillKind::DefinitionToTerm => "Le terme d'une définition",
            DrillKind::TermToSpecialty => "La spécialité d'un terme",
            DrillKind::AbbreviationToMeaning => "Le sens d'une abréviation",
            DrillKind::PickAmongConfusables => "Le bon terme parmi ses voisins",
            DrillKind::SpotMisspelling => "La faute dans un compte rendu",
        }
    }

    /// The name used on the command line.
    pub fn cli_name(self) -> &'static str {
        match self {
            DrillKind::DefinitionToTerm => "definition",
            DrillKind::TermToSpecialty => "specialite",
            DrillKind::AbbreviationToMeaning => "abreviation",
            DrillKind::PickAmongConfusables => "confusion",
            DrillKind::SpotMisspelling => "faute",
        }
    }

    fn eligible(self, term: &Term) -> bool {
        match self {
            DrillKind::TermToSpecialty => offered_specialties(term).next().is_some(),
            DrillKind::AbbreviationToMeaning => !term.abbreviations.is_empty(),
            DrillKind::SpotMisspelling => example_position(term).is_some(),
            _ => true,
        }
    }
}

/// What the trainee must give.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Expected {
    /// A typed answer: any accepted spelling; the listed real words are refused even when close.
    Typed {
        accepted: Vec<String>,
        refused: Vec<String>,
    },
    /// One option among several.
    Choice {
        options: Vec<String>,
        correct: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Question {
    pub kind: DrillKind,
    /// The instruction (« Quel terme correspond à cette définition ? »).
    pub prompt: String,
    /// What the question is about: a definition, a term, an abbreviation, a sentence.
    pub subject: String,
    pub expected: Expected,
    /// The glossary term the question is built on.
    pub term: String,
    /// Shown after the answer, right or wrong.
    pub explanation: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Drill {
    pub seed: u64,
    pub questions: Vec<Question>,
}

/// The trainee's answer to one question.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    Typed(String),
    /// 0-based option index.
    Choice(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Verdict {
    Right,
    /// Right word with a one-letter slip: half the point.
    Slip,
    Wrong,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    pub verdict: Verdict,
    /// 1, 0.5 or 0.
    pub points: f32,
    /// What was wrong with the answer, then the question's explanation.
    pub feedback: String,
}

/// Specialties never offered in « La spécialité d'un terme », neither right nor wrong: a general
/// practitioner meets nearly every term of the glossary, so « médecine générale » would be a
/// defensible answer to almost any question (and, offered only when right, would give it away).
pub const NEVER_OFFERED: &[&str] = &["médecine générale"];

/// The term's specialties that the specialty question may offer as its right answer.
fn offered_specialties(term: &Term) -> impl Iterator<Item = &String> {
    term.specialties
        .iter()
        .filter(|s| !NEVER_OFFERED.contains(&s.as_str()))
}

/// Builds `count` questions of the given kinds (cycled), each on a different term, the same for
/// the same glossary, seed and kinds. Fewer questions come back if the glossary runs out of terms.
pub fn generate(glossary: &Glossary, seed: u64, count: usize, kinds: &[DrillKind]) -> Drill {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed ^ 0x61_0555_A1E0);
    let kinds: Vec<DrillKind> = if kinds.is_empty() {
        ALL_KINDS.to_vec()
    } else {
        kinds.to_vec()
    };
    // Wrong options come from the whole closed list, so that a small glossary of one specialty
    // still has some; a domain (anatomie…) is never an option.
    let specialties: Vec<&str> = SPECIALTIES
        .iter()
        .copied()
        .filter(|s| !NEVER_OFFERED.contains(s))
        .collect();
    let mut order: Vec<usize> = (0..glossary.terms.len()).collect();
    order.shuffle(&mut rng);
    let mut used = HashSet::new();
    let mut questions = Vec::new();
    let mut misses = 0;
    while questions.len() < count && misses < kinds.len() {
        let kind = kinds[questions.len().wrapping_add(misses) % kinds.len()];
        let pick = order
            .iter()
            .copied()
            .find(|&i| !used.contains(&i) && kind.eligible(&glossary.terms[i]))
            .and_then(|i| {
                let q = build(kind, glossary, &glossary.terms[i], &specialties, &mut rng)?;
                Some((i, q))
            });
        match pick {
            Some((i, q)) => {
                used.insert(i);
                questions.push(q);
                misses = 0;
            }
            None => misses += 1,
        }
    }
    Drill { seed, questions }
}

fn build(
    kind: DrillKind,
    glossary: &Glossary,
    term: &Term,
    specialties: &[&str],
    rng: &mut Xoshiro256PlusPlus,
) -> Option<Question> {
    let spellings: Vec<String> = std::iter::once(term.term.clone())
        .chain(term.variants.iter().cloned())
        .collect();
    let explanation = explain(term);
    let question = match kind {
        DrillKind::DefinitionToTerm => Question {
            kind,
            prompt: "Quel terme correspond à cette définition ?".into(),
            subject: term.definition.clone(),
            expected: Expected::Typed {
                accepted: spellings,
                refused: term.confusables.clone(),
            },
            term: term.term.clone(),
            explanation,
        },
        DrillKind::TermToSpecialty => {
            // Only specialties the term does not belong to are wrong options; one of its own is
            // the right one (the explanation names them all).
            let own: Vec<&String> = offered_specialties(term).collect();
            let right = own.get(rng.random_range(0..own.len().max(1)))?.to_string();
            let mut others: Vec<&str> = specialties
                .iter()
                .copied()
                .filter(|s| !term.specialties.iter().any(|own| own == s))
                .collect();
            if others.is_empty() {
                return None;
            }
            others.shuffle(rng);
            let mut options: Vec<String> = others.into_iter().take(3).map(String::from).collect();
            options.push(right.clone());
            options.shuffle(rng);
            let correct = options.iter().position(|o| *o == right)?;
            Question {
                kind,
                prompt: "À quelle spécialité ce terme se rattache-t-il ?".into(),
                subject: term.term.clone(),
                expected: Expected::Choice { options, correct },
                term: term.term.clone(),
                explanation,
            }
        }
        DrillKind::AbbreviationToMeaning => {
            let abbreviation =
                term.abbreviations[rng.random_range(0..term.abbreviations.len())].clone();
            // The same abbreviation may stand for several terms: all are right.
            let mut accepted = Vec::new();
            let mut refused = Vec::new();
            for t in glossary.terms.iter().filter(|t| {
                t.abbreviations
                    .iter()
                    .any(|a| normalise(a) == normalise(&abbreviation))
            }) {
                accepted.push(t.term.clone());
                accepted.extend(t.variants.iter().cloned());
                refused.extend(t.confusables.iter().cloned());
            }
            Question {
                kind,
                prompt: "Que signifie cette abréviation ? Écrivez-la en toutes lettres.".into(),
                subject: abbreviation,
                expected: Expected::Typed { accepted, refused },
                term: term.term.clone(),
                explanation,
            }
        }
        DrillKind::PickAmongConfusables => {
            let mut options = vec![term.term.clone()];
            for c in &term.confusables {
                if options.len() < 4 && !options.iter().any(|o| normalise(o) == normalise(c)) {
                    options.push(c.clone());
                }
            }
            options.shuffle(rng);
            let correct = options.iter().position(|o| *o == term.term)?;
            Question {
                kind,
                prompt: "Quel terme correspond à cette définition ?".into(),
                subject: term.definition.clone(),
                expected: Expected::Choice { options, correct },
                term: term.term.clone(),
                explanation,
            }
        }
        DrillKind::SpotMisspelling => {
            let (start, end) = example_position(term)?;
            let written = &term.example[start..end];
            let wrong = misspell(written, &spellings, &term.confusables, rng)?;
            let sentence = format!(
                "{}{}{}",
                &term.example[..start],
                wrong,
                &term.example[end..]
            );
            let mut refused = term.confusables.clone();
            refused.push(wrong.clone());
            Question {
                kind,
                prompt: "Un mot de ce compte rendu est mal orthographié : écrivez-le correctement."
                    .into(),
                subject: sentence,
                expected: Expected::Typed {
                    accepted: spellings,
                    refused,
                },
                term: term.term.clone(),
                explanation: format!("On écrit « {} », pas « {wrong} ». {explanation}", term.term),
            }
        }
    };
    Some(question)
}

/// The lesson shown after each answer: the term, its definition, roots, abbreviations and the
/// words not to confuse it with.
fn explain(term: &Term) -> String {
    let mut text = format!(
        "« {} » ({}) : {}",
        term.term,
        fields(term),
        term.definition.trim_end_matches('.')
    );
    text.push('.');
    if !term.roots.is_empty() {
        let roots: Vec<String> = term
            .roots
            .iter()
            .map(|r| format!("{} = {}", r.form, r.meaning))
            .collect();
        text.push_str(&format!(" Racines : {}.", roots.join(" ; ")));
    }
    if !term.abbreviations.is_empty() {
        text.push_str(&format!(
            " Abréviation : {}.",
            term.abbreviations.join(", ")
        ));
    }
    if !term.confusables.is_empty() {
        text.push_str(&format!(
            " À ne pas confondre avec : {}.",
            term.confusables.join(", ")
        ));
    }
    text
}

/// Where a term belongs, for the explanation: « pharmacologie ; spécialité : cardiologie »,
/// « spécialités : radiologie, gynécologie-obstétrique », « anatomie ».
fn fields(term: &Term) -> String {
    let specialties = match term.specialties.len() {
        0 => String::new(),
        1 => format!("spécialité : {}", term.specialties[0]),
        _ => format!("spécialités : {}", term.specialties.join(", ")),
    };
    match (&term.domain, specialties.is_empty()) {
        (Some(domain), true) => domain.clone(),
        (Some(domain), false) => format!("{domain} ; {specialties}"),
        (None, _) => specialties,
    }
}

/// A plausible misspelling of `word`: a doubled or undoubled letter, two letters swapped, `ph`
/// for `f`, `i` for `y`… It must differ from every right spelling and every real confusable word
/// once normalised (accents are never a fault here).
fn misspell(
    word: &str,
    spellings: &[String],
    confusables: &[String],
    rng: &mut Xoshiro256PlusPlus,
) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut candidates: Vec<String> = Vec::new();
    let mut push = |c: Vec<char>| candidates.push(c.into_iter().collect());
    for i in 1..chars.len() {
        let c = chars[i];
        if !c.is_alphabetic() {
            continue;
        }
        if chars[i - 1] == c {
            // "ll" → "l"
            let mut v = chars.clone();
            v.remove(i);
            push(v);
        } else if "lmnprst".contains(c) && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()) {
            // "l" → "ll"
            let mut v = chars.clone();
            v.insert(i, c);
            push(v);
        }
        if i + 1 < chars.len() && chars[i + 1].is_alphabetic() && chars[i + 1] != c && i > 1 {
            let mut v = chars.clone();
            v.swap(i, i + 1);
            push(v);
        }
        match c {
            'y' => {
                let mut v = chars.clone();
                v[i] = 'i';
                push(v);
            }
            'f' => {
                let mut v = chars.clone();
                v.splice(i..=i, ['p', 'h']);
                push(v);
            }
            'h' if chars[i - 1] == 'p' => {
                let mut v = chars.clone();
                v.splice(i - 1..=i, ['f']);
                push(v);
            }
            _ => {}
        }
    }
    let forbidden: HashSet<String> = spellings
        .iter()
        .chain(confusables)
        .map(|s| normalise(s))
        .collect();
    candidates.retain(|c| !forbidden.contains(&normalise(c)));
    candidates.sort();
    candidates.dedup();
    if candidates.is_empty() {
        return None;
    }
    let k = rng.random_range(0..candidates.len());
    Some(candidates.swap_remove(k))
}

/// Grades one answer.
pub fn grade_response(question: &Question, response: &Response) -> Outcome {
    match (&question.expected, response) {
        (Expected::Typed { accepted, refused }, Response::Typed(typed)) => {
            if typed.trim().is_empty() {
                return outcome(Verdict::Wrong, "Aucune réponse.".into(), question);
            }
            // Copying the fault is never a slip, even when it is one letter away.
            if question.kind == DrillKind::SpotMisspelling
                && refused
                    .last()
                    .is_some_and(|fault| normalise(fault) == normalise(typed))
            {
                return outcome(
                    Verdict::Wrong,
                    format!(
                        "« {} » est justement le mot mal orthographié.",
                        typed.trim()
                    ),
                    question,
                );
            }
            match grade(typed, accepted, refused) {
                Grade::Exact => outcome(Verdict::Right, "Juste.".into(), question),
                Grade::Typo(words) => outcome(
                    Verdict::Slip,
                    format!(
                        "Presque : faute de frappe dans « {} » (la moitié du point).",
                        words.join(" ")
                    ),
                    question,
                ),
                Grade::Wrong {
                    confused_with: Some(other),
                } => outcome(
                    Verdict::Wrong,
                    format!("« {other} » est un autre mot : le sens change."),
                    question,
                ),
                Grade::Wrong {
                    confused_with: None,
                } => outcome(
                    Verdict::Wrong,
                    format!("Faux : « {} » ne convient pas.", typed.trim()),
                    question,
                ),
            }
        }
        (Expected::Choice { options, correct }, Response::Choice(i)) => {
            if i == correct {
                outcome(Verdict::Right, "Juste.".into(), question)
            } else {
                let right = &options[*correct];
                let first = match options.get(*i) {
                    Some(given) => {
                        format!("Faux : la bonne réponse était « {right} », pas « {given} ».")
                    }
                    None => format!("Réponse non reconnue : la bonne réponse était « {right} »."),
                };
                outcome(Verdict::Wrong, first, question)
            }
        }
        _ => outcome(
            Verdict::Wrong,
            "Réponse d'un autre type que la question.".into(),
            question,
        ),
    }
}

fn outcome(verdict: Verdict, first: String, question: &Question) -> Outcome {
    let points = match verdict {
        Verdict::Right => 1.0,
        Verdict::Slip => 0.5,
        Verdict::Wrong => 0.0,
    };
    Outcome {
        verdict,
        points,
        feedback: format!("{first} {}", question.explanation),
    }
}

/// The answer a perfect trainee gives (tests, and the correction shown after a wrong answer).
pub fn right_answer(question: &Question) -> Response {
    match &question.expected {
        Expected::Typed { accepted, .. } => Response::Typed(accepted[0].clone()),
        Expected::Choice { correct, .. } => Response::Choice(*correct),
    }
}

/// The right answer as words.
pub fn right_answer_text(question: &Question) -> &str {
    match &question.expected {
        Expected::Typed { accepted, .. } => &accepted[0],
        Expected::Choice { options, correct } => &options[*correct],
    }
}

/// A response as words (the option's text for a choice).
pub fn response_text<'a>(question: &'a Question, response: &'a Response) -> &'a str {
    match (response, &question.expected) {
        (Response::Typed(t), _) => t,
        (Response::Choice(i), Expected::Choice { options, .. }) => {
            options.get(*i).map_or("?", String::as_str)
        }
        (Response::Choice(_), Expected::Typed { .. }) => "?",
    }
}

/// A drill's score out of 100.
pub fn score(outcomes: &[Outcome]) -> f32 {
    if outcomes.is_empty() {
        return 0.0;
    }
    outcomes.iter().map(|o| o.points).sum::<f32>() * 100.0 / outcomes.len() as f32
}

/// A drill being answered, one question after another.
#[derive(Clone, Debug, PartialEq)]
pub struct DrillSession {
    pub drill: Drill,
    /// One outcome per question answered so far, in order.
    pub outcomes: Vec<Outcome>,
}

impl DrillSession {
    pub fn new(drill: Drill) -> Self {
        DrillSession {
            drill,
            outcomes: Vec::new(),
        }
    }

    /// The question waiting for an answer, if any.
    pub fn current(&self) -> Option<&Question> {
        self.drill.questions.get(self.outcomes.len())
    }

    /// Grades the answer to the current question; `None` once the drill is over.
    pub fn answer(&mut self, response: &Response) -> Option<&Outcome> {
        let outcome = grade_response(self.current()?, response);
        self.outcomes.push(outcome);
        self.outcomes.last()
    }

    pub fn is_finished(&self) -> bool {
        self.outcomes.len() >= self.drill.questions.len()
    }

    /// Out of 100, over the questions answered.
    pub fn score(&self) -> f32 {
        score(&self.outcomes)
    }
}
