//! How busy each scenario's desk gets with the ideal and naive trainees (seed 1).
//! `cargo run --example peak -- scenarios/*.ron`

use secretariat::policy::{self, PolicyKind};
use secretariat::scenario::load_scenario_file;
use secretariat::sim::Mode;
use std::sync::Arc;

fn main() {
    for file in std::env::args().skip(1) {
        let scenario = match load_scenario_file(std::path::Path::new(&file)) {
            Ok(s) => Arc::new(s),
            Err(problems) => {
                eprintln!("{file} : invalide ({} problème(s))", problems.len());
                continue;
            }
        };
        for kind in [PolicyKind::Ideal, PolicyKind::Naive] {
            let load = policy::run(Arc::clone(&scenario), 1, Mode::Exam, kind).load();
            println!(
                "{file} {kind:?}: peak {}, time with >=3 open: {} s",
                load.peak_open, load.seconds_three_or_more
            );
        }
    }
}
