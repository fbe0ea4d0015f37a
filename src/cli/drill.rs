//! `secretariat drill`: terminology exercises in the terminal, generated from the glossary.

use crate::glossary::drill::{self, DrillKind, Expected, Outcome, Question, Response, Verdict};
use crate::glossary::{self, Glossary};
use crate::report::number;
use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;

/// Loads the glossary or prints its problems.
pub fn load(path: &Path) -> Result<Glossary, ExitCode> {
    glossary::load_glossary_file(path).map_err(|problems| {
        super::print_problems(path, &problems);
        eprintln!("le glossaire n'est pas valide : corrigez-le avant de lancer des exercices");
        ExitCode::FAILURE
    })
}

/// Asks each question on `output`, reads one line per answer from `input`, corrects it at once,
/// and ends with the score. Stops early, with the score so far, when the input ends.
pub fn run(
    glossary: &Glossary,
    seed: u64,
    count: usize,
    kinds: &[DrillKind],
    input: &mut dyn BufRead,
    output: &mut dyn Write,
) -> std::io::Result<(drill::Drill, Vec<Outcome>)> {
    let drill = drill::generate(glossary, seed, count, kinds);
    writeln!(
        output,
        "Exercices de terminologie — {} questions (graine {seed})",
        drill.questions.len()
    )?;
    writeln!(
        output,
        "Tapez le mot demandé, ou le numéro de la bonne réponse, puis Entrée."
    )?;
    let mut outcomes: Vec<Outcome> = Vec::new();
    for (i, question) in drill.questions.iter().enumerate() {
        writeln!(output)?;
        ask(question, i + 1, drill.questions.len(), output)?;
        write!(output, "Votre réponse : ")?;
        output.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(output)?;
            writeln!(
                output,
                "Séance interrompue après {} question(s) sur {}.",
                outcomes.len(),
                drill.questions.len()
            )?;
            break;
        }
        let outcome = drill::grade_response(question, &parse(question, line.trim()));
        let mark = match outcome.verdict {
            Verdict::Right => "✔",
            Verdict::Slip => "≈",
            Verdict::Wrong => "✖",
        };
        writeln!(output, "{mark} {}", outcome.feedback)?;
        outcomes.push(outcome);
    }
    let points: f32 = outcomes.iter().map(|o| o.points).sum();
    writeln!(output)?;
    writeln!(
        output,
        "Score : {} sur {} — {}/100",
        number(f64::from(points)),
        outcomes.len(),
        number(f64::from(drill::score(&outcomes)))
    )?;
    Ok((drill, outcomes))
}

fn ask(question: &Question, n: usize, total: usize, output: &mut dyn Write) -> std::io::Result<()> {
    writeln!(output, "Question {n}/{total} — {}", question.kind.label())?;
    writeln!(output, "{}", question.prompt)?;
    writeln!(output, "  « {} »", question.subject)?;
    if let Expected::Choice { options, .. } = &question.expected {
        for (i, option) in options.iter().enumerate() {
            writeln!(output, "  {}. {option}", i + 1)?;
        }
    }
    Ok(())
}

/// A number answers a choice question (1-based); anything else is taken as typed text.
fn parse(question: &Question, line: &str) -> Response {
    match &question.expected {
        Expected::Choice { options, .. } => match line.parse::<usize>() {
            Ok(n) if (1..=options.len()).contains(&n) => Response::Choice(n - 1),
            // The option's own words are accepted too.
            _ => options
                .iter()
                .position(|o| crate::text::normalise(o) == crate::text::normalise(line))
                .map_or(Response::Choice(usize::MAX), Response::Choice),
        },
        Expected::Typed { .. } => Response::Typed(line.to_string()),
    }
}
