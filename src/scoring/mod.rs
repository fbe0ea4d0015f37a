//! Turns a shift's log into a report: three axes out of 100, critical errors, and one explained
//! item for every point lost. Pure functions over the scenario and the log.

use crate::rulebook::cited;
use crate::scenario::validate::successors;
use crate::scenario::{Axis, Channel, ChoiceOption, Scenario, Situation, Step, Urgency};
use crate::sim::{Event, Load, MissReason, Mode, Secs, SimLog, personalise};
use crate::text::Grade;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// Prioritisation points at stake for a situation's timing, by urgency.
pub fn urgency_weight(u: Urgency) -> u32 {
    match u {
        Urgency::Vitale => 40,
        Urgency::Urgente => 20,
        Urgency::Normale => 10,
        Urgency::Faible => 5,
    }
}

const MAX_LATENESS_SHARE: f64 = 0.75;
const INVERSION_SHARE: f64 = 0.25;
const OVERDUE_SHARE: f64 = 0.5;
const COMPLAINT_SHARE: f64 = 0.25;
const OVER_TRIAGE_PER_LEVEL: u32 = 2;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub prioritisation: f64,
    pub terminology: f64,
    pub confidentiality: f64,
    pub organisation: f64,
    /// The mean of the axes the scenario assesses (those with points at stake).
    pub overall: f64,
}

impl Scores {
    pub fn get(&self, axis: Axis) -> f64 {
        match axis {
            Axis::Prioritisation => self.prioritisation,
            Axis::Terminology => self.terminology,
            Axis::Confidentiality => self.confidentiality,
            Axis::Organisation => self.organisation,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriticalError {
    pub situation: String,
    pub at: String,
    pub explanation: String,
}

/// An action the trainee tried that could not be carried out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refused {
    pub at: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LostItem {
    pub situation: String,
    pub axis: String,
    /// Points lost on the axis's 0–100 scale.
    pub points: f64,
    pub at: String,
    pub explanation: String,
    /// The rules of the rulebook behind this loss, by id.
    pub rules: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    OnTime,
    Late,
    Wrong,
    Missed,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::OnTime => "traitée à temps",
            Outcome::Late => "en retard",
            Outcome::Wrong => "erreurs",
            Outcome::Missed => "manquée",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub situation: String,
    pub title: String,
    pub channel: String,
    pub urgency: String,
    pub arrival: String,
    pub taken: Option<String>,
    pub finished: Option<String>,
    pub outcome: Outcome,
    /// Points lost on this situation, all axes together (0–100 scale of each axis).
    pub points_lost: f64,
    /// What this situation put at stake, all axes together, on the same scale as `points_lost`.
    #[serde(default)]
    pub stake: f64,
    /// The situation's themes (its tags), for progress by theme.
    #[serde(default)]
    pub tags: Vec<String>,
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub scenario: String,
    pub title: String,
    pub seed: u64,
    pub mode: Mode,
    pub scores: Scores,
    /// The axes this scenario assesses (JSON keys), in the rulebook's order.
    pub assessed: Vec<String>,
    pub pass_mark: u32,
    pub validated: bool,
    pub critical_errors: Vec<CriticalError>,
    pub lost: Vec<LostItem>,
    pub timeline: Vec<TimelineEntry>,
    /// How busy the desk was during this session.
    pub load: Load,
    /// Actions refused by the desk (situation not yet arrived, no step waiting for that answer…).
    pub refused: Vec<Refused>,
}

impl Report {
    /// Whether the scenario puts points at stake on this axis (the others are not shown).
    pub fn assesses(&self, axis: Axis) -> bool {
        self.assessed.iter().any(|a| a == axis.key())
    }
}

/// A time of the shift with its seconds (`08:30:00`), so report columns line up.
pub fn clock(t: Secs) -> String {
    format!("{:02}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60)
}

/// What the best answer to a situation's first choice teaches: told to a trainee who never took
/// the situation, so that a missed emergency still explains what it was.
fn first_lesson(s: &Situation, caller: Option<&str>) -> Option<(String, Vec<String>)> {
    s.steps.iter().find_map(|step| match step {
        Step::Choice(c) => c
            .options
            .iter()
            .find(|o| o.best && !o.explanation.trim().is_empty())
            .map(|o| (personalise(&o.explanation, caller), o.rules.0.clone())),
        _ => None,
    })
}

/// Whose acceptable delay the lateness message quotes.
fn acceptable_for(s: &crate::scenario::Situation) -> String {
    if s.acceptable_delay.is_some() {
        "pour cette situation".to_string()
    } else if s.channel == Channel::Telephone {
        "pour décrocher un appel".to_string()
    } else {
        format!("pour une situation {}", s.urgency.label())
    }
}

fn minutes_text(secs: Secs) -> String {
    crate::scenario::Duration(secs).to_string()
}

/// Prioritisation lost by giving an option's triage to a situation of `urgency`.
pub fn triage_loss(option: &ChoiceOption, urgency: Urgency) -> u32 {
    match option.triage {
        Some(t) if t < urgency => {
            (urgency_weight(urgency) * urgency.levels_between(t) / 2).min(urgency_weight(urgency))
        }
        Some(t) if t > urgency => OVER_TRIAGE_PER_LEVEL * urgency.levels_between(t),
        _ => 0,
    }
}

fn option_loss(option: &ChoiceOption, axis: Axis, urgency: Urgency) -> u32 {
    let triage = if axis == Axis::Prioritisation {
        triage_loss(option, urgency)
    } else {
        0
    };
    option.cost.get(axis) + triage
}

/// The worst loss possible on `axis` along any path through a situation's steps.
pub fn worst_path_loss(s: &Situation, axis: Axis) -> u32 {
    worst_path_loss_from(s, 0, axis)
}

/// The worst loss possible on `axis` from step `start` to the end of the situation.
pub fn worst_path_loss_from(s: &Situation, start: usize, axis: Axis) -> u32 {
    fn from(
        s: &Situation,
        step: usize,
        axis: Axis,
        memo: &mut HashMap<usize, u32>,
        depth: usize,
    ) -> u32 {
        if let Some(&v) = memo.get(&step) {
            return v;
        }
        if depth > s.steps.len() {
            return 0; // A loop: validation reports it; stay finite here.
        }
        let next_worst = |k: Option<usize>, memo: &mut HashMap<usize, u32>| {
            k.map_or(0, |k| from(s, k, axis, memo, depth + 1))
        };
        let worst = match &s.steps[step] {
            Step::Choice(c) => c
                .options
                .iter()
                .map(|o| {
                    let next = s.next_step(step, o.next.as_deref());
                    option_loss(o, axis, s.urgency) + next_worst(next, memo)
                })
                .max()
                .unwrap_or(0),
            Step::Typed(t) => {
                let own = if t.axis == axis { t.points } else { 0 };
                own + successors(s, step)
                    .into_iter()
                    .map(|k| next_worst(k, memo))
                    .max()
                    .unwrap_or(0)
            }
            Step::Record(r) => {
                let own = if axis == Axis::Confidentiality {
                    r.points
                } else {
                    0
                };
                own + successors(s, step)
                    .into_iter()
                    .map(|k| next_worst(k, memo))
                    .max()
                    .unwrap_or(0)
            }
        };
        memo.insert(step, worst);
        worst
    }
    if start >= s.steps.len() {
        0
    } else {
        from(s, start, axis, &mut HashMap::new(), 0)
    }
}

/// Points at stake on an axis for one situation: its timing (prioritisation) and its worst answers.
pub fn situation_axis_stake(s: &Situation, axis: Axis) -> u32 {
    let timing = if axis == Axis::Prioritisation {
        urgency_weight(s.urgency)
    } else {
        0
    };
    timing + worst_path_loss(s, axis)
}

/// Points at stake on an axis for the whole scenario.
pub fn axis_stake(scenario: &Scenario, axis: Axis) -> u32 {
    scenario
        .situations
        .iter()
        .map(|s| situation_axis_stake(s, axis))
        .sum()
}

/// What one situation puts at stake, all axes together, each on its axis's 0–100 scale.
fn situation_stake(s: &Situation, stakes: &HashMap<Axis, u32>) -> f64 {
    Axis::ALL
        .iter()
        .map(|&axis| situation_axis_stake(s, axis) as f64 * 100.0 / stakes[&axis].max(1) as f64)
        .sum()
}

/// A point lost before scaling, attached to a situation.
struct RawLoss {
    situation: usize,
    axis: Axis,
    points: f64,
    at: Secs,
    explanation: String,
    /// Timing losses (lateness, missed, inversions) share a cap per situation.
    timing: bool,
    rules: Vec<String>,
}

/// What the log says about one situation.
#[derive(Default)]
struct Track {
    taken: Option<Secs>,
    finished: Option<Secs>,
    missed: Option<(Secs, MissReason)>,
    /// The first step never answered, when the situation was missed.
    unanswered_from: Option<usize>,
    overdue: bool,
    complained: Option<Secs>,
}

/// The rule the engine cites for a loss it computes itself (lateness, a missed call…).
fn engine_rule(id: &str) -> Vec<String> {
    vec![id.to_string()]
}

pub fn score(scenario: &Scenario, log: &SimLog) -> Report {
    // Titles are quoted as this shift told them.
    let told;
    let scenario = if log.presentations.iter().any(|&k| k > 0) {
        told = scenario.presented(&log.presentations);
        &told
    } else {
        scenario
    };
    let n = scenario.situations.len();
    let mut tracks: Vec<Track> = (0..n).map(|_| Track::default()).collect();
    let mut losses: Vec<RawLoss> = Vec::new();
    let mut critical: Vec<CriticalError> = Vec::new();
    let mut inversions: BTreeSet<(usize, usize)> = BTreeSet::new();
    let text = |i: usize, t: &str| personalise(t, log.callers.get(i).and_then(|c| c.as_deref()));
    let title = |i: usize| text(i, &scenario.situations[i].title);

    for entry in &log.entries {
        let at = entry.at;
        match &entry.event {
            Event::Taken {
                situation, waiting, ..
            } => {
                let i = *situation;
                tracks[i].taken.get_or_insert(at);
                let taken = &scenario.situations[i];
                for &w in waiting {
                    let waiter = &scenario.situations[w];
                    let visible = waiter.apparent_urgency() > taken.apparent_urgency();
                    let real = waiter.urgency > taken.urgency;
                    if visible && real && inversions.insert((w, i)) {
                        let waited = at.saturating_sub(log.arrivals[w]);
                        losses.push(RawLoss {
                            situation: w,
                            axis: Axis::Prioritisation,
                            points: urgency_weight(waiter.urgency) as f64 * INVERSION_SHARE,
                            at,
                            timing: true,
                            rules: engine_rule(cited::INVERSION),
                            explanation: format!(
                                "Inversion de priorité : vous avez pris « {} » ({}) pendant que « {} » ({}) attendait depuis {}. Le plus urgent passe d'abord ; on fait patienter le reste.",
                                title(i),
                                taken.urgency.label(),
                                title(w),
                                waiter.urgency.label(),
                                minutes_text(waited)
                            ),
                        });
                    }
                }
            }
            Event::Chose {
                situation,
                step,
                option,
            } => {
                let i = *situation;
                let s = &scenario.situations[i];
                let Step::Choice(choice) = &s.steps[*step] else {
                    continue;
                };
                let o = &choice.options[*option];
                let why = text(i, &o.explanation);
                for axis in Axis::ALL {
                    let cost = o.cost.get(axis);
                    if cost > 0 {
                        losses.push(RawLoss {
                            situation: i,
                            axis,
                            points: cost as f64,
                            at,
                            timing: false,
                            explanation: why.clone(),
                            rules: o.rules.0.clone(),
                        });
                    }
                }
                let triage = triage_loss(o, s.urgency);
                if let (Some(t), true) = (o.triage, triage > 0) {
                    let kind = if t < s.urgency {
                        "Sous-triage"
                    } else {
                        "Sur-triage"
                    };
                    let rule = if t < s.urgency {
                        "Sous-estimer une urgence est bien plus grave que la surestimer."
                    } else {
                        "Surestimer une urgence encombre les créneaux urgents, mais reste moins grave que la sous-estimer."
                    };
                    losses.push(RawLoss {
                        situation: i,
                        axis: Axis::Prioritisation,
                        points: triage as f64,
                        at,
                        timing: false,
                        rules: if o.rules.is_empty() {
                            engine_rule(cited::TRIAGE)
                        } else {
                            o.rules.0.clone()
                        },
                        explanation: format!(
                            "{kind} : votre réponse traite la situation comme {} alors qu'elle est {}. {rule} {why}",
                            t.label(),
                            s.urgency.label()
                        ),
                    });
                    if t < s.urgency && s.urgency == Urgency::Vitale {
                        critical.push(CriticalError {
                            situation: s.id.clone(),
                            at: clock(at),
                            explanation: format!(
                                "Urgence vitale sous-estimée (« {} ») : {why}",
                                title(i)
                            ),
                        });
                    }
                }
                if let Some(c) = &o.critical {
                    critical.push(CriticalError {
                        situation: s.id.clone(),
                        at: clock(at),
                        explanation: text(i, c),
                    });
                }
            }
            Event::Typed {
                situation,
                step,
                text: typed,
                grade,
            } => {
                let i = *situation;
                let s = &scenario.situations[i];
                let Step::Typed(t) = &s.steps[*step] else {
                    continue;
                };
                let reference = t.accepted.first().map(String::as_str).unwrap_or("");
                let why = text(i, &t.explanation);
                let (points, verdict) = match grade {
                    Grade::Exact => continue,
                    Grade::Typo(words) => {
                        let detail = if typed.split_whitespace().count() > 1 {
                            format!(" (mot(s) mal orthographié(s) : {})", words.join(", "))
                        } else {
                            String::new()
                        };
                        (
                            t.points as f64 / 2.0,
                            format!(
                                "Faute de frappe : vous avez saisi « {typed} »{detail} au lieu de « {reference} »."
                            ),
                        )
                    }
                    Grade::Wrong {
                        confused_with: Some(other),
                    } => (
                        t.points as f64,
                        format!(
                            "Confusion : « {other} » est un autre terme ; il fallait « {reference} »."
                        ),
                    ),
                    Grade::Wrong {
                        confused_with: None,
                    } => (
                        t.points as f64,
                        format!(
                            "Réponse fausse : vous avez saisi « {typed} » au lieu de « {reference} »."
                        ),
                    ),
                };
                if t.points > 0 {
                    losses.push(RawLoss {
                        situation: i,
                        axis: t.axis,
                        points,
                        at,
                        timing: false,
                        explanation: format!("{verdict} {why}"),
                        rules: if t.rules.is_empty() && t.axis == Axis::Terminology {
                            engine_rule(cited::SPELLING)
                        } else {
                            t.rules.0.clone()
                        },
                    });
                }
            }
            Event::Opened {
                situation,
                step,
                patient,
            } => {
                let i = *situation;
                let s = &scenario.situations[i];
                let Step::Record(r) = &s.steps[*step] else {
                    continue;
                };
                if *patient != r.patient {
                    let (opened, right) = (scenario.patient(patient), scenario.patient(&r.patient));
                    let line = |p: Option<&crate::scenario::Patient>, id: &str| {
                        p.map(|p| p.register_line())
                            .unwrap_or_else(|| id.to_string())
                    };
                    // Only a namesake's file is a homonym's; any other is just the wrong file.
                    let homonym =
                        matches!((opened, right), (Some(a), Some(b)) if a.is_namesake_of(b));
                    let (opened, right) = (line(opened, patient), line(right, &r.patient));
                    let why = text(i, &r.explanation);
                    losses.push(RawLoss {
                        situation: i,
                        axis: Axis::Confidentiality,
                        points: r.points as f64,
                        at,
                        timing: false,
                        explanation: format!("Erreur d'identité : vous avez ouvert le dossier {opened} au lieu de {right}. {why}"),
                        rules: if r.rules.is_empty() {
                            engine_rule(cited::RECORD_SEARCH)
                        } else {
                            r.rules.0.clone()
                        },
                    });
                    let kind = if homonym {
                        "homonyme"
                    } else {
                        "mauvais dossier"
                    };
                    critical.push(CriticalError {
                        situation: s.id.clone(),
                        at: clock(at),
                        explanation: format!(
                            "Erreur d'identité ({kind}) : dossier {opened} ouvert au lieu de {right}."
                        ),
                    });
                }
            }
            Event::Completed { situation } => tracks[*situation].finished = Some(at),
            Event::Missed {
                situation,
                reason,
                step,
            } => {
                tracks[*situation].missed = Some((at, *reason));
                tracks[*situation].unanswered_from = *step;
            }
            Event::Overdue { situation } => tracks[*situation].overdue = true,
            Event::Complained { situation } => tracks[*situation].complained = Some(at),
            Event::Arrived { .. }
            | Event::PutOnHold { .. }
            | Event::Rejected { .. }
            | Event::ShiftEnded => {}
        }
    }

    for (i, s) in scenario.situations.iter().enumerate() {
        timing_losses(
            s,
            i,
            &tracks[i],
            log.arrivals[i],
            &title(i),
            log.callers[i].as_deref(),
            &mut losses,
            &mut critical,
        );
    }
    cap_timing_losses(scenario, &mut losses);
    build_report(scenario, log, &tracks, losses, critical)
}

#[allow(clippy::too_many_arguments)] // one situation's facts, passed as they are
fn timing_losses(
    s: &Situation,
    i: usize,
    track: &Track,
    arrival: Secs,
    title: &str,
    caller: Option<&str>,
    losses: &mut Vec<RawLoss>,
    critical: &mut Vec<CriticalError>,
) {
    let weight = urgency_weight(s.urgency) as f64;
    if let Some((at, reason)) = track.missed {
        let what = match reason {
            MissReason::Voicemail => format!(
                "L'appel a basculé sur la messagerie après {} sans réponse.",
                minutes_text(s.ring_limit().seconds())
            ),
            MissReason::HungUp => {
                "L'appelant, laissé trop longtemps en attente, a raccroché.".to_string()
            }
            MissReason::Left if track.taken.is_some() => {
                "Laissée trop longtemps en attente, la personne est repartie avant la fin de sa prise en charge.".to_string()
            }
            MissReason::Left => {
                "La personne est repartie sans avoir été prise en charge.".to_string()
            }
            MissReason::EndOfShift => {
                "La situation n'était pas terminée à la fin de la vacation.".to_string()
            }
        };
        let rule = match (s.urgency, s.channel) {
            (Urgency::Vitale, _) => "Une urgence vitale manquée est une erreur éliminatoire.",
            (_, Channel::Accueil | Channel::Telephone) => {
                "Personne ne doit rester sans réponse : un mot d'attente suffit souvent (« je suis à vous dans un instant »)."
            }
            (_, Channel::Medecin | Channel::Courrier) => {
                "Une demande ou un courrier se traite dans la vacation : organisez-vous entre deux appels."
            }
        };
        let (lesson, lesson_rules) = first_lesson(s, caller).unwrap_or_default();
        let lesson = if lesson.is_empty() {
            lesson
        } else {
            format!(" Ce qu'il fallait faire : {lesson}")
        };
        let mut rules = engine_rule(cited::for_timing(s.channel, s.urgency));
        rules.extend(lesson_rules);
        losses.push(RawLoss {
            situation: i,
            axis: Axis::Prioritisation,
            points: weight,
            at,
            timing: true,
            rules,
            explanation: format!(
                "Situation manquée (« {title} », {}) : {what} {rule}{lesson}",
                s.urgency.label()
            ),
        });
        // What the unanswered steps would have shown is not earned either.
        if let Some(step) = track.unanswered_from {
            for axis in Axis::ALL {
                let points = worst_path_loss_from(s, step, axis);
                if points > 0 {
                    losses.push(RawLoss {
                        situation: i,
                        axis,
                        points: points as f64,
                        at,
                        timing: false,
                        rules: Vec::new(),
                        explanation: format!(
                            "Non traité (« {title} ») : les points de {} que cette situation mettait en jeu ne sont pas acquis.",
                            axis.label().to_lowercase()
                        ),
                    });
                }
            }
        }
        if s.urgency == Urgency::Vitale {
            critical.push(CriticalError {
                situation: s.id.clone(),
                at: clock(at),
                explanation: format!("Urgence vitale manquée : « {title} ». {what}{lesson}"),
            });
        }
        return;
    }
    if let Some(at) = track.complained {
        losses.push(RawLoss {
            situation: i,
            axis: Axis::Prioritisation,
            points: weight * COMPLAINT_SHARE,
            at,
            timing: true,
            rules: engine_rule(cited::WAITING),
            explanation: format!(
                "Plainte (« {title} ») : {} d'attente sans prise en charge, et des protestations devant la salle d'attente. {}",
                minutes_text(s.patience().seconds()),
                if s.urgency == Urgency::Vitale {
                    "Une urgence vitale se prend en charge immédiatement."
                } else {
                    "Un mot d'accueil et une estimation de l'attente évitent l'exaspération."
                }
            ),
        });
    }
    if let Some(taken) = track.taken {
        let delay = taken.saturating_sub(arrival);
        let acceptable = s.acceptable_delay().seconds().max(1);
        if delay > acceptable {
            let share =
                ((delay - acceptable) as f64 / (3.0 * acceptable as f64)).min(MAX_LATENESS_SHARE);
            let what = match s.channel {
                Channel::Telephone => "décroché",
                Channel::Accueil => "pris en charge le patient",
                Channel::Medecin => "pris en compte la demande",
                Channel::Courrier => "ouvert le courrier",
            };
            losses.push(RawLoss {
                situation: i,
                axis: Axis::Prioritisation,
                points: (weight * share * 10.0).round() / 10.0,
                at: taken,
                timing: true,
                rules: engine_rule(cited::for_timing(s.channel, s.urgency)),
                explanation: format!(
                    "Retard (« {title} ») : vous avez {what} après {} d'attente ; délai acceptable {} : {}.",
                    minutes_text(delay),
                    acceptable_for(s),
                    minutes_text(acceptable)
                ),
            });
        }
    }
    if let (Some(deadline), Some(done)) = (s.deadline, track.finished)
        && done > deadline.seconds()
    {
        losses.push(RawLoss {
            situation: i,
            axis: Axis::Prioritisation,
            points: weight * OVERDUE_SHARE,
            at: done,
            timing: true,
            rules: engine_rule(cited::DEADLINE),
            explanation: format!(
                "Échéance dépassée (« {title} ») : terminé à {}, il fallait avoir fini pour {}.",
                clock(done),
                deadline
            ),
        });
    }
}

/// Lateness, missing and inversions on one situation never cost more than its urgency stake.
fn cap_timing_losses(scenario: &Scenario, losses: &mut [RawLoss]) {
    let mut used: HashMap<usize, f64> = HashMap::new();
    for loss in losses.iter_mut().filter(|l| l.timing) {
        let cap = urgency_weight(scenario.situations[loss.situation].urgency) as f64;
        let spent = used.entry(loss.situation).or_insert(0.0);
        loss.points = loss.points.min(cap - *spent).max(0.0);
        *spent += loss.points;
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn build_report(
    scenario: &Scenario,
    log: &SimLog,
    tracks: &[Track],
    mut losses: Vec<RawLoss>,
    mut critical: Vec<CriticalError>,
) -> Report {
    losses.retain(|l| l.points > 0.0);
    losses.sort_by_key(|l| (l.at, l.situation));
    critical.sort_by(|a, b| a.at.cmp(&b.at));
    let stakes: HashMap<Axis, u32> = Axis::ALL
        .iter()
        .map(|&a| (a, axis_stake(scenario, a)))
        .collect();
    let lost: Vec<(usize, LostItem)> = losses
        .iter()
        .map(|l| {
            let stake = stakes[&l.axis].max(1) as f64;
            let item = LostItem {
                situation: scenario.situations[l.situation].id.clone(),
                axis: l.axis.key().to_string(),
                points: round1(l.points * 100.0 / stake),
                at: clock(l.at),
                explanation: l.explanation.clone(),
                rules: l.rules.clone(),
            };
            (l.situation, item)
        })
        .collect();
    let axis_score = |axis: Axis| {
        let spent: f64 = lost
            .iter()
            .filter(|(_, l)| l.axis == axis.key())
            .map(|(_, l)| l.points)
            .sum();
        round1((100.0 - spent).max(0.0))
    };
    let assessed: Vec<Axis> = Axis::ALL.into_iter().filter(|a| stakes[a] > 0).collect();
    let overall = if assessed.is_empty() {
        100.0
    } else {
        round1(assessed.iter().map(|&a| axis_score(a)).sum::<f64>() / assessed.len() as f64)
    };
    let validated = critical.is_empty() && overall >= scenario.pass_mark as f64;

    // In order of arrival; a stable sort keeps same-time arrivals in the scenario's order.
    let mut by_arrival: Vec<usize> = (0..scenario.situations.len()).collect();
    by_arrival.sort_by_key(|&i| log.arrivals[i]);
    let timeline = by_arrival
        .into_iter()
        .map(|i| (i, &scenario.situations[i]))
        .map(|(i, s)| {
            let track = &tracks[i];
            let mine: Vec<&LostItem> = lost
                .iter()
                .filter(|(k, _)| *k == i)
                .map(|(_, l)| l)
                .collect();
            let timing_lost = losses
                .iter()
                .any(|l| l.situation == i && l.timing && l.points > 0.0);
            let answer_lost = losses
                .iter()
                .any(|l| l.situation == i && !l.timing && l.points > 0.0)
                || critical.iter().any(|c| c.situation == s.id);
            let outcome = if track.missed.is_some() {
                Outcome::Missed
            } else if answer_lost {
                Outcome::Wrong
            } else if timing_lost {
                Outcome::Late
            } else {
                Outcome::OnTime
            };
            let mut notes = Vec::new();
            if track.complained.is_some() {
                notes.push(if s.urgency == Urgency::Vitale {
                    "Prise en charge trop tardive, devant la salle d'attente.".to_string()
                } else {
                    "Plainte en salle d'attente.".to_string()
                });
            }
            if track.overdue {
                notes.push("Échéance dépassée.".to_string());
            }
            TimelineEntry {
                situation: s.id.clone(),
                title: personalise(&s.title, log.callers[i].as_deref()),
                channel: s.channel.label().to_string(),
                urgency: s.urgency.label().to_string(),
                arrival: clock(log.arrivals[i]),
                taken: track.taken.map(clock),
                finished: track.finished.or(track.missed.map(|m| m.0)).map(clock),
                outcome,
                points_lost: round1(mine.iter().map(|l| l.points).sum()),
                stake: round1(situation_stake(s, &stakes)),
                tags: s.tags.clone(),
                notes,
            }
        })
        .collect();

    Report {
        scenario: scenario.id.clone(),
        title: scenario.title.clone(),
        seed: log.seed,
        mode: log.mode,
        scores: Scores {
            prioritisation: axis_score(Axis::Prioritisation),
            terminology: axis_score(Axis::Terminology),
            confidentiality: axis_score(Axis::Confidentiality),
            organisation: axis_score(Axis::Organisation),
            overall,
        },
        assessed: assessed.iter().map(|a| a.key().to_string()).collect(),
        pass_mark: scenario.pass_mark,
        validated,
        critical_errors: critical,
        lost: lost.into_iter().map(|(_, l)| l).collect(),
        timeline,
        load: log.load(),
        refused: log
            .entries
            .iter()
            .filter_map(|e| match &e.event {
                Event::Rejected { reason } => Some(Refused {
                    at: clock(e.at),
                    reason: reason.clone(),
                }),
                _ => None,
            })
            .collect(),
    }
}
