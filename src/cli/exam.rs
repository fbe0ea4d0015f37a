//! `secretariat exam new|collect`, and `simulate --exam`: class exams from the command line.

use super::print_problems;
use crate::exam::{self, ExamFile};
use crate::journal::{ActionLog, ExamSeat, Header};
use crate::report;
use crate::scenario::load;
use crate::scoring;
use crate::sim::Mode;
use crate::store::SessionRecord;
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// `exam collect`'s exit code when some files were rejected (the valid ones are still written).
pub const REJECTED_EXIT: u8 = 3;

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

fn new_exam(args: &NewArgs) -> ExitCode {
    if !(0.1..=600.0).contains(&args.speed) {
        eprintln!("erreur : la vitesse doit être comprise entre 0,1 et 600");
        return ExitCode::from(2);
    }
    let path = &args.scenario;
    let source = match load::read_text(path) {
        Ok(s) => s,
        Err(p) => {
            print_problems(path, &[p]);
            return ExitCode::FAILURE;
        }
    };
    let scenario = match load::load_scenario_str(&source) {
        Ok(s) => s,
        Err(problems) => {
            print_problems(path, &problems);
            eprintln!("le scénario n'est pas valide : corrigez-le avant d'en faire un examen");
            return ExitCode::FAILURE;
        }
    };
    let title = args
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(&scenario.title);
    let file_name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let out = args.out.clone().unwrap_or_else(|| {
        let stem = path
            .file_stem()
            .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
        PathBuf::from(format!("examen-{stem}{}", exam::file::EXTENSION))
    });
    let made = ExamFile::new(
        title,
        &file_name,
        source,
        args.seed,
        args.attempts,
        args.speed,
    )
    .and_then(|exam| {
        if out.exists() {
            return Err(format!(
                "{} existe déjà : un examen distribué garde sa clé, choisissez un autre nom avec --out",
                out.display()
            ));
        }
        exam.write(&out).map(|()| exam)
    });
    let exam = match made {
        Ok(exam) => exam,
        Err(e) => {
            eprintln!("erreur : {e}");
            return ExitCode::FAILURE;
        }
    };
    let shown = out.display();
    println!("Examen « {} » écrit dans {shown}", exam.title);
    println!(
        "  scénario {} ({}), graine {}, vitesse ×{}, {} par candidat",
        file_name,
        scenario.id,
        exam.seed,
        report::number(f64::from(exam.speed)),
        count(exam.attempts as usize, "passage permis", "passages permis")
    );
    println!("Ensuite :");
    println!("  1. Copiez ce fichier sur chaque poste (clé USB, dossier partagé).");
    println!(
        "  2. Chaque stagiaire l'ouvre à l'accueil avec « Passer un examen », ou avec :\n     secretariat play --exam {shown}"
    );
    println!(
        "     Son résultat est écrit à côté du fichier d'examen (ou dans le dossier qu'il choisit)."
    );
    println!(
        "  3. Rassemblez les fichiers *.resultat.json dans un dossier, puis :\n     secretariat exam collect DOSSIER --exam {shown} --csv classe.csv"
    );
    println!(
        "Gardez ce fichier : sa clé vérifie les résultats. Après l'examen, retirez-le des postes des stagiaires."
    );
    ExitCode::SUCCESS
}

fn collect(args: &CollectArgs) -> ExitCode {
    let exam = match ExamFile::read(&args.exam) {
        Ok(exam) => exam,
        Err(e) => {
            eprintln!("erreur : {e}");
            return ExitCode::FAILURE;
        }
    };
    let collection = match exam::collect(&args.folder, &exam) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("erreur : {e}");
            return ExitCode::FAILURE;
        }
    };
    let (accepted, rejected) = (collection.accepted.len(), collection.rejected.len());
    if accepted + rejected == 0 {
        eprintln!(
            "erreur : aucun fichier de résultat (*{}) dans {}",
            exam::result::EXTENSION,
            args.folder.display()
        );
        return ExitCode::FAILURE;
    }
    for r in &collection.rejected {
        eprintln!("refusé : {} : {}", r.path.display(), r.reason);
    }
    for w in &collection.warnings {
        eprintln!("attention : {w}");
    }
    if let Err(e) = exam::table::write_csv(&args.csv, &collection.accepted) {
        eprintln!("erreur : {e}");
        return ExitCode::FAILURE;
    }
    if let Some(path) = &args.xapi
        && let Err(e) = exam::xapi::write(path, &exam, &collection.accepted)
    {
        eprintln!("erreur : {e}");
        return ExitCode::FAILURE;
    }
    let simulated = collection
        .accepted
        .iter()
        .filter(|a| a.result.simulated)
        .count();
    println!(
        "{} : {}, {}, {}",
        exam.title,
        count(accepted, "résultat accepté", "résultats acceptés"),
        count(rejected, "refusé", "refusés"),
        count(simulated, "simulé", "simulés")
    );
    println!("Tableau de la classe : {}", args.csv.display());
    if let Some(path) = &args.xapi {
        println!(
            "Déclarations xAPI : {} ({})",
            path.display(),
            count(2 * accepted, "déclaration", "déclarations")
        );
    }
    if rejected > 0 {
        ExitCode::from(REJECTED_EXIT)
    } else {
        ExitCode::SUCCESS
    }
}

/// « 1 résultat accepté », « 3 résultats acceptés », « 0 refusé ».
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n > 1 { many } else { one })
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
    exam_file: &std::path::Path,
    candidate: &Candidate,
    out: Option<&std::path::Path>,
    json: bool,
    play: impl FnOnce(
        std::sync::Arc<crate::scenario::Scenario>,
        u64,
        crate::sim::Mode,
    ) -> Result<crate::sim::SimLog, ExitCode>,
) -> ExitCode {
    let name = candidate.name.trim();
    let group = candidate.group.trim();
    if name.is_empty() {
        eprintln!("erreur : donnez le nom du candidat avec --name");
        return ExitCode::from(2);
    }
    let exam = match ExamFile::read(exam_file) {
        Ok(exam) => exam,
        Err(e) => {
            eprintln!("erreur : {e}");
            return ExitCode::FAILURE;
        }
    };
    let scenario = match exam.scenario() {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!("erreur : {} : {e}", exam_file.display());
            return ExitCode::FAILURE;
        }
    };
    let log = match play(Arc::clone(&scenario), exam.seed, Mode::Exam) {
        Ok(log) => log,
        Err(code) => return code,
    };
    let report = scoring::score(&scenario, &log);
    let folder = out.map_or_else(|| beside(exam_file), Path::to_path_buf);
    let attempt = exam::collect::last_attempt_in(&folder, &exam, name, group) + 1;
    if attempt > exam.attempts {
        eprintln!(
            "attention : passage n° {attempt} de {name}, l'examen en permet {}",
            exam.attempts
        );
    }
    let header = Header {
        simulated: true,
        exam: Some(ExamSeat {
            exam_id: exam.id.clone(),
            title: exam.title.clone(),
            name: name.to_string(),
            group: group.to_string(),
            attempt,
            exam_file: Some(exam_file.to_path_buf()),
            result_folder: out.map(Path::to_path_buf),
        }),
        ..Header::new(
            exam.scenario_text.clone(),
            None,
            exam.seed,
            Mode::Exam,
            exam.speed,
        )
    };
    let practice = &scenario.practice;
    let record = SessionRecord::of_play(
        &header,
        &scenario,
        &report,
        ActionLog::of_log(&log),
        0.0,
        practice
            .shift_end
            .seconds()
            .saturating_sub(practice.shift_start.seconds()),
        Vec::new(),
    );
    let path = match exam::write_result(&exam, &record, &folder) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("erreur : {e}");
            return ExitCode::FAILURE;
        }
    };
    let written = format!(
        "Résultat simulé de {name} (passage n° {attempt}) écrit dans {}",
        path.display()
    );
    if json {
        println!("{}", report::to_json(&report));
        eprintln!("{written}");
    } else {
        print!("{}", report::to_text(&report));
        println!("{written}");
    }
    ExitCode::SUCCESS
}

/// The folder of a file (the current folder for a bare file name).
fn beside(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
