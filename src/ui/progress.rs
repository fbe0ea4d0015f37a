//! « Mes progrès »: the scores over time (one line per axis and overall, a marker per session on
//! the overall line, filled when validated; the level of the scenarios as background bands), success per theme with
//! the weakest first and what trains them, and the past sessions, each reopening its debrief.

use super::theme::{self, DANGER, MUTED, OK, WARNING, with_key};
use crate::glossary::drill::DrillKind;
use crate::progress::{self, ProgressView, Series, SeriesKind, SessionRow, ThemeRow, WeakTheme};
use crate::report::number;
use crate::scenario::Axis;
use egui::{Align2, Button, Key, ProgressBar, RichText, ScrollArea, Ui, vec2};
use egui_plot::{
    GridInput, GridMark, HLine, HoverPosition, Line, LineStyle, Plot, PlotPoint, Points, Span, Text,
};
use std::path::PathBuf;

/// What the screen keeps between frames.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgressUiState {
    /// « Supprimer ce profil et tout son historique ? » is waiting for an answer.
    pub confirm_delete: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ProgressAction {
    Home,
    /// Reopen a past session's debrief, by its id.
    Open(String),
    /// Play a suggested scenario.
    Play(PathBuf),
    /// Terminology exercises; `None`: every kind.
    Drill(Option<DrillKind>),
    ExportHistory,
    ImportHistory,
    /// Asked for and confirmed in the panel.
    DeleteProfile,
}

pub const EMPTY: &str = "Aucune séance enregistrée pour ce profil : jouez une vacation ou une série d'exercices, vos résultats apparaîtront ici.";
pub const CONFIRM_DELETE: &str = "Supprimer ce profil et tout son historique ?";

const CHART_HEIGHT: f32 = 290.0;
const TOP_OF_CHART: f64 = 108.0;

pub fn progress(
    ui: &mut Ui,
    view: &ProgressView,
    state: &mut ProgressUiState,
) -> Option<ProgressAction> {
    let mut action = None;
    // Échap closes the question first, then leaves; never while a text field has the keyboard.
    if !ui.ctx().text_edit_focused() && ui.input(|i| i.key_pressed(Key::Escape)) {
        if state.confirm_delete {
            state.confirm_delete = false;
        } else {
            action = Some(ProgressAction::Home);
        }
    }
    ui.add_space(8.0);
    ui.label(RichText::new(view.title()).size(24.0).strong());
    ui.horizontal(|ui| {
        if ui.button(with_key("Accueil", "Échap")).clicked() {
            action = Some(ProgressAction::Home);
        }
        if !view.is_empty() && ui.button("Exporter mon historique").clicked() {
            action = Some(ProgressAction::ExportHistory);
        }
        if ui.button("Importer un historique").clicked() {
            action = Some(ProgressAction::ImportHistory);
        }
        if ui.button("Supprimer ce profil…").clicked() {
            state.confirm_delete = true;
        }
    });
    if state.confirm_delete {
        action = confirm_delete(ui, state).or(action);
    }
    ui.add_space(6.0);
    if view.is_empty() {
        ui.add_space(24.0);
        ui.label(RichText::new(EMPTY).size(17.0).color(MUTED));
        return action;
    }
    chart(ui, view);
    ui.add_space(6.0);
    ui.columns(2, |cols| {
        if let Some(a) = themes(&mut cols[0], view) {
            action = Some(a);
        }
        if let Some(a) = sessions(&mut cols[1], &view.sessions) {
            action = Some(a);
        }
    });
    action
}

/// RGPD: the profile and its history go only after a second, explicit click.
fn confirm_delete(ui: &mut Ui, state: &mut ProgressUiState) -> Option<ProgressAction> {
    let mut action = None;
    theme::card(ui, true).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(CONFIRM_DELETE).strong().size(17.0));
        ui.label("Toutes les séances de ce profil seront effacées de cet ordinateur. Exportez d'abord votre historique si vous voulez le garder.");
        ui.horizontal(|ui| {
            if ui
                .button(RichText::new("Oui, tout supprimer").color(DANGER))
                .clicked()
            {
                state.confirm_delete = false;
                action = Some(ProgressAction::DeleteProfile);
            }
            if ui.button(with_key("Annuler", "Échap")).clicked() {
                state.confirm_delete = false;
            }
        });
    });
    action
}

fn series_colour(series: &Series) -> egui::Color32 {
    match series.kind {
        SeriesKind::Axis(axis) => {
            theme::axis_line(Axis::ALL.iter().position(|&a| a == axis).unwrap_or(0))
        }
        SeriesKind::Overall => theme::ACCENT,
        SeriesKind::Drills => theme::DRILL_LINE,
    }
}

fn chart(ui: &mut Ui, view: &ProgressView) {
    let Some((first_day, last_day)) = view.days else {
        return;
    };
    Plot::new("progress-chart")
        .height(CHART_HEIGHT)
        // A picture of the history, not a tool: the mouse wheel scrolls the screen.
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .set_margin_fraction(vec2(0.0, 0.0))
        .include_x(first_day)
        .include_x(last_day)
        .include_y(0.0)
        .include_y(TOP_OF_CHART)
        .x_grid_spacer(day_marks)
        .x_axis_formatter(|mark, _| {
            if mark.step_size >= 30.0 {
                progress::day_label_with_year(mark.value)
            } else {
                progress::day_label(mark.value)
            }
        })
        .y_axis_formatter(|mark, _| {
            if (0.0..=100.0).contains(&mark.value) {
                format!("{:.0}", mark.value)
            } else {
                String::new()
            }
        })
        .label_formatter(|hover| describe(view, hover))
        .show(ui, |plot| {
            for band in &view.levels {
                plot.span(
                    Span::new("", band.from_day..=band.to_day).fill(theme::level_tint(band.level)),
                );
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(band.from_day, TOP_OF_CHART),
                        RichText::new(format!(" Niveau : {}", band.label)).small(),
                    )
                    .color(MUTED)
                    .anchor(Align2::LEFT_TOP),
                );
            }
            plot.hline(
                HLine::new(
                    format!("Seuil de validation ({})", view.pass_mark),
                    view.pass_mark,
                )
                .color(WARNING)
                .style(LineStyle::dashed_dense()),
            );
            for series in &view.series {
                let colour = series_colour(series);
                let line: Vec<[f64; 2]> = series.points.iter().map(|p| [p.day, p.score]).collect();
                let (width, style, markers) = match series.kind {
                    SeriesKind::Overall => (3.0, LineStyle::Solid, true),
                    SeriesKind::Drills => (1.5, LineStyle::dashed_loose(), true),
                    SeriesKind::Axis(_) => (1.5, LineStyle::Solid, false),
                };
                // One name for the line and its markers: one legend entry shows or hides both.
                plot.line(
                    Line::new(series.label.as_str(), line)
                        .color(colour)
                        .width(width)
                        .style(style),
                );
                // A session is validated as a whole: its marker sits on the overall score (and
                // on the drill's), not on every axis.
                if markers {
                    for validated in [true, false] {
                        let xy: Vec<[f64; 2]> = series
                            .points
                            .iter()
                            .filter(|p| p.validated == validated)
                            .map(|p| [p.day, p.score])
                            .collect();
                        plot.points(
                            Points::new(series.label.as_str(), xy)
                                .color(colour)
                                .radius(4.5)
                                .filled(validated),
                        );
                    }
                }
            }
        });
    legend(ui, view);
}

/// What each line, marker and band means, under the chart: inside it, a legend of eight entries
/// would hide the latest sessions.
fn legend(ui: &mut Ui, view: &ProgressView) {
    let sample = |ui: &mut Ui, draw: &dyn Fn(&egui::Painter, egui::Rect)| {
        let (rect, _) = ui.allocate_exact_size(vec2(22.0, 12.0), egui::Sense::hover());
        draw(ui.painter(), rect);
    };
    let line = |colour: egui::Color32, width: f32, dashed: bool| {
        move |painter: &egui::Painter, rect: egui::Rect| {
            let ends = [rect.left_center(), rect.right_center()];
            let stroke = egui::Stroke::new(width, colour);
            if dashed {
                painter.extend(egui::Shape::dashed_line(&ends, stroke, 4.0, 3.0));
            } else {
                painter.line_segment(ends, stroke);
            }
        }
    };
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for series in &view.series {
            let (width, dashed) = match series.kind {
                SeriesKind::Overall => (3.0, false),
                SeriesKind::Drills => (1.5, true),
                SeriesKind::Axis(_) => (1.5, false),
            };
            sample(ui, &line(series_colour(series), width, dashed));
            ui.label(RichText::new(&series.label).small());
            ui.add_space(8.0);
        }
        sample(ui, &line(WARNING, 1.0, true));
        ui.label(RichText::new(format!("Seuil de validation ({})", view.pass_mark)).small());
        ui.add_space(8.0);
        sample(ui, &|p: &egui::Painter, r: egui::Rect| {
            p.circle_filled(r.center(), 4.5, theme::ACCENT);
        });
        ui.label(RichText::new("séance validée").small());
        sample(ui, &|p: &egui::Painter, r: egui::Rect| {
            p.circle_stroke(r.center(), 4.5, egui::Stroke::new(1.0, theme::ACCENT));
        });
        ui.label(RichText::new("non validée").small());
        ui.add_space(8.0);
        if let Some(band) = view.levels.first() {
            sample(ui, &|p: &egui::Painter, r: egui::Rect| {
                p.rect_filled(r, 0.0, theme::level_tint(band.level));
            });
            ui.label(
                RichText::new(
                    "fond : niveau des scénarios (plus bas à un niveau plus élevé n'est pas un recul)",
                )
                .small(),
            );
        }
    });
}

/// Grid lines on whole days, weeks, months or years: wide enough apart for a « 05/12 » label.
fn day_marks(input: GridInput) -> Vec<GridMark> {
    const STEPS: [f64; 8] = [1.0, 2.0, 7.0, 14.0, 30.0, 91.0, 182.0, 365.0];
    // `base_step_size` is 8 points of the screen; labels need some 80.
    let wanted = input.base_step_size * 10.0;
    let step = STEPS
        .into_iter()
        .find(|&s| s >= wanted)
        .unwrap_or_else(|| 365.0 * (wanted / 365.0).ceil());
    let (from, to) = input.bounds;
    let (first, last) = ((from / step).ceil() as i64, (to / step).floor() as i64);
    (first..=last)
        .map(|k| GridMark {
            value: k as f64 * step,
            step_size: step,
        })
        .collect()
}

/// The tooltip of a marker: which session, when, at what level.
fn describe(view: &ProgressView, hover: &HoverPosition) -> Option<String> {
    let HoverPosition::NearDataPoint {
        plot_name,
        position,
        ..
    } = hover
    else {
        return None;
    };
    let series = view.series.iter().find(|s| s.label == *plot_name)?;
    let point = series
        .points
        .iter()
        .find(|p| p.day == position.x && p.score == position.y)?;
    let verdict = if point.validated {
        "validée"
    } else {
        "non validée"
    };
    let level = match series.kind {
        SeriesKind::Drills => String::new(),
        _ => format!(" · {}", progress::level_label(point.level)),
    };
    Some(format!(
        "{} : {}/100 ({verdict})\n{}\n{}{level}",
        series.label,
        number(point.score),
        view.session_of(point).title,
        progress::day_label(point.day),
    ))
}

fn percent(share: f64) -> String {
    format!("{} %", number(share * 100.0))
}

fn themes(ui: &mut Ui, view: &ProgressView) -> Option<ProgressAction> {
    let mut action = None;
    ui.label(theme::heading("Réussite par thème"));
    ScrollArea::vertical()
        .id_salt("progress-themes")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if view.themes.is_empty() {
                ui.label(
                    RichText::new("Pas encore assez de situations jouées par thème.").color(MUTED),
                );
                return;
            }
            if view.weakest.is_empty() {
                ui.label(RichText::new("Aucun point perdu dans vos thèmes.").color(OK));
            } else {
                ui.label(RichText::new("À travailler en priorité").strong());
                for (n, weak) in view.weakest.iter().enumerate() {
                    if let Some(a) = weak_theme(ui, n + 1, weak) {
                        action = Some(a);
                    }
                }
                ui.separator();
            }
            ui.label(
                RichText::new("Part des points gardés dans les situations de chaque thème")
                    .small()
                    .color(MUTED),
            );
            egui::Grid::new("progress-theme-rows")
                .num_columns(2)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for row in &view.themes {
                        theme_row(ui, row);
                        ui.end_row();
                    }
                });
        });
    action
}

fn weak_theme(ui: &mut Ui, rank: usize, weak: &WeakTheme) -> Option<ProgressAction> {
    let mut action = None;
    ui.label(
        RichText::new(format!(
            "{rank}. {} — {} des points gardés",
            weak.theme.label,
            percent(weak.theme.success)
        ))
        .color(theme::level_colour(weak.theme.success as f32)),
    );
    ui.indent(("weak-theme", rank), |ui| {
        ui.horizontal_wrapped(|ui| {
            for s in &weak.scenarios {
                let plural = if s.situations > 1 { "s" } else { "" };
                if ui
                    .button(format!("▶ {}", s.title))
                    .on_hover_text(format!(
                        "{} situation{plural} de ce thème · {}",
                        s.situations, s.level
                    ))
                    .clicked()
                {
                    action = Some(ProgressAction::Play(s.path.clone()));
                }
            }
            if let Some(drill) = &weak.drill
                && ui.button(format!("✏ {}", drill.label)).clicked()
            {
                action = Some(ProgressAction::Drill(drill.kind));
            }
            if weak.scenarios.is_empty() && weak.drill.is_none() {
                ui.label(
                    RichText::new("Aucun scénario de la bibliothèque ne l'entraîne.")
                        .small()
                        .color(MUTED),
                );
            }
        });
    });
    ui.add_space(4.0);
    action
}

/// A theme's name and a bar of its share kept: two cells of the themes' grid.
fn theme_row(ui: &mut Ui, row: &ThemeRow) {
    ui.scope(|ui| {
        ui.set_max_width(260.0);
        ui.add(egui::Label::new(&row.label).truncate())
            .on_hover_text(format!(
                "{} : {} points en jeu sur {} séance(s)",
                row.label,
                number(row.stake),
                row.sessions
            ));
    });
    ui.add(
        ProgressBar::new(row.success as f32)
            .desired_width(160.0)
            .fill(theme::level_colour(row.success as f32))
            .text(percent(row.success)),
    );
}

fn session_text(row: &SessionRow) -> (String, RichText) {
    let level = if row.level.is_empty() {
        String::new()
    } else {
        format!(" ({})", row.level)
    };
    let main = format!("{} · {} · {}{level}", row.date, row.kind, row.title);
    let mut verdict = format!(
        "{}/100 {}",
        row.overall,
        if row.validated { "✔" } else { "✖" }
    );
    if row.critical_errors > 0 {
        verdict.push_str(&format!(" · {} élim.", row.critical_errors));
    }
    if row.resumes > 0 {
        let plural = if row.resumes > 1 { "s" } else { "" };
        verdict.push_str(&format!(" · {} reprise{plural}", row.resumes));
    }
    let colour = if row.validated { OK } else { DANGER };
    (main, RichText::new(verdict).color(colour))
}

fn sessions(ui: &mut Ui, rows: &[SessionRow]) -> Option<ProgressAction> {
    let mut action = None;
    ui.label(theme::heading(&format!("Séances ({})", rows.len())));
    let height = ui.spacing().interact_size.y;
    let width = ui.available_width();
    // Only the rows in sight are laid out: ten thousand sessions cost what twenty do.
    ScrollArea::vertical()
        .id_salt("progress-sessions")
        .auto_shrink([false, false])
        .show_rows(ui, height, rows.len(), |ui, range| {
            for row in &rows[range] {
                let (main, verdict) = session_text(row);
                let button = Button::selectable(false, main)
                    .right_text(verdict)
                    .truncate()
                    .min_size(vec2(width - 16.0, height));
                let response = ui.add(button).on_hover_text(format!(
                    "Revoir le débriefing de cette séance{}",
                    if row.critical_errors > 0 {
                        format!(" ({} erreur(s) éliminatoire(s))", row.critical_errors)
                    } else {
                        String::new()
                    }
                ));
                if response.clicked() {
                    action = Some(ProgressAction::Open(row.id.clone()));
                }
            }
        });
    action
}
