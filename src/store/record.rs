//! A finished session as stored: what was played, with what, and its report as it was shown.

use crate::journal::{ActionLog, ExamSeat, Header};
use crate::scenario::{Axis, Scenario};
use crate::scoring::Report;
use crate::shift::{Resume, Shift};
use crate::sim::Mode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// A shift played on the desk.
    Shift,
    /// A series of terminology exercises.
    Drill,
    /// A shift played by `simulate` or `play --headless` (scripted or automatic trainee).
    Simulated,
}

impl SessionKind {
    pub fn key(self) -> &'static str {
        match self {
            SessionKind::Shift => "shift",
            SessionKind::Drill => "drill",
            SessionKind::Simulated => "simulated",
        }
    }

    pub fn from_key(key: &str) -> Option<SessionKind> {
        [
            SessionKind::Shift,
            SessionKind::Drill,
            SessionKind::Simulated,
        ]
        .into_iter()
        .find(|k| k.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            SessionKind::Shift => "Vacation",
            SessionKind::Drill => "Terminologie",
            SessionKind::Simulated => "Vacation simulée",
        }
    }
}

/// A series of exercises counts as passed from this score, as a shift's default pass mark.
pub const DRILL_PASS_MARK: f64 = 60.0;

/// Everything kept of a session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// A UUID.
    pub id: String,
    pub profile: Option<i64>,
    pub kind: SessionKind,
    /// RFC 3339 with the local offset.
    pub started_at: String,
    pub real_seconds: f64,
    pub game_seconds: u32,
    pub scenario_id: String,
    pub scenario_title: String,
    /// The scenario's text as played (files are edited, the library revised): replays use it.
    pub scenario_text: String,
    /// 0 tutorial … 3 confirmed, 4 unknown (see `scenario::tags::level`); drills: 4.
    pub level: u8,
    pub seed: u64,
    pub mode: Mode,
    pub speed: f32,
    /// The program's version (`CARGO_PKG_VERSION`).
    pub version: String,
    /// Score of every assessed axis, by the rulebook's keys, and « overall ».
    pub scores: BTreeMap<String, f64>,
    pub overall: f64,
    pub validated: bool,
    pub critical_errors: Vec<String>,
    /// The report as shown (`scoring::Report` in JSON), or a drill's summary.
    pub report: serde_json::Value,
    pub actions: ActionLog,
    #[serde(default)]
    pub resumes: Vec<Resume>,
    #[serde(default)]
    pub exam: Option<ExamSeat>,
}

/// A session in a list: no texts, no report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: String,
    pub profile: Option<i64>,
    pub kind: SessionKind,
    pub started_at: String,
    pub real_seconds: f64,
    pub scenario_id: String,
    pub scenario_title: String,
    pub level: u8,
    pub mode: Mode,
    pub scores: BTreeMap<String, f64>,
    pub overall: f64,
    pub validated: bool,
    pub critical_count: u32,
    pub resumes: u32,
}

/// How well a theme's stakes were kept over a profile's sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeStat {
    pub theme: String,
    /// Points at stake in situations of this theme, summed over sessions.
    pub stake: f64,
    /// Of which kept (not lost).
    pub kept: f64,
    /// How many sessions trained it.
    pub sessions: u32,
}

impl ThemeStat {
    /// The share kept, 0–1.
    pub fn success(&self) -> f64 {
        if self.stake <= 0.0 {
            1.0
        } else {
            (self.kept / self.stake).clamp(0.0, 1.0)
        }
    }
}

impl SessionRecord {
    /// A finished shift, as the game or the headless player stores it.
    pub fn of_shift(shift: &Shift, report: &Report) -> SessionRecord {
        let start = shift.sim.scenario().practice.shift_start.seconds();
        SessionRecord::of_play(
            shift.header(),
            shift.sim.scenario(),
            report,
            ActionLog::actions_only(shift.lines()),
            shift.real_seconds(),
            shift.sim.now().saturating_sub(start),
            shift.resumes(),
        )
    }

    /// A shift from what describes it (`header`), its report and its actions.
    pub fn of_play(
        header: &Header,
        scenario: &Scenario,
        report: &Report,
        actions: ActionLog,
        real_seconds: f64,
        game_seconds: u32,
        resumes: Vec<Resume>,
    ) -> SessionRecord {
        let kind = if header.simulated {
            SessionKind::Simulated
        } else {
            SessionKind::Shift
        };
        SessionRecord {
            id: header.id.clone(),
            profile: header.profile,
            kind,
            started_at: header.started_at.clone(),
            real_seconds: (real_seconds * 10.0).round() / 10.0,
            game_seconds,
            scenario_id: scenario.id.clone(),
            scenario_title: scenario.title.clone(),
            scenario_text: header.scenario_text.clone(),
            level: crate::scenario::tags::level(&scenario.tags).0,
            seed: header.seed,
            mode: header.mode,
            speed: header.speed,
            version: env!("CARGO_PKG_VERSION").to_string(),
            scores: scores_of(report),
            overall: report.scores.overall,
            validated: report.validated,
            critical_errors: report
                .critical_errors
                .iter()
                .map(|c| format!("{} [{}] {}", c.at, c.situation, c.explanation))
                .collect(),
            report: serde_json::to_value(report).expect("a report always serialises"),
            actions,
            resumes,
            exam: header.exam.clone(),
        }
    }

    /// A finished series of terminology exercises. Its « report » lists each question with the
    /// answer's verdict; it counts on the terminology axis.
    pub fn of_drill(
        drill: &crate::glossary::drill::Drill,
        outcomes: &[crate::glossary::drill::Outcome],
        title: &str,
        profile: Option<i64>,
        real_seconds: f64,
    ) -> SessionRecord {
        let score = (crate::glossary::drill::score(outcomes) as f64 * 10.0).round() / 10.0;
        let questions: Vec<serde_json::Value> = drill
            .questions
            .iter()
            .zip(outcomes)
            .map(|(q, o)| {
                serde_json::json!({
                    "kind": q.kind.label(),
                    "prompt": q.prompt,
                    "subject": q.subject,
                    "term": q.term,
                    "verdict": o.verdict,
                    "points": o.points,
                    "feedback": o.feedback,
                })
            })
            .collect();
        SessionRecord {
            id: uuid::Uuid::new_v4().to_string(),
            profile,
            kind: SessionKind::Drill,
            started_at: crate::journal::now_stamp(),
            real_seconds: (real_seconds * 10.0).round() / 10.0,
            game_seconds: 0,
            scenario_id: "terminologie".to_string(),
            scenario_title: title.to_string(),
            scenario_text: String::new(),
            level: 4,
            seed: drill.seed,
            mode: Mode::Training,
            speed: 1.0,
            version: env!("CARGO_PKG_VERSION").to_string(),
            scores: BTreeMap::from([(Axis::Terminology.key().to_string(), score)]),
            overall: score,
            validated: score >= DRILL_PASS_MARK,
            critical_errors: Vec::new(),
            report: serde_json::json!({ "score": score, "questions": questions }),
            actions: ActionLog::new(Vec::new()),
            resumes: Vec::new(),
            exam: None,
        }
    }

    /// The report as it was shown, if this is a shift.
    pub fn shift_report(&self) -> Option<Report> {
        match self.kind {
            SessionKind::Drill => None,
            _ => serde_json::from_value(self.report.clone()).ok(),
        }
    }

    pub fn summary(&self) -> SessionSummary {
        SessionSummary {
            id: self.id.clone(),
            profile: self.profile,
            kind: self.kind,
            started_at: self.started_at.clone(),
            real_seconds: self.real_seconds,
            scenario_id: self.scenario_id.clone(),
            scenario_title: self.scenario_title.clone(),
            level: self.level,
            mode: self.mode,
            scores: self.scores.clone(),
            overall: self.overall,
            validated: self.validated,
            critical_count: self.critical_errors.len() as u32,
            resumes: self.resumes.len() as u32,
        }
    }

    /// What each theme of this session put at stake and kept: (theme, stake, kept).
    pub fn theme_points(&self) -> Vec<(String, f64, f64)> {
        let mut out: BTreeMap<String, (f64, f64)> = BTreeMap::new();
        match self.kind {
            SessionKind::Drill => {
                // A drill trains vocabulary: its score is the share kept.
                out.insert("terminologie".into(), (100.0, self.overall));
            }
            _ => {
                if let Some(report) = self.shift_report() {
                    for t in &report.timeline {
                        let kept = (t.stake - t.points_lost).max(0.0);
                        for tag in &t.tags {
                            let e = out.entry(tag.clone()).or_default();
                            e.0 += t.stake;
                            e.1 += kept;
                        }
                    }
                }
            }
        }
        out.into_iter()
            .filter(|(_, (stake, _))| *stake > 0.0)
            .map(|(t, (s, k))| (t, s, k))
            .collect()
    }
}

/// Every assessed axis's score by its key (no axis hard-coded: the rulebook's list).
pub fn scores_of(report: &Report) -> BTreeMap<String, f64> {
    Axis::ALL
        .into_iter()
        .filter(|&a| report.assesses(a))
        .map(|a| (a.key().to_string(), report.scores.get(a)))
        .collect()
}
