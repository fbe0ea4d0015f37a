//! Tolerant comparison of typed medical terms and sentences.
//!
//! Case, spaces, hyphens, apostrophes and accents never matter. One slip (a letter missing, extra,
//! replaced, or two letters swapped) in a word of five letters or more is a typo and earns partial
//! credit; anything else, and above all another real word (cystoscopie for coloscopie), is wrong.

use unicode_normalization::UnicodeNormalization;

/// How a typed answer compares with the expected spellings.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Grade {
    Exact,
    /// Right words with one-letter slips; lists the misspelled words as typed.
    Typo(Vec<String>),
    /// Wrong; `confused_with` names the real word it was mistaken for, if any.
    Wrong {
        confused_with: Option<String>,
    },
}

const MIN_TYPO_WORD: usize = 5;

/// Lowercase, accents removed, ligatures spelled out, punctuation as spaces, single spaces.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Grades `typed` against the accepted spellings, refusing known confusable words.
pub fn grade(typed: &str, accepted: &[String], confusables: &[String]) -> Grade {
    let typed_n = normalise(typed);
    let confusables_n: Vec<String> = confusables.iter().map(|c| normalise(c)).collect();
    let mut best: Option<Grade> = None;
    for expected in accepted {
        let expected_n = normalise(expected);
        if expected_n.is_empty() {
            continue;
        }
        match compare(&typed_n, &expected_n, &confusables_n) {
            Grade::Exact => return Grade::Exact,
            g @ Grade::Typo(_) => {
                if !matches!(best, Some(Grade::Typo(_))) {
                    best = Some(g);
                }
            }
            Grade::Wrong { .. } => {}
        }
    }
    best.unwrap_or_else(|| {
        let confused_with = confusables
            .iter()
            .zip(&confusables_n)
            .find(|(_, n)| typed_n.split(' ').any(|w| w == n.as_str()) || **n == typed_n)
            .map(|(c, _)| c.clone());
        Grade::Wrong { confused_with }
    })
}

fn compare(typed: &str, expected: &str, confusables: &[String]) -> Grade {
    if typed == expected {
        return Grade::Exact;
    }
    let typed_words: Vec<&str> = typed.split(' ').collect();
    let expected_words: Vec<&str> = expected.split(' ').collect();
    if typed_words.len() != expected_words.len() {
        return Grade::Wrong {
            confused_with: None,
        };
    }
    let mut slips = Vec::new();
    for (t, e) in typed_words.iter().zip(&expected_words) {
        if t == e {
            continue;
        }
        let is_other_word = confusables.iter().any(|c| c == t);
        let long_enough = e.chars().count() >= MIN_TYPO_WORD;
        if !is_other_word && long_enough && strsim::osa_distance(t, e) == 1 {
            slips.push(t.to_string());
        } else {
            return Grade::Wrong {
                confused_with: None,
            };
        }
    }
    Grade::Typo(slips)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(typed: &str, accepted: &[&str], confusables: &[&str]) -> Grade {
        let a: Vec<String> = accepted.iter().map(|s| s.to_string()).collect();
        let c: Vec<String> = confusables.iter().map(|s| s.to_string()).collect();
        grade(typed, &a, &c)
    }

    #[test]
    fn case_spaces_and_accents_do_not_matter() {
        assert_eq!(g("  Échographie ", &["échographie"], &[]), Grade::Exact);
        assert_eq!(g("echographie", &["échographie"], &[]), Grade::Exact);
        assert_eq!(g("compte rendu", &["compte-rendu"], &[]), Grade::Exact);
        assert_eq!(g("oedeme", &["œdème"], &[]), Grade::Exact);
    }

    #[test]
    fn one_letter_slip_is_a_typo() {
        assert_eq!(
            g("colloscopie", &["coloscopie"], &[]),
            Grade::Typo(vec!["colloscopie".into()])
        );
        assert_eq!(
            g("colloscopi", &["coloscopie"], &[]),
            Grade::Wrong {
                confused_with: None
            }
        );
        assert_eq!(
            g("coloscpoie", &["coloscopie"], &[]),
            Grade::Typo(vec!["coloscpoie".into()])
        );
    }

    #[test]
    fn another_real_word_is_wrong_even_when_close() {
        let conf = ["colposcopie", "cystoscopie"];
        assert_eq!(
            g("colposcopie", &["coloscopie"], &conf),
            Grade::Wrong {
                confused_with: Some("colposcopie".into())
            }
        );
        assert_eq!(
            g("cystoscopie", &["coloscopie"], &conf),
            Grade::Wrong {
                confused_with: Some("cystoscopie".into())
            }
        );
    }

    #[test]
    fn short_words_get_no_typo_tolerance() {
        assert_eq!(
            g("IRN", &["IRM"], &[]),
            Grade::Wrong {
                confused_with: None
            }
        );
    }

    #[test]
    fn sentences_are_compared_word_by_word() {
        let expected = ["Pas d'épanchement péricardique."];
        assert_eq!(
            g("pas d'epanchement pericardique", &expected, &[]),
            Grade::Exact
        );
        assert_eq!(
            g("pas d'épanchement péricardiqe", &expected, &[]),
            Grade::Typo(vec!["pericardiqe".into()])
        );
        assert_eq!(
            g("pas d'épanchement pleural", &expected, &[]),
            Grade::Wrong {
                confused_with: None
            }
        );
        assert_eq!(
            g("pas épanchement péricardique", &expected, &[]),
            Grade::Wrong {
                confused_with: None
            }
        );
    }
}
