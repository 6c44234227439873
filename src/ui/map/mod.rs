//! The map widget: turns pointer input into commands, builds the scene (cached while
//! nothing changes) and paints it. It never changes the app's state itself.

mod levels;
mod mesh;
pub mod overlay;
pub mod paint;

use crate::data::RegionId;
use crate::date::Month;
use crate::scene::{self, Layers, Marks, Rect, Scene, SceneInput, Style};
use crate::settings::{Lang, Theme};
use crate::state::{AppState, Command};
use egui::{Pos2, Sense, pos2};
use std::sync::Arc;

/// Where the Central Asia inset sits by default: the map's bottom-left corner.
pub fn inset_egui_rect(map: egui::Rect) -> egui::Rect {
    let r = scene::inset_rect(scene_rect(map));
    egui::Rect::from_min_max(r.min.into(), r.max.into())
}

/// A rectangle in scene units from egui's.
pub fn scene_rect(r: egui::Rect) -> Rect {
    Rect::from_min_max([r.min.x, r.min.y], [r.max.x, r.max.y])
}

/// Everything a scene depends on: when it is unchanged, the cached scene is reused.
#[derive(Clone, Debug, PartialEq)]
struct SceneKey {
    month: Month,
    rect: [u32; 4],
    transform: [u64; 3],
    style: (crate::palette::Palette, Theme),
    lang: Lang,
    script: crate::i18n::Script,
    text_scale: u32,
    layers: Layers,
    selected: Option<RegionId>,
    hovered: Option<RegionId>,
    selected_event: Option<crate::data::EventId>,
    selected_place: Option<crate::data::PlaceId>,
    highlighted: Vec<RegionId>,
    compare: Vec<RegionId>,
    reserved: Vec<[u32; 4]>,
    inset: Option<[u32; 4]>,
    pixels_per_point: u32,
    hide: scene::Hide,
}

fn bits(r: Rect) -> [u32; 4] {
    [r.min[0], r.min[1], r.max[0], r.max[1]].map(f32::to_bits)
}

/// What the last scene was built for.
#[derive(Clone, Debug)]
pub struct LastView {
    pub rect: Rect,
    pub transform: scene::Transform,
    pub reserved: Vec<Rect>,
    pub inset: Option<Rect>,
}

/// The live map.
pub struct MapWidget {
    paint: paint::PaintCache,
    /// Label sizes from the bundled font's own metrics: egui draws map labels in that
    /// font, and measuring it the way the export does makes both place the same labels
    /// (egui's kerning moves a glyph by at most a pixel or two, inside a label's margin).
    measure: scene::FontMeasure,
    /// The view and overlays the last scene was built for.
    last_view: Option<LastView>,
    scene: Option<(SceneKey, Arc<Scene>)>,
    generation: u64,
    /// Where the map was drawn last frame.
    pub rect: egui::Rect,
}

impl Default for MapWidget {
    fn default() -> Self {
        Self {
            paint: paint::PaintCache::default(),
            measure: scene::FontMeasure::new(),
            last_view: None,
            scene: None,
            generation: 0,
            rect: egui::Rect::NOTHING,
        }
    }
}

impl MapWidget {
    /// The scene painted last (for tests and the legend).
    pub fn scene(&self) -> Option<&Arc<Scene>> {
        self.scene.as_ref().map(|(_, s)| s)
    }

    /// The map's rectangle, transform, overlays and inset of the last scene: with them a
    /// backend can build the same scene (the agreement test does, with the export's fonts).
    /// The relief texture and how many vertices of the relief mesh were last painted
    /// (None until the layer is first on).
    pub fn relief_painted(&self) -> Option<(egui::TextureId, usize)> {
        self.paint.relief_painted()
    }

    pub fn last_view(&self) -> Option<&LastView> {
        self.last_view.as_ref()
    }

    /// Shows the map in the remaining space, with the overlays laid out in `layout`.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        layout: &overlay::Layout,
    ) -> Vec<Command> {
        let reserved = &layout.reserved();
        let mut cmds = Vec::new();
        let rect = ui.available_rect_before_wrap();
        self.rect = rect;
        let response = ui.allocate_rect(rect, Sense::click_and_drag());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Image,
                true,
                format!("Map of north-east Asia in {}", state.month().long()),
            )
        });
        let map = scene_rect(rect);
        if state.camera().viewport() != map {
            cmds.push(Command::MapViewport(map));
        }
        // This frame is drawn with the new size at once.
        let mut camera = state.camera().clone();
        camera.set_viewport(map);
        // Pan and zoom.
        if response.dragged() {
            let d = response.drag_delta();
            cmds.push(Command::Pan { dx: d.x, dy: d.y });
            camera.pan(d.x, d.y);
        }
        if response.hovered()
            && let Some(p) = response.hover_pos()
        {
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
            let factor = f64::from(zoom) * (f64::from(scroll) / 300.0).exp();
            if (factor - 1.0).abs() > 1e-4 {
                cmds.push(Command::ZoomAt {
                    factor,
                    at: [p.x, p.y],
                });
                camera.zoom_at(factor, [p.x, p.y]);
            }
        }
        let t = camera.transform();
        let geom = state.geom();
        let inset = layout.inset.map(scene_rect);
        // Hover and click.
        let hovered = response.hover_pos().and_then(|p| {
            let at = [p.x, p.y];
            match inset.filter(|r| r.contains(at)) {
                Some(r) => geom.inset_region_at(scene::inset_transform(r, geom).invert(at)),
                None => geom.region_at(t.invert(at)),
            }
        });
        if hovered != state.hovered() {
            cmds.push(Command::Hover(hovered));
        }
        if response.double_clicked()
            && let Some(p) = response.interact_pointer_pos()
        {
            cmds.push(Command::ZoomAt {
                factor: 2.0,
                at: [p.x, p.y],
            });
        }

        let painter = ui.painter_at(rect);
        let settings = state.settings();
        let key = SceneKey {
            month: state.month(),
            rect: bits(map),
            transform: [
                t.origin[0].to_bits(),
                t.origin[1].to_bits(),
                t.scale.to_bits(),
            ],
            style: (settings.palette, settings.theme),
            lang: settings.lang,
            script: settings.script,
            text_scale: state.label_scale().to_bits(),
            layers: layers(state),
            selected: state.selected_region(),
            hovered,
            selected_event: state.selected_event(),
            selected_place: state.selected_place(),
            highlighted: state.highlighted().to_vec(),
            compare: state.compare_changed().to_vec(),
            reserved: reserved.iter().map(|r| bits(*r)).collect(),
            inset: inset.map(bits),
            pixels_per_point: ui.ctx().pixels_per_point().to_bits(),
            hide: state.quiz_hide(),
        };
        let scene = match &self.scene {
            Some((k, s)) if *k == key => s.clone(),
            _ => {
                let style = Style::new(settings.palette, settings.theme);
                let label_scale = state.label_scale();
                let s = Arc::new(scene::build(
                    &SceneInput {
                        atlas: state.atlas(),
                        geom,
                        snapshot: state.snapshot(),
                        rect: map,
                        transform: t,
                        inset,
                        reserved,
                        style: &style,
                        lang: settings.lang,
                        script: settings.script,
                        text_scale: label_scale,
                        line_scale: label_scale.sqrt(),
                        layers: key.layers,
                        marks: Marks {
                            selected: state.selected_region(),
                            hovered,
                            selected_event: state.selected_event(),
                            selected_place: state.selected_place(),
                            highlighted: state.highlighted(),
                            compare_changed: state.compare_changed(),
                            hide: key.hide,
                        },
                    },
                    &mut self.measure,
                ));
                self.generation += 1;
                self.scene = Some((key, s.clone()));
                self.last_view = Some(LastView {
                    rect: map,
                    transform: t,
                    reserved: reserved.clone(),
                    inset,
                });
                s
            }
        };
        // A click on a city's or a capital's marker (or its name) opens its card; anywhere
        // else it selects the region, as the scene just drawn shows them.
        let place_under = response
            .hover_pos()
            .and_then(|p| scene.place_at([p.x, p.y]));
        if response.clicked() {
            let place = response
                .interact_pointer_pos()
                .and_then(|p| scene.place_at([p.x, p.y]));
            // While a quiz question waits, a click on the map answers it.
            cmds.push(if state.quiz_takes_map() {
                Command::Quiz(crate::state::QuizCommand::Region(hovered))
            } else {
                match place {
                    Some(p) => Command::SelectPlace(Some(p)),
                    None => Command::SelectRegion(hovered),
                }
            });
        }
        let time = ui.input(|i| i.time);
        paint::paint(
            &painter,
            &mut self.paint,
            geom,
            &scene,
            self.generation,
            time,
        );
        if state.selected_event().is_some() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(50));
        }

        // The region card, only after the pointer rests on the map (never in presenter
        // mode, where it would cover the map in front of a class, nor while a quiz
        // question waits: it names the region and its holder).
        let rested = ui.input(|i| i.pointer.time_since_last_movement()) > 0.6;
        if let (Some(h), Some(p)) = (hovered, response.hover_pos())
            && !response.dragged()
            && !state.presenter()
            && state.quiz_question().is_none()
        {
            if rested {
                match place_under {
                    Some(place) => overlay::place_hover_card(&painter, state, place, p, rect),
                    None => overlay::hover_card(&painter, state, h, p, rect),
                }
            } else {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(650));
            }
        }
        let cursor = if response.dragged() {
            egui::CursorIcon::Grabbing
        } else if hovered.is_some() || place_under.is_some() {
            egui::CursorIcon::PointingHand
        } else {
            egui::CursorIcon::Grab
        };
        response.on_hover_cursor(cursor);
        cmds
    }
}

/// The layers the settings switch on.
pub fn layers(state: &AppState) -> Layers {
    let s = state.settings();
    Layers {
        routes: s.show_routes,
        rivers: s.show_rivers,
        places: s.show_places,
        ranges: s.show_ranges,
        relief: s.show_relief,
    }
}

/// Where a longitude and latitude are on screen now.
pub fn screen_pos(state: &AppState, lon: f64, lat: f64) -> Pos2 {
    let [x, y] = state.screen_pos(lon, lat);
    pos2(x, y)
}
