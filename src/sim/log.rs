//! What happened during a shift: the only input scoring needs besides the scenario.

use crate::text::Grade;
use serde::{Deserialize, Serialize};

/// Game time, in seconds since midnight.
pub type Secs = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Entraînement: pause, hints, immediate feedback.
    #[default]
    Training,
    /// Examen: fixed seed, no pause, no hints, results at the end.
    Exam,
}

impl Mode {
    pub fn label(self) -> &'static str {
        match self {
            Mode::Training => "Entraînement",
            Mode::Exam => "Examen",
        }
    }
}

/// Why a situation was missed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MissReason {
    /// The phone rang out to voicemail.
    Voicemail,
    /// The caller on hold hung up.
    HungUp,
    /// The walk-in patient left.
    Left,
    /// Not finished when the shift ended.
    EndOfShift,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    Arrived {
        situation: usize,
    },
    /// `waiting` lists the situations that were waiting (untaken or on hold) at that moment.
    Taken {
        situation: usize,
        resumed: bool,
        waiting: Vec<usize>,
    },
    PutOnHold {
        situation: usize,
    },
    Chose {
        situation: usize,
        step: usize,
        option: usize,
    },
    Typed {
        situation: usize,
        step: usize,
        text: String,
        grade: Grade,
    },
    Opened {
        situation: usize,
        step: usize,
        patient: String,
    },
    Completed {
        situation: usize,
    },
    /// `step` is where the situation stood: the steps from there on were never answered.
    Missed {
        situation: usize,
        reason: MissReason,
        step: Option<usize>,
    },
    Complained {
        situation: usize,
    },
    Overdue {
        situation: usize,
    },
    /// An action that could not be carried out, with the reason in French.
    Rejected {
        reason: String,
    },
    ShiftEnded,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LogEntry {
    pub at: Secs,
    #[serde(flatten)]
    pub event: Event,
}

/// The complete record of a shift.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SimLog {
    pub seed: u64,
    pub mode: Mode,
    /// Actual arrival of each situation, after jitter.
    pub arrivals: Vec<Secs>,
    /// The caller picked for each situation, if it has alternatives.
    pub callers: Vec<Option<String>>,
    /// How each situation presented itself: 0 for its own texts, `k` for its `k`-th variant.
    pub presentations: Vec<usize>,
    pub entries: Vec<LogEntry>,
    /// Every action the trainee asked for, at its time, refused ones included: replaying them on
    /// the same seed gives the same log (results files carry them).
    #[serde(skip)]
    pub actions: Vec<(Secs, super::Action)>,
}

/// How busy the desk was: the most situations open at once (arrived, not finished), and how long
/// three or more were open together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Load {
    pub peak_open: u32,
    pub seconds_three_or_more: Secs,
}

impl SimLog {
    pub fn load(&self) -> Load {
        let (mut open, mut peak, mut busy, mut last) = (0u32, 0u32, 0, 0);
        for entry in &self.entries {
            if open >= 3 {
                busy += entry.at.saturating_sub(last);
            }
            last = entry.at;
            match entry.event {
                Event::Arrived { .. } => open += 1,
                Event::Completed { .. } | Event::Missed { .. } => open = open.saturating_sub(1),
                _ => {}
            }
            peak = peak.max(open);
        }
        Load {
            peak_open: peak,
            seconds_three_or_more: busy,
        }
    }
}
