//! Results that last: profiles, finished sessions and the aggregates of « Mes progrès ». The game
//! and the command line talk to the `Store` trait; SQLite (`sqlite.rs`) is the desktop backend, and
//! a browser backend can implement the same trait.

pub mod location;
pub mod record;
pub mod sqlite;

pub use record::{SessionKind, SessionRecord, SessionSummary, ThemeStat};
pub use sqlite::SqliteStore;

use serde::{Deserialize, Serialize};

/// A student on a shared PC. No password: profiles separate histories, they do not protect them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub group: String,
    pub created_at: String,
}

impl Profile {
    /// « Prénom Nom ».
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name.trim(), self.last_name.trim())
            .trim()
            .to_string()
    }

    /// « Prénom Nom (groupe) ».
    pub fn display_name(&self) -> String {
        if self.group.trim().is_empty() {
            self.full_name()
        } else {
            format!("{} ({})", self.full_name(), self.group.trim())
        }
    }
}

/// A profile as typed on the home screen.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewProfile {
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub group: String,
}

impl NewProfile {
    /// A name typed in one field (« Zoé Lefèvre », « Marie-Hélène de La Tour »): the first word
    /// is the first name, the rest the name.
    pub fn from_full_name(name: &str, group: &str) -> NewProfile {
        let mut words = name.split_whitespace();
        NewProfile {
            first_name: words.next().unwrap_or_default().to_string(),
            last_name: words.collect::<Vec<_>>().join(" "),
            group: group.trim().to_string(),
        }
    }
}

/// A student's history as a file, to carry to another PC.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileExport {
    /// Always `secretariat-profil`: what the file is, for a clear error on anything else.
    pub kind: String,
    pub format: u32,
    pub profile: NewProfile,
    pub sessions: Vec<SessionRecord>,
}

pub const EXPORT_KIND: &str = "secretariat-profil";

/// Why the store could not do what was asked, in French.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("base de résultats : {0}")]
    Database(String),
    #[error("{0}")]
    Invalid(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Database(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Where results are kept. Every method is one transaction: a crash leaves the store as it was
/// before or after, never between.
pub trait Store {
    fn profiles(&self) -> Result<Vec<Profile>>;
    fn create_profile(&mut self, profile: &NewProfile) -> Result<Profile>;
    /// Deletes the profile and everything stored for it (RGPD: right to erasure).
    fn delete_profile(&mut self, id: i64) -> Result<()>;
    fn last_profile(&self) -> Result<Option<i64>>;
    fn set_last_profile(&mut self, id: Option<i64>) -> Result<()>;

    /// Stores a finished session and updates its profile's aggregates. Saving the same session
    /// twice (same id) changes nothing.
    fn save(&mut self, record: &SessionRecord) -> Result<()>;
    /// Sessions without their texts, oldest first; `None`: every profile's.
    fn sessions(&self, profile: Option<i64>) -> Result<Vec<SessionSummary>>;
    fn session(&self, id: &str) -> Result<Option<SessionRecord>>;
    /// Success per theme, kept up to date on save.
    fn themes(&self, profile: Option<i64>) -> Result<Vec<ThemeStat>>;
    /// How many times this profile has sat this exam.
    fn exam_attempts(&self, profile: Option<i64>, exam_id: &str) -> Result<u32>;

    fn export_profile(&self, id: i64) -> Result<ProfileExport>;
    /// Imports a history; sessions already present are skipped. Returns the profile and how many
    /// sessions were added.
    fn import_profile(&mut self, export: &ProfileExport) -> Result<(Profile, usize)>;
}

/// The profile a command names: its number, or « Prénom Nom » (created when `create`).
pub fn named_profile(
    store: &mut dyn Store,
    named: &str,
    create: bool,
) -> std::result::Result<Profile, String> {
    let profiles = store.profiles().map_err(|e| e.to_string())?;
    if let Ok(id) = named.trim().parse::<i64>() {
        return profiles
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| format!("aucun profil numéro {id}"));
    }
    let wanted = crate::text::normalise(named);
    if let Some(p) = profiles
        .iter()
        .find(|p| crate::text::normalise(&p.full_name()) == wanted)
    {
        return Ok(p.clone());
    }
    if !create {
        return Err(format!("aucun profil « {} »", named.trim()));
    }
    store
        .create_profile(&NewProfile::from_full_name(named, ""))
        .map_err(|e| e.to_string())
}
