//! The map's view: where it looks, how close, and the flights of a tour. Pure: no egui.

use crate::geometry::BBox;
use crate::scene::{Rect, Transform};
use crate::settings::SavedView;

/// Output units (points) per km, least and most.
pub const MIN_SCALE: f64 = 0.05;
pub const MAX_SCALE: f64 = 12.0;
/// How long a flight takes, in seconds.
pub const FLIGHT_SECONDS: f64 = 1.2;

/// A centre (projected km) and a zoom (points per km).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub center: [f64; 2],
    pub scale: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Flight {
    from: View,
    to: View,
    elapsed: f64,
}

/// The camera: follows the window (the home view) until the user or a tour moves it.
#[derive(Clone, Debug, PartialEq)]
pub struct Camera {
    viewport: Rect,
    home: BBox,
    /// None: the home view.
    view: Option<View>,
    flight: Option<Flight>,
}

impl Camera {
    /// A camera over `home` (the bounds the home view shows).
    pub fn new(home: BBox) -> Self {
        Self {
            viewport: Rect::from_min_size([0.0, 0.0], [1280.0, 720.0]),
            home,
            view: None,
            flight: None,
        }
    }

    pub fn viewport(&self) -> Rect {
        self.viewport
    }

    /// The view that shows the whole study area in the viewport.
    pub fn home_view(&self) -> View {
        let t = Transform::fit(self.viewport, self.home, 8.0);
        View {
            center: self.home.center(),
            scale: t.scale.clamp(MIN_SCALE / 10.0, MAX_SCALE),
        }
    }

    /// The view now (mid-flight, the flight's current point).
    pub fn current(&self) -> View {
        let Some(f) = self.flight else {
            return self.view.unwrap_or_else(|| self.home_view());
        };
        let t = (f.elapsed / FLIGHT_SECONDS).clamp(0.0, 1.0);
        let e = t * t * (3.0 - 2.0 * t);
        let lerp = |a: f64, b: f64| a + (b - a) * e;
        // Zoom in log space so the flight feels even.
        let (a, b) = (f.from.scale.ln(), f.to.scale.ln());
        View {
            center: [
                lerp(f.from.center[0], f.to.center[0]),
                lerp(f.from.center[1], f.to.center[1]),
            ],
            scale: (a + (b - a) * e).exp(),
        }
    }

    /// Where the camera is going (the view now, when it is not flying).
    pub fn target(&self) -> View {
        match self.flight {
            Some(f) => f.to,
            None => self.current(),
        }
    }

    /// The transform of the target view.
    pub fn target_transform(&self) -> Transform {
        let v = self.target();
        Transform::centered(self.viewport, v.center, v.scale)
    }

    pub fn transform(&self) -> Transform {
        let v = self.current();
        Transform::centered(self.viewport, v.center, v.scale)
    }

    pub fn is_home(&self) -> bool {
        self.view.is_none() && self.flight.is_none()
    }

    pub fn is_flying(&self) -> bool {
        self.flight.is_some()
    }

    /// The map's rectangle changed; the view keeps its centre and zoom.
    pub fn set_viewport(&mut self, rect: Rect) {
        if rect.width() > 1.0 && rect.height() > 1.0 {
            self.viewport = rect;
        }
    }

    /// Settles a running flight where it is, so a drag or zoom starts from there.
    fn land(&mut self) {
        if self.flight.is_some() {
            self.view = Some(self.current());
            self.flight = None;
        }
    }

    pub fn pan(&mut self, dx: f32, dy: f32) {
        self.land();
        let mut v = self.current();
        v.center[0] -= f64::from(dx) / v.scale;
        v.center[1] += f64::from(dy) / v.scale;
        self.view = Some(v);
    }

    /// Zooms by `factor`, keeping the map point under the screen point `at` still.
    pub fn zoom_at(&mut self, factor: f64, at: [f32; 2]) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        self.land();
        let t = self.transform();
        let p = t.invert(at);
        let scale = (self.current().scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let c = self.viewport.center();
        self.view = Some(View {
            center: [
                p[0] - f64::from(at[0] - c[0]) / scale,
                p[1] + f64::from(at[1] - c[1]) / scale,
            ],
            scale,
        });
    }

    /// Zooms about the centre.
    pub fn zoom_by(&mut self, factor: f64) {
        self.zoom_at(factor, self.viewport.center());
    }

    pub fn reset(&mut self) {
        self.view = None;
        self.flight = None;
    }

    /// Flies to a centre (km) and a width of view (km).
    pub fn fly_to(&mut self, center: [f64; 2], span_km: f64) {
        let to = View {
            center,
            scale: (f64::from(self.viewport.width()) / span_km.max(1.0))
                .clamp(MIN_SCALE, MAX_SCALE),
        };
        self.fly_to_view(to);
    }

    /// Flies so that the box `b` (km) fills `clear`, the part of the viewport left free
    /// (above a tour caption), centred in it.
    pub fn fly_to_fit(&mut self, b: BBox, clear: Rect) {
        let (w, h) = (
            (b.max[0] - b.min[0]).max(1.0),
            (b.max[1] - b.min[1]).max(1.0),
        );
        let scale = (f64::from(clear.width().max(1.0)) / w)
            .min(f64::from(clear.height().max(1.0)) / h)
            .clamp(MIN_SCALE, MAX_SCALE);
        let (vc, cc, c) = (self.viewport.center(), clear.center(), b.center());
        self.fly_to_view(View {
            center: [
                c[0] - f64::from(cc[0] - vc[0]) / scale,
                c[1] + f64::from(cc[1] - vc[1]) / scale,
            ],
            scale,
        });
    }

    fn fly_to_view(&mut self, to: View) {
        let center = to.center;
        if !(center[0].is_finite() && center[1].is_finite() && to.scale.is_finite()) {
            return;
        }
        let from = self.current();
        self.flight = Some(Flight {
            from,
            to,
            elapsed: 0.0,
        });
        self.view = Some(to);
    }

    /// Advances a flight; returns whether the camera is still moving.
    pub fn tick(&mut self, dt: f64) -> bool {
        if let Some(f) = &mut self.flight {
            f.elapsed += dt.max(0.0);
            if f.elapsed >= FLIGHT_SECONDS {
                self.flight = None;
            }
        }
        self.flight.is_some()
    }

    /// The view to save in settings (None at the home view).
    pub fn saved_view(&self) -> Option<SavedView> {
        let v = self.view?;
        let span_km = f64::from(self.viewport.width().max(1.0)) / v.scale;
        (v.center.iter().all(|c| c.is_finite()) && span_km.is_finite() && span_km > 1.0).then_some(
            SavedView {
                center: v.center,
                span_km,
            },
        )
    }

    /// Restores a saved view; nonsense (far off the map, not finite) is ignored.
    pub fn restore(&mut self, view: SavedView) {
        if view
            .center
            .iter()
            .all(|v| v.is_finite() && v.abs() < 10_000.0)
            && view.span_km.is_finite()
            && view.span_km > 1.0
        {
            self.flight = None;
            self.view = Some(View {
                center: view.center,
                scale: (f64::from(self.viewport.width()) / view.span_km)
                    .clamp(MIN_SCALE, MAX_SCALE),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn camera() -> Camera {
        let mut c = Camera::new(BBox {
            min: [-1000.0, -1000.0],
            max: [1000.0, 1000.0],
        });
        c.set_viewport(Rect::from_min_size([0.0, 0.0], [800.0, 600.0]));
        c
    }

    #[test]
    fn zoom_keeps_the_point_under_the_pointer() {
        let mut c = camera();
        let at = [600.0, 150.0];
        let before = c.transform().invert(at);
        c.zoom_at(2.0, at);
        let after = c.transform().invert(at);
        assert!((before[0] - after[0]).abs() < 1e-6 && (before[1] - after[1]).abs() < 1e-6);
        assert!(!c.is_home());
        c.reset();
        assert!(c.is_home());
    }

    #[test]
    fn a_flight_lands_after_its_time() {
        let mut c = camera();
        c.fly_to([300.0, 200.0], 400.0);
        assert!(c.tick(0.5));
        let mid = c.current();
        assert!(mid.center[0] > 0.0 && mid.center[0] < 300.0);
        assert!(!c.tick(1.0));
        assert_eq!(c.current().center, [300.0, 200.0]);
        assert!((c.current().scale - 2.0).abs() < 1e-9);
    }

    #[test]
    fn a_view_round_trips_through_settings_and_nonsense_is_ignored() {
        let mut c = camera();
        c.pan(100.0, -50.0);
        let saved = c.saved_view().expect("moved");
        let mut d = camera();
        d.restore(saved);
        assert_eq!(c.current(), d.current());
        let mut e = camera();
        e.restore(SavedView {
            center: [f64::NAN, 0.0],
            span_km: 100.0,
        });
        assert!(e.is_home());
    }
}
