//! Where the map is drawn and how projected kilometres become output units (points on
//! screen, pixels in an export). Pure: no egui here.

use crate::geometry::BBox;

/// A rectangle in output units.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Rect {
    pub min: [f32; 2],
    pub max: [f32; 2],
}

impl Rect {
    pub const fn from_min_max(min: [f32; 2], max: [f32; 2]) -> Self {
        Self { min, max }
    }

    pub fn from_min_size(min: [f32; 2], size: [f32; 2]) -> Self {
        Self {
            min,
            max: [min[0] + size[0], min[1] + size[1]],
        }
    }

    /// The smallest rectangle holding every point (an empty one at the origin for none).
    pub fn from_points(points: &[[f32; 2]]) -> Self {
        let Some(&first) = points.first() else {
            return Self::from_min_size([0.0, 0.0], [0.0, 0.0]);
        };
        let (mut min, mut max) = (first, first);
        for p in points {
            min = [min[0].min(p[0]), min[1].min(p[1])];
            max = [max[0].max(p[0]), max[1].max(p[1])];
        }
        Self::from_min_max(min, max)
    }

    pub fn from_center_size(c: [f32; 2], size: [f32; 2]) -> Self {
        Self::from_min_size([c[0] - size[0] / 2.0, c[1] - size[1] / 2.0], size)
    }

    pub fn width(&self) -> f32 {
        self.max[0] - self.min[0]
    }

    pub fn height(&self) -> f32 {
        self.max[1] - self.min[1]
    }

    pub fn center(&self) -> [f32; 2] {
        [
            f32::midpoint(self.min[0], self.max[0]),
            f32::midpoint(self.min[1], self.max[1]),
        ]
    }

    pub fn contains(&self, p: [f32; 2]) -> bool {
        p[0] >= self.min[0] && p[0] <= self.max[0] && p[1] >= self.min[1] && p[1] <= self.max[1]
    }

    /// Whether the two rectangles share some area.
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.min[0] < o.max[0]
            && o.min[0] < self.max[0]
            && self.min[1] < o.max[1]
            && o.min[1] < self.max[1]
    }

    /// Whether `o` lies wholly inside.
    pub fn encloses(&self, o: &Rect) -> bool {
        o.min[0] >= self.min[0]
            && o.min[1] >= self.min[1]
            && o.max[0] <= self.max[0]
            && o.max[1] <= self.max[1]
    }

    #[must_use]
    pub fn expand(&self, by: f32) -> Self {
        Self {
            min: [self.min[0] - by, self.min[1] - by],
            max: [self.max[0] + by, self.max[1] + by],
        }
    }

    #[must_use]
    pub fn shrink(&self, by: f32) -> Self {
        self.expand(-by)
    }

    #[must_use]
    pub fn translate(&self, d: [f32; 2]) -> Self {
        Self {
            min: [self.min[0] + d[0], self.min[1] + d[1]],
            max: [self.max[0] + d[0], self.max[1] + d[1]],
        }
    }

    pub fn area(&self) -> f32 {
        self.width().max(0.0) * self.height().max(0.0)
    }
}

/// Projected km to output units: `out = origin + (x, -y) * scale`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transform {
    pub origin: [f64; 2],
    /// Output units per km.
    pub scale: f64,
}

impl Transform {
    /// The transform that puts `center` (km) at the middle of `rect`.
    pub fn centered(rect: Rect, center: [f64; 2], scale: f64) -> Self {
        let c = rect.center();
        Self {
            origin: [
                f64::from(c[0]) - center[0] * scale,
                f64::from(c[1]) + center[1] * scale,
            ],
            scale,
        }
    }

    /// The transform that fits `bounds` inside `rect` with a margin.
    pub fn fit(rect: Rect, bounds: BBox, margin: f32) -> Self {
        let [w, h] = bounds.size();
        let scale = (f64::from(rect.width() - 2.0 * margin) / w.max(1.0))
            .min(f64::from(rect.height() - 2.0 * margin) / h.max(1.0))
            .max(1e-6);
        Self::centered(rect, bounds.center(), scale)
    }

    #[expect(
        clippy::cast_possible_truncation,
        reason = "screen coordinates fit in f32"
    )]
    pub fn apply(&self, p: [f64; 2]) -> [f32; 2] {
        [
            (self.origin[0] + p[0] * self.scale) as f32,
            (self.origin[1] - p[1] * self.scale) as f32,
        ]
    }

    pub fn invert(&self, s: [f32; 2]) -> [f64; 2] {
        [
            (f64::from(s[0]) - self.origin[0]) / self.scale,
            -(f64::from(s[1]) - self.origin[1]) / self.scale,
        ]
    }
}

/// The scale bar's length: the longest of these round numbers that fits.
pub const SCALE_STEPS_KM: [f64; 8] = [25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0];

/// The longest round length (km) whose bar is at most `max_units` long.
pub fn scale_step(scale: f64, max_units: f64) -> f64 {
    let km = max_units / scale.max(1e-9);
    SCALE_STEPS_KM
        .into_iter()
        .rev()
        .find(|&n| n <= km)
        .unwrap_or(SCALE_STEPS_KM[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transform_round_trips() {
        let t = Transform::centered(
            Rect::from_min_size([10.0, 20.0], [800.0, 600.0]),
            [120.0, -40.0],
            0.5,
        );
        assert_eq!(t.apply([120.0, -40.0]), [410.0, 320.0]);
        let back = t.invert(t.apply([300.0, 77.0]));
        assert!((back[0] - 300.0).abs() < 0.01 && (back[1] - 77.0).abs() < 0.01);
    }

    #[test]
    fn scale_bar_steps_are_round() {
        assert_eq!(scale_step(0.5, 140.0), 250.0);
        assert_eq!(scale_step(0.1, 140.0), 1000.0);
        assert_eq!(scale_step(10.0, 140.0), 25.0);
    }

    #[test]
    fn rects_overlap_and_enclose() {
        let a = Rect::from_min_size([0.0, 0.0], [10.0, 10.0]);
        let b = Rect::from_min_size([5.0, 5.0], [10.0, 10.0]);
        assert!(a.overlaps(&b));
        assert!(!a.overlaps(&b.translate([20.0, 0.0])));
        assert!(a.expand(1.0).encloses(&a));
    }
}
