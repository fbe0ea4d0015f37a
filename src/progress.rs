//! « Mes progrès »: what a profile's stored sessions say, ready to draw. Scores over time per
//! assessed axis, success per theme with the weakest named and the scenarios that train them, and
//! the list of past sessions. Pure functions over the store's summaries and aggregates: no replay,
//! no egui (the panel is `ui::progress`).

use crate::glossary::drill::DrillKind;
use crate::scenario::tags::{self, LEVEL_LABELS};
use crate::scenario::{Axis, Scenario};
use crate::store::{SessionKind, SessionSummary, ThemeStat};
use chrono::{DateTime, FixedOffset};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Below this many points at stake (a tenth of one axis), a theme's share kept says too little to
/// be shown.
pub const MIN_STAKE: f64 = 10.0;

/// How many weak themes are named first, and how many scenarios are suggested for each.
pub const WEAKEST: usize = 3;
pub const SUGGESTIONS: usize = 3;

/// The key and label of the overall score's series.
pub const OVERALL_KEY: &str = "overall";
pub const OVERALL_LABEL: &str = "Note globale";
/// Drills are not shifts: their scores have their own series.
pub const DRILLS_KEY: &str = "drills";
pub const DRILLS_LABEL: &str = "Terminologie (exercices)";

/// A scenario of the library, as « Mes progrès » suggests it.
#[derive(Clone, Debug, PartialEq)]
pub struct LibraryScenario {
    pub id: String,
    pub title: String,
    pub path: PathBuf,
    /// 0 tutorial … 3 confirmed, 4 unknown (`scenario::tags::level`).
    pub level: u8,
    /// How many of its situations carry each tag.
    pub theme_counts: BTreeMap<String, u32>,
    /// The overall score it takes to validate it.
    pub pass_mark: u32,
}

impl LibraryScenario {
    pub fn of(scenario: &Scenario, path: &Path) -> LibraryScenario {
        let mut theme_counts = BTreeMap::new();
        for situation in &scenario.situations {
            // A tag written twice on one situation still counts that situation once.
            let tags: BTreeSet<&String> = situation.tags.iter().collect();
            for tag in tags {
                *theme_counts.entry(tag.clone()).or_insert(0) += 1;
            }
        }
        LibraryScenario {
            id: scenario.id.clone(),
            title: scenario.title.clone(),
            path: path.to_path_buf(),
            level: tags::level(&scenario.tags).0,
            theme_counts,
            pass_mark: scenario.pass_mark,
        }
    }
}

/// Which line of the chart a series is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesKind {
    Axis(Axis),
    Overall,
    Drills,
}

/// One session's score on one series.
#[derive(Clone, Debug, PartialEq)]
pub struct ScorePoint {
    /// Days since 1970-01-01 in the session's local time (the time of day as a fraction).
    pub day: f64,
    pub score: f64,
    pub validated: bool,
    pub level: u8,
    /// Its session in `ProgressView::sessions` (titles are not copied on every series).
    pub row: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub kind: SeriesKind,
    pub key: String,
    pub label: String,
    /// Oldest first.
    pub points: Vec<ScorePoint>,
}

/// A stretch of time during which the shifts played were of one level: drawn as a band, so that
/// a lower score after moving up reads as a harder scenario, not as a decline.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelBand {
    pub from_day: f64,
    pub to_day: f64,
    pub level: u8,
    pub label: String,
}

/// How well a theme's stakes were kept.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeRow {
    pub tag: String,
    pub label: String,
    /// Share of the stakes kept, 0–1.
    pub success: f64,
    pub stake: f64,
    pub sessions: u32,
}

/// A scenario that trains a weak theme.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioSuggestion {
    pub title: String,
    pub path: PathBuf,
    /// How many of its situations carry the theme.
    pub situations: u32,
    pub level: String,
}

/// A terminology exercise for a theme that is vocabulary.
#[derive(Clone, Debug, PartialEq)]
pub struct DrillSuggestion {
    /// `None`: every kind of exercise, mixed.
    pub kind: Option<DrillKind>,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WeakTheme {
    pub theme: ThemeRow,
    pub scenarios: Vec<ScenarioSuggestion>,
    pub drill: Option<DrillSuggestion>,
}

/// A past session in the list.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionRow {
    pub id: String,
    /// « 05/12/2026 14:03 ».
    pub date: String,
    pub kind: String,
    pub title: String,
    pub level: String,
    /// With a decimal comma.
    pub overall: String,
    pub validated: bool,
    pub critical_errors: u32,
    pub resumes: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProgressView {
    /// The profile's display name, for the title; set by the caller (`named`).
    pub profile_name: String,
    /// Each assessed axis in the rulebook's order, then the overall score, then drills (when any).
    pub series: Vec<Series>,
    pub levels: Vec<LevelBand>,
    /// The chart's days, with a margin; `None` when nothing is dated.
    pub days: Option<(f64, f64)>,
    pub pass_mark: u32,
    /// Themes with enough at stake, weakest first.
    pub themes: Vec<ThemeRow>,
    /// The weakest themes (some points lost), with what trains them.
    pub weakest: Vec<WeakTheme>,
    /// Newest first.
    pub sessions: Vec<SessionRow>,
}

impl ProgressView {
    pub fn build(
        sessions: &[SessionSummary],
        themes: &[ThemeStat],
        library: &[LibraryScenario],
    ) -> ProgressView {
        // Each stamp read once: ten thousand sessions are ten thousand dates to parse.
        let stamps: Vec<Option<DateTime<FixedOffset>>> =
            sessions.iter().map(|s| parse(&s.started_at)).collect();
        let series = series_of(sessions, &stamps);
        let days = day_range(&series);
        let levels = level_bands(&series, days);
        let themes = theme_rows(themes);
        let reach = reach(sessions);
        let weakest = themes
            .iter()
            .filter(|t| t.success < 1.0)
            .take(WEAKEST)
            .map(|t| WeakTheme {
                theme: t.clone(),
                scenarios: suggestions(&t.tag, library, reach),
                drill: drill_for(&t.tag),
            })
            .collect();
        ProgressView {
            profile_name: String::new(),
            series,
            levels,
            days,
            pass_mark: pass_mark(sessions, library),
            themes,
            weakest,
            sessions: sessions
                .iter()
                .zip(&stamps)
                .rev()
                .map(|(s, stamp)| session_row(s, stamp.as_ref()))
                .collect(),
        }
    }

    /// The same view, titled with the profile's display name.
    pub fn named(mut self, profile_name: &str) -> ProgressView {
        self.profile_name = profile_name.to_string();
        self
    }

    pub fn title(&self) -> String {
        if self.profile_name.trim().is_empty() {
            "Mes progrès".to_string()
        } else {
            format!("Mes progrès — {}", self.profile_name.trim())
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty()
    }

    /// The session a point of the chart stands for.
    pub fn session_of(&self, point: &ScorePoint) -> &SessionRow {
        &self.sessions[point.row]
    }
}

/// An RFC 3339 stamp as the day number of its own local date and time.
pub fn day_of(stamp: &str) -> Option<f64> {
    parse(stamp).map(|d| day_number(&d))
}

fn day_number(date: &DateTime<FixedOffset>) -> f64 {
    date.naive_local().and_utc().timestamp() as f64 / 86_400.0
}

/// « 05/12 » for a day number (the chart's axis).
pub fn day_label(day: f64) -> String {
    format_day(day, "%d/%m")
}

/// « 05/12/26 »: the axis of a history longer than a few months, where « 05/12 » comes back.
pub fn day_label_with_year(day: f64) -> String {
    format_day(day, "%d/%m/%y")
}

fn format_day(day: f64, format: &str) -> String {
    DateTime::from_timestamp((day * 86_400.0).round() as i64, 0)
        .map(|d| d.format(format).to_string())
        .unwrap_or_default()
}

/// « 05/12/2026 14:03 », or the stamp as stored when it cannot be read.
pub fn date_label(stamp: &str) -> String {
    parse(stamp).map_or_else(|| stamp.to_string(), |d| long_date(&d))
}

fn long_date(date: &DateTime<FixedOffset>) -> String {
    date.format("%d/%m/%Y %H:%M").to_string()
}

fn parse(stamp: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(stamp).ok()
}

/// « Débutant », or « niveau non précisé ».
pub fn level_label(level: u8) -> String {
    match LEVEL_LABELS.get(level as usize) {
        Some(label) if !label.is_empty() => label.to_string(),
        _ => "niveau non précisé".to_string(),
    }
}

/// A theme in words: the shared vocabulary's label, capitalised, else the tag itself.
pub fn theme_name(tag: &str) -> String {
    let text = tags::theme_label(tag).map_or_else(|| tag.replace('-', " "), str::to_string);
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The exercise that trains a vocabulary theme: transcription is spelling terms in a report;
/// terminology is every kind at once.
pub fn drill_for(tag: &str) -> Option<DrillSuggestion> {
    let kind = match tag {
        "terminologie" => None,
        "transcription" => Some(DrillKind::SpotMisspelling),
        _ => return None,
    };
    let label = match kind {
        None => "Exercices de terminologie (tous)".to_string(),
        Some(k) => format!("Exercices : {}", k.label().to_lowercase()),
    };
    Some(DrillSuggestion { kind, label })
}

fn series_of(sessions: &[SessionSummary], stamps: &[Option<DateTime<FixedOffset>>]) -> Vec<Series> {
    // The list shows the newest first: the oldest session is its last row.
    let last = sessions.len().saturating_sub(1);
    let mut dated: Vec<(f64, usize, &SessionSummary)> = sessions
        .iter()
        .zip(stamps)
        .enumerate()
        .filter_map(|(n, (s, stamp))| Some((day_number(stamp.as_ref()?), last - n, s)))
        .collect();
    dated.sort_by(|a, b| a.0.total_cmp(&b.0));
    let point = |&(day, row, s): &(f64, usize, &SessionSummary), score: f64| ScorePoint {
        day,
        score,
        validated: s.validated,
        level: s.level,
        row,
    };
    let (drills, shifts): (Vec<_>, Vec<_>) = dated
        .into_iter()
        .partition(|(_, _, s)| s.kind == SessionKind::Drill);
    let mut out: Vec<Series> = Axis::ALL
        .into_iter()
        .map(|axis| Series {
            kind: SeriesKind::Axis(axis),
            key: axis.key().to_string(),
            label: axis.label().to_string(),
            points: shifts
                .iter()
                .filter_map(|d| Some(point(d, *d.2.scores.get(axis.key())?)))
                .collect(),
        })
        .filter(|series| !series.points.is_empty())
        .collect();
    out.push(Series {
        kind: SeriesKind::Overall,
        key: OVERALL_KEY.to_string(),
        label: OVERALL_LABEL.to_string(),
        points: shifts.iter().map(|d| point(d, d.2.overall)).collect(),
    });
    out.push(Series {
        kind: SeriesKind::Drills,
        key: DRILLS_KEY.to_string(),
        label: DRILLS_LABEL.to_string(),
        points: drills.iter().map(|d| point(d, d.2.overall)).collect(),
    });
    out.retain(|series| !series.points.is_empty());
    out
}

fn day_range(series: &[Series]) -> Option<(f64, f64)> {
    let days = series.iter().flat_map(|s| &s.points).map(|p| p.day);
    let (min, max) = days.fold(None, |acc: Option<(f64, f64)>, d| {
        Some(acc.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))))
    })?;
    // At least half a day on each side: one session alone still has a readable axis.
    let margin = ((max - min) * 0.05).max(0.5);
    Some((min - margin, max + margin))
}

/// Consecutive shifts of one level, from the overall series (every shift is on it).
fn level_bands(series: &[Series], days: Option<(f64, f64)>) -> Vec<LevelBand> {
    let (Some(overall), Some((first_day, last_day))) =
        (series.iter().find(|s| s.kind == SeriesKind::Overall), days)
    else {
        return Vec::new();
    };
    let mut bands: Vec<LevelBand> = Vec::new();
    let mut previous_day = first_day;
    for p in &overall.points {
        match bands.last_mut() {
            Some(band) if band.level == p.level => {}
            last => {
                // The boundary sits halfway between the last shift of one level and the first of the next.
                let boundary = (previous_day + p.day) / 2.0;
                let from_day = match last {
                    Some(band) => {
                        band.to_day = boundary;
                        boundary
                    }
                    None => first_day,
                };
                bands.push(LevelBand {
                    from_day,
                    to_day: last_day,
                    level: p.level,
                    label: level_label(p.level),
                });
            }
        }
        previous_day = p.day;
    }
    bands
}

fn theme_rows(themes: &[ThemeStat]) -> Vec<ThemeRow> {
    let mut rows: Vec<ThemeRow> = themes
        .iter()
        // The certification blocks are a third of the job each, not themes to work on.
        .filter(|t| t.stake >= MIN_STAKE && !tags::is_block(&t.theme))
        .map(|t| ThemeRow {
            tag: t.theme.clone(),
            label: theme_name(&t.theme),
            success: t.success(),
            stake: t.stake,
            sessions: t.sessions,
        })
        .collect();
    rows.sort_by(|a, b| {
        a.success
            .total_cmp(&b.success)
            .then(b.stake.total_cmp(&a.stake))
            .then_with(|| a.label.cmp(&b.label))
    });
    rows
}

/// The library's scenarios with the most situations of this theme, easier ones first on a tie.
/// The highest level a trainee is ready for: one above the highest level of a shift she has
/// validated (a beginner's level before that). Unknown levels (4) do not count.
fn reach(sessions: &[SessionSummary]) -> u8 {
    sessions
        .iter()
        .filter(|s| s.kind != SessionKind::Drill && s.validated && s.level < 4)
        .map(|s| s.level + 1)
        .max()
        .unwrap_or(1)
        .max(1)
}

/// The library's scenarios that train `tag` most, those within the trainee's `reach` first: a
/// beginner is not sent to a confirmed shift while an easier one trains the same thing.
fn suggestions(tag: &str, library: &[LibraryScenario], reach: u8) -> Vec<ScenarioSuggestion> {
    let mut found: Vec<(u32, &LibraryScenario)> = library
        .iter()
        .filter_map(|s| Some((*s.theme_counts.get(tag)?, s)))
        .filter(|(n, _)| *n > 0)
        .collect();
    let beyond = |s: &LibraryScenario| s.level < 4 && s.level > reach;
    found.sort_by(|(n, a), (m, b)| {
        beyond(a)
            .cmp(&beyond(b))
            .then(m.cmp(n))
            .then(a.level.cmp(&b.level))
            .then_with(|| a.title.cmp(&b.title))
    });
    found
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(n, s)| ScenarioSuggestion {
            title: s.title.clone(),
            path: s.path.clone(),
            situations: n,
            level: level_label(s.level),
        })
        .collect()
}

/// The pass mark most of the shifts played were held to (the format's default otherwise).
fn pass_mark(sessions: &[SessionSummary], library: &[LibraryScenario]) -> u32 {
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for s in sessions.iter().filter(|s| s.kind != SessionKind::Drill) {
        if let Some(l) = library.iter().find(|l| l.id == s.scenario_id) {
            *counts.entry(l.pass_mark).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(mark, n)| (n, std::cmp::Reverse(mark)))
        .map_or_else(crate::scenario::default_pass_mark, |(mark, _)| mark)
}

fn session_row(s: &SessionSummary, stamp: Option<&DateTime<FixedOffset>>) -> SessionRow {
    SessionRow {
        id: s.id.clone(),
        date: stamp.map_or_else(|| s.started_at.clone(), long_date),
        kind: s.kind.label().to_string(),
        title: s.scenario_title.clone(),
        level: if s.kind == SessionKind::Drill {
            String::new()
        } else {
            level_label(s.level)
        },
        overall: crate::report::number(s.overall),
        validated: s.validated,
        critical_errors: s.critical_count,
        resumes: s.resumes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;

    fn summary(id: &str, at: &str, kind: SessionKind, level: u8, overall: f64) -> SessionSummary {
        let scores = match kind {
            SessionKind::Drill => BTreeMap::new(),
            _ => [("prioritisation", overall), ("confidentiality", 100.0)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        };
        SessionSummary {
            id: id.into(),
            profile: Some(1),
            kind,
            started_at: at.into(),
            real_seconds: 600.0,
            scenario_id: format!("scenario-{level}"),
            scenario_title: format!("Scénario {level}"),
            level,
            mode: Mode::Training,
            scores,
            overall,
            validated: overall >= 60.0,
            critical_count: 0,
            resumes: 0,
        }
    }

    fn stat(theme: &str, stake: f64, kept: f64) -> ThemeStat {
        ThemeStat {
            theme: theme.into(),
            stake,
            kept,
            sessions: 1,
        }
    }

    fn library_entry(id: &str, level: u8, counts: &[(&str, u32)]) -> LibraryScenario {
        LibraryScenario {
            id: id.into(),
            title: format!("Titre {id}"),
            path: PathBuf::from(format!("{id}.ron")),
            level,
            theme_counts: counts.iter().map(|(t, n)| (t.to_string(), *n)).collect(),
            pass_mark: 60,
        }
    }

    #[test]
    fn days_are_read_in_the_sessions_own_local_time() {
        // 23:30 in Paris is already the next day in UTC: the chart keeps the local date.
        let day = day_of("2026-12-05T23:30:00+01:00").unwrap();
        assert_eq!(day_label(day), "05/12");
        assert_eq!(day_label_with_year(day), "05/12/26");
        assert!((day.fract() - 23.5 / 24.0).abs() < 1e-9, "{day}");
        assert_eq!(date_label("2026-12-05T14:03:59+01:00"), "05/12/2026 14:03");
        assert_eq!(date_label("hier"), "hier");
        assert_eq!(day_of("hier"), None);
    }

    #[test]
    fn series_follow_the_assessed_axes_with_drills_apart() {
        let sessions = [
            summary(
                "b",
                "2026-03-03T10:00:00+01:00",
                SessionKind::Shift,
                1,
                70.0,
            ),
            summary(
                "a",
                "2026-03-02T10:00:00+01:00",
                SessionKind::Simulated,
                1,
                40.0,
            ),
            summary(
                "d",
                "2026-03-04T10:00:00+01:00",
                SessionKind::Drill,
                4,
                85.0,
            ),
        ];
        let view = ProgressView::build(&sessions, &[], &[]);
        let keys: Vec<&str> = view.series.iter().map(|s| s.key.as_str()).collect();
        // Only the axes the sessions were scored on, in the rulebook's order.
        assert_eq!(
            keys,
            ["prioritisation", "confidentiality", OVERALL_KEY, DRILLS_KEY]
        );
        let overall = &view.series[2];
        let ids: Vec<&str> = overall
            .points
            .iter()
            .map(|p| view.session_of(p).id.as_str())
            .collect();
        assert_eq!(ids, ["a", "b"], "oldest first, no drill");
        assert!(!overall.points[0].validated && overall.points[1].validated);
        assert_eq!(view.series[3].label, "Terminologie (exercices)");
        assert_eq!(view.series[3].points[0].score, 85.0);
        let (from, to) = view.days.unwrap();
        assert!(from < overall.points[0].day && to > view.series[3].points[0].day);
    }

    #[test]
    fn levels_are_bands_that_change_halfway_between_two_shifts() {
        let sessions = [
            summary(
                "1",
                "2026-03-01T12:00:00+01:00",
                SessionKind::Shift,
                1,
                80.0,
            ),
            summary(
                "2",
                "2026-03-03T12:00:00+01:00",
                SessionKind::Shift,
                1,
                85.0,
            ),
            summary(
                "3",
                "2026-03-05T12:00:00+01:00",
                SessionKind::Shift,
                2,
                55.0,
            ),
            summary(
                "4",
                "2026-03-07T12:00:00+01:00",
                SessionKind::Drill,
                4,
                90.0,
            ),
        ];
        let view = ProgressView::build(&sessions, &[], &[]);
        let (first, last) = view.days.unwrap();
        let d = |s: &str| day_of(s).unwrap();
        let change = (d("2026-03-03T12:00:00+01:00") + d("2026-03-05T12:00:00+01:00")) / 2.0;
        assert_eq!(
            view.levels,
            vec![
                LevelBand {
                    from_day: first,
                    to_day: change,
                    level: 1,
                    label: "Débutant".into()
                },
                LevelBand {
                    from_day: change,
                    to_day: last,
                    level: 2,
                    label: "Intermédiaire".into()
                },
            ],
            "the drill has no level"
        );
        assert_eq!(level_label(4), "niveau non précisé");
    }

    #[test]
    fn themes_are_sorted_weakest_first_without_blocks_or_small_stakes() {
        let themes = [
            stat("agenda", 50.0, 50.0),
            stat("bloc-2", 300.0, 10.0),
            stat("homonyme", 40.0, 10.0),
            stat("urgence-vitale", 80.0, 40.0),
            stat("tout-petit", 5.0, 0.0),
            stat("autorite-parentale", 20.0, 20.0),
        ];
        let view = ProgressView::build(&[], &themes, &[]);
        let tags: Vec<&str> = view.themes.iter().map(|t| t.tag.as_str()).collect();
        assert_eq!(
            tags,
            ["homonyme", "urgence-vitale", "agenda", "autorite-parentale"]
        );
        assert_eq!(view.themes[0].label, "Homonymes");
        assert_eq!(view.themes[0].success, 0.25);
        assert_eq!(view.themes[3].label, "Autorite parentale");
        // A theme kept in full is not weak: two weak themes, not three.
        let weak: Vec<&str> = view.weakest.iter().map(|w| w.theme.tag.as_str()).collect();
        assert_eq!(weak, ["homonyme", "urgence-vitale"]);
    }

    #[test]
    fn weak_themes_suggest_the_scenarios_that_train_them_most() {
        let library = [
            library_entry("a", 2, &[("homonyme", 1)]),
            library_entry("b", 3, &[("homonyme", 3)]),
            library_entry("c", 1, &[("homonyme", 2)]),
            library_entry("d", 0, &[("homonyme", 2)]),
            library_entry("e", 0, &[("agenda", 4)]),
        ];
        let titles = |view: &ProgressView| -> Vec<String> {
            view.weakest[0]
                .scenarios
                .iter()
                .map(|s| s.title.clone())
                .collect()
        };
        // A trainee who has validated an intermediate shift may go up to confirmed: most
        // situations first; on a tie the easier scenario; at most three.
        let intermediate = [summary(
            "s",
            "2026-12-01T10:00:00+01:00",
            SessionKind::Shift,
            2,
            80.0,
        )];
        let view = ProgressView::build(&intermediate, &[stat("homonyme", 40.0, 10.0)], &library);
        assert_eq!(titles(&view), ["Titre b", "Titre d", "Titre c"]);
        assert_eq!(view.weakest[0].scenarios[0].path, PathBuf::from("b.ron"));
        assert_eq!(view.weakest[0].drill, None, "not a vocabulary theme");
        // A beginner (nothing validated yet) is sent to what is within reach first: the
        // confirmed shift that trains it most comes after the tutorial and the beginner's one.
        let view = ProgressView::build(&[], &[stat("homonyme", 40.0, 10.0)], &library);
        assert_eq!(titles(&view), ["Titre d", "Titre c", "Titre b"]);
    }

    #[test]
    fn vocabulary_themes_suggest_a_terminology_exercise() {
        let view = ProgressView::build(
            &[],
            &[
                stat("terminologie", 100.0, 30.0),
                stat("transcription", 30.0, 15.0),
            ],
            &[],
        );
        assert_eq!(view.weakest[0].drill.as_ref().unwrap().kind, None);
        assert_eq!(
            view.weakest[1].drill.as_ref().unwrap().kind,
            Some(DrillKind::SpotMisspelling)
        );
    }

    #[test]
    fn sessions_are_listed_newest_first_with_french_figures() {
        let mut late = summary(
            "x",
            "2026-12-05T14:03:00+01:00",
            SessionKind::Shift,
            3,
            72.5,
        );
        late.critical_count = 2;
        late.resumes = 1;
        let sessions = [
            summary(
                "w",
                "2026-12-01T09:00:00+01:00",
                SessionKind::Drill,
                4,
                90.0,
            ),
            late,
        ];
        let view = ProgressView::build(&sessions, &[], &[]).named("Léa Martin (BTS 1)");
        assert_eq!(view.title(), "Mes progrès — Léa Martin (BTS 1)");
        assert_eq!(
            view.sessions[0],
            SessionRow {
                id: "x".into(),
                date: "05/12/2026 14:03".into(),
                kind: "Vacation".into(),
                title: "Scénario 3".into(),
                level: "Confirmé".into(),
                overall: "72,5".into(),
                validated: true,
                critical_errors: 2,
                resumes: 1,
            }
        );
        assert_eq!(view.sessions[1].kind, "Terminologie");
        assert_eq!(view.sessions[1].level, "");
    }

    #[test]
    fn the_pass_mark_is_the_one_of_the_scenarios_played() {
        let mut strict = library_entry("scenario-1", 1, &[]);
        strict.pass_mark = 70;
        let sessions = [summary(
            "1",
            "2026-03-01T12:00:00+01:00",
            SessionKind::Shift,
            1,
            80.0,
        )];
        assert_eq!(
            ProgressView::build(&sessions, &[], &[strict.clone()]).pass_mark,
            70
        );
        assert_eq!(ProgressView::build(&sessions, &[], &[]).pass_mark, 60);
    }

    #[test]
    fn an_empty_history_is_empty() {
        let view = ProgressView::build(&[], &[], &[]);
        assert!(view.is_empty() && view.series.is_empty() && view.levels.is_empty());
        assert_eq!(view.days, None);
        assert_eq!(view.title(), "Mes progrès");
    }
}
