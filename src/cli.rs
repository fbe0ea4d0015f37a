//! The command line: `check` and `simulate` (the game's `play` comes with the desk).

use crate::glossary;
use crate::policy::{self, PolicyKind, answers};
use crate::report;
use crate::scenario::{Problem, Scenario, load};
use crate::scoring;
use crate::sim::Mode;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser, Debug)]
#[command(
    name = "secretariat",
    about = "Secrétariat — simulateur de secrétariat médical",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Commandes",
    help_template = "{about}\n\nUtilisation : {usage}\n\n{all-args}"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[arg(short = 'h', long = "help", action = ArgAction::Help, help = "Affiche l'aide", global = true, help_heading = "Options")]
    help: Option<bool>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Ouvre le simulateur (commande par défaut), éventuellement directement sur un scénario.
    #[command(help_template = "{about}\n\nUtilisation : {usage}\n\n{all-args}")]
    Play(PlayArgs),
    /// Vérifie des scénarios ou un glossaire (fichiers .ron ou dossiers) et affiche chaque problème.
    #[command(help_template = "{about}\n\nUtilisation : {usage}\n\n{all-args}")]
    Check {
        /// Fichiers de scénario ou de glossaire, ou dossiers qui en contiennent.
        #[arg(required = true, value_name = "FICHIER", help_heading = "Arguments")]
        files: Vec<PathBuf>,
    },
    /// Simule une vacation avec une politique ou un fichier de réponses, et affiche le rapport.
    #[command(help_template = "{about}\n\nUtilisation : {usage}\n\n{all-args}")]
    Simulate(SimulateArgs),
}

#[derive(Args, Debug)]
#[group(skip)]
#[command(group = clap::ArgGroup::new("trainee").required(true).args(["policy", "answers"]))]
struct SimulateArgs {
    /// Le scénario à jouer.
    #[arg(value_name = "FICHIER", help_heading = "Arguments")]
    file: PathBuf,
    /// Graine des variations (même graine, même vacation).
    #[arg(long, default_value_t = 1, value_name = "N", help_heading = "Options")]
    seed: u64,
    /// Stagiaire automatique : ideal, naive ou random.
    #[arg(long, value_enum, value_name = "POLITIQUE", help_heading = "Options")]
    policy: Option<PolicyKind>,
    /// Fichier de réponses (stagiaire scripté, voir docs/format-scenario.md).
    #[arg(long, value_name = "REPONSES", help_heading = "Options")]
    answers: Option<PathBuf>,
    /// Mode de la séance.
    #[arg(
        long,
        value_enum,
        default_value = "entrainement",
        value_name = "MODE",
        help_heading = "Options"
    )]
    mode: ModeArg,
    /// Affiche le rapport en JSON.
    #[arg(long, help_heading = "Options")]
    json: bool,
}

#[derive(Args, Debug, Default)]
struct PlayArgs {
    /// Le scénario à jouer (sinon, choix sur l'écran d'accueil).
    #[arg(value_name = "FICHIER", help_heading = "Arguments")]
    file: Option<PathBuf>,
    /// Mode de la séance.
    #[arg(long, value_enum, value_name = "MODE", help_heading = "Options")]
    mode: Option<ModeArg>,
    /// Graine fixée par le formateur (même graine, même vacation).
    #[arg(long, value_name = "N", help_heading = "Options")]
    seed: Option<u64>,
    /// Vitesse du temps (secondes de jeu par seconde réelle).
    #[arg(long, value_name = "X", help_heading = "Options")]
    speed: Option<f32>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ModeArg {
    #[value(alias = "training")]
    Entrainement,
    #[value(alias = "exam")]
    Examen,
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match cli.command {
        Some(Command::Check { files }) => check(&files),
        Some(Command::Simulate(args)) => simulate(&args),
        Some(Command::Play(args)) => play(args),
        None => play(PlayArgs::default()),
    }
}

impl ModeArg {
    fn mode(self) -> Mode {
        match self {
            ModeArg::Entrainement => Mode::Training,
            ModeArg::Examen => Mode::Exam,
        }
    }
}

#[cfg(feature = "game")]
fn play(args: PlayArgs) -> ExitCode {
    if let Some(file) = &args.file
        && let Err(problems) = load::load_scenario_file(file)
    {
        print_problems(file, &problems);
        eprintln!("le scénario n'est pas valide : corrigez-le avant de le jouer");
        return ExitCode::FAILURE;
    }
    if args.mode.is_some_and(|m| matches!(m, ModeArg::Examen)) && args.seed.is_none() {
        eprintln!("erreur : en mode examen, donnez la graine du formateur avec --seed N");
        return ExitCode::from(2);
    }
    if args.speed.is_some_and(|s| !(0.1..=600.0).contains(&s)) {
        eprintln!("erreur : la vitesse doit être comprise entre 0,1 et 600");
        return ExitCode::from(2);
    }
    crate::game::run(crate::game::PlayOptions {
        file: args.file,
        mode: args.mode.map(ModeArg::mode),
        seed: args.seed,
        speed: args.speed,
    })
}

#[cfg(not(feature = "game"))]
fn play(_: PlayArgs) -> ExitCode {
    eprintln!(
        "Cette version a été compilée sans le jeu (--no-default-features) : seules les commandes check et simulate sont disponibles."
    );
    ExitCode::from(2)
}

/// clap's messages are English: say the same in French.
fn usage_error(e: clap::Error) -> ExitCode {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let message = match e.kind() {
        ErrorKind::InvalidValue => format!(
            "valeur « {} » invalide pour {} ; valeurs possibles : {}",
            context(ContextKind::InvalidValue),
            context(ContextKind::InvalidArg),
            context(ContextKind::ValidValue)
        ),
        ErrorKind::UnknownArgument => {
            format!("option inconnue « {} »", context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue « {} » ; commandes : play, check, simulate",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!(
                "argument obligatoire manquant : {}",
                context(ContextKind::InvalidArg)
            )
        }
        ErrorKind::ArgumentConflict => format!(
            "{} ne peut pas être utilisé avec {}",
            context(ContextKind::InvalidArg),
            context(ContextKind::PriorArg)
        ),
        ErrorKind::ValueValidation => format!(
            "valeur « {} » invalide pour {}",
            context(ContextKind::InvalidValue),
            context(ContextKind::InvalidArg)
        ),
        _ => "ligne de commande invalide".to_string(),
    };
    eprintln!("erreur : {message}");
    eprintln!("Aide : secretariat --help");
    ExitCode::from(2)
}

/// Expands folders into the `.ron` files they hold, sorted.
fn scenario_paths(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let found = load::ron_files_in(input);
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    out
}

fn print_problems(path: &Path, problems: &[Problem]) {
    let shown = path.display().to_string();
    for p in problems {
        println!("{}", p.render(&shown));
    }
}

fn check(inputs: &[PathBuf]) -> ExitCode {
    let paths = scenario_paths(inputs);
    if paths.is_empty() {
        eprintln!("erreur : aucun fichier .ron à vérifier");
        return ExitCode::FAILURE;
    }
    let mut failed = 0;
    for path in &paths {
        match check_file(path) {
            Ok(summary) => println!("{} : valide ({summary})", path.display()),
            Err(problems) => {
                failed += 1;
                print_problems(path, &problems);
            }
        }
    }
    if failed > 0 {
        eprintln!("{failed} fichier(s) sur {} avec des problèmes", paths.len());
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Checks a scenario or a glossary (told apart by their top-level structure) and sums it up.
fn check_file(path: &Path) -> Result<String, Vec<Problem>> {
    let source = load::read_text(path).map_err(|p| vec![p])?;
    if glossary::is_glossary_source(&source) {
        let g = glossary::load_glossary_str(&source)?;
        Ok(format!("glossaire, {} termes", g.terms.len()))
    } else {
        let s = load::load_scenario_str(&source)?;
        Ok(format!("{} situations", s.situations.len()))
    }
}

fn simulate(args: &SimulateArgs) -> ExitCode {
    let scenario: Arc<Scenario> = match load::load_scenario_file(&args.file) {
        Ok(s) => Arc::new(s),
        Err(problems) => {
            print_problems(&args.file, &problems);
            eprintln!("le scénario n'est pas valide : corrigez-le avant de le simuler");
            return ExitCode::FAILURE;
        }
    };
    let mode = args.mode.mode();
    let log = if let Some(kind) = args.policy {
        policy::run(Arc::clone(&scenario), args.seed, mode, kind)
    } else {
        let path = args
            .answers
            .as_ref()
            .expect("clap requires --policy or --answers");
        let parsed = load::read_text(path).and_then(|src| answers::parse(&src).map(|a| (a, src)));
        let (script, source) = match parsed {
            Ok(ok) => ok,
            Err(p) => {
                print_problems(path, &[p]);
                return ExitCode::FAILURE;
            }
        };
        let problems = answers::check(&script, &scenario, &source);
        if !problems.is_empty() {
            print_problems(path, &problems);
            return ExitCode::FAILURE;
        }
        answers::run(Arc::clone(&scenario), args.seed, mode, &script)
    };
    let report = scoring::score(&scenario, &log);
    if args.json {
        println!("{}", report::to_json(&report));
    } else {
        print!("{}", report::to_text(&report));
    }
    ExitCode::SUCCESS
}
