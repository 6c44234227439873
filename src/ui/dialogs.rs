//! The File › Open tour and Export dialogs. Every edit is sent as a command, so the
//! dialogs' state lives in the app state; the folder listing and the writing are done by
//! the platform.

use crate::date::Month;
use crate::export::ExportKind;
use crate::export::lesson::Paper;
use crate::i18n::{Script, Tr};
use crate::palette::Palette;
use crate::settings::Lang;
use crate::state::export_dialog::{
    CANCELLED, ExportDialog, ExportEdit, FPS_RANGE, Media, PAUSE_RANGE, SIZE_RANGE, SIZES,
    STEP_RANGE,
};
use crate::state::{AppState, Command};
use egui::Key;
use std::path::PathBuf;

pub fn dialogs_ui(ctx: &egui::Context, state: &AppState) -> Vec<Command> {
    let mut cmds = Vec::new();
    let tr = state.tr();
    if let Some(d) = state.tour_dialog() {
        let mut open = true;
        let mut path = d.path.clone();
        egui::Window::new(tr.ui("Open tour"))
            .id(egui::Id::unique("open_tour_dialog"))
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(tr.ui("Path of a tour file (JSON; see assets/FORMAT.md):"));
                let width = (ctx.content_rect().width() - 80.0).min(480.0);
                let r = ui.add(egui::TextEdit::singleline(&mut path).desired_width(width));
                if r.changed() {
                    cmds.push(Command::EditTourPath(path.clone()));
                }
                let submit = (r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)))
                    | ui.button(tr.ui("Open")).clicked();
                if submit {
                    cmds.push(Command::OpenTourFile(PathBuf::from(path.trim())));
                }
                if let Some(err) = &d.error {
                    ui.colored_label(ui.visuals().error_fg_color, err);
                }
            });
        if !open {
            cmds.push(Command::CloseTourDialog);
        }
    }
    if let Some(d) = state.export_dialog() {
        let mut open = true;
        let screen = ctx.content_rect();
        let title = match d.media {
            Media::Map => tr.ui("Export map"),
            Media::Animation => tr.ui("Export animation"),
            Media::Tour => tr.ui("Export tour"),
        };
        egui::Window::new(title)
            .id(egui::Id::unique("export_dialog"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            // Anchored at the top: what grows below (a question, a message) moves nothing above.
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 48.0))
            // One width whatever the choices show, so nothing moves under the pointer.
            .min_width((screen.width() - 40.0).min(600.0))
            .max_width((screen.width() - 40.0).min(600.0))
            .show(ctx, |ui| {
                export_ui(ui, d, state, &tr, &mut cmds);
            });
        if !open {
            cmds.push(Command::CloseExportDialog);
        }
    } else {
        // Closed: the next opening focuses the file name again.
        ctx.data_mut(|m| m.remove::<bool>(*OPENED));
    }
    cmds
}

/// Set while the export dialog is open, so its file name is focused only when it opens.
static OPENED: std::sync::LazyLock<egui::Id> =
    std::sync::LazyLock::new(|| egui::Id::unique("export_dialog_opened"));

fn export_ui(
    ui: &mut egui::Ui,
    d: &ExportDialog,
    state: &AppState,
    tr: &Tr<'_>,
    cmds: &mut Vec<Command>,
) {
    let edit = |cmds: &mut Vec<Command>, e| cmds.push(Command::ExportEdit(e));
    match d.media {
        Media::Map => ui.label(tr.ui_args(
            "The map at {date}, with title, date, legend and scale bar.",
            &[("date", &tr.month(state.month()))],
        )),
        Media::Animation => ui.label(tr.ui(
            "The map month by month, with title, date, legend and scale bar in every frame.",
        )),
        Media::Tour => ui.label(tr.ui(
            "A tour as a handout (a title page, then a page a stop) or as an animation (a frame a stop).",
        )),
    };
    ui.add_space(4.0);
    egui::Grid::new("export_choices")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label(tr.ui("Format"));
            ui.horizontal(|ui| {
                for (k, label) in d.media.kinds() {
                    let enabled = k != ExportKind::Mp4 || d.ffmpeg == Some(true);
                    let r = ui
                        .add_enabled(enabled, egui::RadioButton::new(d.kind == k, tr.ui(label)))
                        .on_disabled_hover_text(tr.ui(
                            "An MP4 is made by ffmpeg, which is not on the PATH: install ffmpeg (ffmpeg.org), or export a GIF, which needs nothing.",
                        ));
                    if r.clicked() {
                        edit(cmds, ExportEdit::Kind(k));
                    }
                }
            });
            ui.end_row();
            match d.media {
                Media::Map => {}
                Media::Animation => animation_rows(ui, d, tr, cmds),
                Media::Tour => tour_rows(ui, d, state, tr, cmds),
            }
            if d.media == Media::Tour && d.kind == ExportKind::Pdf {
                ui.label(tr.ui("Paper"));
                ui.horizontal(|ui| {
                    for (p, label) in [(Paper::A4, "A4"), (Paper::Letter, "Letter")] {
                        if ui.radio(d.paper == p, tr.ui(label)).clicked() {
                            edit(cmds, ExportEdit::Paper(p));
                        }
                    }
                });
                ui.end_row();
            } else {
                size_row(ui, d, tr, cmds);
            }
            names_rows(ui, d, tr, cmds);
        });
    // MP4 is greyed out: say why, and what to do.
    if d.media == Media::Animation && d.ffmpeg == Some(false) {
        ui.colored_label(
            ui.visuals().weak_text_color(),
            tr.ui("An MP4 is made by ffmpeg, which is not on the PATH: install ffmpeg (ffmpeg.org), or export a GIF, which needs nothing."),
        );
    }
    file_ui(ui, d, tr, cmds);
}

/// The animation's months, step and speed.
fn animation_rows(ui: &mut egui::Ui, d: &ExportDialog, tr: &Tr<'_>, cmds: &mut Vec<Command>) {
    for (label, month, from) in [("From", d.from, true), ("To", d.to, false)] {
        ui.label(tr.ui(label));
        ui.horizontal(|ui| {
            let (mut y, mut m) = (month.year(), month.month());
            let a = ui.add(
                egui::DragValue::new(&mut y)
                    .range(crate::date::START.year()..=crate::date::END.year()),
            );
            ui.label("-");
            let b = ui.add(egui::DragValue::new(&mut m).range(1..=12));
            ui.weak(tr.month(month));
            if a.changed() || b.changed() {
                let month = Month::new(y, m);
                cmds.push(Command::ExportEdit(if from {
                    ExportEdit::From(month)
                } else {
                    ExportEdit::To(month)
                }));
            }
        });
        ui.end_row();
    }
    ui.label(tr.ui("Months a frame"));
    ui.horizontal(|ui| {
        let mut step = d.step;
        if ui
            .add(egui::DragValue::new(&mut step).range(STEP_RANGE))
            .changed()
        {
            cmds.push(Command::ExportEdit(ExportEdit::Step(step)));
        }
        ui.label(tr.ui("Frames a second"));
        let mut fps = d.fps;
        if ui
            .add(egui::DragValue::new(&mut fps).range(FPS_RANGE))
            .changed()
        {
            cmds.push(Command::ExportEdit(ExportEdit::Fps(fps)));
        }
        ui.weak(tr.ui_args("{n} frames", &[("n", &d.frames().to_string())]));
    });
    ui.end_row();
}

/// The tour, and the seconds a stop of its animation.
fn tour_rows(
    ui: &mut egui::Ui,
    d: &ExportDialog,
    state: &AppState,
    tr: &Tr<'_>,
    cmds: &mut Vec<Command>,
) {
    ui.label(tr.ui("Tour"));
    let tours = state.tours();
    let shown = tours
        .iter()
        .find(|t| t.id == d.tour)
        .map_or_else(|| tr.ui("Choose a tour.").to_owned(), |t| t.title.clone());
    egui::ComboBox::from_id_salt("export_tour")
        .selected_text(shown)
        .width(ui.available_width().min(360.0))
        .show_ui(ui, |ui| {
            for t in tours {
                if ui.selectable_label(d.tour == t.id, &t.title).clicked() {
                    cmds.push(Command::ExportEdit(ExportEdit::Tour(t.id.clone())));
                }
            }
        });
    ui.end_row();
    if d.kind == ExportKind::Gif {
        ui.label(tr.ui("Seconds a stop"));
        let mut pause = d.pause;
        if ui
            .add(
                egui::DragValue::new(&mut pause)
                    .range(PAUSE_RANGE)
                    .speed(0.1),
            )
            .changed()
        {
            cmds.push(Command::ExportEdit(ExportEdit::Pause(pause)));
        }
        ui.end_row();
    }
}

fn size_row(ui: &mut egui::Ui, d: &ExportDialog, tr: &Tr<'_>, cmds: &mut Vec<Command>) {
    let edit = |cmds: &mut Vec<Command>, e| cmds.push(Command::ExportEdit(e));
    ui.label(tr.ui("Size"));
    ui.horizontal(|ui| {
        let preset = SIZES.iter().find(|p| p.size == d.size);
        let shown = preset.map_or_else(
            || tr.ui("Custom").to_owned(),
            |p| format!("{} {}×{}", tr.ui(p.label), p.size[0], p.size[1]),
        );
        egui::ComboBox::from_id_salt("export_size")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for p in SIZES {
                    let text = format!("{} {}×{}", tr.ui(p.label), p.size[0], p.size[1]);
                    if ui.selectable_label(d.size == p.size, text).clicked() {
                        edit(cmds, ExportEdit::Size(p.size[0], p.size[1]));
                    }
                }
            });
        let (mut w, mut h) = (d.size[0], d.size[1]);
        let a = ui.add(egui::DragValue::new(&mut w).range(SIZE_RANGE).speed(10));
        ui.label("×");
        let b = ui.add(egui::DragValue::new(&mut h).range(SIZE_RANGE).speed(10));
        if a.changed() || b.changed() {
            edit(cmds, ExportEdit::Size(w, h));
        }
    });
    ui.end_row();
}

fn names_rows(ui: &mut egui::Ui, d: &ExportDialog, tr: &Tr<'_>, cmds: &mut Vec<Command>) {
    let edit = |cmds: &mut Vec<Command>, e| cmds.push(Command::ExportEdit(e));
    ui.label(tr.ui("Names"));
    ui.horizontal(|ui| {
        for l in Lang::ALL {
            if ui.radio(d.lang == l, l.label()).clicked() {
                edit(cmds, ExportEdit::Lang(l));
            }
        }
        if d.lang != Lang::English {
            ui.separator();
            for s in Script::ALL {
                if ui.radio(d.script == s, s.label()).clicked() {
                    edit(cmds, ExportEdit::Script(s));
                }
            }
        }
    });
    ui.end_row();

    ui.label(tr.ui("Colours"));
    egui::ComboBox::from_id_salt("export_palette")
        .selected_text(tr.ui(d.palette.label()))
        .show_ui(ui, |ui| {
            for p in Palette::ALL {
                if ui
                    .selectable_label(d.palette == p, tr.ui(p.label()))
                    .clicked()
                {
                    edit(cmds, ExportEdit::Palette(p));
                }
            }
        });
    ui.end_row();

    ui.label("");
    if ui
        .checkbox(&mut d.relief.clone(), tr.ui("Relief (shaded terrain)"))
        .clicked()
    {
        edit(cmds, ExportEdit::Relief(!d.relief));
    }
    ui.end_row();
}

/// The folder, the file name, the question, Save, the progress and the outcome.
fn file_ui(ui: &mut egui::Ui, d: &ExportDialog, tr: &Tr<'_>, cmds: &mut Vec<Command>) {
    let edit = |cmds: &mut Vec<Command>, e| cmds.push(Command::ExportEdit(e));
    ui.separator();
    if crate::platform::HAS_FOLDERS {
        folder_ui(ui, d, tr, cmds);
    } else {
        ui.label(tr.ui("The browser saves the file where it keeps downloads."));
    }
    ui.add_space(4.0);
    let file_name = d.file_name();
    let mut name = d.name.clone();
    let mut submit = false;
    ui.horizontal(|ui| {
        ui.label(tr.ui("File name"));
        let id = egui::Id::unique("export_file_name");
        let r = ui.add(
            egui::TextEdit::singleline(&mut name)
                .desired_width(ui.available_width().min(360.0))
                .id(id),
        );
        // Just opened: the name is ready to type over, and Enter saves.
        if ui.data(|m| m.get_temp::<bool>(*OPENED).is_none()) {
            ui.data_mut(|m| m.insert_temp(*OPENED, true));
            r.request_focus();
        }
        if r.changed() {
            edit(cmds, ExportEdit::Name(name.clone()));
        }
        submit = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    });
    if !file_name.is_empty() && file_name != d.name.trim() {
        ui.weak(tr.ui_args("Saved as {name}", &[("name", &file_name)]));
    }
    if d.lists_file(&file_name) && d.replace.is_none() {
        ui.weak(
            tr.ui("A file of this name is in the folder: you will be asked before it is replaced."),
        );
    }
    if let Some(path) = &d.replace {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(1.5, ui.visuals().warn_fg_color))
            .show(ui, |ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    tr.ui_args(
                        "A file named {name} already exists. Replace it?",
                        &[("name", &name)],
                    ),
                );
                ui.horizontal(|ui| {
                    if ui.button(tr.ui("Replace")).clicked() {
                        cmds.push(Command::ExportReplace(true));
                    }
                    if ui.button(tr.ui("Keep the old file")).clicked() {
                        cmds.push(Command::ExportReplace(false));
                    }
                });
            });
    }
    ui.horizontal(|ui| {
        let ready = d.saving.is_none() && d.replace.is_none();
        let save = ui.add_enabled(
            ready,
            egui::Button::new(if crate::platform::HAS_FOLDERS {
                tr.ui("Save")
            } else {
                tr.ui("Download")
            })
            .min_size([96.0, 0.0].into()),
        );
        if (save.clicked() || submit) && ready {
            cmds.push(Command::ExportSave);
        }
        if ui.button(tr.ui("Close")).clicked() {
            cmds.push(Command::CloseExportDialog);
        }
        if d.saving.is_some() && d.media != Media::Map {
            if ui.button(tr.ui("Cancel")).clicked() {
                cmds.push(Command::ExportCancel);
            }
        } else if d.saving.is_some() {
            ui.spinner();
            ui.label(tr.ui("Saving…"));
        }
    });
    if d.saving.is_some() && d.media != Media::Map {
        match d.progress {
            // Until the job has counted its frames there is nothing to count against:
            // an animated bar that says it is working, not "0 of 0".
            Some((done, total)) if total > 0 => {
                #[expect(clippy::cast_precision_loss, reason = "a fraction for a bar")]
                let fraction = done as f32 / total as f32;
                ui.add(egui::ProgressBar::new(fraction).text(tr.ui_args(
                    "{done} of {total}",
                    &[("done", &done.to_string()), ("total", &total.to_string())],
                )));
            }
            _ => {
                ui.add(
                    egui::ProgressBar::new(0.0)
                        .animate(true)
                        .text(tr.ui("Saving…")),
                );
            }
        }
    }
    match &d.result {
        Some(Ok((path, bytes))) => {
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let folder = path
                .parent()
                .map_or_else(String::new, |p| p.display().to_string());
            let green = if ui.visuals().dark_mode {
                egui::Color32::from_rgb(120, 220, 140)
            } else {
                egui::Color32::from_rgb(0, 110, 40)
            };
            let size = human_size(*bytes);
            let text = if folder.is_empty() {
                tr.ui_args(
                    "Downloaded {name} ({size})",
                    &[("name", &name), ("size", &size)],
                )
            } else {
                tr.ui_args(
                    "Saved {name} ({size}) in {folder}",
                    &[("name", &name), ("size", &size), ("folder", &folder)],
                )
            };
            ui.colored_label(green, egui::RichText::new(text).strong());
        }
        Some(Err(e)) if e == CANCELLED => {
            ui.label(tr.ui(CANCELLED));
        }
        Some(Err(e)) => {
            ui.colored_label(
                ui.visuals().error_fg_color,
                tr.ui_args("Could not save: {error}", &[("error", tr.ui(e))]),
            );
        }
        None => {}
    }
}

/// The folder: up, the path, the usual places, and the folder's contents.
fn folder_ui(ui: &mut egui::Ui, d: &ExportDialog, tr: &Tr<'_>, cmds: &mut Vec<Command>) {
    let edit = |cmds: &mut Vec<Command>, e| cmds.push(Command::ExportEdit(e));
    ui.horizontal(|ui| {
        ui.label(tr.ui("Folder"));
        if ui
            .add_enabled(d.folder.parent().is_some(), egui::Button::new(tr.ui("Up")))
            .on_hover_text(tr.ui("The folder above"))
            .clicked()
        {
            edit(cmds, ExportEdit::Up);
        }
        ui.add(
            egui::Label::new(egui::RichText::new(d.folder.display().to_string()).monospace())
                .truncate(),
        );
    });
    ui.horizontal_wrapped(|ui| {
        for p in &d.places {
            if ui
                .selectable_label(d.folder == p.path, tr.ui(&p.label))
                .clicked()
            {
                edit(cmds, ExportEdit::Folder(p.path.clone()));
            }
        }
    });
    // The list gets what height the screen has to spare.
    let spare = ui.ctx().content_rect().height() - 470.0;
    let height = spare.clamp(72.0, 220.0);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_min_width(ui.available_width());
        egui::ScrollArea::vertical()
            .max_height(height)
            .min_scrolled_height(height)
            .auto_shrink([false, true])
            .show(ui, |ui| match &d.listing {
                None => {
                    ui.spinner();
                }
                Some(Err(e)) => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        tr.ui_args("Cannot open this folder: {error}", &[("error", tr.ui(e))]),
                    );
                }
                Some(Ok(entries)) if entries.is_empty() => {
                    ui.weak(tr.ui("No folders and no files of this format here."));
                }
                Some(Ok(entries)) => {
                    let file_name = d.file_name();
                    for e in entries {
                        if e.is_dir {
                            if ui.selectable_label(false, format!("{}/", e.name)).clicked() {
                                edit(cmds, ExportEdit::Folder(d.folder.join(&e.name)));
                            }
                        } else if ui.selectable_label(e.name == file_name, &e.name).clicked() {
                            edit(cmds, ExportEdit::Name(e.name.clone()));
                        }
                    }
                }
            });
    });
}

/// "812 kB", "1.4 MB".
fn human_size(bytes: u64) -> String {
    #[expect(
        clippy::cast_precision_loss,
        reason = "file sizes, shown to one decimal"
    )]
    let b = bytes as f64;
    if b >= 1e6 {
        format!("{:.1} MB", b / 1e6)
    } else {
        format!("{:.0} kB", (b / 1e3).max(1.0))
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Script, ui_catalog};
    use crate::state::export_dialog::{CANCELLED, Media};

    /// The texts the dialog translates that are not literals in its calls (the scan of
    /// `i18n::tests` finds only those).
    #[test]
    fn the_dialog_s_other_texts_are_translated() {
        let mut texts: Vec<String> = crate::state::export_dialog::SIZES
            .iter()
            .map(|p| p.label.to_owned())
            .collect();
        texts.extend(["Home", "Desktop", "Documents", "Pictures", "Computer"].map(str::to_owned));
        texts.extend(
            crate::folders::places()
                .into_iter()
                .map(|p| p.label)
                .filter(|l| !l.ends_with(':')),
        );
        texts.extend(["Type a file name.", "this folder does not exist"].map(str::to_owned));
        for media in [Media::Map, Media::Animation, Media::Tour] {
            texts.extend(media.kinds().map(|(_, label)| label.to_owned()));
        }
        texts.extend(
            [
                CANCELLED,
                "The first month comes after the last.",
                "From",
                "To",
                "A4",
                "Letter",
            ]
            .map(str::to_owned),
        );
        for t in texts {
            for s in Script::ALL {
                assert!(ui_catalog().has(s, &t), "{t:?} in {s:?}");
            }
        }
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(super::human_size(812_345), "812 kB");
        assert_eq!(super::human_size(1_400_000), "1.4 MB");
        assert_eq!(super::human_size(12), "1 kB");
    }
}
