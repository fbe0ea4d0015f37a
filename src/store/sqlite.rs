//! The desktop store: one SQLite file, versioned migrations, set aside (never overwritten) when it
//! cannot be read, safe with two programs at once (SQLite's locks and a busy timeout).

use super::record::{SessionKind, SessionRecord, SessionSummary, ThemeStat};
use super::{EXPORT_KIND, NewProfile, Profile, ProfileExport, Result, Store, StoreError};
use crate::sim::Mode;
use rusqlite::{
    Connection, ErrorCode, OptionalExtension, Row, Transaction, TransactionBehavior, params,
};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Each entry moves the schema one version up; the database's `user_version` says how many ran.
/// Never edit a released migration: add one.
const MIGRATIONS: &[&str] = &[r#"
CREATE TABLE profiles (
    id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    grp TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE scenario_texts (hash TEXT PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    profile_id INTEGER REFERENCES profiles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    started_at TEXT NOT NULL,
    real_seconds REAL NOT NULL,
    game_seconds INTEGER NOT NULL,
    scenario_id TEXT NOT NULL,
    scenario_title TEXT NOT NULL,
    -- The text is kept once per version (`scenario_texts`): sessions on a shipped scenario share it.
    scenario_hash TEXT NOT NULL REFERENCES scenario_texts(hash),
    level INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    mode TEXT NOT NULL,
    speed REAL NOT NULL,
    version TEXT NOT NULL,
    scores TEXT NOT NULL,
    overall REAL NOT NULL,
    validated INTEGER NOT NULL,
    critical_count INTEGER NOT NULL,
    critical_errors TEXT NOT NULL,
    report TEXT NOT NULL,
    actions TEXT NOT NULL,
    resumes TEXT NOT NULL,
    resume_count INTEGER NOT NULL,
    exam_id TEXT,
    exam TEXT
);
-- « Mes progrès » and `results` read the summary columns only: an index holding them all answers
-- from itself, without walking each session's report and actions.
CREATE INDEX sessions_summaries ON sessions(profile_id, started_at, id, kind, real_seconds,
    scenario_id, scenario_title, level, mode, scores, overall, validated, critical_count,
    resume_count);
CREATE INDEX sessions_by_exam ON sessions(exam_id, profile_id);
CREATE TABLE theme_stats (
    profile_key INTEGER NOT NULL,
    theme TEXT NOT NULL,
    stake REAL NOT NULL,
    kept REAL NOT NULL,
    sessions INTEGER NOT NULL,
    PRIMARY KEY (profile_key, theme)
);
"#];

pub struct SqliteStore {
    conn: Connection,
    /// What happened on opening that the user must know (a database set aside), in French.
    notice: Option<String>,
    wal: bool,
}

impl SqliteStore {
    /// Opens (or creates) the database at `path`. One that cannot be read is renamed aside with
    /// the date, and a new one created; `notice()` says so.
    pub fn open(path: &Path, removable: bool) -> Result<SqliteStore> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                StoreError::Invalid(format!(
                    "impossible de créer le dossier des résultats {} ({})",
                    parent.display(),
                    crate::document::io_reason(&e)
                ))
            })?;
        }
        match Self::open_checked(path, removable) {
            Ok(store) => Ok(store),
            Err(e) if is_unreadable(&e) => {
                let aside = set_aside(path)?;
                let mut store = Self::open_checked(path, removable)?;
                store.notice = Some(format!(
                    "La base de résultats était illisible ({}). Elle a été mise de côté sous le nom {} et une nouvelle base a été créée. Gardez ce fichier : un informaticien pourra peut-être en récupérer le contenu.",
                    describe(&e),
                    aside.display()
                ));
                Ok(store)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The store in the data folder (see `location`).
    pub fn open_default() -> Result<SqliteStore> {
        let dir = super::location::data_dir().map_err(StoreError::Invalid)?;
        Self::open(&dir.database(), dir.may_be_removable())
    }

    fn open_checked(path: &Path, removable: bool) -> rusqlite::Result<SqliteStore> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        // Reads the header and the schema: fails at once on a file that is not a database, without
        // reading the whole file as an integrity check would (a history may be large).
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })?;
        let wal = !removable && enable_wal(&conn);
        if !wal {
            conn.pragma_update(None, "journal_mode", "DELETE")?;
        }
        conn.pragma_update(None, "synchronous", if wal { "NORMAL" } else { "FULL" })?;
        // Deleted rows are overwritten, not left in free pages (a profile's erasure is real).
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = SqliteStore {
            conn,
            notice: None,
            wal,
        };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> rusqlite::Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > MIGRATIONS.len() as i64 {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                Some(format!(
                    "la base de résultats a été créée par une version plus récente de Secrétariat (schéma {version}) : mettez le logiciel à jour"
                )),
            ));
        }
        for (n, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (n + 1) as i64)?;
        }
        tx.commit()
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Whether the write-ahead log is in use (else the rollback journal).
    pub fn uses_wal(&self) -> bool {
        self.wal
    }

    fn insert(&mut self, record: &SessionRecord) -> Result<bool> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let added = insert_in(&tx, record)?;
        tx.commit()?;
        Ok(added)
    }

    /// Stores many sessions in one transaction (an import, a benchmark's history): all or none,
    /// and one write to disk instead of one per session. Returns how many were new.
    pub fn save_all(&mut self, records: &[SessionRecord]) -> Result<usize> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut added = 0;
        for record in records {
            if insert_in(&tx, record)? {
                added += 1;
            }
        }
        tx.commit()?;
        Ok(added)
    }
}

/// Adds a session and its themes to the aggregates, inside the caller's transaction; `false` when
/// it was already stored (same id).
fn insert_in(tx: &Transaction, record: &SessionRecord) -> Result<bool> {
    let json = |v: &dyn erased::Json| v.to_json();
    let hash = crate::digest::sha256_hex(&record.scenario_text);
    tx.execute(
        "INSERT OR IGNORE INTO scenario_texts (hash, text) VALUES (?1, ?2)",
        params![hash, record.scenario_text],
    )?;
    let added = tx.execute(
        "INSERT OR IGNORE INTO sessions (id, profile_id, kind, started_at, real_seconds,
            game_seconds, scenario_id, scenario_title, scenario_hash, level, seed, mode, speed,
            version, scores, overall, validated, critical_count, critical_errors, report,
            actions, resumes, resume_count, exam_id, exam)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
        params![
            record.id,
            record.profile,
            record.kind.key(),
            record.started_at,
            record.real_seconds,
            record.game_seconds,
            record.scenario_id,
            record.scenario_title,
            hash,
            record.level,
            record.seed as i64,
            mode_key(record.mode),
            record.speed as f64,
            record.version,
            json(&record.scores),
            record.overall,
            record.validated,
            record.critical_errors.len() as i64,
            json(&record.critical_errors),
            json(&record.report),
            json(&record.actions),
            json(&record.resumes),
            record.resumes.len() as i64,
            record.exam.as_ref().map(|e| e.exam_id.clone()),
            record.exam.as_ref().map(|e| json(e)),
        ],
    )? == 1;
    if added {
        let key = record.profile.unwrap_or(0);
        for (theme, stake, kept) in record.theme_points() {
            tx.execute(
                "INSERT INTO theme_stats (profile_key, theme, stake, kept, sessions)
                 VALUES (?1, ?2, ?3, ?4, 1)
                 ON CONFLICT (profile_key, theme) DO UPDATE SET
                    stake = stake + excluded.stake, kept = kept + excluded.kept,
                    sessions = sessions + 1",
                params![key, theme, stake, kept],
            )?;
        }
    }
    Ok(added)
}

fn same(a: &str, b: &str) -> bool {
    crate::text::normalise(a) == crate::text::normalise(b)
}

/// Serialising what the store keeps as JSON text.
mod erased {
    pub trait Json {
        fn to_json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> String {
            serde_json::to_string(self).expect("stored values always serialise")
        }
    }
}

fn enable_wal(conn: &Connection) -> bool {
    conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0))
        .is_ok_and(|mode| mode.eq_ignore_ascii_case("wal"))
}

fn is_unreadable(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    )
}

fn describe(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => "ce n'est pas une base SQLite".to_string(),
        Some(ErrorCode::DatabaseCorrupt) => "fichier endommagé".to_string(),
        _ => e.to_string(),
    }
}

/// Renames an unreadable database (and its companion files) to a dated name that does not exist
/// yet. Returns the new name.
fn set_aside(path: &Path) -> Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let stem = path
        .file_stem()
        .map_or("secretariat".into(), |s| s.to_string_lossy().into_owned());
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut n = 1;
    let aside = loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let candidate = folder.join(format!("{stem}.illisible-{stamp}{suffix}.sqlite"));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    std::fs::rename(path, &aside).map_err(|e| {
        StoreError::Invalid(format!(
            "la base de résultats {} est illisible et ne peut pas être mise de côté ({})",
            path.display(),
            crate::document::io_reason(&e)
        ))
    })?;
    for companion in ["-wal", "-shm", "-journal"] {
        let from = PathBuf::from(format!("{}{companion}", path.display()));
        if from.exists() {
            let _ = std::fs::rename(&from, format!("{}{companion}", aside.display()));
        }
    }
    Ok(aside)
}

fn mode_key(mode: Mode) -> &'static str {
    match mode {
        Mode::Training => "training",
        Mode::Exam => "exam",
    }
}

fn mode_of(key: &str) -> Mode {
    if key == "exam" {
        Mode::Exam
    } else {
        Mode::Training
    }
}

fn parse<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("{what} illisible : {e}").into(),
        )
    })
}

fn kind_of(key: &str) -> SessionKind {
    SessionKind::from_key(key).unwrap_or(SessionKind::Shift)
}

const SUMMARY_COLUMNS: &str = "id, profile_id, kind, started_at, real_seconds, scenario_id,
    scenario_title, level, mode, scores, overall, validated, critical_count, resume_count";

/// The sessions' summaries, of one profile (`?1`) or of all, oldest first.
fn summaries_sql(of_profile: bool) -> String {
    let filter = if of_profile {
        "WHERE profile_id = ?1"
    } else {
        ""
    };
    format!("SELECT {SUMMARY_COLUMNS} FROM sessions {filter} ORDER BY started_at, rowid")
}

fn summary_of(r: &Row) -> rusqlite::Result<SessionSummary> {
    Ok(SessionSummary {
        id: r.get(0)?,
        profile: r.get(1)?,
        kind: kind_of(&r.get::<_, String>(2)?),
        started_at: r.get(3)?,
        real_seconds: r.get(4)?,
        scenario_id: r.get(5)?,
        scenario_title: r.get(6)?,
        level: r.get(7)?,
        mode: mode_of(&r.get::<_, String>(8)?),
        scores: parse(&r.get::<_, String>(9)?, "notes")?,
        overall: r.get(10)?,
        validated: r.get(11)?,
        critical_count: r.get(12)?,
        resumes: r.get(13)?,
    })
}

const RECORD_COLUMNS: &str = "id, profile_id, kind, started_at, real_seconds, game_seconds,
    scenario_id, scenario_title,
    (SELECT text FROM scenario_texts WHERE hash = sessions.scenario_hash),
    level, seed, mode, speed, version, scores, overall,
    validated, critical_errors, report, actions, resumes, exam";

fn record_of(r: &Row) -> rusqlite::Result<SessionRecord> {
    let exam: Option<String> = r.get(21)?;
    Ok(SessionRecord {
        id: r.get(0)?,
        profile: r.get(1)?,
        kind: kind_of(&r.get::<_, String>(2)?),
        started_at: r.get(3)?,
        real_seconds: r.get(4)?,
        game_seconds: r.get(5)?,
        scenario_id: r.get(6)?,
        scenario_title: r.get(7)?,
        scenario_text: r.get(8)?,
        level: r.get(9)?,
        seed: r.get::<_, i64>(10)? as u64,
        mode: mode_of(&r.get::<_, String>(11)?),
        speed: r.get::<_, f64>(12)? as f32,
        version: r.get(13)?,
        scores: parse(&r.get::<_, String>(14)?, "notes")?,
        overall: r.get(15)?,
        validated: r.get(16)?,
        critical_errors: parse(&r.get::<_, String>(17)?, "erreurs")?,
        report: parse(&r.get::<_, String>(18)?, "rapport")?,
        actions: parse(&r.get::<_, String>(19)?, "journal des actions")?,
        resumes: parse(&r.get::<_, String>(20)?, "reprises")?,
        exam: exam.map(|e| parse(&e, "examen")).transpose()?,
    })
}

fn profile_of(r: &Row) -> rusqlite::Result<Profile> {
    Ok(Profile {
        id: r.get(0)?,
        first_name: r.get(1)?,
        last_name: r.get(2)?,
        group: r.get(3)?,
        created_at: r.get(4)?,
    })
}

impl Store for SqliteStore {
    fn profiles(&self) -> Result<Vec<Profile>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, first_name, last_name, grp, created_at FROM profiles
             ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id",
        )?;
        let rows = stmt.query_map([], profile_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn create_profile(&mut self, p: &NewProfile) -> Result<Profile> {
        let (first, last, group) = (p.first_name.trim(), p.last_name.trim(), p.group.trim());
        if first.is_empty() && last.is_empty() {
            return Err(StoreError::Invalid(
                "indiquez au moins un prénom ou un nom".to_string(),
            ));
        }
        // Looked up and created in one transaction: two programs creating the same student make
        // one profile.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing = tx
            .prepare("SELECT id, first_name, last_name, grp, created_at FROM profiles")?
            .query_map([], profile_of)?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .find(|q| {
                same(&q.first_name, first) && same(&q.last_name, last) && same(&q.group, group)
            });
        let profile = match existing {
            Some(profile) => profile,
            None => {
                let created = crate::journal::now_stamp();
                tx.execute(
                    "INSERT INTO profiles (first_name, last_name, grp, created_at) VALUES (?1, ?2, ?3, ?4)",
                    params![first, last, group, created],
                )?;
                Profile {
                    id: tx.last_insert_rowid(),
                    first_name: first.to_string(),
                    last_name: last.to_string(),
                    group: group.to_string(),
                    created_at: created,
                }
            }
        };
        tx.commit()?;
        Ok(profile)
    }

    fn delete_profile(&mut self, id: i64) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM sessions WHERE profile_id = ?1", [id])?;
        tx.execute("DELETE FROM theme_stats WHERE profile_key = ?1", [id])?;
        tx.execute("DELETE FROM profiles WHERE id = ?1", [id])?;
        tx.execute(
            "DELETE FROM scenario_texts WHERE hash NOT IN (SELECT scenario_hash FROM sessions)",
            [],
        )?;
        tx.execute(
            "DELETE FROM settings WHERE key = 'last_profile' AND value = ?1",
            [id.to_string()],
        )?;
        tx.commit()?;
        if self.wal {
            // The deleted pages must not linger in the write-ahead log either.
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
        Ok(())
    }

    fn last_profile(&self) -> Result<Option<i64>> {
        let value: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM settings WHERE key = 'last_profile'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(value.and_then(|v| v.parse().ok()))
    }

    fn set_last_profile(&mut self, id: Option<i64>) -> Result<()> {
        match id {
            Some(id) => self.conn.execute(
                "INSERT INTO settings (key, value) VALUES ('last_profile', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [id.to_string()],
            )?,
            None => self
                .conn
                .execute("DELETE FROM settings WHERE key = 'last_profile'", [])?,
        };
        Ok(())
    }

    fn save(&mut self, record: &SessionRecord) -> Result<()> {
        self.insert(record).map(|_| ())
    }

    fn sessions(&self, profile: Option<i64>) -> Result<Vec<SessionSummary>> {
        let mut stmt = self.conn.prepare(&summaries_sql(profile.is_some()))?;
        let rows = match profile {
            Some(p) => stmt.query_map([p], summary_of)?,
            None => stmt.query_map([], summary_of)?,
        };
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn session(&self, id: &str) -> Result<Option<SessionRecord>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {RECORD_COLUMNS} FROM sessions WHERE id = ?1"),
                [id],
                record_of,
            )
            .optional()?)
    }

    fn themes(&self, profile: Option<i64>) -> Result<Vec<ThemeStat>> {
        let stat = |r: &Row| {
            Ok(ThemeStat {
                theme: r.get(0)?,
                stake: r.get(1)?,
                kept: r.get(2)?,
                sessions: r.get(3)?,
            })
        };
        let out = match profile {
            Some(p) => self
                .conn
                .prepare(
                    "SELECT theme, stake, kept, sessions FROM theme_stats WHERE profile_key = ?1
                     ORDER BY theme",
                )?
                .query_map([p], stat)?
                .collect::<rusqlite::Result<Vec<_>>>()?,
            None => self
                .conn
                .prepare(
                    "SELECT theme, SUM(stake), SUM(kept), SUM(sessions) FROM theme_stats
                     GROUP BY theme ORDER BY theme",
                )?
                .query_map([], stat)?
                .collect::<rusqlite::Result<Vec<_>>>()?,
        };
        Ok(out)
    }

    fn exam_attempts(&self, profile: Option<i64>, exam_id: &str) -> Result<u32> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM sessions WHERE exam_id = ?1 AND profile_id IS ?2",
            params![exam_id, profile],
            |r| r.get(0),
        )?)
    }

    fn export_profile(&self, id: i64) -> Result<ProfileExport> {
        let profile = self
            .profiles()?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| StoreError::Invalid("profil inconnu".to_string()))?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {RECORD_COLUMNS} FROM sessions WHERE profile_id = ?1 ORDER BY started_at, rowid"
        ))?;
        let sessions = stmt
            .query_map([id], record_of)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ProfileExport {
            kind: EXPORT_KIND.to_string(),
            format: 1,
            profile: NewProfile {
                first_name: profile.first_name,
                last_name: profile.last_name,
                group: profile.group,
            },
            sessions,
        })
    }

    fn import_profile(&mut self, export: &ProfileExport) -> Result<(Profile, usize)> {
        if export.kind != EXPORT_KIND {
            return Err(StoreError::Invalid(
                "ce fichier n'est pas un historique exporté par Secrétariat".to_string(),
            ));
        }
        if export.format > 1 {
            return Err(StoreError::Invalid(
                "cet historique vient d'une version plus récente de Secrétariat : mettez le logiciel à jour".to_string(),
            ));
        }
        let profile = self.create_profile(&export.profile)?;
        let mut added = 0;
        for session in &export.sessions {
            let mut mine = session.clone();
            mine.profile = Some(profile.id);
            if self.insert(&mine)? {
                added += 1;
            }
        }
        Ok((profile, added))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_read_from_the_index_alone() {
        let dir = std::env::temp_dir().join(format!("secretariat-plan-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store = SqliteStore::open(&dir.join("resultats.sqlite"), false).unwrap();
        for of_profile in [true, false] {
            let plan: Vec<String> = store
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {}", summaries_sql(of_profile)))
                .unwrap()
                .query_map(
                    rusqlite::params_from_iter([1].iter().take(of_profile as usize)),
                    |r| r.get::<_, String>(3),
                )
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            // The rows (and their scenario texts, reports and action logs) are never read.
            assert!(
                plan.iter()
                    .any(|step| step.contains("COVERING INDEX sessions_summaries")),
                "{plan:?}"
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
