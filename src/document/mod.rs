//! Our RON files (scenarios, glossaries, answers, the rulebook): reading them safely, parsing
//! with precise French errors, and locating what semantic checks report.

pub mod locate;

use ron::error::Error as RonError;
use ron::extensions::Extensions;
use serde::de::DeserializeOwned;
use std::fmt;
use std::path::Path;

/// Files larger than this are refused before parsing: no scenario or glossary comes near it.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// One problem in a file, at a 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl Problem {
    pub fn new(line: usize, col: usize, message: impl Into<String>) -> Self {
        Problem {
            line,
            col,
            message: message.into(),
        }
    }

    /// `path:line:col: message`, the form editors and terminals understand.
    pub fn render(&self, path: &str) -> String {
        format!("{path}:{}:{}: {}", self.line, self.col, self.message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

/// Reads a file as UTF-8 text, with French messages for the usual failures.
///
/// Only a regular file is read, and never more than [`MAX_FILE_BYTES`]: a device (`/dev/zero`)
/// or a named pipe reports a length of 0 and may never end, and opening a pipe for reading
/// waits for a writer, so what the path is gets looked at before it is opened.
pub fn read_text(path: &Path) -> Result<String, Problem> {
    let meta = std::fs::metadata(path).map_err(|e| Problem::new(1, 1, io_message(&e)))?;
    if meta.is_dir() {
        return Err(Problem::new(1, 1, "c'est un dossier, pas un fichier"));
    }
    if !meta.is_file() {
        return Err(Problem::new(
            1,
            1,
            "ce n'est pas un fichier ordinaire (périphérique, tube nommé ou socket) : donnez le chemin d'un fichier texte",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(Some(meta.len())));
    }
    let file = std::fs::File::open(path).map_err(|e| Problem::new(1, 1, io_message(&e)))?;
    let bytes = read_bounded(file)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        let line = text.matches('\n').count() + 1;
        let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Problem::new(
            line,
            col,
            "le fichier n'est pas du texte UTF-8 (enregistrez-le en UTF-8)",
        )
    })
}

/// Reads at most [`MAX_FILE_BYTES`]: a file that grew since its length was read, or one whose
/// length says nothing (`/proc`), is refused as too large as soon as one byte more comes.
fn read_bounded(reader: impl std::io::Read) -> Result<Vec<u8>, Problem> {
    use std::io::Read;
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::new(1, 1, io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(None));
    }
    Ok(bytes)
}

/// The file is too large; `size` in bytes when known.
fn too_large(size: Option<u64>) -> Problem {
    let size = match size {
        Some(bytes) => format!("{} Mo", bytes / (1024 * 1024)),
        None => format!("plus de {} Mo", MAX_FILE_BYTES / (1024 * 1024)),
    };
    Problem::new(
        1,
        1,
        format!(
            "fichier trop volumineux ({size} ; {} Mo au plus)",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// Why a file operation failed, in French (the system's own text for the rare cases).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "introuvable".into(),
        K::PermissionDenied => "droits insuffisants".into(),
        K::AlreadyExists => "un fichier porte déjà ce nom".into(),
        K::StorageFull | K::QuotaExceeded => "disque plein".into(),
        K::ReadOnlyFilesystem => "support en lecture seule".into(),
        K::NotADirectory => "un fichier porte le nom d'un dossier du chemin".into(),
        _ => e.to_string(),
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "fichier introuvable".into(),
        std::io::ErrorKind::PermissionDenied => "lecture refusée (droits insuffisants)".into(),
        _ => format!("lecture impossible : {e}"),
    }
}

/// The `.ron` files directly in a folder, sorted by name (unreadable folders give none).
pub fn ron_files_in(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

/// Whether a file may be a scenario: answers files and glossaries kept next to scenarios are not
/// offered on the home screen (a file that cannot be read is, to show its problem).
pub fn may_be_scenario(path: &Path) -> bool {
    read_text(path).map_or(true, |source| {
        !matches!(top_level_name(&source), Some("Reponses" | "Glossaire"))
    })
}

/// Parses RON text into any of our file types (scenario, answers). `Some(...)` is optional and
/// `Choix(id: ...)` needs no inner parentheses.
pub fn parse_ron<T: DeserializeOwned>(source: &str) -> Result<T, Problem> {
    let options = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES);
    options.from_str(source).map_err(|e| {
        let (line, col) = (e.span.start.line.max(1), e.span.start.col.max(1));
        let mut message = french_message(&e.code);
        if line > 1 && starts_its_line(source, line, col) && is_punctuation_error(&e.code) {
            // A comma or a parenthesis forgotten at the end of a line is only noticed on the next.
            message.push_str(&format!(
                " ; regardez aussi la fin de la ligne {}",
                line - 1
            ));
        }
        Problem::new(line, col, message)
    })
}

/// Whether `col` (1-based) is the first non-blank character of `line` (1-based).
fn starts_its_line(source: &str, line: usize, col: usize) -> bool {
    source.lines().nth(line - 1).is_some_and(|text| {
        let indent = text.chars().take_while(|c| c.is_whitespace()).count();
        col <= indent + 1
    })
}

fn is_punctuation_error(error: &RonError) -> bool {
    matches!(
        error,
        RonError::ExpectedComma
            | RonError::ExpectedArrayEnd
            | RonError::ExpectedStructLikeEnd
            | RonError::ExpectedIdentifier
            | RonError::ExpectedMapEnd
    )
}

/// The name of a RON file's top-level structure (`Scenario`, `Glossaire`, `Reponses`), after
/// comments and attributes, so that one command can take several kinds of file.
pub fn top_level_name(source: &str) -> Option<&str> {
    let mut rest = source.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(comment) = rest.strip_prefix("//") {
            rest = comment.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(comment) = rest.strip_prefix("/*") {
            rest = comment.split_once("*/").map_or("", |(_, after)| after);
        } else if let Some(attribute) = rest.strip_prefix("#!") {
            rest = attribute.split_once('\n').map_or("", |(_, after)| after);
        } else {
            break;
        }
    }
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let (name, after) = rest.split_at(end);
    (!name.is_empty() && after.trim_start().starts_with('(')).then_some(name)
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where the error is, named as the file names it (ron gives the Rust type's name).
fn within(outer: &Option<String>) -> String {
    let french = |o: &str| {
        match o {
            "Channel" => "canal",
            "Urgency" => "urgence",
            "Sex" => "sexe",
            "WhenImpatient" => "si_impatient",
            "Axis" => "axe",
            "Step" => "etapes",
            "ScriptedAction" => "faire",
            other => other,
        }
        .to_string()
    };
    outer
        .as_deref()
        .map(|o| format!(" dans `{}`", french(o)))
        .unwrap_or_default()
}

/// ron's messages are English; the people who read them are French instructors.
fn french_message(error: &RonError) -> String {
    use RonError as E;
    match error {
        E::Message(m) => m.clone(),
        E::Io(m) => format!("erreur de lecture : {m}"),
        E::Fmt => "erreur de mise en forme".into(),
        E::Eof => "fin de fichier inattendue : une parenthèse, un crochet ou un guillemet n'est pas refermé".into(),
        E::ExpectedArray => "`[` attendu : une liste commence par un crochet".into(),
        E::ExpectedArrayEnd => "`]` attendu : la liste n'est pas refermée (ou une virgule manque)".into(),
        E::ExpectedAttribute | E::ExpectedAttributeEnd => "attribut `#![enable(...)]` mal écrit".into(),
        E::ExpectedBoolean => "`true` ou `false` attendu".into(),
        E::ExpectedComma => {
            "virgule attendue entre deux éléments (ou un guillemet mal placé : dans un texte, écrivez \\\" ou « »)".into()
        }
        E::ExpectedChar | E::ExpectedByteLiteral | E::ExpectedByteString => "caractère attendu".into(),
        E::ExpectedFloat | E::FloatUnderscore => "nombre décimal attendu".into(),
        E::ExpectedInteger => "nombre entier attendu".into(),
        E::ExpectedOption | E::ExpectedOptionEnd => "valeur facultative mal écrite".into(),
        E::ExpectedMap | E::ExpectedMapColon | E::ExpectedMapEnd => "table `{ clé: valeur }` mal écrite".into(),
        E::ExpectedDifferentStructName { expected, found } => {
            format!("`{expected}(...)` attendu ici, pas `{found}(...)`")
        }
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => {
            "structure attendue : `Nom(champ: valeur, ...)` ou `(champ: valeur, ...)`".into()
        }
        E::ExpectedStructLikeEnd => "`)` attendue : la structure n'est pas refermée (ou une virgule manque)".into(),
        E::ExpectedUnit => "`()` attendu".into(),
        E::ExpectedString => "texte entre guillemets attendu, par exemple \"08:30\"".into(),
        E::ExpectedStringEnd => "guillemet fermant attendu : un texte entre guillemets n'est pas refermé".into(),
        E::ExpectedIdentifier => {
            "nom attendu ici, sans guillemets : un nom de champ, ou une valeur comme Vitale, Telephone ou F".into()
        }
        E::InvalidEscape(what) => format!("séquence d'échappement invalide ({what})"),
        E::IntegerOutOfBounds => "nombre trop grand (ou négatif là où il ne peut pas l'être)".into(),
        E::InvalidIntegerDigit { digit, .. } => format!("chiffre invalide « {digit} » dans un nombre"),
        E::NoSuchExtension(name) => format!("extension RON inconnue « {name} »"),
        E::UnclosedBlockComment => "commentaire /* ... */ non refermé".into(),
        E::UnclosedLineComment => "commentaire non refermé".into(),
        E::UnderscoreAtBeginning => "un nombre ne peut pas commencer par `_`".into(),
        E::UnexpectedChar(c) => format!("caractère inattendu « {} »", c.escape_debug()),
        E::Utf8Error(_) => "texte UTF-8 invalide".into(),
        E::TrailingCharacters => "texte en trop après la fin du scénario".into(),
        E::InvalidValueForType { expected, found } => {
            format!("valeur invalide : {} attendu, {} trouvé", type_fr(expected), type_fr(found))
        }
        E::ExpectedDifferentLength { expected, found } => {
            format!("{found} élément(s) trouvé(s), {expected} attendu(s)")
        }
        E::NoSuchEnumVariant { expected, found, outer } => format!(
            "valeur inconnue `{found}`{} ; valeurs possibles : {}",
            within(outer),
            list(expected)
        ),
        E::NoSuchStructField { expected, found, outer } => format!(
            "champ inconnu `{found}`{} ; champs possibles : {}",
            within(outer),
            list(expected)
        ),
        E::MissingStructField { field, outer } => {
            format!("champ obligatoire `{field}` manquant{}", within(outer))
        }
        E::DuplicateStructField { field, outer } => {
            format!("champ `{field}` écrit deux fois{}", within(outer))
        }
        E::InvalidIdentifier(name) => format!("nom invalide « {name} »"),
        E::SuggestRawIdentifier(name) => format!("nom invalide « {name} » (essayez r#{name})"),
        E::ExpectedRawValue => "valeur brute attendue".into(),
        E::ExceededRecursionLimit => "imbrication trop profonde (trop de parenthèses ou de crochets imbriqués)".into(),
        E::ExpectedStructName(name) => format!("nom de structure attendu avant les parenthèses : `{name}(...)`"),
        E::ExpectedRangeSyntax => "intervalle mal écrit".into(),
        other => format!("erreur de syntaxe ({other})"),
    }
}

/// serde's type names ("a string", "u32"…) in French.
fn type_fr(name: &str) -> String {
    let n = name.trim_start_matches("a ").trim_start_matches("an ");
    let fr = match n {
        "string" | "str" | "string \"...\"" => "un texte entre guillemets",
        "bool" | "boolean" => "un booléen (true/false)",
        "u32" | "u64" | "usize" | "i32" | "i64" | "unsigned integer" | "integer" => {
            "un nombre entier"
        }
        "sequence" => "une liste [ ... ]",
        "map" => "une table",
        "unit" => "rien",
        "option" => "une valeur facultative",
        "floating point" | "f64" | "f32" => "un nombre décimal",
        _ => return name.to_string(),
    };
    fr.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn an_endless_source_is_cut_at_the_size_limit() {
        // `std::io::repeat` never ends, like a device whose length reads 0.
        let err = read_bounded(std::io::repeat(b' ')).unwrap_err();
        assert!(
            err.message
                .contains("fichier trop volumineux (plus de 8 Mo"),
            "{}",
            err.message
        );
        let exact = read_bounded(std::io::repeat(b' ').take(MAX_FILE_BYTES)).unwrap();
        assert_eq!(exact.len() as u64, MAX_FILE_BYTES);
    }
}
