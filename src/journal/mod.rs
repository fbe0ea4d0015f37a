//! The journal of a shift in progress: every action and the game clock, written as they happen, so
//! that a crash or a killed program loses nothing. One JSON line per record after a header line; the
//! same lines, kept with a finished session, are its action log (see `ActionLog`).

use crate::sim::{Action, Mode, Secs};
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

/// The version of the journal and action-log format. Later tools add actions: readers accept
/// every format up to theirs.
pub const FORMAT: u32 = 1;

/// Where interrupted shifts wait, inside the data directory.
pub const FOLDER: &str = "vacations-en-cours";

/// Who sits an exam, and which: kept with the shift so that a resumed exam stays that exam.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExamSeat {
    pub exam_id: String,
    pub title: String,
    pub name: String,
    #[serde(default)]
    pub group: String,
    pub attempt: u32,
    /// The exam file, next to which the result is written unless a folder was chosen.
    pub exam_file: Option<PathBuf>,
    pub result_folder: Option<PathBuf>,
}

/// What a shift is: enough to start it again from nothing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    /// The session's id (a UUID), kept by the store.
    pub id: String,
    /// When the shift started, RFC 3339 with the local offset.
    pub started_at: String,
    pub profile: Option<i64>,
    /// The scenario file as the trainee opened it, if it came from one.
    pub scenario_path: Option<PathBuf>,
    /// The scenario's text: the shift replays from it even if the file was edited since.
    pub scenario_text: String,
    pub seed: u64,
    pub mode: Mode,
    pub speed: f32,
    #[serde(default)]
    pub exam: Option<ExamSeat>,
    /// A shift played by a scripted or automatic trainee (`simulate`, `play --headless`).
    #[serde(default)]
    pub simulated: bool,
}

impl Header {
    /// A new session on `scenario_text`, started now, for no profile.
    pub fn new(
        scenario_text: String,
        scenario_path: Option<PathBuf>,
        seed: u64,
        mode: Mode,
        speed: f32,
    ) -> Header {
        Header {
            format: FORMAT,
            id: uuid::Uuid::new_v4().to_string(),
            started_at: now_stamp(),
            profile: None,
            scenario_path,
            scenario_text,
            seed,
            mode,
            speed,
            exam: None,
            simulated: false,
        }
    }
}

/// One record of the journal, at a game time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Line {
    /// A trainee's action, as applied to the engine (refused ones too: refusal is replayed).
    Action {
        at: Secs,
        action: Action,
    },
    /// « Terminer la vacation »: the rest of the shift played out at once.
    EndShift {
        at: Secs,
    },
    /// The game clock reached `at` after `real` seconds of real play.
    Clock {
        at: Secs,
        real: f64,
    },
    Speed {
        at: Secs,
        speed: f32,
    },
    /// The shift was interrupted (crash, power cut) and taken up again on `date`.
    Resumed {
        at: Secs,
        date: String,
    },
}

impl Line {
    pub fn at(&self) -> Secs {
        match self {
            Line::Action { at, .. }
            | Line::EndShift { at }
            | Line::Clock { at, .. }
            | Line::Speed { at, .. }
            | Line::Resumed { at, .. } => *at,
        }
    }
}

/// A finished session's actions, in the journal's versioned format.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionLog {
    pub format: u32,
    pub lines: Vec<Line>,
}

impl ActionLog {
    pub fn new(lines: Vec<Line>) -> Self {
        ActionLog {
            format: FORMAT,
            lines,
        }
    }

    /// The actions of a shift played by the engine alone (`simulate`).
    pub fn of_log(log: &crate::sim::SimLog) -> Self {
        ActionLog::new(
            log.actions
                .iter()
                .map(|(at, action)| Line::Action {
                    at: *at,
                    action: action.clone(),
                })
                .collect(),
        )
    }

    /// Without the clock records: what the trainee did, and when.
    pub fn actions_only(lines: &[Line]) -> Self {
        ActionLog::new(
            lines
                .iter()
                .filter(|l| !matches!(l, Line::Clock { .. }))
                .cloned()
                .collect(),
        )
    }
}

/// A journal being written.
pub struct Writer {
    file: File,
    path: PathBuf,
}

impl Writer {
    /// Starts the journal of a new shift in `folder`, named after the session.
    pub fn create(folder: &Path, header: &Header) -> io::Result<Writer> {
        std::fs::create_dir_all(folder)?;
        let path = folder.join(format!("{}.jsonl", header.id));
        let file = OpenOptions::new()
            .create_new(true)
            .append(true)
            .open(&path)?;
        let mut writer = Writer { file, path };
        let line = serde_json::to_string(header).map_err(io::Error::other)?;
        writer.write_line(&line, true)?;
        Ok(writer)
    }

    /// Goes on writing an interrupted journal.
    pub fn reopen(path: &Path) -> io::Result<Writer> {
        let file = OpenOptions::new().append(true).open(path)?;
        Ok(Writer {
            file,
            path: path.to_path_buf(),
        })
    }

    /// Appends a record. `durable`: flushed to the disk itself, not only to the system (actions;
    /// clock records only need to survive the program, not a power cut).
    pub fn append(&mut self, line: &Line, durable: bool) -> io::Result<()> {
        let text = serde_json::to_string(line).map_err(io::Error::other)?;
        self.write_line(&text, durable)
    }

    fn write_line(&mut self, text: &str, durable: bool) -> io::Result<()> {
        // One write per record, so that a kill leaves at worst a torn last line.
        let mut bytes = Vec::with_capacity(text.len() + 1);
        bytes.extend_from_slice(text.as_bytes());
        bytes.push(b'\n');
        self.file.write_all(&bytes)?;
        if durable {
            self.file.sync_data()?;
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The shift is safely stored elsewhere: its journal goes.
    pub fn remove(self) -> io::Result<()> {
        let path = self.path.clone();
        drop(self.file);
        std::fs::remove_file(path)
    }
}

/// A journal read back.
#[derive(Clone, Debug, PartialEq)]
pub struct Journal {
    pub path: PathBuf,
    pub header: Header,
    pub lines: Vec<Line>,
}

impl Journal {
    /// Where the game clock last was.
    pub fn last_time(&self) -> Option<Secs> {
        self.lines.iter().map(Line::at).max()
    }

    /// Real seconds of play recorded before the interruption.
    pub fn real_seconds(&self) -> f64 {
        self.lines
            .iter()
            .filter_map(|l| match l {
                Line::Clock { real, .. } => Some(*real),
                _ => None,
            })
            .fold(0.0, f64::max)
    }
}

/// Reads a journal. A torn last line (the program was killed while writing it) is ignored; any
/// other unreadable line is an error, in French.
pub fn read(path: &Path) -> Result<Journal, String> {
    let shown = path.display();
    let file = File::open(path).map_err(|e| format!("{shown} : lecture impossible ({e})"))?;
    let mut raw: Vec<String> = Vec::new();
    for line in BufReader::new(file).lines() {
        raw.push(line.map_err(|e| format!("{shown} : lecture impossible ({e})"))?);
    }
    let Some(first) = raw.first() else {
        return Err(format!("{shown} : journal vide"));
    };
    let header: Header = serde_json::from_str(first)
        .map_err(|e| format!("{shown} : en-tête du journal illisible ({e})"))?;
    if header.format > FORMAT {
        return Err(format!(
            "{shown} : journal écrit par une version plus récente du logiciel (format {})",
            header.format
        ));
    }
    let mut lines = Vec::new();
    let count = raw.len();
    for (n, text) in raw.iter().enumerate().skip(1) {
        match serde_json::from_str::<Line>(text) {
            Ok(line) => lines.push(line),
            Err(_) if n + 1 == count => break,
            Err(e) => return Err(format!("{shown}, ligne {} : illisible ({e})", n + 1)),
        }
    }
    Ok(Journal {
        path: path.to_path_buf(),
        header,
        lines,
    })
}

/// The shifts interrupted before their end, most recent first. Unreadable journals are listed
/// apart, with the reason, so that the home screen can name them rather than lose them silently.
pub fn interrupted(folder: &Path) -> (Vec<Journal>, Vec<String>) {
    let mut found = Vec::new();
    let mut broken = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return (found, broken);
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            match read(&path) {
                Ok(j) => found.push(j),
                Err(e) => broken.push(e),
            }
        }
    }
    found.sort_by(|a: &Journal, b: &Journal| b.header.started_at.cmp(&a.header.started_at));
    (found, broken)
}

/// Now, as stored: RFC 3339 with the local offset, to the second.
pub fn now_stamp() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}
