//! `secretariat check [--strict]`: scenarios, glossaries, answers files and the rulebook, each
//! problem at its `line:col`; with `--strict`, the quality gate and its figures.

use super::{print_problems, project_file, scenario_paths};
use crate::policy::answers;
use crate::quality::{self, Figures, GuessFigure, StrictOptions};
use crate::report::{number, peak_phrase};
use crate::scenario::{Problem, Scenario, load, locate::Locator, tags};
use crate::{glossary, rulebook};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// What checking one file found.
#[derive(Default)]
struct Checked {
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    /// One line saying what the file is, when it is valid.
    summary: String,
    /// The strict figures, printed whether the file passes or not.
    figures: Vec<String>,
    /// A scenario's id, to refuse two files with one id.
    id: Option<String>,
}

/// Checks files; with `strict`, scenarios also go through the quality gate.
pub fn run(inputs: &[PathBuf], strict: Option<StrictOptions>) -> ExitCode {
    let paths = scenario_paths(inputs);
    if paths.is_empty() {
        eprintln!("erreur : aucun fichier .ron à vérifier");
        return ExitCode::FAILURE;
    }
    // The cue-word guesser learns from the shipped library only, so that a file's figures do
    // not depend on what else is checked with it.
    let library = if strict.is_some() {
        shipped_library()
    } else {
        Vec::new()
    };
    let mut failed = 0;
    // Scenario ids already seen, and where: two files with one id would be confused in results.
    let mut ids: Vec<(String, PathBuf)> = Vec::new();
    for path in &paths {
        let mut checked = check_file(path, strict, &library);
        if let Some(id) = &checked.id {
            if let Some((_, first)) = ids.iter().find(|(seen, _)| seen == id) {
                let source = load::read_text(path).unwrap_or_default();
                let locator = Locator::new(&source);
                let (line, col) = locator.line_col(locator.top_key("id").unwrap_or(0));
                checked.problems.push(Problem::new(
                    line,
                    col,
                    format!(
                        "identifiant de scénario « {id} » déjà pris par {} : donnez-lui un id à lui",
                        first.display()
                    ),
                ));
            } else {
                ids.push((id.clone(), path.clone()));
            }
        }
        print_problems(path, &checked.warnings);
        if checked.problems.is_empty() {
            println!("{} : valide ({})", path.display(), checked.summary);
        } else {
            failed += 1;
            print_problems(path, &checked.problems);
        }
        for line in &checked.figures {
            println!("  {line}");
        }
    }
    if failed > 0 {
        eprintln!("{failed} fichier(s) sur {} avec des problèmes", paths.len());
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The valid scenarios shipped in `scenarios/`.
pub fn shipped_library() -> Vec<Arc<Scenario>> {
    load::ron_files_in(&project_file("scenarios"))
        .iter()
        .filter_map(|p| valid_scenario(p))
        .map(Arc::new)
        .collect()
}

fn valid_scenario(path: &Path) -> Option<Scenario> {
    let source = load::read_text(path).ok()?;
    match load::top_level_name(&source) {
        Some("Glossaire" | "Reponses" | "Regles") => None,
        _ => load::load_scenario_str(&source).ok(),
    }
}

/// Checks a scenario, a glossary, an answers file or a rulebook (told apart by their top-level
/// structure).
fn check_file(path: &Path, strict: Option<StrictOptions>, library: &[Arc<Scenario>]) -> Checked {
    let failed = |problems| Checked {
        problems,
        ..Checked::default()
    };
    let source = match load::read_text(path) {
        Ok(s) => s,
        Err(p) => return failed(vec![p]),
    };
    let summary = match load::top_level_name(&source) {
        Some("Glossaire") => glossary::load_glossary_str(&source)
            .map(|g| format!("glossaire, {} termes", g.terms.len())),
        Some("Reponses") => answers::parse(&source).map_err(|p| vec![p]).map(|a| {
            format!(
                "fichier de réponses, {} action(s) ; il se vérifie avec son scénario : simulate SCÉNARIO --answers",
                a.actions.len()
            )
        }),
        Some("Regles") => rulebook::load_rulebook_str(&source).map(|b| {
            format!(
                "référentiel, {} règles, {} drapeaux rouges",
                b.rules().count(),
                b.flags.len()
            )
        }),
        _ => return check_scenario(&source, strict, library),
    };
    match summary {
        Ok(summary) => Checked {
            summary,
            ..Checked::default()
        },
        Err(problems) => failed(problems),
    }
}

fn check_scenario(
    source: &str,
    strict: Option<StrictOptions>,
    library: &[Arc<Scenario>],
) -> Checked {
    let s = match load::load_scenario_str(source) {
        Ok(s) => s,
        Err(problems) => {
            return Checked {
                problems,
                ..Checked::default()
            };
        }
    };
    let mut summary = format!("{} situations", s.situations.len());
    match tags::level(&s.tags) {
        (_, "") => {}
        (_, level) => summary.push_str(&format!(", niveau {}", level.to_lowercase())),
    }
    let Some(options) = strict else {
        return Checked {
            warnings: quality::warnings(&s, source),
            summary,
            id: Some(s.id),
            ..Checked::default()
        };
    };
    let cues = quality::cues_without(library, &s.id);
    let report = quality::strict_check(&s, source, options, cues);
    let f = &report.figures;
    summary.push_str(&format!(
        ", contrôle qualité réussi : ideal 100, naive {} au plus ; {}",
        number(f.naive_best),
        peak_phrase(f.peak_open)
    ));
    Checked {
        problems: report.problems,
        warnings: report.warnings,
        summary,
        figures: figure_lines(f),
        id: Some(s.id),
    }
}

/// The strict figures, in French, a few lines.
fn figure_lines(f: &Figures) -> Vec<String> {
    let mut lines = vec![format!(
        "stagiaires qui devinent (moyenne sur {} graines ; au hasard : {} graines) — naive au mieux {} :",
        quality::SEEDS.len(),
        quality::BLIND_SEEDS,
        number(f.naive_best)
    )];
    for blind in &f.blind {
        let row: Vec<String> = f
            .guessers
            .iter()
            .filter(|g| g.order == blind.order)
            .map(guess_cell)
            .collect();
        lines.push(format!(
            "  {} : {} · au hasard {}",
            blind.order.label(),
            row.join(" · "),
            number(blind.mean)
        ));
    }
    let form = &f.form;
    lines.push(format!(
        "forme : meilleure = plus longue dans {} choix sur {} ({} %) ; {} propositions par choix ; {} choix binaire(s) ; urgences vitales : {}, dont {} racontée(s) de moins de 3 façons",
        form.best_longest,
        form.choice_steps,
        number((form.best_longest_share() * 100.0).round()),
        number((form.options_per_step() * 10.0).round() / 10.0),
        form.binary_steps,
        form.vital_situations,
        form.vital_single_told
    ));
    lines
}

fn guess_cell(g: &GuessFigure) -> String {
    let validated = if g.validated_on.is_empty() {
        String::new()
    } else {
        format!(" (validée {} fois)", g.validated_on.len())
    };
    format!("{} {}{validated}", g.kind.label(), number(g.mean))
}
