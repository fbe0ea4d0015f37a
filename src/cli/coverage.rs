//! `secretariat coverage`: what a set of scenarios trains.

use crate::coverage;
use crate::scenario::load;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(inputs: &[PathBuf]) -> ExitCode {
    let inputs = if inputs.is_empty() {
        vec![super::project_file("scenarios")]
    } else {
        inputs.to_vec()
    };
    let mut loaded = Vec::new();
    let mut failed = false;
    for path in super::scenario_paths(&inputs) {
        let source = match load::read_text(&path) {
            Ok(s) => s,
            Err(p) => {
                super::print_problems(&path, &[p]);
                failed = true;
                continue;
            }
        };
        if matches!(
            load::top_level_name(&source),
            Some("Glossaire" | "Reponses")
        ) {
            continue;
        }
        match load::load_scenario_str(&source) {
            Ok(s) => {
                let name = path
                    .file_stem()
                    .map_or_else(|| s.id.clone(), |n| n.to_string_lossy().into_owned());
                loaded.push((name, s));
            }
            Err(problems) => {
                super::print_problems(&path, &problems);
                failed = true;
            }
        }
    }
    if failed {
        eprintln!("des scénarios ne sont pas valides : la couverture ne les compte pas");
    }
    if loaded.is_empty() {
        eprintln!("erreur : aucun scénario valide à analyser");
        return ExitCode::FAILURE;
    }
    let named: Vec<(String, &crate::scenario::Scenario)> =
        loaded.iter().map(|(n, s)| (n.clone(), s)).collect();
    print!("{}", coverage::to_text(&coverage::compute(&named)));
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
