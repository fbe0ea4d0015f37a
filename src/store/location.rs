//! Where results live: `SECRETARIAT_DATA` if set; a `donnees/` folder beside the executable (a
//! portable install on a USB stick or a training-room share); else the platform's data directory
//! for the user (`~/.local/share/secretariat` on Linux, `%APPDATA%\Secretariat\data` on Windows).

use std::path::PathBuf;

/// The environment variable that overrides the data folder.
pub const ENV: &str = "SECRETARIAT_DATA";
/// The portable install's folder, beside the executable.
pub const PORTABLE: &str = "donnees";
/// The database's file name inside the data folder.
pub const DATABASE: &str = "secretariat.sqlite";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Environment,
    Portable,
    UserData,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataDir {
    pub path: PathBuf,
    pub origin: Origin,
}

impl DataDir {
    pub fn database(&self) -> PathBuf {
        self.path.join(DATABASE)
    }

    pub fn journals(&self) -> PathBuf {
        self.path.join(crate::journal::FOLDER)
    }

    /// A removable or shared drive: SQLite's write-ahead log needs shared memory that such drives
    /// do not always offer, so the store uses the rollback journal there.
    pub fn may_be_removable(&self) -> bool {
        self.origin == Origin::Portable
    }
}

/// Finds the data folder (it is created when the store opens).
pub fn data_dir() -> Result<DataDir, String> {
    if let Some(path) = std::env::var_os(ENV).filter(|p| !p.is_empty()) {
        return Ok(DataDir {
            path: PathBuf::from(path),
            origin: Origin::Environment,
        });
    }
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|p| p.join(PORTABLE)))
        .filter(|d| d.is_dir())
    {
        return Ok(DataDir {
            path: dir,
            origin: Origin::Portable,
        });
    }
    directories::ProjectDirs::from("fr", "Secretariat", "Secretariat")
        .map(|dirs| DataDir {
            path: dirs.data_dir().to_path_buf(),
            origin: Origin::UserData,
        })
        .ok_or_else(|| {
            format!(
                "Impossible de trouver le dossier de données de l'utilisateur : définissez {ENV} (par exemple {ENV}=$HOME/secretariat-donnees)."
            )
        })
}
