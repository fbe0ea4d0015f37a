//! The panels around results: the home screen's profile bar, the candidate's exam form and the
//! in-game file chooser, driven like a user would.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use secretariat::ui::browser::{BrowseMode, Browser, BrowserAction, browser};
use secretariat::ui::exam::{CandidateForm, ExamFormAction, ExamFormView, exam_form};
use secretariat::ui::profiles::{
    InterruptedView, ProfileAction, ProfileBarView, ProfileEntry, ProfileForm, profile_bar,
};

mod common;

fn bar(view: ProfileBarView) -> Harness<'static, (ProfileForm, Vec<ProfileAction>)> {
    let mut harness = Harness::new_ui_state(
        move |ui, (form, actions): &mut (ProfileForm, Vec<ProfileAction>)| {
            actions.extend(profile_bar(ui, &view, form));
        },
        (ProfileForm::default(), Vec::new()),
    );
    harness.set_size(egui::vec2(1280.0, 300.0));
    harness.run();
    harness
}

fn two_profiles() -> ProfileBarView {
    ProfileBarView {
        profiles: vec![
            ProfileEntry {
                id: 1,
                name: "Zoé Lefèvre (BTS-2)".into(),
            },
            ProfileEntry {
                id: 2,
                name: "Hugo Martin".into(),
            },
        ],
        current: Some(1),
        store_ok: true,
        ..Default::default()
    }
}

#[test]
fn a_new_profile_is_typed_and_created_with_enter() {
    let mut harness = bar(two_profiles());
    harness.get_by_label("Nouveau profil").click();
    harness.run();
    for (field, text) in [
        ("Prénom", "Inès"),
        ("Nom", "N'Diaye-Durand"),
        ("Groupe (facultatif)", "AMA 1"),
    ] {
        harness.get_by_label(field).focus();
        harness.run();
        harness.get_by_label(field).type_text(text);
        harness.run();
    }
    harness.key_press(egui::Key::Enter);
    harness.run();
    let created = harness.state().1.iter().find_map(|a| match a {
        ProfileAction::Create(p) => Some(p.clone()),
        _ => None,
    });
    let created = created.expect("Enter in the form creates the profile");
    assert_eq!(created.first_name, "Inès");
    assert_eq!(created.last_name, "N'Diaye-Durand");
    assert_eq!(created.group, "AMA 1");
}

#[test]
fn an_empty_profile_is_refused_in_french() {
    let mut harness = bar(two_profiles());
    harness.get_by_label("Nouveau profil").click();
    harness.run();
    harness.get_by_label("Créer le profil").click();
    harness.run();
    harness.get_by_label("Indiquez au moins un prénom ou un nom.");
    assert!(harness.state().1.is_empty());
}

#[test]
fn progress_and_exam_by_button_or_key_but_not_while_typing() {
    let mut harness = bar(two_profiles());
    harness.get_by_label("Mes progrès [P]").click();
    harness.run();
    harness.key_press(egui::Key::X);
    harness.run();
    assert_eq!(
        harness.state().1,
        vec![ProfileAction::Progress, ProfileAction::Exam]
    );
    // A P typed in a name is a letter, not « Mes progrès ».
    harness.get_by_label("Nouveau profil").click();
    harness.run();
    harness.get_by_label("Prénom").focus();
    harness.run();
    harness.key_press(egui::Key::P);
    harness.run();
    assert_eq!(harness.state().1.len(), 2);
}

#[test]
fn an_interrupted_shift_is_offered_first() {
    let mut view = two_profiles();
    view.interrupted = Some(InterruptedView {
        description: "« Cabinet du Dr Martin » — examen, interrompue à 08:23:10.".into(),
        exam: true,
    });
    let mut harness = bar(view);
    harness.get_by_label_contains("interrompue à 08:23:10");
    harness.get_by_label_contains("la reprise sera notée");
    harness.key_press(egui::Key::F5);
    harness.run();
    harness.get_by_label("Clore sans reprendre").click();
    harness.run();
    assert_eq!(
        harness.state().1,
        vec![ProfileAction::Resume, ProfileAction::CloseInterrupted]
    );
}

#[test]
fn without_a_store_progress_is_unavailable_and_the_reason_shown() {
    let mut harness = bar(ProfileBarView {
        notices: vec!["Les résultats ne peuvent pas être enregistrés : disque plein.".into()],
        store_ok: false,
        ..Default::default()
    });
    harness.get_by_label_contains("disque plein");
    harness.key_press(egui::Key::P);
    harness.run();
    assert!(harness.state().1.is_empty());
}

#[test]
fn the_candidate_starts_only_with_an_exam_open_and_escape_goes_back() {
    let view = ExamFormView {
        exam_file: Some("/salle/examen-blanc.examen.json".into()),
        title: Some("Examen blanc — accueil".into()),
        details: vec!["Graine 42 · vitesse ×5 · 1 passage(s) permis".into()],
        can_start: true,
        ..Default::default()
    };
    let mut harness = Harness::new_ui_state(
        move |ui, (form, actions): &mut (CandidateForm, Vec<ExamFormAction>)| {
            actions.extend(exam_form(ui, &view, form));
        },
        (CandidateForm::default(), Vec::new()),
    );
    harness.set_size(egui::vec2(1280.0, 800.0));
    harness.run();
    harness.get_by_label("Examen blanc — accueil");
    harness.get_by_label("Prénom et nom").focus();
    harness.run();
    harness
        .get_by_label("Prénom et nom")
        .type_text("Zoé Lefèvre");
    harness.run();
    harness.get_by_label("Groupe").focus();
    harness.run();
    harness.get_by_label("Groupe").type_text("BTS-2");
    harness.run();
    // Échap in a field does not leave the form.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(!harness.state().1.contains(&ExamFormAction::Back));
    harness.get_by_label("Commencer l'examen").click();
    harness.run();
    assert_eq!(harness.state().0.name, "Zoé Lefèvre");
    assert_eq!(harness.state().0.group, "BTS-2");
    assert!(harness.state().1.contains(&ExamFormAction::Start));
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().1.last(), Some(&ExamFormAction::Back));
}

#[test]
fn the_file_chooser_lists_folders_and_matching_files_only() {
    let dir = common::temp_dir("browser");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("Résultats BTS")).unwrap();
    std::fs::write(dir.join("examen-blanc.examen.json"), "{}").unwrap();
    std::fs::write(dir.join("notes.txt"), "").unwrap();
    let start = Browser::new(
        "Ouvrir un fichier d'examen",
        BrowseMode::File {
            endings: vec![".examen.json".into()],
        },
        &dir,
    );
    let mut harness = Harness::new_ui_state(
        move |ui, (b, actions): &mut (Browser, Vec<BrowserAction>)| {
            actions.extend(browser(ui, b));
        },
        (start, Vec::new()),
    );
    harness.set_size(egui::vec2(1280.0, 800.0));
    harness.run();
    assert!(harness.query_by_label_contains("notes.txt").is_none());
    harness.get_by_label_contains("Résultats BTS").click();
    harness.run();
    assert!(harness.state().0.dir().ends_with("Résultats BTS"));
    harness.get_by_label("⬆ Dossier parent").click();
    harness.run();
    harness
        .get_by_label_contains("examen-blanc.examen.json")
        .click();
    harness.run();
    let chosen = harness.state().1.last().cloned();
    assert_eq!(
        chosen,
        Some(BrowserAction::Chosen(
            std::fs::canonicalize(&dir)
                .unwrap()
                .join("examen-blanc.examen.json")
        ))
    );
}

#[test]
fn an_exam_debrief_offers_no_replay_and_a_past_one_goes_back_to_the_history() {
    use secretariat::ui::debrief::{DebriefAction, debrief_with};
    let scenario = common::fixture();
    let report = common::play(&scenario, secretariat::policy::PolicyKind::Naive, 1);
    let mut harness = Harness::new_ui_state(
        move |ui, actions: &mut Vec<DebriefAction>| {
            actions.extend(debrief_with(ui, &report, false, "Mes progrès"));
        },
        Vec::new(),
    );
    harness.set_size(egui::vec2(1280.0, 800.0));
    harness.run();
    assert!(harness.query_by_label_contains("Rejouer").is_none());
    harness.key_press(egui::Key::R);
    harness.run();
    assert!(
        harness.state().is_empty(),
        "R does nothing without a replay"
    );
    harness.get_by_label("Mes progrès [Échap]").click();
    harness.run();
    assert_eq!(harness.state(), &vec![DebriefAction::Home]);
}
