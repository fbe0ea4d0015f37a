//! The agenda model: parsing, validation, holidays, free slots and search, the planning's
//! refusals, each booking rule, and the seeded filler.

mod common;

use chrono::NaiveDate;
use common::{at, sample_agenda};
use secretariat::agenda::{
    self, Agenda, Appointment, BookingRequest, Contrainte, Day, Planning, RuleKind, Slot, Status,
    UrgentSlots, check_booking, earliest_valid_slot, free_slots, next_free_slot, open_ranges,
};

fn date(d: u32, m: u32, y: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn slot(agenda: &Agenda, practitioner: &str, motif: &str, start: &str) -> Slot {
    let start = at(start);
    let minutes = agenda.motif(motif).unwrap().minutes;
    Slot {
        start,
        end: start + chrono::Duration::minutes(minutes.into()),
        practitioner: practitioner.into(),
        urgent: false,
    }
}

/// A request for a patient with no appointment yet, on Monday 07/12/2026 at 08:30.
fn request(motif: &str) -> BookingRequest {
    BookingRequest {
        patient: "roux-martine".into(),
        motif: motif.into(),
        practitioners: vec![],
        new_patient: false,
        urgent_today: false,
        constraints: vec![],
        as_soon_as_possible: false,
        now: at("07/12/2026 08:30"),
    }
}

fn rules_of(agenda: &Agenda, request: &BookingRequest, s: &Slot) -> Vec<RuleKind> {
    check_booking(agenda, request, s)
        .into_iter()
        .map(|b| b.rule)
        .collect()
}

fn explanations(agenda: &Agenda, request: &BookingRequest, s: &Slot) -> String {
    check_booking(agenda, request, s)
        .into_iter()
        .map(|b| b.explanation)
        .collect::<Vec<_>>()
        .join(" | ")
}

#[test]
fn a_small_agenda_round_trips_through_ron() {
    let agenda = sample_agenda();
    assert_eq!(agenda::validate(&agenda), Vec::<String>::new());
    assert_eq!(agenda.practitioners.len(), 3);
    assert_eq!(agenda.settings.minimum_gap_days, 6);
    assert_eq!(agenda.settings.step_minutes, 5, "the default grid step");
    assert_eq!(agenda.appointments[1].status, Status::Arrive);
    let written = ron::ser::to_string_pretty(&agenda, ron::ser::PrettyConfig::default()).unwrap();
    assert!(written.contains("\"07/12/2026 09:00\""), "{written}");
    assert!(written.contains("\"08:30-12:00\""), "{written}");
    let again = agenda::parse(&written).unwrap();
    assert_eq!(again, agenda);
}

#[test]
fn an_old_style_empty_agenda_loads_with_default_settings() {
    let agenda = agenda::parse("Agenda()").unwrap();
    assert!(agenda.practitioners.is_empty());
    assert_eq!(agenda.settings.cancellation_notice_hours, 24);
    assert_eq!(agenda.settings.no_shows_before_alert, 3);
}

#[test]
fn parse_errors_are_french_and_located() {
    let backwards = common::AGENDA_SOURCE.replace("\"14:00-17:00\"", "\"17:00-14:00\"");
    let problem = agenda::parse(&backwards).unwrap_err();
    assert!(
        problem
            .to_string()
            .contains("la fin (14:00) doit venir après le début (17:00)"),
        "{problem}"
    );
    let bad_date = common::AGENDA_SOURCE.replace("\"07/12/2026 09:00\"", "\"2026-12-07 09:00\"");
    let problem = agenda::parse(&bad_date).unwrap_err();
    assert!(
        problem.to_string().contains("JJ/MM/AAAA HH:MM"),
        "{problem}"
    );
    assert!(problem.line > 60, "located at the appointment: {problem}");
}

#[test]
fn validation_names_unknown_ids_hours_and_overlaps() {
    let mut agenda = sample_agenda();
    let mut add = |patient: &str, practitioner: &str, motif: &str, start: &str| {
        agenda.appointments.push(Appointment {
            patient: patient.into(),
            practitioner: practitioner.into(),
            motif: motif.into(),
            start: at(start),
            status: Status::Confirme,
        });
    };
    add("a", "dupont", "suivi", "07/12/2026 10:00");
    add("b", "martin", "echo", "07/12/2026 10:00");
    add("c", "martin", "suivi", "07/12/2026 12:30");
    add("d", "martin", "premiere", "07/12/2026 17:40");
    add("e", "martin", "suivi", "07/12/2026 09:10");
    add("f", "martin", "suivi", "25/12/2026 09:00");
    agenda.filler_density = Some(1.5);
    let problems = agenda::validate(&agenda).join("\n");
    for expected in [
        "rendez-vous de a le 07/12/2026 10:00 : praticien inconnu « dupont »",
        "rendez-vous de b le 07/12/2026 10:00 : motif inconnu « echo »",
        "rendez-vous de c le 07/12/2026 12:30 : « Consultation de suivi » (20 min) sort des horaires de Dr Martin",
        "rendez-vous de d le 07/12/2026 17:40 : « Première consultation » (40 min) sort des horaires",
        "rendez-vous de e le 07/12/2026 09:10 : il chevauche celui de durand-jean à 09:00 avec Dr Martin",
        "rendez-vous de f le 25/12/2026 09:00",
        "remplissage 1.5 : écrivez un nombre entre 0 et 1",
    ] {
        assert!(
            problems.contains(expected),
            "missing « {expected} » in:\n{problems}"
        );
    }
    assert_eq!(problems.lines().count(), 7, "{problems}");
}

#[test]
fn french_public_holidays_are_closed() {
    assert_eq!(agenda::holiday(date(25, 12, 2026)), Some("Noël"));
    assert_eq!(agenda::holiday(date(29, 3, 2027)), Some("lundi de Pâques"));
    assert_eq!(agenda::holiday(date(14, 5, 2026)), Some("Ascension"));
    assert_eq!(
        agenda::holiday(date(25, 5, 2026)),
        Some("lundi de Pentecôte")
    );
    assert_eq!(agenda::holiday(date(14, 7, 2031)), Some("fête nationale"));
    assert_eq!(agenda::holiday(date(24, 12, 2026)), None);
    assert_eq!(
        agenda::holiday(date(28, 3, 2027)),
        None,
        "Easter Sunday itself is a Sunday"
    );
    for year in 2000..2100 {
        assert_eq!(agenda::holidays(year).len(), 11, "{year}");
    }
    let agenda = sample_agenda();
    // Friday 25/12/2026 is a working day for Dr Martin, but Christmas.
    assert!(open_ranges(&agenda, "martin", date(25, 12, 2026)).is_empty());
    assert_eq!(open_ranges(&agenda, "martin", date(18, 12, 2026)).len(), 2);
}

#[test]
fn open_ranges_leave_out_blocked_periods() {
    let agenda = sample_agenda();
    // Tuesday: training in the morning.
    let tuesday = open_ranges(&agenda, "martin", date(8, 12, 2026));
    assert_eq!(tuesday.len(), 1);
    assert_eq!(tuesday[0].start, at("08/12/2026 14:00"));
    // Thursday: the practice meeting cuts everyone's afternoon until 15:00.
    let thursday = open_ranges(&agenda, "leroy", date(10, 12, 2026));
    assert_eq!(
        thursday
            .iter()
            .map(|p| (p.start, p.end))
            .collect::<Vec<_>>(),
        vec![
            (at("10/12/2026 09:00"), at("10/12/2026 12:30")),
            (at("10/12/2026 15:00"), at("10/12/2026 19:00")),
        ]
    );
    assert!(
        open_ranges(&agenda, "martin", date(13, 12, 2026)).is_empty(),
        "Sunday"
    );
}

#[test]
fn free_slots_fit_the_motif_avoid_appointments_and_keep_urgent_ranges() {
    let agenda = sample_agenda();
    let slots = free_slots(
        &agenda,
        "martin",
        "suivi",
        at("07/12/2026 08:30"),
        at("07/12/2026 12:00"),
        UrgentSlots::Excluded,
    );
    let starts: Vec<String> = slots
        .iter()
        .map(|s| s.start.format("%H:%M").to_string())
        .collect();
    assert_eq!(starts.first().map(String::as_str), Some("08:30"));
    assert!(
        starts.contains(&"08:40".to_string()),
        "08:40-09:00 fits before 09:00"
    );
    assert!(
        !starts.contains(&"08:45".to_string()),
        "08:45 would run into 09:00"
    );
    assert!(!starts.contains(&"09:30".to_string()), "09:40 is taken");
    assert!(starts.contains(&"10:00".to_string()));
    assert_eq!(
        starts.last().map(String::as_str),
        Some("11:10"),
        "11:30 on is urgent"
    );
    assert!(slots.iter().all(|s| !s.urgent));
    let with_urgent = free_slots(
        &agenda,
        "martin",
        "suivi",
        at("07/12/2026 11:00"),
        at("07/12/2026 12:00"),
        UrgentSlots::Included,
    );
    let last = with_urgent.last().unwrap();
    assert_eq!(last.start, at("07/12/2026 11:40"));
    assert!(last.urgent);
}

#[test]
fn the_search_finds_the_first_free_slot_after_a_blocked_morning() {
    let agenda = sample_agenda();
    let first = next_free_slot(
        &agenda,
        &["martin"],
        "suivi",
        at("08/12/2026 08:00"),
        UrgentSlots::Excluded,
    )
    .unwrap();
    assert_eq!(first.start, at("08/12/2026 14:00"));
    // With Dr Leroy too, his Tuesday morning comes first.
    let any = next_free_slot(
        &agenda,
        &["martin", "leroy"],
        "suivi",
        at("08/12/2026 08:00"),
        UrgentSlots::Excluded,
    )
    .unwrap();
    assert_eq!(
        (any.practitioner.as_str(), any.start),
        ("leroy", at("08/12/2026 09:00"))
    );
    // From Christmas Eve evening, the next open day is Saturday 26/12 with Dr Leroy only.
    let after_christmas = next_free_slot(
        &agenda,
        &["martin", "leroy"],
        "suivi",
        at("24/12/2026 19:00"),
        UrgentSlots::Excluded,
    )
    .unwrap();
    assert_eq!(after_christmas.start, at("26/12/2026 09:00"));
    assert!(
        next_free_slot(
            &agenda,
            &["nobody"],
            "suivi",
            at("08/12/2026 08:00"),
            UrgentSlots::Included
        )
        .is_none()
    );
}

#[test]
fn the_planning_refuses_overlaps_and_closed_times_in_french() {
    let mut planning = Planning::new(sample_agenda());
    let booking = |patient: &str, motif: &str, start: &str| Appointment {
        patient: patient.into(),
        practitioner: "martin".into(),
        motif: motif.into(),
        start: at(start),
        status: Status::Confirme,
    };
    let refusal = planning
        .book(booking("x", "suivi", "07/12/2026 09:10"))
        .unwrap_err();
    assert_eq!(
        refusal.to_string(),
        "Créneau déjà occupé : durand-jean a rendez-vous avec Dr Martin de 09:00 à 09:20 le 07/12/2026."
    );
    let refusal = planning
        .book(booking("x", "premiere", "07/12/2026 08:30"))
        .unwrap_err();
    assert!(
        refusal.to_string().contains("Créneau déjà occupé"),
        "40 min from 08:30 runs into 09:00"
    );
    let refusal = planning
        .book(booking("x", "suivi", "25/12/2026 09:00"))
        .unwrap_err();
    assert_eq!(
        refusal.to_string(),
        "Le cabinet est fermé le 25/12/2026 (Noël)."
    );
    let refusal = planning
        .book(booking("x", "suivi", "08/12/2026 09:00"))
        .unwrap_err();
    assert_eq!(
        refusal.to_string(),
        "Dr Martin n'est pas disponible le 08/12/2026 09:00 (formation)."
    );
    let refusal = planning
        .book(booking("x", "suivi", "07/12/2026 17:50"))
        .unwrap_err();
    assert!(
        refusal
            .to_string()
            .contains("ne tient pas dans les horaires de Dr Martin"),
        "{refusal}"
    );
    assert_eq!(
        planning.appointments().len(),
        2,
        "nothing refused was booked"
    );

    // Right after the appointment of 09:00, and an urgent slot (open, only kept): accepted.
    let id = planning
        .book(booking("x", "suivi", "07/12/2026 09:20"))
        .unwrap();
    planning
        .book(booking("y", "renouvellement", "07/12/2026 11:30"))
        .unwrap();
    assert!(
        planning
            .move_to(id, "martin", at("07/12/2026 09:50"))
            .is_err(),
        "09:40 is taken"
    );
    planning
        .move_to(id, "leroy", at("07/12/2026 10:00"))
        .unwrap();
    assert_eq!(planning.appointments()[id].practitioner, "leroy");
    // Cancelling frees the slot for someone else.
    planning.cancel(0).unwrap();
    assert!(planning.cancel(0).is_err());
    planning
        .book(booking("z", "suivi", "07/12/2026 09:00"))
        .unwrap();
    assert!(planning.is_late_cancellation(id, at("06/12/2026 12:00")));
    assert!(!planning.is_late_cancellation(id, at("05/12/2026 12:00")));
    assert_eq!(
        planning.upcoming_for("x", at("07/12/2026 08:00")).len(),
        1,
        "the moved appointment"
    );
}

#[test]
fn several_valid_slots_are_accepted() {
    let agenda = sample_agenda();
    let mut asked = request("suivi");
    asked.constraints = vec![
        Contrainte::PasLe(Day::Mercredi),
        Contrainte::AvantLe(date(24, 12, 2026)),
    ];
    for (who, when) in [
        ("martin", "14/12/2026 08:30"),
        ("martin", "14/12/2026 15:05"),
        ("leroy", "15/12/2026 10:00"),
        ("leroy", "19/12/2026 09:00"),
        ("martin", "18/12/2026 16:40"),
    ] {
        let s = slot(&agenda, who, "suivi", when);
        assert_eq!(explanations(&agenda, &asked, &s), "", "{who} {when}");
    }
}

#[test]
fn a_motif_longer_than_the_gap_breaks_the_duration_rule() {
    let agenda = sample_agenda();
    let s = slot(&agenda, "martin", "premiere", "07/12/2026 09:20");
    assert_eq!(
        rules_of(&agenda, &request("premiere"), &s),
        vec![RuleKind::Duration]
    );
    assert_eq!(
        explanations(&agenda, &request("premiere"), &s),
        "« Première consultation » dure 40 min, mais le créneau du 07/12 à 09:20 n'en laisse que 20"
    );
    let s = slot(&agenda, "martin", "suivi", "07/12/2026 09:20");
    assert!(
        rules_of(&agenda, &request("suivi"), &s).is_empty(),
        "20 min fit"
    );
}

#[test]
fn urgent_slots_are_for_same_day_urgent_needs_only() {
    let agenda = sample_agenda();
    let s = slot(&agenda, "martin", "renouvellement", "07/12/2026 11:30");
    assert_eq!(
        rules_of(&agenda, &request("renouvellement"), &s),
        vec![RuleKind::UrgentSlot]
    );
    assert_eq!(
        explanations(&agenda, &request("renouvellement"), &s),
        "créneau d'urgence utilisé pour une demande non urgente (« Renouvellement d'ordonnance »)"
    );
    let mut urgent = request("suivi");
    urgent.urgent_today = true;
    let today = slot(&agenda, "martin", "suivi", "07/12/2026 11:30");
    assert!(rules_of(&agenda, &urgent, &today).is_empty());
    let tomorrow = slot(&agenda, "leroy", "suivi", "08/12/2026 18:30");
    assert!(explanations(&agenda, &urgent, &tomorrow).starts_with("créneau d'urgence du 08/12"));
    // A slot that only ends in the urgent range uses it too.
    let overlapping = slot(&agenda, "martin", "suivi", "07/12/2026 11:20");
    assert_eq!(
        rules_of(&agenda, &request("suivi"), &overlapping),
        vec![RuleKind::UrgentSlot]
    );
}

#[test]
fn the_minimum_gap_counts_in_one_specialty() {
    let agenda = sample_agenda();
    // durand-jean sees Dr Martin on Monday 07/12 at 09:00.
    let request = |motif: &str| BookingRequest {
        patient: "durand-jean".into(),
        ..request(motif)
    };
    let too_soon = slot(&agenda, "leroy", "suivi", "10/12/2026 09:00");
    assert_eq!(
        rules_of(&agenda, &request("suivi"), &too_soon),
        vec![RuleKind::MinimumGap]
    );
    assert_eq!(
        explanations(&agenda, &request("suivi"), &too_soon),
        "moins de 6 jours après son rendez-vous du 07/12 (médecine générale)"
    );
    let after_gap = slot(&agenda, "leroy", "suivi", "14/12/2026 09:00");
    assert!(rules_of(&agenda, &request("suivi"), &after_gap).is_empty());
    let other_specialty = slot(&agenda, "nguyen", "cardio", "09/12/2026 08:00");
    assert!(rules_of(&agenda, &request("cardio"), &other_specialty).is_empty());
    let mut before = agenda.clone();
    before.appointments[0].start = at("17/12/2026 09:00");
    let s = slot(&before, "martin", "suivi", "14/12/2026 09:00");
    assert!(
        explanations(&before, &request("suivi"), &s)
            .contains("moins de 6 jours avant son rendez-vous du 17/12")
    );
}

#[test]
fn the_practitioners_preferences_are_kept() {
    let agenda = sample_agenda();
    let mut new_patient = request("premiere");
    new_patient.patient = "nouveau".into();
    new_patient.new_patient = true;
    let friday = slot(&agenda, "martin", "premiere", "11/12/2026 09:00");
    assert_eq!(
        explanations(&agenda, &new_patient, &friday),
        "Dr Martin ne prend pas de nouveau patient le vendredi"
    );
    assert!(
        rules_of(
            &agenda,
            &new_patient,
            &slot(&agenda, "martin", "premiere", "10/12/2026 09:00")
        )
        .is_empty()
    );
    let mut known = new_patient.clone();
    known.new_patient = false;
    assert!(rules_of(&agenda, &known, &friday).is_empty());
    let morning_ecg = slot(&agenda, "martin", "ecg", "14/12/2026 10:00");
    assert_eq!(
        explanations(&agenda, &request("ecg"), &morning_ecg),
        "Dr Martin fait « Électrocardiogramme » l'après-midi seulement"
    );
    assert!(
        rules_of(
            &agenda,
            &request("ecg"),
            &slot(&agenda, "martin", "ecg", "14/12/2026 15:00")
        )
        .is_empty()
    );
    assert!(
        rules_of(
            &agenda,
            &request("ecg"),
            &slot(&agenda, "leroy", "ecg", "14/12/2026 10:00")
        )
        .is_empty()
    );
}

#[test]
fn what_the_patient_said_is_respected() {
    let agenda = sample_agenda();
    let with = |c: Contrainte| {
        let mut r = request("suivi");
        r.constraints = vec![c];
        r
    };
    let monday_pm = slot(&agenda, "martin", "suivi", "14/12/2026 15:00");
    let monday_am = slot(&agenda, "martin", "suivi", "14/12/2026 09:00");
    let cases = [
        (
            with(Contrainte::MatinSeulement),
            &monday_pm,
            &monday_am,
            "que le matin",
        ),
        (
            with(Contrainte::ApresMidiSeulement),
            &monday_am,
            &monday_pm,
            "que l'après-midi",
        ),
        (
            with(Contrainte::PasLe(Day::Lundi)),
            &monday_am,
            &slot(&agenda, "martin", "suivi", "15/12/2026 15:00"),
            "pas le lundi",
        ),
        (
            with(Contrainte::AvantLe(date(14, 12, 2026))),
            &monday_am,
            &slot(&agenda, "martin", "suivi", "10/12/2026 09:00"),
            "avant le 14/12/2026",
        ),
        (
            with(Contrainte::ApresLe(date(14, 12, 2026))),
            &monday_am,
            &slot(&agenda, "martin", "suivi", "15/12/2026 09:00"),
            "après le 14/12/2026",
        ),
        (
            with(Contrainte::Praticien("leroy".into())),
            &monday_am,
            &slot(&agenda, "leroy", "suivi", "14/12/2026 09:00"),
            "a demandé Dr Leroy, pas Dr Martin",
        ),
    ];
    for (asked, wrong, right, words) in cases {
        assert_eq!(
            rules_of(&agenda, &asked, wrong),
            vec![RuleKind::PatientConstraint],
            "{words}"
        );
        assert!(
            explanations(&agenda, &asked, wrong).contains(words),
            "{}",
            explanations(&agenda, &asked, wrong)
        );
        assert!(
            rules_of(&agenda, &asked, right).is_empty(),
            "{words}: {}",
            explanations(&agenda, &asked, right)
        );
    }
    let mut leroy_only = request("suivi");
    leroy_only.practitioners = vec!["leroy".into()];
    assert!(explanations(&agenda, &leroy_only, &monday_am).contains("pas le praticien demandé"));
}

#[test]
fn au_plus_tot_a_later_slot_than_the_earliest_valid_one_is_a_breach() {
    let agenda = sample_agenda();
    let mut asap = request("suivi");
    asap.patient = "nouveau".into();
    asap.as_soon_as_possible = true;
    asap.practitioners = vec!["martin".into()];
    asap.constraints = vec![Contrainte::ApresMidiSeulement];
    let earliest = earliest_valid_slot(&agenda, &asap).unwrap();
    assert_eq!(earliest.start, at("07/12/2026 14:00"));
    assert!(check_booking(&agenda, &asap, &earliest).is_empty());
    let later = slot(&agenda, "martin", "suivi", "08/12/2026 14:00");
    assert_eq!(rules_of(&agenda, &asap, &later), vec![RuleKind::Earliest]);
    assert_eq!(
        explanations(&agenda, &asap, &later),
        "demandé au plus tôt, mais un créneau valable était libre avant : le 07/12 à 14:00 avec Dr Martin"
    );
    asap.as_soon_as_possible = false;
    assert!(
        check_booking(&agenda, &asap, &later).is_empty(),
        "no rush asked"
    );
}

#[test]
fn every_rule_kind_names_a_rule_of_the_rulebook_on_its_axis() {
    let book = secretariat::rulebook::rulebook();
    for kind in RuleKind::ALL {
        let rule = book
            .rule(kind.rule_id())
            .unwrap_or_else(|| panic!("{kind:?}"));
        assert_eq!(rule.axis, kind.axis(), "{}", rule.id);
    }
}

#[test]
fn the_filler_is_seeded_keeps_reserved_slots_and_makes_no_namesake() {
    let mut agenda = sample_agenda();
    let fixture = common::fixture();
    assert!(
        fixture.patients.iter().any(|p| p.last_name == "LEROY"),
        "the fixture has a name the filler knows"
    );
    // Birth and used names of the scenario's patients: the filler makes no namesake.
    let patients: Vec<&str> = fixture
        .patients
        .iter()
        .flat_map(|p| std::iter::once(p.last_name.as_str()).chain(p.used_name.as_deref()))
        .collect();
    let now = at("07/12/2026 10:30");
    let reserved = vec![
        slot(&agenda, "martin", "suivi", "07/12/2026 14:00"),
        slot(&agenda, "leroy", "premiere", "08/12/2026 10:00"),
    ];
    let filled = agenda::fill(&agenda, 7, 0.9, &reserved, &patients, now);
    assert_eq!(
        filled,
        agenda::fill(&agenda, 7, 0.9, &reserved, &patients, now)
    );
    assert_ne!(
        filled,
        agenda::fill(&agenda, 8, 0.9, &reserved, &patients, now)
    );
    assert!(
        filled.len() > 300,
        "four weeks of three practitioners: {}",
        filled.len()
    );
    let sparse = agenda::fill(&agenda, 7, 0.2, &reserved, &patients, now);
    assert!(
        sparse.len() * 2 < filled.len(),
        "{} vs {}",
        sparse.len(),
        filled.len()
    );
    for a in &filled {
        let end = agenda.end_of(a);
        for r in &reserved {
            assert!(
                a.practitioner != r.practitioner || end <= r.start || r.end <= a.start,
                "{a:?} takes {r:?}"
            );
        }
        let last = a.patient.split(' ').next().unwrap();
        assert!(
            patients
                .iter()
                .all(|p| secretariat::text::normalise(p) != secretariat::text::normalise(last)),
            "namesake {}",
            a.patient
        );
        if a.start.date() != now.date() || a.start > now {
            assert_eq!(a.status, Status::Confirme);
        } else {
            assert_ne!(a.status, Status::Confirme, "{a:?} has started");
        }
    }
    let past_today = filled
        .iter()
        .filter(|a| a.start.date() == now.date() && a.start <= now)
        .count();
    assert!(past_today > 0);
    // The filled agenda is valid: inside opening hours, no overlap, urgent ranges left free.
    agenda.appointments.extend(filled.iter().cloned());
    assert_eq!(agenda::validate(&agenda), Vec::<String>::new());
    assert!(filled.iter().all(|a| {
        let s = slot(
            &agenda,
            &a.practitioner,
            &a.motif,
            &agenda::format_date_time(a.start),
        );
        !check_booking(&agenda, &request(&a.motif), &s)
            .iter()
            .any(|b| b.rule == RuleKind::UrgentSlot)
    }));
}

#[test]
fn a_scenario_holds_its_agenda_and_check_names_its_problems_at_its_place() {
    // The agenda written inside a scenario file (old files without one still load: the fixture).
    let agenda: String = common::AGENDA_SOURCE
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let with_agenda = common::FIXTURE_SOURCE.replacen(
        "situations:",
        &format!("agenda: {agenda},\n    situations:"),
        1,
    );
    let s = secretariat::scenario::load_scenario_str(&with_agenda).unwrap();
    assert_eq!(s.agenda.as_ref().unwrap(), &common::sample_agenda());
    assert!(common::fixture().agenda.is_none());

    let broken = with_agenda.replacen("motif: \"suivi\"", "motif: \"sivi\"", 1);
    let problems = secretariat::scenario::load_scenario_str(&broken).unwrap_err();
    let line = with_agenda[..with_agenda.find("agenda: Agenda").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert!(
        problems.iter().any(|p| p.message.starts_with("agenda : ")
            && p.message.contains("sivi")
            && p.line == line),
        "{problems:?}"
    );
}
