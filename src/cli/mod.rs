//! The command line: `play` (the game), `check`, `simulate`, `drill` and `coverage`.

mod check;
mod coverage;
mod drill;
pub mod exam;
mod headless;
pub mod results;

use crate::glossary::drill::DrillKind;
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
        /// Contrôle qualité en plus : chaque situation a son bloc de compétences, la politique
        /// ideal atteint 100, la politique naive échoue, et un stagiaire qui devine d'après la
        /// forme des propositions (la plus longue, la plus courte, les mots des bonnes réponses)
        /// ne valide pas et ne fait pas mieux qu'un choix au hasard.
        #[arg(long, help_heading = "Options")]
        strict: bool,
        /// Avec --strict : note globale maximale permise à la politique naive.
        #[arg(long, default_value_t = crate::quality::NAIVE_MAX, value_name = "NOTE", requires = "strict", help_heading = "Options")]
        naive_max: f64,
        /// Avec --strict : écart maximal (en points) entre la moyenne d'un stagiaire qui devine
        /// et celle d'un choix au hasard dans le même ordre.
        #[arg(long, default_value_t = crate::quality::GUESS_MARGIN, value_name = "POINTS", requires = "strict", help_heading = "Options")]
        guess_margin: f64,
    },
    /// Affiche le référentiel des règles métier (en Markdown : docs/regles-metier.md).
    #[command(
        help_template = "{about}\n\nUtilisation : {usage}\n\n{all-args}",
        alias = "regles"
    )]
    Rules,
    /// Simule une vacation avec une politique ou un fichier de réponses, et affiche le rapport.
    #[command(help_template = "{about}\n\nUtilisation : {usage}\n\n{all-args}")]
    Simulate(SimulateArgs),
    /// Exercices de terminologie tirés du glossaire, corrigés au fur et à mesure.
    #[command(help_template = "{about}\n\nUtilisation : {usage}\n\n{all-args}")]
    Drill(DrillArgs),
    /// Examens de classe : préparer le fichier d'examen, rassembler et vérifier les résultats.
    #[command(
        help_template = "{about}\n\nUtilisation : {usage}\n\n{all-args}",
        subcommand_help_heading = "Commandes",
        alias = "examen"
    )]
    Exam {
        #[command(subcommand)]
        command: exam::ExamCommand,
    },
    /// Affiche les résultats enregistrés (historique), ou les exporte en CSV ou en JSON.
    #[command(
        help_template = "{about}\n\nUtilisation : {usage}\n\n{all-args}",
        alias = "resultats"
    )]
    Results(results::ResultsArgs),
    /// Ce que couvrent des scénarios : situations par bloc de compétences et par thème.
    #[command(help_template = "{about}\n\nUtilisation : {usage}\n\n{all-args}")]
    Coverage {
        /// Fichiers de scénario ou dossiers (scenarios/ par défaut).
        #[arg(value_name = "FICHIER", help_heading = "Arguments")]
        files: Vec<PathBuf>,
    },
}

#[derive(Args, Debug)]
struct DrillArgs {
    /// Le glossaire (assets/glossaire.ron par défaut).
    #[arg(long, value_name = "FICHIER", help_heading = "Options")]
    glossary: Option<PathBuf>,
    /// Graine des exercices (même graine, mêmes questions) ; tirée au hasard sinon.
    #[arg(long, value_name = "N", help_heading = "Options")]
    seed: Option<u64>,
    /// Nombre de questions.
    #[arg(long, default_value_t = 10, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=200), help_heading = "Options")]
    count: u16,
    /// Type d'exercice (à répéter pour en combiner ; tous par défaut).
    #[arg(
        long = "kind",
        value_enum,
        value_name = "TYPE",
        help_heading = "Options"
    )]
    kinds: Vec<KindArg>,
    /// Enregistre la série terminée dans l'historique.
    #[arg(long, help_heading = "Options")]
    save: bool,
    /// Avec --save : le profil (« Prénom Nom », créé s'il n'existe pas).
    #[arg(
        long,
        value_name = "PROFIL",
        requires = "save",
        help_heading = "Options"
    )]
    profile: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum KindArg {
    /// Définition → terme (à taper)
    Definition,
    /// Terme → spécialité
    Specialite,
    /// Abréviation → signification (à taper)
    Abreviation,
    /// Le bon terme parmi ses voisins
    Confusion,
    /// Le mot mal orthographié d'un compte rendu
    Faute,
}

impl KindArg {
    fn kind(self) -> DrillKind {
        match self {
            KindArg::Definition => DrillKind::DefinitionToTerm,
            KindArg::Specialite => DrillKind::TermToSpecialty,
            KindArg::Abreviation => DrillKind::AbbreviationToMeaning,
            KindArg::Confusion => DrillKind::PickAmongConfusables,
            KindArg::Faute => DrillKind::SpotMisspelling,
        }
    }
}

#[derive(Args, Debug)]
#[group(skip)]
#[command(group = clap::ArgGroup::new("trainee").required(true).args(["policy", "answers"]))]
struct SimulateArgs {
    /// Le scénario à jouer (inutile avec --exam).
    #[arg(
        value_name = "FICHIER",
        required_unless_present = "exam",
        help_heading = "Arguments"
    )]
    file: Option<PathBuf>,
    /// Graine des variations (même graine, même vacation).
    #[arg(
        long,
        default_value_t = 1,
        value_name = "N",
        conflicts_with = "exam",
        help_heading = "Options"
    )]
    seed: u64,
    /// Stagiaire automatique.
    #[arg(long, value_enum, value_name = "POLITIQUE", help_heading = "Options")]
    policy: Option<PolicyKind>,
    /// Pour les stagiaires qui devinent (longest, shortest, cue-words, blind) : l'ordre dans
    /// lequel ils prennent les situations.
    #[arg(
        long,
        value_enum,
        default_value = "best",
        value_name = "ORDRE",
        help_heading = "Options"
    )]
    order: policy::Order,
    /// Fichier de réponses (stagiaire scripté, voir docs/format-scenario.md).
    #[arg(long, value_name = "REPONSES", help_heading = "Options")]
    answers: Option<PathBuf>,
    /// Mode de la séance.
    #[arg(
        long,
        value_enum,
        default_value = "entrainement",
        value_name = "MODE",
        conflicts_with = "exam",
        help_heading = "Options"
    )]
    mode: ModeArg,
    /// Affiche le rapport en JSON.
    #[arg(long, help_heading = "Options")]
    json: bool,
    /// Enregistre la séance dans l'historique (marquée « simulée »).
    #[arg(long, conflicts_with = "exam", help_heading = "Options")]
    save: bool,
    /// Avec --save : le profil (« Prénom Nom », créé s'il n'existe pas).
    #[arg(
        long,
        value_name = "PROFIL",
        requires = "save",
        help_heading = "Options"
    )]
    profile: Option<String>,
    /// Joue un fichier d'examen et écrit un fichier de résultat marqué « simulé ».
    #[arg(
        long,
        value_name = "EXAMEN",
        conflicts_with = "file",
        requires = "name",
        help_heading = "Options"
    )]
    exam: Option<PathBuf>,
    /// Avec --exam : le nom du candidat.
    #[arg(long, value_name = "NOM", requires = "exam", help_heading = "Options")]
    name: Option<String>,
    /// Avec --exam : son groupe.
    #[arg(
        long,
        value_name = "GROUPE",
        requires = "exam",
        help_heading = "Options"
    )]
    group: Option<String>,
    /// Avec --exam : le dossier où écrire le résultat (à côté du fichier d'examen par défaut).
    #[arg(
        long,
        value_name = "DOSSIER",
        requires = "exam",
        help_heading = "Options"
    )]
    out: Option<PathBuf>,
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
    /// Passe un examen (fichier donné par le formateur).
    #[arg(long, value_name = "EXAMEN", conflicts_with_all = ["file", "seed", "mode"], help_heading = "Options")]
    exam: Option<PathBuf>,
    /// Sans fenêtre : joue la vacation en temps réel avec un fichier de réponses, avec le
    /// journal et l'enregistrement du jeu, puis affiche le rapport.
    #[arg(
        long,
        requires = "answers",
        conflicts_with = "exam",
        help_heading = "Options"
    )]
    headless: bool,
    /// Avec --headless : le fichier de réponses (voir docs/format-scenario.md).
    #[arg(
        long,
        value_name = "REPONSES",
        requires = "headless",
        help_heading = "Options"
    )]
    answers: Option<PathBuf>,
    /// Avec --headless : reprend la vacation interrompue au lieu d'en commencer une.
    #[arg(long, requires = "headless", help_heading = "Options")]
    resume: bool,
    /// Avec --headless : le rapport en JSON.
    #[arg(long, requires = "headless", help_heading = "Options")]
    json: bool,
    /// Le profil (« Prénom Nom », créé s'il n'existe pas) ; avec --exam, le nom du candidat.
    #[arg(long, value_name = "PROFIL", help_heading = "Options")]
    profile: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ModeArg {
    #[value(alias = "training")]
    Entrainement,
    #[value(alias = "exam")]
    Examen,
}

pub fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match cli.command {
        Some(Command::Check {
            files,
            strict,
            naive_max,
            guess_margin,
        }) => check::run(
            &files,
            strict.then_some(crate::quality::StrictOptions {
                naive_max,
                guess_margin,
            }),
        ),
        Some(Command::Rules) => {
            print!("{}", crate::rulebook::markdown(crate::rulebook::rulebook()));
            ExitCode::SUCCESS
        }
        Some(Command::Simulate(args)) => simulate(&args),
        Some(Command::Play(args)) => play(args),
        Some(Command::Drill(args)) => run_drill(&args),
        Some(Command::Coverage { files }) => coverage::run(&files),
        Some(Command::Exam { command }) => exam::run(&command),
        Some(Command::Results(args)) => results::run(&args),
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

fn play(args: PlayArgs) -> ExitCode {
    if args.speed.is_some_and(|s| !(0.1..=600.0).contains(&s)) {
        eprintln!("erreur : la vitesse doit être comprise entre 0,1 et 600");
        return ExitCode::from(2);
    }
    if args.headless {
        return headless::run(&headless::Options {
            file: args.file,
            answers: args
                .answers
                .expect("clap requires --answers with --headless"),
            mode: args.mode.map(ModeArg::mode),
            seed: args.seed,
            speed: args.speed,
            resume: args.resume,
            json: args.json,
            profile: args.profile,
        });
    }
    play_window(args)
}

#[cfg(feature = "game")]
fn play_window(args: PlayArgs) -> ExitCode {
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
    crate::game::run(crate::game::PlayOptions {
        file: args.file,
        mode: args.mode.map(ModeArg::mode),
        seed: args.seed,
        speed: args.speed,
        exam: args.exam,
        profile: args.profile,
    })
}

#[cfg(not(feature = "game"))]
fn play_window(_: PlayArgs) -> ExitCode {
    eprintln!(
        "Cette version a été compilée sans le jeu (--no-default-features) : seules les commandes check et simulate sont disponibles."
    );
    ExitCode::from(2)
}

/// Rust ignores SIGPIPE, so printing into a closed pipe (`… | head`) would panic; a command-line
/// tool should just stop.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn run_drill(args: &DrillArgs) -> ExitCode {
    let path = args
        .glossary
        .clone()
        .unwrap_or_else(|| project_file(crate::glossary::DEFAULT_PATH));
    let glossary = match drill::load(&path) {
        Ok(g) => g,
        Err(code) => return code,
    };
    let seed = args.seed.unwrap_or_else(crate::fresh_seed);
    let kinds: Vec<DrillKind> = args.kinds.iter().map(|k| k.kind()).collect();
    let stdin = std::io::stdin();
    let started = std::time::Instant::now();
    let result = drill::run(
        &glossary,
        seed,
        usize::from(args.count),
        &kinds,
        &mut stdin.lock(),
        &mut std::io::stdout(),
    );
    match result {
        Ok((drill, outcomes)) => {
            let finished = outcomes.len() == drill.questions.len();
            if args.save && finished {
                let title = match kinds.as_slice() {
                    [one] => format!("Terminologie — {}", one.label()),
                    _ => "Terminologie — tous les exercices".to_string(),
                };
                if let Err(e) = results::save_drill(
                    &drill,
                    &outcomes,
                    &title,
                    args.profile.as_deref(),
                    started.elapsed().as_secs_f64(),
                ) {
                    eprintln!("erreur : {e}");
                    return ExitCode::FAILURE;
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("erreur : {e}");
            ExitCode::FAILURE
        }
    }
}

/// A file of the project folder (see [`crate::project_dir`]).
pub fn project_file(relative: &str) -> PathBuf {
    crate::project_dir().join(relative)
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
            "commande inconnue « {} » ; commandes : play, check, rules, simulate, drill, coverage, exam, results",
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
pub(crate) fn scenario_paths(inputs: &[PathBuf]) -> Vec<PathBuf> {
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

pub(crate) fn print_problems(path: &Path, problems: &[Problem]) {
    let shown = path.display().to_string();
    for p in problems {
        println!("{}", p.render(&shown));
    }
}

fn simulate(args: &SimulateArgs) -> ExitCode {
    if let Some(exam_file) = &args.exam {
        let candidate = exam::Candidate {
            name: args.name.clone().unwrap_or_default(),
            group: args.group.clone().unwrap_or_default(),
        };
        return exam::simulate(
            exam_file,
            &candidate,
            args.out.as_deref(),
            args.json,
            |scenario, seed, mode| trainee_log(args, scenario, seed, mode),
        );
    }
    let file = args
        .file
        .as_ref()
        .expect("clap requires a file without --exam");
    let (scenario, source) = match load::read_text(file) {
        Ok(source) => match load::load_scenario_str(&source) {
            Ok(s) => (Arc::new(s), source),
            Err(problems) => {
                print_problems(file, &problems);
                eprintln!("le scénario n'est pas valide : corrigez-le avant de le simuler");
                return ExitCode::FAILURE;
            }
        },
        Err(problem) => {
            print_problems(file, &[problem]);
            return ExitCode::FAILURE;
        }
    };
    let mode = args.mode.mode();
    let log = match trainee_log(args, Arc::clone(&scenario), args.seed, mode) {
        Ok(log) => log,
        Err(code) => return code,
    };
    let report = scoring::score(&scenario, &log);
    if args.save
        && let Err(e) = results::save_simulated(
            &scenario,
            &source,
            file,
            &log,
            &report,
            args.profile.as_deref(),
        )
    {
        eprintln!("erreur : {e}");
        return ExitCode::FAILURE;
    }
    if args.json {
        println!("{}", report::to_json(&report));
    } else {
        print!("{}", report::to_text(&report));
    }
    ExitCode::SUCCESS
}

/// The shift played by the automatic or scripted trainee the arguments name.
fn trainee_log(
    args: &SimulateArgs,
    scenario: Arc<Scenario>,
    seed: u64,
    mode: Mode,
) -> Result<crate::sim::SimLog, ExitCode> {
    if let Some(kind) = args.policy {
        let mut trainee = policy::Trainee::new(kind).in_order(args.order);
        if kind.word_model().is_some() {
            // What a test-wise trainee learns from the other shipped scenarios.
            let library = check::shipped_library();
            trainee = trainee.with_cues(crate::quality::cues_without(&library, &scenario.id));
        }
        return Ok(policy::run_trainee(scenario, seed, mode, &trainee));
    }
    let path = args
        .answers
        .as_ref()
        .expect("clap requires --policy or --answers");
    let script = read_answers(path, &scenario)?;
    Ok(answers::run(scenario, seed, mode, &script))
}

/// Reads and checks an answers file against its scenario; problems are printed.
pub(crate) fn read_answers(
    path: &Path,
    scenario: &Scenario,
) -> Result<answers::AnswersFile, ExitCode> {
    let parsed = load::read_text(path).and_then(|src| answers::parse(&src).map(|a| (a, src)));
    let (script, source) = match parsed {
        Ok(ok) => ok,
        Err(p) => {
            print_problems(path, &[p]);
            return Err(ExitCode::FAILURE);
        }
    };
    let problems = answers::check(&script, scenario, &source);
    if !problems.is_empty() {
        print_problems(path, &problems);
        return Err(ExitCode::FAILURE);
    }
    Ok(script)
}
