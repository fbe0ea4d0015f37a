//! The agenda panel driven like a secretary would: find a slot, book it by mouse and by keys,
//! move and cancel an appointment, leave with Échap (not from the date field).

use chrono::{NaiveDate, NaiveDateTime};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use secretariat::ui::agenda::{
    AgendaAction, AgendaState, AgendaView, AppointmentStatus, DayColumn, FoundSlot, MotifEntry,
    Row, RowKind, agenda,
};

fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, day)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

/// Dr Martin's Tuesday: a booked follow-up, two free slots, an urgent one.
fn tuesday() -> AgendaView {
    let row = |h, m, kind, text: &str, appointment| Row {
        at: at(8, h, m),
        minutes: 20,
        kind,
        text: text.to_string(),
        appointment,
    };
    AgendaView {
        practitioners: vec!["Dr Martin".into(), "Dr Benhamou".into()],
        motifs: vec![
            MotifEntry {
                label: "Consultation de suivi".into(),
                minutes: 20,
            },
            MotifEntry {
                label: "Premier rendez-vous".into(),
                minutes: 30,
            },
        ],
        days: vec![DayColumn {
            date: NaiveDate::from_ymd_opt(2026, 12, 8).unwrap(),
            label: "mardi 8 décembre".into(),
            closed: None,
            rows: vec![
                row(
                    8,
                    30,
                    RowKind::Booked {
                        motif: 0,
                        status: AppointmentStatus::Arrived,
                    },
                    "DURAND Jean — suivi",
                    Some(0),
                ),
                row(8, 50, RowKind::Free, "", None),
                row(9, 10, RowKind::Free, "", None),
                row(11, 40, RowKind::Urgent, "", None),
            ],
        }],
        patient: Some("Mme Lefèvre".into()),
        found: vec![FoundSlot {
            practitioner: 1,
            at: at(10, 9, 40),
            label: "Dr Benhamou — jeudi 10 décembre à 09:40".into(),
        }],
        upcoming: vec!["jeudi 17 décembre à 14:00 — Dr Martin (suivi)".into()],
        waiting_list: Vec::new(),
        message: None,
    }
}

fn harness(view: AgendaView) -> Harness<'static, (AgendaState, Vec<AgendaAction>)> {
    let mut h = Harness::new_ui_state(
        move |ui, (state, actions): &mut (AgendaState, Vec<AgendaAction>)| {
            actions.extend(agenda(ui, &view, state));
        },
        (AgendaState::default(), Vec::new()),
    );
    h.set_size(egui::vec2(1280.0, 800.0));
    h.run();
    h
}

#[test]
fn a_free_slot_is_booked_by_mouse_for_the_person_at_the_desk() {
    let mut h = harness(tuesday());
    h.get_by_label("Pour : Mme Lefèvre");
    h.get_by_label("08:50 libre").click();
    h.run();
    h.get_by_label("Réserver [Entrée]").click();
    h.run();
    assert_eq!(
        h.state().1,
        vec![AgendaAction::Book {
            practitioner: 0,
            motif: 0,
            at: at(8, 8, 50)
        }]
    );
}

#[test]
fn the_keyboard_alone_books_a_slot() {
    let mut h = harness(tuesday());
    // ↓ selects the first row, ↓ ↓ go to 09:10, Entrée books it.
    for _ in 0..3 {
        h.key_press(egui::Key::ArrowDown);
        h.run();
    }
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().1.last(),
        Some(&AgendaAction::Book {
            practitioner: 0,
            motif: 0,
            at: at(8, 9, 10)
        })
    );
}

#[test]
fn an_appointment_is_moved_then_another_cancelled() {
    let mut h = harness(tuesday());
    h.get_by_label("08:30 DURAND Jean — suivi (arrivé(e))")
        .click();
    h.run();
    h.key_press(egui::Key::D);
    h.run();
    h.get_by_label("Choisissez le nouveau créneau, puis Entrée.");
    h.get_by_label("09:10 libre").click();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().1.last(),
        Some(&AgendaAction::Move {
            appointment: 0,
            at: at(8, 9, 10)
        })
    );
    h.get_by_label("08:30 DURAND Jean — suivi (arrivé(e))")
        .click();
    h.run();
    h.get_by_label("Annuler le rendez-vous [X]").click();
    h.run();
    assert_eq!(
        h.state().1.last(),
        Some(&AgendaAction::Cancel { appointment: 0 })
    );
}

#[test]
fn the_search_takes_a_typed_day_and_refuses_a_wrong_one() {
    let mut h = harness(tuesday());
    h.get_by_label("À partir du").focus();
    h.run();
    h.get_by_label("À partir du").type_text("2026-12-10");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label_contains("écrivez-la JJ/MM/AAAA");
    assert!(h.state().1.is_empty());
    // Échap in the field leaves the field, not the agenda.
    h.get_by_label("À partir du").focus();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().1.contains(&AgendaAction::Close));
    h.state_mut().0.earliest = "10/12/2026".into();
    h.run();
    h.key_press(egui::Key::R);
    h.run();
    assert_eq!(
        h.state().1.last(),
        Some(&AgendaAction::Search {
            practitioner: 0,
            motif: 0,
            earliest: NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()
        })
    );
    // A slot found shows its day at that practitioner's.
    h.get_by_label("Dr Benhamou — jeudi 10 décembre à 09:40")
        .click();
    h.run();
    assert_eq!(
        h.state().1.last(),
        Some(&AgendaAction::Show {
            practitioner: 1,
            day: NaiveDate::from_ymd_opt(2026, 12, 10).unwrap(),
            week: false
        })
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().1.last(), Some(&AgendaAction::Close));
}

#[test]
fn the_days_move_and_the_week_shows() {
    let mut h = harness(tuesday());
    h.key_press(egui::Key::ArrowRight);
    h.run();
    h.key_press(egui::Key::J);
    h.run();
    let actions = &h.state().1;
    assert_eq!(
        actions[0],
        AgendaAction::Show {
            practitioner: 0,
            day: NaiveDate::from_ymd_opt(2026, 12, 9).unwrap(),
            week: false
        }
    );
    assert!(matches!(actions[1], AgendaAction::Show { week: true, .. }));
    h.get_by_label_contains("jeudi 17 décembre à 14:00");
}

mod common;

/// The panel's view built from the sample agenda's planning.
#[test]
fn the_view_of_a_planning_shows_appointments_blocks_and_free_slots_that_fit() {
    use secretariat::agenda::Planning;
    use secretariat::ui::agenda::agenda_view;
    let planning = Planning::new(common::sample_agenda());
    let monday = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let view = agenda_view(
        &planning,
        0,
        monday,
        false,
        0,
        Some(("durand-jean", "M. Durand")),
        at(7, 8, 0),
    );
    assert_eq!(view.practitioners, ["Dr Martin", "Dr Leroy", "Dr Nguyen"]);
    assert_eq!(view.patient.as_deref(), Some("M. Durand"));
    let day = &view.days[0];
    assert_eq!(day.label, "lundi 7 décembre");
    assert!(day.closed.is_none());
    let booked: Vec<&Row> = day
        .rows
        .iter()
        .filter(|r| matches!(r.kind, RowKind::Booked { .. }))
        .collect();
    assert_eq!(booked.len(), 2);
    assert_eq!(booked[0].text, "durand-jean — Consultation de suivi");
    assert_eq!(
        booked[1].kind,
        RowKind::Booked {
            motif: 0,
            status: AppointmentStatus::Arrived
        }
    );
    // Free rows: the motif fits, none overlaps an appointment, none overlaps another free row.
    let free: Vec<&Row> = day
        .rows
        .iter()
        .filter(|r| matches!(r.kind, RowKind::Free | RowKind::Urgent))
        .collect();
    assert_eq!(free[0].at, at(7, 8, 30));
    for f in &free {
        assert_eq!(f.minutes, 20);
        let end = f.at + chrono::Duration::minutes(20);
        for b in &booked {
            let b_end = b.at + chrono::Duration::minutes(i64::from(b.minutes));
            assert!(end <= b.at || b_end <= f.at, "{f:?} overlaps {b:?}");
        }
    }
    for pair in free.windows(2) {
        assert!(pair[0].at + chrono::Duration::minutes(20) <= pair[1].at);
    }
    assert!(
        free.iter().any(|f| f.kind == RowKind::Urgent
            && f.at >= at(7, 11, 30)
            && f.at + chrono::Duration::minutes(20) <= at(7, 12, 0)),
        "the urgent range is marked: {:?}",
        free.iter()
            .map(|f| (f.at.time(), &f.kind))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        view.upcoming,
        ["lundi 7 décembre à 09:00 — Dr Martin (Consultation de suivi)"]
    );

    // The week: Monday to Saturday; Tuesday morning blocked; Christmas closed.
    let week = agenda_view(&planning, 0, monday, true, 0, None, at(7, 8, 0));
    assert_eq!(week.days.len(), 6);
    assert!(
        week.days[1]
            .rows
            .iter()
            .any(|r| r.kind == RowKind::Blocked && r.text == "indisponible : formation")
    );
    assert!(
        !week.days[1]
            .rows
            .iter()
            .any(|r| r.kind == RowKind::Free && r.at < at(8, 12, 0))
    );
    assert_eq!(
        week.days[5].closed.as_deref(),
        Some("fermé"),
        "Dr Martin does not work on Saturday"
    );
    let christmas = agenda_view(
        &planning,
        0,
        NaiveDate::from_ymd_opt(2026, 12, 25).unwrap(),
        false,
        0,
        None,
        at(7, 8, 0),
    );
    assert!(
        christmas.days[0]
            .closed
            .as_deref()
            .unwrap()
            .starts_with("férié"),
        "{:?}",
        christmas.days[0].closed
    );
    assert!(christmas.days[0].rows.is_empty());
}
