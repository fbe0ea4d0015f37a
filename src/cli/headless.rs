//! `secretariat play --headless --answers F`: the game's shift without a window. The clock runs in
//! real time at the chosen speed, the answers file acts at its times, and the shift is journaled
//! and stored exactly as the game does, so that a killed run can be resumed (`--resume`).

use super::results::open_store;
use super::{print_problems, read_answers};
use crate::journal;
use crate::policy::answers::Script;
use crate::report;
use crate::scenario::load;
use crate::shift::{Shift, ShiftSetup};
use crate::sim::Mode;
use crate::store::{SessionRecord, Store, location};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct Options {
    pub file: Option<PathBuf>,
    pub answers: PathBuf,
    pub mode: Option<Mode>,
    pub seed: Option<u64>,
    pub speed: Option<f32>,
    pub resume: bool,
    pub json: bool,
    pub profile: Option<String>,
}

/// How long the loop sleeps between two frames.
const FRAME: Duration = Duration::from_millis(10);

pub fn run(options: &Options) -> ExitCode {
    match play(options) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("erreur : {e}");
            ExitCode::FAILURE
        }
    }
}

fn play(options: &Options) -> Result<ExitCode, String> {
    let data = location::data_dir()?;
    let mut store = open_store()?;
    let mut shift = if options.resume {
        let (found, broken) = journal::interrupted(&data.journals());
        for b in broken {
            eprintln!("attention : {b}");
        }
        let Some(journal) = found.into_iter().next() else {
            return Err("aucune vacation interrompue à reprendre".to_string());
        };
        let scenario = load::load_scenario_str(&journal.header.scenario_text).map_err(|p| {
            format!(
                "le scénario de la vacation interrompue n'est plus lisible ({})",
                p[0]
            )
        })?;
        Shift::resume(&journal, Arc::new(scenario))
    } else {
        let Some(file) = &options.file else {
            return Err("donnez le scénario à jouer (ou --resume)".to_string());
        };
        let source = match load::read_text(file) {
            Ok(s) => s,
            Err(p) => {
                print_problems(file, &[p]);
                return Ok(ExitCode::FAILURE);
            }
        };
        let scenario = match load::load_scenario_str(&source) {
            Ok(s) => s,
            Err(problems) => {
                print_problems(file, &problems);
                eprintln!("le scénario n'est pas valide : corrigez-le avant de le jouer");
                return Ok(ExitCode::FAILURE);
            }
        };
        let profile = options
            .profile
            .as_deref()
            .map(|p| crate::store::named_profile(&mut store, p, true))
            .transpose()?;
        let mut shift = Shift::new(ShiftSetup {
            scenario: Arc::new(scenario),
            source,
            path: Some(file.clone()),
            seed: options.seed.unwrap_or(1),
            mode: options.mode.unwrap_or_default(),
            speed: options.speed.unwrap_or(60.0),
            profile: profile.map(|p| p.id),
            exam: None,
            simulated: true,
        });
        shift.start_journal(&data.journals());
        shift
    };
    if let Some(problem) = shift.journal_problem() {
        eprintln!("attention : {problem}");
    }
    let scenario = Arc::clone(shift.sim.scenario());
    let script = match read_answers(&options.answers, &scenario) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let mut script = Script::new(&script, scenario);
    let done = shift
        .lines()
        .iter()
        .filter(|l| matches!(l, journal::Line::Action { .. }))
        .count();
    script.skip(done);

    let mut last = Instant::now();
    while !shift.close_if_due() {
        std::thread::sleep(FRAME);
        let now = Instant::now();
        let real = now.duration_since(last).as_secs_f64();
        last = now;
        let due = script.due(&shift.sim);
        if shift.tick_until(real, due)
            && !shift.sim.has_ended()
            && let Some(action) = script.next_action()
        {
            let _ = shift.act(action);
        }
    }
    let report = shift.report();
    let record = SessionRecord::of_shift(&shift, &report);
    store.save(&record).map_err(|e| e.to_string())?;
    shift.discard_journal();
    if options.json {
        println!("{}", report::to_json(&report));
    } else {
        print!("{}", report::to_text(&report));
    }
    Ok(ExitCode::SUCCESS)
}
