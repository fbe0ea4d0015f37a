//! What the desk shows, as plain data built from the simulation. No egui here: the panels draw
//! these views, and tests can check them without any window.

use crate::scenario::{Channel, Step, Urgency, defaults};
use crate::scoring::clock;
use crate::sim::{Event, Mode, Secs, Simulation, Status};
use crate::text::Grade;

/// Below this share of patience left, a card turns red.
pub const LOW_PATIENCE: f32 = 0.3;
/// A phone this close to voicemail (in rings) is shown as about to be lost.
pub const LAST_RINGS: u32 = 2;

#[derive(Clone, Debug, PartialEq)]
pub struct ClockView {
    pub now: String,
    pub end: String,
    /// Share of the shift already gone, 0–1.
    pub progress: f32,
    pub speed: f32,
    pub paused: bool,
    pub mode: Mode,
    /// Ring volume, 0–1, and whether the sound is off.
    pub volume: f32,
    pub muted: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WaitingCard {
    pub situation: usize,
    pub name: String,
    pub description: String,
    pub arrived: String,
    pub appointment: Option<String>,
    pub waited: String,
    /// Share of patience left, 0–1 (1 when the patient is being served).
    pub patience_left: f32,
    pub on_hold: bool,
    pub complained: bool,
    pub looks: Urgency,
}

impl WaitingCard {
    pub fn running_out(&self) -> bool {
        self.patience_left < LOW_PATIENCE
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PhoneLine {
    pub situation: usize,
    pub line: usize,
    pub caller: String,
    pub description: String,
    /// Rings so far (ringing) and before voicemail.
    pub rings: u32,
    pub ring_limit: u32,
    pub on_hold: bool,
    /// Seconds before a caller on hold hangs up.
    pub hold_left: Option<Secs>,
}

impl PhoneLine {
    pub fn about_to_be_lost(&self) -> bool {
        if self.on_hold {
            self.hold_left.is_some_and(|s| s <= 30)
        } else {
            self.rings + LAST_RINGS >= self.ring_limit
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TaskCard {
    pub situation: usize,
    pub channel: Channel,
    pub title: String,
    pub description: String,
    pub deadline: Option<String>,
    /// Minutes before the deadline (negative once overdue).
    pub minutes_left: Option<i64>,
    pub overdue: bool,
    pub on_hold: bool,
    pub looks: Urgency,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Speaker {
    /// The other person, or the situation's narration.
    Them,
    /// What the trainee said or did.
    You,
    /// Feedback on a decision (training mode).
    Feedback { good: bool },
}

#[derive(Clone, Debug, PartialEq)]
pub struct DialogueLine {
    pub speaker: Speaker,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StepView {
    /// Options in the order shown; each carries its index in the scenario file.
    Choice {
        prompt: String,
        options: Vec<(usize, String)>,
    },
    Typed {
        prompt: String,
    },
    Record {
        prompt: String,
    },
    /// The last answer is being given; the situation ends with this exchange.
    Finishing,
}

#[derive(Clone, Debug, PartialEq)]
pub struct InteractionView {
    pub situation: usize,
    pub channel: Channel,
    pub title: String,
    pub counterpart: String,
    pub transcript: Vec<DialogueLine>,
    pub step: StepView,
    /// Share of the current exchange still to go (0–1), when one is in progress.
    pub busy: Option<f32>,
    /// Shown in training mode only.
    pub hint: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RegisterEntry {
    pub patient: String,
    pub last_name: String,
    pub used_name: Option<String>,
    pub first_name: String,
    pub birth_date: String,
    /// Age on the day of the shift.
    pub age: u32,
    pub sex: String,
    pub birth_place: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DeskView {
    pub clock: ClockView,
    pub waiting_room: Vec<WaitingCard>,
    pub phone_lines: Vec<PhoneLine>,
    pub tasks: Vec<TaskCard>,
    pub interaction: Option<InteractionView>,
    pub register: Vec<RegisterEntry>,
    /// Whether a file can be opened now (the current step asks for it).
    pub record_step: bool,
    /// What happened, most recent last.
    pub log: Vec<String>,
}

fn elapsed(secs: Secs) -> String {
    crate::scenario::Duration(secs).to_string()
}

/// Who the desk sees: the counterpart, else the patient's name, else the channel.
fn counterpart(sim: &Simulation, i: usize) -> String {
    let s = sim.situation(i);
    if !s.counterpart.is_empty() {
        return sim.personalise(i, &s.counterpart);
    }
    if let Some(p) = s
        .patient
        .as_deref()
        .and_then(|id| sim.scenario().patient(id))
    {
        // No civility for a person of undetermined sex (RNIV sex `I`): first name and name only.
        let civility = match p.sex {
            crate::scenario::Sex::F => "Mme ",
            crate::scenario::Sex::M => "M. ",
            crate::scenario::Sex::I => "",
        };
        return format!("{civility}{} {}", p.first_name, p.last_name);
    }
    s.channel.label().to_string()
}

pub fn desk_view(sim: &Simulation, speed: f32, paused: bool) -> DeskView {
    let now = sim.now();
    let start = sim.scenario().practice.shift_start.seconds();
    let end = sim.shift_end();
    let clock_view = ClockView {
        now: clock(now),
        end: crate::scenario::ClockTime(end).to_string(),
        progress: (now.saturating_sub(start)) as f32 / (end.saturating_sub(start)).max(1) as f32,
        speed,
        paused,
        mode: sim.mode(),
        volume: 0.6,
        muted: false,
    };
    let mut view = DeskView {
        clock: clock_view,
        waiting_room: Vec::new(),
        phone_lines: Vec::new(),
        tasks: Vec::new(),
        interaction: None,
        register: register(sim),
        record_step: false,
        log: log_lines(sim),
    };
    let mut by_arrival: Vec<usize> = sim.pending().collect();
    by_arrival.sort_by_key(|&i| (sim.state(i).arrival, i));
    for i in by_arrival {
        let spec = sim.situation(i);
        let st = sim.state(i);
        let on_hold = st.status == Status::OnHold;
        match spec.channel {
            Channel::Accueil => {
                let patience = spec.patience().seconds().max(1);
                let left = sim.loss_time(i).map_or(0, |t| t.saturating_sub(now));
                view.waiting_room.push(WaitingCard {
                    situation: i,
                    name: counterpart(sim, i),
                    description: sim.personalise(i, &spec.description),
                    arrived: clock(st.arrival),
                    appointment: spec.appointment.map(|a| a.to_string()),
                    waited: elapsed(st.waited_before + sim.waiting_for(i)),
                    patience_left: if st.complained {
                        0.0
                    } else {
                        left as f32 / patience as f32
                    },
                    on_hold,
                    complained: st.complained,
                    looks: spec.apparent_urgency(),
                });
            }
            Channel::Telephone => {
                let hold_left =
                    on_hold.then(|| sim.loss_time(i).map_or(0, |t| t.saturating_sub(now)));
                view.phone_lines.push(PhoneLine {
                    situation: i,
                    line: view.phone_lines.len() + 1,
                    caller: if st.first_taken.is_some() {
                        counterpart(sim, i)
                    } else {
                        "Appel entrant".into()
                    },
                    description: sim.personalise(i, &spec.description),
                    rings: now.saturating_sub(st.arrival) / defaults::RING_SECONDS + 1,
                    ring_limit: spec.ring_limit().seconds() / defaults::RING_SECONDS,
                    on_hold,
                    hold_left,
                });
            }
            Channel::Medecin | Channel::Courrier => {
                let minutes_left = spec
                    .deadline
                    .map(|d| (d.seconds() as i64 - now as i64).div_euclid(60));
                view.tasks.push(TaskCard {
                    situation: i,
                    channel: spec.channel,
                    title: sim.personalise(i, &spec.title),
                    description: sim.personalise(i, &spec.description),
                    deadline: spec.deadline.map(|d| d.to_string()),
                    minutes_left,
                    overdue: st.overdue,
                    on_hold,
                    looks: spec.apparent_urgency(),
                });
            }
        }
    }
    if let Some(i) = sim.active() {
        let interaction = interaction(sim, i);
        view.record_step =
            matches!(interaction.step, StepView::Record { .. }) && interaction.busy.is_none();
        view.interaction = Some(interaction);
    }
    view
}

fn interaction(sim: &Simulation, i: usize) -> InteractionView {
    let spec = sim.situation(i);
    let st = sim.state(i);
    let training = sim.mode() == Mode::Training;
    let (step, hint) = match st.step {
        None => (StepView::Finishing, None),
        Some(k) => {
            let text = |t: &str| sim.personalise(i, t);
            let hint = |h: &str| (training && !h.trim().is_empty()).then(|| text(h));
            match &spec.steps[k] {
                Step::Choice(c) => {
                    let options = sim
                        .option_order(i, k)
                        .iter()
                        .map(|&o| (o, text(&c.options[o].text)))
                        .collect();
                    (
                        StepView::Choice {
                            prompt: text(&c.prompt),
                            options,
                        },
                        hint(&c.hint),
                    )
                }
                Step::Typed(t) => (
                    StepView::Typed {
                        prompt: text(&t.prompt),
                    },
                    hint(&t.hint),
                ),
                Step::Record(r) => (
                    StepView::Record {
                        prompt: text(&r.prompt),
                    },
                    hint(&r.hint),
                ),
            }
        }
    };
    let busy = sim.exchange_progress().map(|done| 1.0 - done);
    InteractionView {
        situation: i,
        channel: spec.channel,
        title: sim.personalise(i, &spec.title),
        counterpart: counterpart(sim, i),
        transcript: transcript(sim, i),
        step,
        busy,
        hint,
    }
}

/// The exchange so far: each prompt, the trainee's answer, the reaction, and (in training) why.
pub fn transcript(sim: &Simulation, i: usize) -> Vec<DialogueLine> {
    let spec = sim.situation(i);
    let training = sim.mode() == Mode::Training;
    let text = |t: &str| sim.personalise(i, t);
    let mut lines = Vec::new();
    let mut push = |speaker: Speaker, t: String| {
        if !t.trim().is_empty() {
            lines.push(DialogueLine { speaker, text: t });
        }
    };
    if !spec.description.is_empty() {
        push(Speaker::Them, text(&spec.description));
    }
    for entry in sim.entries() {
        match &entry.event {
            Event::Chose {
                situation,
                step,
                option,
            } if *situation == i => {
                let Step::Choice(c) = &spec.steps[*step] else {
                    continue;
                };
                let o = &c.options[*option];
                push(Speaker::Them, text(&c.prompt));
                push(Speaker::You, text(&o.text));
                push(Speaker::Them, text(&o.reaction));
                if training {
                    let good = o.best;
                    let why = if o.explanation.trim().is_empty() && good {
                        "Bonne réponse.".to_string()
                    } else {
                        text(&o.explanation)
                    };
                    let why = why + &crate::report::rule_titles(&o.rules.0);
                    push(Speaker::Feedback { good }, why);
                }
            }
            Event::Typed {
                situation,
                step,
                text: typed,
                grade,
            } if *situation == i => {
                let Step::Typed(t) = &spec.steps[*step] else {
                    continue;
                };
                push(Speaker::Them, text(&t.prompt));
                push(Speaker::You, format!("« {typed} »"));
                if training {
                    let reference = t.accepted.first().cloned().unwrap_or_default();
                    let (good, verdict) = match grade {
                        Grade::Exact => (true, "Orthographe exacte.".to_string()),
                        Grade::Typo(_) => (
                            false,
                            format!("Faute de frappe : il fallait « {reference} »."),
                        ),
                        Grade::Wrong {
                            confused_with: Some(w),
                        } => (
                            false,
                            format!("« {w} » est un autre terme : il fallait « {reference} »."),
                        ),
                        Grade::Wrong {
                            confused_with: None,
                        } => (false, format!("Il fallait « {reference} ».")),
                    };
                    push(
                        Speaker::Feedback { good },
                        format!("{verdict} {}", text(&t.explanation)),
                    );
                }
            }
            Event::Opened {
                situation,
                step,
                patient,
            } if *situation == i => {
                let Step::Record(r) = &spec.steps[*step] else {
                    continue;
                };
                let line = sim
                    .scenario()
                    .patient(patient)
                    .map(|p| p.register_line())
                    .unwrap_or_default();
                push(Speaker::Them, text(&r.prompt));
                push(Speaker::You, format!("Dossier ouvert : {line}"));
                if training {
                    let good = *patient == r.patient;
                    let verdict = if good {
                        "Bon dossier."
                    } else {
                        "Ce n'est pas le bon dossier !"
                    };
                    push(
                        Speaker::Feedback { good },
                        format!("{verdict} {}", text(&r.explanation)),
                    );
                }
            }
            _ => {}
        }
    }
    lines
}

fn register(sim: &Simulation) -> Vec<RegisterEntry> {
    let day = sim.scenario().shift_date();
    sim.scenario()
        .patients
        .iter()
        .map(|p| RegisterEntry {
            patient: p.id.clone(),
            last_name: p.last_name.clone(),
            used_name: p.used_name.clone(),
            first_name: p.first_name.clone(),
            birth_date: p.birth_date.to_string(),
            age: p.age_on(day),
            sex: format!("{:?}", p.sex),
            birth_place: p.birth_place.clone(),
        })
        .collect()
}

/// How many recent lines the desk's log shows (the debrief has the whole story).
pub const LOG_LINES: usize = 40;

/// The trainee's log: what arrived, what was done, what was lost; the most recent lines.
fn log_lines(sim: &Simulation) -> Vec<String> {
    let title = |i: usize| sim.personalise(i, &sim.situation(i).title);
    let mut lines = sim
        .entries()
        .iter()
        .filter_map(|e| {
            let what = match &e.event {
                Event::Arrived { situation } => format!("Arrivée : {}", title(*situation)),
                Event::Taken {
                    situation,
                    resumed: false,
                    ..
                } => format!("Pris en charge : {}", title(*situation)),
                Event::Taken {
                    situation,
                    resumed: true,
                    ..
                } => format!("Repris : {}", title(*situation)),
                Event::PutOnHold { situation } => format!("Mis en attente : {}", title(*situation)),
                Event::Completed { situation } => format!("Terminé : {}", title(*situation)),
                Event::Missed {
                    situation, reason, ..
                } => {
                    let why = match reason {
                        crate::sim::MissReason::Voicemail => "messagerie",
                        crate::sim::MissReason::HungUp => "l'appelant a raccroché",
                        crate::sim::MissReason::Left => "le patient est parti",
                        crate::sim::MissReason::EndOfShift => "fin de vacation",
                    };
                    format!("Manqué ({why}) : {}", title(*situation))
                }
                Event::Complained { situation } => format!("Plainte : {}", title(*situation)),
                Event::Overdue { situation } => {
                    format!("Échéance dépassée : {}", title(*situation))
                }
                Event::Rejected { reason } => format!("Impossible : {reason}"),
                Event::ShiftEnded => "Fin de la vacation".to_string(),
                Event::Chose { .. } | Event::Typed { .. } | Event::Opened { .. } => return None,
            };
            Some(format!("{} {what}", clock(e.at)))
        })
        .collect::<Vec<_>>();
    let older = lines.len().saturating_sub(LOG_LINES);
    lines.split_off(older)
}
