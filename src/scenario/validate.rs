//! Semantic checks on a parsed scenario, each reported at the place it concerns.

use super::Problem;
use super::locate::Locator;
use super::model::*;
use super::time::Duration;
use std::collections::HashSet;

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
}

pub fn validate(scenario: &Scenario, source: &str) -> Vec<Problem> {
    let mut c = Checker {
        loc: Locator::new(source),
        problems: Vec::new(),
    };
    check_header(&mut c, scenario);
    let doctors = check_ids(
        &mut c,
        "médecin",
        scenario.practice.doctors.iter().map(|d| d.id.as_str()),
    );
    let patients = check_ids(
        &mut c,
        "patient",
        scenario.patients.iter().map(|p| p.id.as_str()),
    );
    check_ids(
        &mut c,
        "situation",
        scenario.situations.iter().map(|s| s.id.as_str()),
    );
    if scenario.situations.is_empty() {
        let at = c.loc.key("situations", 0);
        c.at(
            at,
            "le scénario ne contient aucune situation : ajoutez-en au moins une".into(),
        );
    }
    let situations_from = c.loc.key("situations", 0).unwrap_or(0);
    for (k, situation) in scenario.situations.iter().enumerate() {
        // The k-th `Situation(`: searching its id from the top could land on a patient or a step
        // that shares it.
        let start = c.loc.nth_struct("Situation", situations_from, k);
        let base = start
            .and_then(|at| c.loc.key_value("id", &situation.id, at))
            .or_else(|| c.loc.key_value("id", &situation.id, 0))
            .unwrap_or(0);
        check_situation(&mut c, scenario, situation, base, &doctors, &patients);
    }
    c.problems.sort_by_key(|p| (p.line, p.col));
    c.problems
}

fn check_header(c: &mut Checker, s: &Scenario) {
    if s.id.trim().is_empty() {
        let at = c.loc.key("id", 0);
        c.at(at, "l'identifiant du scénario est vide".into());
    }
    if s.title.trim().is_empty() {
        let at = c.loc.key("titre", 0);
        c.at(at, "le titre du scénario est vide".into());
    }
    if s.pass_mark > 100 {
        let at = c.loc.key("seuil_validation", 0);
        c.at(
            at,
            format!(
                "seuil de validation {} : il doit être compris entre 0 et 100",
                s.pass_mark
            ),
        );
    }
    if s.variation.arrival_jitter.seconds() > MAX_SHIFT_SECONDS {
        let at = c
            .loc
            .key("decalage_arrivee", c.loc.key("variation", 0).unwrap_or(0));
        c.at(
            at,
            "`variation` : décalage d'arrivée de 12 h au plus".to_string(),
        );
    }
    let (start, end) = (s.practice.shift_start, s.practice.shift_end);
    if end <= start {
        let at = c.loc.key("fin", c.loc.key("cabinet", 0).unwrap_or(0));
        c.at(
            at,
            format!("la vacation finit ({end}) avant de commencer ({start})"),
        );
    } else if end.0 - start.0 > MAX_SHIFT_SECONDS {
        let at = c.loc.key("fin", c.loc.key("cabinet", 0).unwrap_or(0));
        c.at(
            at,
            format!("vacation de {start} à {end} : 12 heures au plus"),
        );
    }
}

/// Reports empty, spaced and duplicate ids; returns the set of ids.
fn check_ids<'s>(
    c: &mut Checker,
    kind: &str,
    ids: impl Iterator<Item = &'s str>,
) -> HashSet<&'s str> {
    let mut seen = HashSet::new();
    for id in ids {
        let at = c.loc.key_value("id", id, 0);
        if id.trim().is_empty() {
            c.at(at, format!("identifiant de {kind} vide"));
        } else if id.contains(char::is_whitespace) {
            c.at(at, format!("identifiant de {kind} « {id} » : pas d'espace dans un identifiant (utilisez des tirets)"));
        }
        if !seen.insert(id) {
            let second = c.loc.nth_key_value("id", id, 0, 1);
            c.at(second, format!("identifiant de {kind} « {id} » en double"));
        }
    }
    seen
}

fn check_situation(
    c: &mut Checker,
    scenario: &Scenario,
    s: &Situation,
    base: usize,
    doctors: &HashSet<&str>,
    patients: &HashSet<&str>,
) {
    let field = |c: &Checker, key: &str| c.loc.key(key, base).or(Some(base));
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
            let at = c.loc.key_value(key, id, base);
            c.at(
                at,
                format!("situation « {name} » : {what} « {id} » (absent de `{list}`)"),
            );
        }
    }
    check_variants(c, s, base);
    check_dismissed_flags(c, s, base);
    if s.callers.is_empty() && situation_texts(s).any(|t| t.contains(CALLER_PLACEHOLDER)) {
        let at = c.loc.key_value("id", &s.id, 0);
        c.at(at, format!("situation « {name} » : le texte utilise {{appelant}} mais la liste `appelants` est vide"));
    }
    if s.steps.is_empty() {
        let at = field(c, "etapes");
        c.at(at, format!("situation « {name} » : aucune étape ; ajoutez au moins un `Choix`, une `Saisie` ou un `Dossier`"));
        return;
    }
    let mut step_ids = HashSet::new();
    for step in &s.steps {
        let at = c.loc.key_value("id", step.id(), steps_from(c, base));
        if step.id() == END {
            c.at(at, format!("situation « {name} » : « {END} » est réservé pour terminer une situation ; choisissez un autre identifiant d'étape"));
        } else if !step_ids.insert(step.id()) {
            let second = c.loc.nth_key_value("id", step.id(), steps_from(c, base), 1);
            c.at(
                second,
                format!(
                    "situation « {name} » : identifiant d'étape « {} » en double",
                    step.id()
                ),
            );
        }
    }
    for (index, step) in s.steps.iter().enumerate() {
        check_step(c, s, index, step, patients, base);
    }
    check_graph(c, s, base);
}

fn check_step(
    c: &mut Checker,
    s: &Situation,
    index: usize,
    step: &Step,
    patients: &HashSet<&str>,
    base: usize,
) {
    let step_at = c
        .loc
        .key_value("id", step.id(), steps_from(c, base))
        .unwrap_or(base);
    let here = format!("étape « {} » de « {} »", step.id(), s.id);
    let check_next = |c: &mut Checker, next: &Option<String>, at: usize| {
        if let Some(n) = next {
            if n != END && s.step_index(n).is_none() {
                let pos = c.loc.key_value("suite", n, at).or(Some(at));
                c.at(pos, format!("{here} : suite « {n} » inconnue (ni une étape de la situation, ni « {END} »)"));
            } else if s.step_index(n) == Some(index) {
                let pos = c.loc.key_value("suite", n, at).or(Some(at));
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
        let at = c.loc.key("duree", step_at).or(Some(step_at));
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
            for (n, option) in choice.options.iter().enumerate() {
                let at = c
                    .loc
                    .nth_struct("Proposition", step_at, n)
                    .unwrap_or(step_at);
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
                check_rules(c, &option.rules, at, &which);
                check_next(c, &option.next, at);
            }
            if choice.binary && choice.options.len() > 2 {
                let at = c.loc.key("binaire", step_at).or(Some(step_at));
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
            check_rules(c, &typed.rules, step_at, &here);
            check_next(c, &typed.next, step_at);
        }
        Step::Record(record) => {
            if !patients.contains(record.patient.as_str()) {
                let at = c
                    .loc
                    .key_value("patient", &record.patient, step_at)
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
            check_rules(c, &record.rules, step_at, &here);
            check_next(c, &record.next, step_at);
        }
    }
}

/// Where a situation's steps start (its `etapes`), so that a step id equal to the situation's
/// is found among the steps.
fn steps_from(c: &Checker, base: usize) -> usize {
    c.loc.key("etapes", base).unwrap_or(base)
}

/// Every rule cited exists in the rulebook.
fn check_rules(c: &mut Checker, rules: &RuleRefs, from: usize, here: &str) {
    let book = crate::rulebook::rulebook();
    for id in rules.iter() {
        if book.rule(id).is_none() {
            let at = c.loc.key("regle", from).or(Some(from));
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
fn check_variants(c: &mut Checker, s: &Situation, base: usize) {
    for (n, v) in s.variants.iter().enumerate() {
        let at = c.loc.nth_struct("Variante", base, n).unwrap_or(base);
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
                    let pos = c.loc.key(key, at).or(Some(at));
                    c.at(pos, format!("{which} : `{key}` nomme l'étape « {id} », qui n'existe pas dans la situation"));
                } else if key == "textes" && text.trim().is_empty() {
                    let pos = c.loc.key(key, at).or(Some(at));
                    c.at(pos, format!("{which} : texte vide pour l'étape « {id} »"));
                }
            }
        }
    }
}

/// Each red flag set aside names a flag of the rulebook and says why.
fn check_dismissed_flags(c: &mut Checker, s: &Situation, base: usize) {
    let book = crate::rulebook::rulebook();
    for (id, reason) in &s.dismissed_flags {
        let at = c.loc.key("drapeaux_ecartes", base).or(Some(base));
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
fn check_graph(c: &mut Checker, s: &Situation, base: usize) {
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
        let at = c.loc.key_value("id", s.steps[n].id(), steps_from(c, base));
        c.at(at, format!(
            "situation « {} » : les étapes forment une boucle qui revient à « {} » ; une situation doit toujours avancer vers sa fin",
            s.id,
            s.steps[n].id()
        ));
    }
    for (i, mark) in marks.iter().enumerate() {
        if *mark == Mark::New {
            let at = c.loc.key_value("id", s.steps[i].id(), steps_from(c, base));
            c.at(at, format!(
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
