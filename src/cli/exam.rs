//! `secretariat exam new|collect`, and `simulate --exam`: class exams from the command line.

use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum ExamCommand {
    /// Prépare un fichier d'examen (scénario, graine, clé de signature) à distribuer aux stagiaires.
    #[command(help_template = "{about}\n\nUtilisation : {usage}\n\n{all-args}")]
    New(NewArgs),
    /// Vérifie les résultats d'une classe et écrit un tableau (CSV pour tableur, xAPI en option).
    #[command(help_template = "{about}\n\nUtilisation : {usage}\n\n{all-args}")]
    Collect(CollectArgs),
}

#[derive(Args, Debug)]
pub struct NewArgs {
    /// Le scénario de l'examen.
    #[arg(value_name = "SCENARIO", help_heading = "Arguments")]
    pub scenario: PathBuf,
    /// Graine : tous les candidats jouent la même vacation.
    #[arg(long, value_name = "N", help_heading = "Options")]
    pub seed: u64,
    /// Intitulé de l'examen (le titre du scénario par défaut).
    #[arg(long, value_name = "TITRE", help_heading = "Options")]
    pub title: Option<String>,
    /// Nombre de passages permis par candidat sur un même poste.
    #[arg(long, default_value_t = 1, value_name = "K", value_parser = clap::value_parser!(u32).range(1..=20), help_heading = "Options")]
    pub attempts: u32,
    /// Vitesse du temps (secondes de jeu par seconde réelle).
    #[arg(
        long,
        default_value_t = 1.0,
        value_name = "X",
        help_heading = "Options"
    )]
    pub speed: f32,
    /// Fichier d'examen à écrire (examen-<scénario>.examen.json par défaut).
    #[arg(long, value_name = "FICHIER", help_heading = "Options")]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct CollectArgs {
    /// Le dossier où les résultats des candidats ont été rassemblés.
    #[arg(value_name = "DOSSIER", help_heading = "Arguments")]
    pub folder: PathBuf,
    /// Le fichier d'examen (il contient la clé qui vérifie les signatures).
    #[arg(long, value_name = "FICHIER", help_heading = "Options")]
    pub exam: PathBuf,
    /// Le tableau de la classe à écrire (séparateur « ; », virgule décimale, UTF-8 avec BOM).
    #[arg(long, value_name = "FICHIER", help_heading = "Options")]
    pub csv: PathBuf,
    /// Écrit aussi les résultats en déclarations xAPI 1.0.3 (JSON).
    #[arg(long, value_name = "FICHIER", help_heading = "Options")]
    pub xapi: Option<PathBuf>,
}

pub fn run(command: &ExamCommand) -> ExitCode {
    match command {
        ExamCommand::New(args) => new_exam(args),
        ExamCommand::Collect(args) => collect(args),
    }
}

fn new_exam(_args: &NewArgs) -> ExitCode {
    eprintln!("erreur : la création d'examens n'est pas encore disponible dans cette version");
    ExitCode::FAILURE
}

fn collect(_args: &CollectArgs) -> ExitCode {
    eprintln!("erreur : la collecte des résultats n'est pas encore disponible dans cette version");
    ExitCode::FAILURE
}

/// Who sits the exam.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Candidate {
    pub name: String,
    pub group: String,
}

/// `simulate --exam`: plays the exam's shift with `play` (the automatic or scripted trainee) and
/// writes the same kind of result file the game writes, marked as simulated.
pub fn simulate(
    _exam_file: &std::path::Path,
    _candidate: &Candidate,
    _out: Option<&std::path::Path>,
    _json: bool,
    _play: impl FnOnce(
        std::sync::Arc<crate::scenario::Scenario>,
        u64,
        crate::sim::Mode,
    ) -> Result<crate::sim::SimLog, ExitCode>,
) -> ExitCode {
    eprintln!("erreur : les examens simulés ne sont pas encore disponibles dans cette version");
    ExitCode::FAILURE
}
