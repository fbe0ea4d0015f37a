//! Semantic checks on a parsed scenario, each reported at the place it concerns.

use super::Problem;
use super::locate::Locator;
use super::model::*;
use crate::time::Duration;
use std::collections::HashSet;
use std::ops::Range;

const CALLER_PLACEHOLDER: &str = "{appelant}";
const MAX_SHIFT_SECONDS: u32 = 12 * 3600;
const MAX_RINGS: u32 = 60;
const MAX_ANSWER_SECONDS: u32 = 3600;

struct Checker<'a> {
    loc: Locator<'a>,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn at(&mut self, offset: Option<usize>, message: String) {
        let (line, col) = offset.map_or((1, 1), |o| self.loc.line_col(o));
        self.problems.push(Problem::new(line, col, message));
    }

    /// The spans of the items of the list `key` inside `within`, in order.
    fn items(&self, key: &str, within: &Range<usize>) -> Vec<Range<usize>> {
        (self.loc.list_items(key, within).into_iter())
            .map(|start| self.loc.span(start))
            .collect()
    }

    /// The `n`-th of `items`, pointed at by its `id` when it has one; `None` if the text does
    /// not show it as expected.
    fn place(&self, items: &[Range<usize>], n: usize, id: Option<&str>) -> Option<Place> {
        let span = items.get(n)?.clone();
        let at = id
            .and_then(|id| self.loc.key_value_in("id", id, &span))
            .unwrap_or(span.start);
        Some(Place { at, span })
    }

    /// A field of an item, else the item itself.
    fn field(&self, place: &Place, key: &str) -> Option<usize> {
        self.loc.key_in(key, &place.span).or(Some(place.at))
    }
}

/// Where an item of the file is: the offset its problems point at (its `id`, else its start)
/// and its span, within which its fields are looked for.
#[derive(Clone, Debug)]
struct Place {
    at: usize,
    span: Range<usize>,
}

impl Place {
    /// An item found only by an offset (the text does not show it as expected): its fields are
    /// looked for from there on.
    fn from(at: usize, end: usize) -> Self {
        Place { at, span: at..end }
    }
}

pub fn validate(scenario: &Scenario, source: &str) -> Vec<Problem> {
    let mut c = Checker {
        loc: Locator::new(source),
        problems: Vec::new(),
    };
    check_header(&mut c, scenario);
    let all = c.loc.all();
    let end = all.end;
    // Each item is found by its place in its list, and its id within it: the first `id: "x"`
    // of the file may be another item's (a step named like a situation).
    let cabinet = c
        .loc
        .top_key("cabinet")
        .map_or(all.clone(), |at| c.loc.span(at));
    let items = c.items("medecins", &cabinet);
    let doctor_places: Vec<Place> = (scenario.practice.doctors.iter().enumerate())
        .map(|(n, d)| {
            c.place(&items, n, Some(&d.id)).unwrap_or_else(|| {
                Place::from(
                    c.loc.key_value("id", &d.id, cabinet.start).unwrap_or(0),
                    end,
                )
            })
        })
        .collect();
    let items = c.items("patients", &all);
    let patient_places: Vec<Place> = (scenario.patients.iter().enumerate())
        .map(|(n, p)| {
            c.place(&items, n, Some(&p.id))
                .unwrap_or_else(|| Place::from(c.loc.key_value("id", &p.id, 0).unwrap_or(0), end))
        })
        .collect();
    let items = c.items("situations", &all);
    let situation_places: Vec<Place> = (scenario.situations.iter().enumerate())
        .map(|(n, s)| {
            c.place(&items, n, Some(&s.id)).unwrap_or_else(|| {
                let from = c.loc.key("situations", 0).unwrap_or(0);
                Place::from(c.loc.key_value("id", &s.id, from).unwrap_or(0), end)
            })
        })
        .collect();
    let doctors = check_ids(
        &mut c,
        "médecin",
        scenario.practice.doctors.iter().map(|d| d.id.as_str()),
        &doctor_places,
    );
    let patients = check_ids(
        &mut c,
        "patient",
        scenario.patients.iter().map(|p| p.id.as_str()),
        &patient_places,
    );
    check_ids(
        &mut c,
        "situation",
        scenario.situations.iter().map(|s| s.id.as_str()),
        &situation_places,
    );
    if scenario.situations.is_empty() {
        let at = c.loc.top_key("situations");
        c.at(
            at,
            "le scénario ne contient aucune situation : ajoutez-en au moins une".into(),
        );
    }
    for (situation, place) in scenario.situations.iter().zip(&situation_places) {
        check_situation(&mut c, scenario, situation, place, &doctors, &patients);
    }
    c.problems.sort_by_key(|p| (p.line, p.col));
    c.problems
}

fn check_header(c: &mut Checker, s: &Scenario) {
    if let Some(agenda) = &s.agenda {
        let at = c.loc.top_key("agenda");
        for problem in crate::agenda::validate(agenda) {
            c.at(at, format!("agenda : {problem}"));
        }
    }
    if s.id.trim().is_empty() {
        let at = c.loc.top_key("id");
        c.at(at, "l'identifiant du scénario est vide".into());
    }
    if s.title.trim().is_empty() {
        let at = c.loc.top_key("titre");
        c.at(at, "le titre du scénario est vide".into());
    }
    if s.pass_mark > 100 {
        let at = c.loc.top_key("seuil_validation");
        c.at(
            at,
            format!(
                "seuil de validation {} : il doit être compris entre 0 et 100",
                s.pass_mark
            ),
        );
    }
    if s.variation.arrival_jitter.seconds() > MAX_SHIFT_SECONDS {
        let at = c.loc.top_key("variation").map(|v| {
            let variation = c.loc.span(v);
            c.loc.key_in("decalage_arrivee", &variation).unwrap_or(v)
        });
        c.at(
            at,
            "`variation` : décalage d'arrivée de 12 h au plus".to_string(),
        );
    }
    let (start, end) = (s.practice.shift_start, s.practice.shift_end);
    if end <= start {
        let at = c.loc.top_key("cabinet").map(|k| {
            let cabinet = c.loc.span(k);
            c.loc.key_in("fin", &cabinet).unwrap_or(k)
        });
        c.at(
            at,
            format!("la vacation finit ({end}) avant de commencer ({start})"),
        );
    } else if end.0 - start.0 > MAX_SHIFT_SECONDS {
        let at = c.loc.top_key("cabinet").map(|k| {
            let cabinet = c.loc.span(k);
            c.loc.key_in("fin", &cabinet).unwrap_or(k)
        });
        c.at(
            at,
            format!("vacation de {start} à {end} : 12 heures au plus"),
        );
    }
}

/// Reports empty, spaced and duplicate ids, each at its own item (`places`, in the same order);
/// returns the set of ids.
fn check_ids<'s>(
    c: &mut Checker,
    kind: &str,
    ids: impl Iterator<Item = &'s str>,
    places: &[Place],
) -> HashSet<&'s str> {
    let mut seen = HashSet::new();
    for (id, place) in ids.zip(places) {
        let at = Some(place.at);
        if id.trim().is_empty() {
            c.at(at, format!("identifiant de {kind} vide"));
        } else if id.contains(char::is_whitespace) {
            c.at(at, format!("identifiant de {kind} « {id} » : pas d'espace dans un identifiant (utilisez des tirets)"));
        }
        if !seen.insert(id) {
            c.at(at, format!("identifiant de {kind} « {id} » en double"));
        }
    }
    seen
}

fn check_situation(
    c: &mut Checker,
    scenario: &Scenario,
    s: &Situation,
    place: &Place,
    doctors: &HashSet<&str>,
    patients: &HashSet<&str>,
) {
    let field = |c: &Checker, key: &str| c.field(place, key);
    let (start, end) = (scenario.practice.shift_start, scenario.practice.shift_end);
    let name = &s.id;

    if s.title.trim().is_empty() {
        let at = field(c, "titre");
        c.at(at, format!("situation « {name} » : titre vide"));
    }
    if s.arrival < start || s.arrival >= end {
        let at = field(c, "arrivee");
        c.at(
            at,
            format!(
                "situation « {name} » : arrivée à {} en dehors de la vacation ({start}–{end})",
                s.arrival
            ),
        );
    }
    if let Some(deadline) = s.deadline
        && (deadline > end || deadline <= s.arrival)
    {
        let at = field(c, "echeance");
        c.at(at, format!(
                "situation « {name} » : échéance à {deadline} ; elle doit suivre l'arrivée ({}) et ne pas dépasser la fin de la vacation ({end})",
                s.arrival
            ));
    }
    if s.arrival_jitter
        .is_some_and(|j| j.seconds() > MAX_SHIFT_SECONDS)
    {
        let at = field(c, "decalage_arrivee");
        c.at(
            at,
            format!("situation « {name} » : décalage d'arrivée de 12 h au plus"),
        );
    }
    let misplaced: [(&str, bool, Channel); 5] = [
        ("sonneries", s.rings.is_some(), Channel::Telephone),
        ("attente_max", s.hold_limit.is_some(), Channel::Telephone),
        ("patience", s.patience.is_some(), Channel::Accueil),
        ("rendez_vous", s.appointment.is_some(), Channel::Accueil),
        (
            "si_impatient",
            s.when_impatient != WhenImpatient::default(),
            Channel::Accueil,
        ),
    ];
    for (key, present, channel) in misplaced {
        if present && s.channel != channel {
            let at = field(c, key);
            c.at(at, format!(
                "situation « {name} » : `{key}` ne s'applique qu'au canal {channel:?}, pas à {:?}",
                s.channel
            ));
        }
    }
    if s.rings.is_some_and(|r| r == 0 || r > MAX_RINGS) {
        let at = field(c, "sonneries");
        c.at(
            at,
            format!("situation « {name} » : sonneries doit être compris entre 1 et {MAX_RINGS}"),
        );
    }
    for (key, value) in [
        ("patience", s.patience),
        ("attente_max", s.hold_limit),
        ("delai_acceptable", s.acceptable_delay),
    ] {
        if value.is_some_and(|d| d == Duration::ZERO || d.seconds() > MAX_SHIFT_SECONDS) {
            let at = field(c, key);
            c.at(
                at,
                format!("situation « {name} » : `{key}` doit être compris entre 1 s et 12 h"),
            );
        }
    }
    let references = [
        (
            "patient",
            &s.patient,
            patients,
            "patient inconnu",
            "patients",
        ),
        ("medecin", &s.doctor, doctors, "médecin inconnu", "medecins"),
    ];
    for (key, reference, known, what, list) in references {
        if let Some(id) = reference.as_deref().filter(|id| !known.contains(id)) {
            let at = c.loc.key_value_in(key, id, &place.span);
            c.at(
                at.or(Some(place.at)),
                format!("situation « {name} » : {what} « {id} » (absent de `{list}`)"),
            );
        }
    }
    check_variants(c, s, place);
    check_dismissed_flags(c, s, place);
    if s.callers.is_empty() && situation_texts(s).any(|t| t.contains(CALLER_PLACEHOLDER)) {
        c.at(Some(place.at), format!("situation « {name} » : le texte utilise {{appelant}} mais la liste `appelants` est vide"));
    }
    if s.steps.is_empty() {
        let at = field(c, "etapes");
        c.at(at, format!("situation « {name} » : aucune étape ; ajoutez au moins un `Choix`, une `Saisie` ou un `Dossier`"));
        return;
    }
    // Each step by its place among the situation's steps.
    let items = c.items("etapes", &place.span);
    let steps: Vec<Place> = (s.steps.iter().enumerate())
        .map(|(n, step)| {
            c.place(&items, n, Some(step.id())).unwrap_or_else(|| {
                let from = c.loc.key_in("etapes", &place.span).unwrap_or(place.at);
                let at = c.loc.key_value("id", step.id(), from).unwrap_or(place.at);
                Place::from(at, place.span.end)
            })
        })
        .collect();
    let mut step_ids = HashSet::new();
    for (step, step_place) in s.steps.iter().zip(&steps) {
        let at = Some(step_place.at);
        if step.id() == END {
            c.at(at, format!("situation « {name} » : « {END} » est réservé pour terminer une situation ; choisissez un autre identifiant d'étape"));
        } else if !step_ids.insert(step.id()) {
            c.at(
                at,
                format!(
                    "situation « {name} » : identifiant d'étape « {} » en double",
                    step.id()
                ),
            );
        }
    }
    for (index, (step, step_place)) in s.steps.iter().zip(&steps).enumerate() {
        check_step(c, s, index, step, patients, step_place);
    }
    check_graph(c, s, &steps);
}

fn check_step(
    c: &mut Checker,
    s: &Situation,
    index: usize,
    step: &Step,
    patients: &HashSet<&str>,
    place: &Place,
) {
    let step_at = place.at;
    let here = format!("étape « {} » de « {} »", step.id(), s.id);
    let check_next = |c: &mut Checker, next: &Option<String>, place: &Place| {
        if let Some(n) = next {
            let pos = c
                .loc
                .key_value_in("suite", n, &place.span)
                .or(Some(place.at));
            if n != END && s.step_index(n).is_none() {
                c.at(pos, format!("{here} : suite « {n} » inconnue (ni une étape de la situation, ni « {END} »)"));
            } else if s.step_index(n) == Some(index) {
                c.at(
                    pos,
                    format!("{here} : une réponse ne peut pas mener à sa propre étape"),
                );
            }
        }
    };
    if step.prompt().trim().is_empty() {
        c.at(Some(step_at), format!("{here} : texte vide"));
    }
    let durations: Vec<Option<Duration>> = match step {
        Step::Choice(choice) => choice.options.iter().map(|o| o.duration).collect(),
        Step::Typed(t) => vec![t.duration],
        Step::Record(r) => vec![r.duration],
    };
    if durations
        .iter()
        .flatten()
        .any(|d| d.seconds() > MAX_ANSWER_SECONDS)
    {
        let at = c.field(place, "duree");
        c.at(
            at,
            format!("{here} : une `duree` d'échange ne dépasse pas 1 h"),
        );
    }
    match step {
        Step::Choice(choice) => {
            if choice.options.is_empty() {
                c.at(Some(step_at), format!("{here} : aucune proposition"));
                return;
            }
            if !choice.options.iter().any(|o| o.best) {
                c.at(
                    Some(step_at),
                    format!("{here} : aucune proposition n'est marquée `meilleure: true`"),
                );
            }
            let items = c.items("propositions", &place.span);
            for (n, option) in choice.options.iter().enumerate() {
                let option_place = c.place(&items, n, None).unwrap_or_else(|| {
                    let at = c
                        .loc
                        .nth_struct("Proposition", step_at, n)
                        .unwrap_or(step_at);
                    Place::from(at, place.span.end)
                });
                let at = option_place.at;
                let which = format!("{here}, proposition {}", n + 1);
                if option.text.trim().is_empty() {
                    c.at(Some(at), format!("{which} : texte vide"));
                }
                let under_triage = option.triage.is_some_and(|t| t < s.urgency);
                let over_triage = option.triage.is_some_and(|t| t > s.urgency);
                if option.best
                    && (!option.cost.is_zero()
                        || option.critical.is_some()
                        || under_triage
                        || over_triage)
                {
                    c.at(Some(at), format!(
                        "{which} : une meilleure réponse ne peut pas faire perdre de points (ni perte, ni critique, ni tri différent de l'urgence de la situation : {})",
                        s.urgency.label()
                    ));
                }
                let loses = !option.cost.is_zero()
                    || option.critical.is_some()
                    || under_triage
                    || over_triage;
                if loses && option.explanation.trim().is_empty() {
                    c.at(Some(at), format!("{which} : elle fait perdre des points (perte, critique ou tri) mais n'a pas d'`explication` pour le stagiaire"));
                }
                check_rules(c, &option.rules, &option_place, &which);
                check_next(c, &option.next, &option_place);
            }
            if choice.binary && choice.options.len() > 2 {
                let at = c.field(place, "binaire");
                c.at(at, format!("{here} : `binaire: true` mais {} propositions ; `binaire` ne vaut que pour un choix à deux réponses", choice.options.len()));
            }
        }
        Step::Typed(typed) => {
            if typed.accepted.iter().all(|a| a.trim().is_empty()) {
                c.at(
                    Some(step_at),
                    format!("{here} : `attendu` doit contenir au moins une orthographe"),
                );
            }
            for wrong in &typed.confusables {
                let norm = crate::text::normalise(wrong);
                if typed
                    .accepted
                    .iter()
                    .any(|a| crate::text::normalise(a) == norm)
                {
                    c.at(
                        Some(step_at),
                        format!("{here} : « {wrong} » est à la fois attendu et dans `confusions`"),
                    );
                }
            }
            if typed.points > 0 && typed.explanation.trim().is_empty() {
                c.at(
                    Some(step_at),
                    format!("{here} : une saisie notée doit avoir une `explication`"),
                );
            }
            check_rules(c, &typed.rules, place, &here);
            check_next(c, &typed.next, place);
        }
        Step::Record(record) => {
            if !patients.contains(record.patient.as_str()) {
                let at = c
                    .loc
                    .key_value_in("patient", &record.patient, &place.span)
                    .or(Some(step_at));
                c.at(
                    at,
                    format!(
                        "{here} : patient inconnu « {} » (absent de `patients`)",
                        record.patient
                    ),
                );
            }
            if record.explanation.trim().is_empty() {
                c.at(Some(step_at), format!("{here} : un `Dossier` doit avoir une `explication` (l'erreur d'identité est éliminatoire)"));
            }
            check_rules(c, &record.rules, place, &here);
            check_next(c, &record.next, place);
        }
    }
}

/// Every rule cited exists in the rulebook.
fn check_rules(c: &mut Checker, rules: &RuleRefs, place: &Place, here: &str) {
    let book = crate::rulebook::rulebook();
    for id in rules.iter() {
        if book.rule(id).is_none() {
            let at = c.field(place, "regle");
            let close = book
                .rules()
                .map(|r| r.id.as_str())
                .find(|r| strsim::levenshtein(r, id) <= 1 || r.eq_ignore_ascii_case(id))
                .map(|r| format!(" ; vouliez-vous dire « {r} » ?"))
                .unwrap_or_else(|| " (voir docs/regles-metier.md)".to_string());
            c.at(
                at,
                format!("{here} : règle « {id} » inconnue du référentiel{close}"),
            );
        }
    }
}

/// A variant only retells steps that exist, and says something.
fn check_variants(c: &mut Checker, s: &Situation, place: &Place) {
    let items = c.items("variantes", &place.span);
    for (n, v) in s.variants.iter().enumerate() {
        let variant = c.place(&items, n, None).unwrap_or_else(|| {
            let at = c
                .loc
                .nth_struct("Variante", place.at, n)
                .unwrap_or(place.at);
            Place::from(at, place.span.end)
        });
        let at = variant.at;
        let which = format!("situation « {} », variante {}", s.id, n + 1);
        let empty = v.title.is_none()
            && v.description.is_none()
            && v.counterpart.is_none()
            && v.prompts.is_empty()
            && v.hints.is_empty();
        if empty {
            c.at(Some(at), format!("{which} : variante vide ; donnez au moins un `textes` (ce que dit la personne à une étape)"));
        }
        for (key, map) in [("textes", &v.prompts), ("aides", &v.hints)] {
            for (id, text) in map {
                if s.step_index(id).is_none() {
                    let pos = c.field(&variant, key);
                    c.at(pos, format!("{which} : `{key}` nomme l'étape « {id} », qui n'existe pas dans la situation"));
                } else if key == "textes" && text.trim().is_empty() {
                    let pos = c.field(&variant, key);
                    c.at(pos, format!("{which} : texte vide pour l'étape « {id} »"));
                }
            }
        }
    }
}

/// Each red flag set aside names a flag of the rulebook and says why.
fn check_dismissed_flags(c: &mut Checker, s: &Situation, place: &Place) {
    let book = crate::rulebook::rulebook();
    for (id, reason) in &s.dismissed_flags {
        let at = c.field(place, "drapeaux_ecartes");
        if book.flag(id).is_none() {
            let known: Vec<&str> = book.flags.iter().map(|f| f.id.as_str()).collect();
            c.at(
                at,
                format!(
                    "situation « {} » : drapeau « {id} » inconnu ; drapeaux du référentiel : {}",
                    s.id,
                    known.join(", ")
                ),
            );
        } else if reason.trim().is_empty() {
            c.at(at, format!("situation « {} » : écarter le drapeau « {id} » demande une raison (par exemple « pas de douleur thoracique »)", s.id));
        }
    }
}

/// Every step index an answer of `step` can lead to (`None` = the end).
pub fn successors(s: &Situation, index: usize) -> Vec<Option<usize>> {
    let nexts: Vec<Option<&str>> = match &s.steps[index] {
        Step::Choice(c) => c.options.iter().map(|o| o.next.as_deref()).collect(),
        Step::Typed(t) => vec![t.next.as_deref()],
        Step::Record(r) => vec![r.next.as_deref()],
    };
    nexts
        .into_iter()
        .filter(|n| n.is_none_or(|id| id == END || s.step_index(id).is_some()))
        .map(|n| s.next_step(index, n))
        .collect()
}

/// Unreachable steps and loops.
fn check_graph(c: &mut Checker, s: &Situation, steps: &[Place]) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks = vec![Mark::New; s.steps.len()];
    let mut looped = None;
    // Iterative depth-first search: (step, next successor to visit).
    let mut stack = vec![(0usize, 0usize)];
    marks[0] = Mark::Open;
    while let Some(&mut (step, ref mut k)) = stack.last_mut() {
        let succ = successors(s, step);
        if let Some(next) = succ.get(*k) {
            *k += 1;
            if let Some(n) = *next {
                match marks[n] {
                    Mark::New => {
                        marks[n] = Mark::Open;
                        stack.push((n, 0));
                    }
                    Mark::Open => looped = looped.or(Some(n)),
                    Mark::Done => {}
                }
            }
        } else {
            marks[step] = Mark::Done;
            stack.pop();
        }
    }
    if let Some(n) = looped {
        c.at(Some(steps[n].at), format!(
            "situation « {} » : les étapes forment une boucle qui revient à « {} » ; une situation doit toujours avancer vers sa fin",
            s.id,
            s.steps[n].id()
        ));
    }
    for (i, mark) in marks.iter().enumerate() {
        if *mark == Mark::New {
            c.at(Some(steps[i].at), format!(
                "situation « {} » : l'étape « {} » n'est jamais atteinte (aucune `suite` n'y mène)",
                s.id,
                s.steps[i].id()
            ));
        }
    }
}

/// Every text of a situation a trainee may read (for the `{appelant}` check).
fn situation_texts(s: &Situation) -> impl Iterator<Item = &str> {
    let own = [
        s.title.as_str(),
        s.description.as_str(),
        s.counterpart.as_str(),
    ];
    let steps = s.steps.iter().flat_map(|step| {
        let mut texts = vec![step.prompt()];
        match step {
            Step::Choice(c) => {
                texts.push(&c.hint);
                for o in &c.options {
                    texts.extend([o.text.as_str(), &o.explanation, &o.reaction]);
                    texts.extend(o.critical.as_deref());
                }
            }
            Step::Typed(t) => texts.extend([t.hint.as_str(), &t.explanation]),
            Step::Record(r) => texts.extend([r.hint.as_str(), &r.explanation]),
        }
        texts
    });
    let variants = s.variants.iter().flat_map(|v| {
        [&v.title, &v.description, &v.counterpart]
            .into_iter()
            .flatten()
            .chain(v.prompts.values())
            .chain(v.hints.values())
            .map(String::as_str)
    });
    own.into_iter().chain(steps).chain(variants)
}
