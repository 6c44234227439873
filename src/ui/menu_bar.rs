//! The menu bar: File, View, Tours, Help, and the buttons a teacher needs most.

use crate::palette::Palette;
use crate::settings::{Lang, Theme};
use crate::state::{AppState, Command, ExportKind, Layer, PanelKind};
use egui::RichText;

pub fn menu_bar_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut cmds = Vec::new();
    let settings = state.settings();
    let tr = state.tr();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(tr.ui("File"), |ui| {
            if ui.button(tr.ui("Open tour…")).clicked() {
                cmds.push(Command::PickTourFile);
            }
            if ui.button(tr.ui("Export map as PNG…")).clicked() {
                cmds.push(Command::Export(ExportKind::Png));
            }
            if ui.button(tr.ui("Export map as SVG…")).clicked() {
                cmds.push(Command::Export(ExportKind::Svg));
            }
            // Long exports run on a worker thread, which a web page does not have.
            let desktop = crate::platform::HAS_FOLDERS;
            for (label, cmd) in [
                ("Export animation…", Command::ExportAnimation),
                ("Export tour…", Command::ExportTour),
            ] {
                let r = ui
                    .add_enabled(desktop, egui::Button::new(tr.ui(label)))
                    .on_disabled_hover_text(
                        tr.ui("Animations and handouts are exported by the desktop app."),
                    );
                if r.clicked() {
                    cmds.push(cmd);
                }
            }
            // A browser tab is closed by the browser.
            if crate::platform::CAN_QUIT {
                ui.separator();
                if ui.button(tr.ui("Quit")).clicked() {
                    cmds.push(Command::Quit);
                }
            }
        });
        ui.menu_button(tr.ui("View"), |ui| {
            if ui.button(tr.ui("Quiz for students (Q)")).clicked() {
                cmds.push(Command::Quiz(crate::state::QuizCommand::Open));
            }
            ui.separator();
            ui.label(tr.ui("Colours"));
            for p in Palette::ALL {
                if ui.radio(settings.palette == p, tr.ui(p.label())).clicked() {
                    cmds.push(Command::SetPalette(p));
                }
            }
            ui.separator();
            ui.label(tr.ui("Names"));
            for l in Lang::ALL {
                if ui.radio(settings.lang == l, l.label()).clicked() {
                    cmds.push(Command::SetLang(l));
                }
            }
            ui.label(tr.ui("Chinese characters"));
            for sc in crate::i18n::Script::ALL {
                if ui.radio(settings.script == sc, sc.label()).clicked() {
                    cmds.push(Command::SetScript(sc));
                }
            }
            ui.separator();
            let dark = settings.theme == Theme::Dark;
            if ui
                .checkbox(&mut dark.clone(), tr.ui("Dark theme"))
                .clicked()
            {
                cmds.push(Command::SetDark(!dark));
            }
            ui.separator();
            for (flag, label, p) in [
                (settings.panels.legend, tr.ui("Legend"), PanelKind::Legend),
                (
                    settings.panels.details,
                    tr.ui("Region details"),
                    PanelKind::Details,
                ),
                (settings.panels.events, tr.ui("Events"), PanelKind::Events),
                (
                    settings.panels.chart,
                    tr.ui("Territory chart"),
                    PanelKind::Chart,
                ),
            ] {
                if ui.checkbox(&mut flag.clone(), label).clicked() {
                    cmds.push(Command::TogglePanel(p));
                }
            }
            ui.separator();
            for (flag, label, l) in [
                (settings.show_routes, tr.ui("Routes"), Layer::Routes),
                (settings.show_rivers, tr.ui("Rivers"), Layer::Rivers),
                (
                    settings.show_places,
                    tr.ui("Cities and passes"),
                    Layer::Places,
                ),
                (
                    settings.show_ranges,
                    tr.ui("Mountain ranges"),
                    Layer::Ranges,
                ),
                (
                    settings.show_relief,
                    tr.ui("Relief (shaded terrain)"),
                    Layer::Relief,
                ),
            ] {
                if ui.checkbox(&mut flag.clone(), label).clicked() {
                    cmds.push(Command::ToggleLayer(l));
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                ui.label(tr.ui_args(
                    "Text size {percent}%",
                    &[("percent", &format!("{:.0}", settings.ui_scale * 100.0))],
                ));
                if ui.button("−").clicked() {
                    cmds.push(Command::SetUiScale(settings.ui_scale - 0.1));
                }
                if ui.button("+").clicked() {
                    cmds.push(Command::SetUiScale(settings.ui_scale + 0.1));
                }
            });
        });
        ui.menu_button(tr.ui("Tours"), |ui| {
            for (i, t) in state.tours().iter_ids() {
                if ui
                    .button(tr.tour_title(t))
                    .on_hover_text(tr.tour_description(t))
                    .clicked()
                {
                    cmds.push(Command::StartTour(i));
                }
            }
            ui.separator();
            if ui.button(tr.ui("Open tour file…")).clicked() {
                cmds.push(Command::PickTourFile);
            }
        });
        ui.menu_button(tr.ui("Help"), |ui| {
            if ui.button(tr.ui("Keyboard shortcuts (?)")).clicked() {
                cmds.push(Command::ShowShortcuts(true));
            }
            if ui.button(tr.ui("Sources")).clicked() {
                cmds.push(Command::ShowSources(true));
            }
            if ui.button(tr.ui("About")).clicked() {
                cmds.push(Command::ShowAbout(true));
            }
        });
        ui.separator();
        ui.label(
            RichText::new(
                tr.ui("The Alliance Conducted at Sea · 海上之盟 · North-east Asia 1004–1142"),
            )
            .strong(),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(tr.ui("Presenter mode (F11)")).clicked() {
                cmds.push(Command::TogglePresenter);
            }
            if ui.button(tr.ui("Sources")).clicked() {
                cmds.push(Command::ShowSources(true));
            }
            if state.tour().is_none()
                && let Some(first) = state.tours().id_at(0)
                && ui.button(tr.ui("▶ Lesson tour")).clicked()
            {
                cmds.push(Command::StartTour(first));
            }
        });
    });
    cmds
}
