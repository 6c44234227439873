//! Colour palettes for the powers, and the colour science that checks them: WCAG contrast
//! and colour-vision-deficiency simulation. Pure: no egui here.

use crate::data::Power;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Palette {
    /// The data's own colours: soft, atlas-like.
    #[default]
    Default,
    /// Paul Tol's "light" scheme, distinguishable with deuteranopia and protanopia.
    #[serde(rename = "colorblind", alias = "color_blind")]
    ColorBlind,
    /// Saturated fills and black borders for washed-out projectors.
    #[serde(rename = "high-contrast", alias = "high_contrast")]
    HighContrast,
}

impl Palette {
    pub const ALL: [Palette; 3] = [Palette::Default, Palette::ColorBlind, Palette::HighContrast];

    pub fn label(self) -> &'static str {
        match self {
            Self::Default => "Atlas (default)",
            Self::ColorBlind => "Colour-blind safe",
            Self::HighContrast => "High contrast",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Self::Default => "default",
            Self::ColorBlind => "colorblind",
            Self::HighContrast => "high-contrast",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The fill of a power: its colour for this palette from `powers.json`, or its own
    /// colour when the data gives none for this palette.
    pub fn fill(self, power: &Power) -> [u8; 3] {
        power
            .palette_colors
            .iter()
            .find(|(id, _)| id == self.id())
            .map_or(power.color, |(_, c)| *c)
    }
}

/// An sRGB channel (0-255) in linear light (0-1).
fn lin(v: u8) -> f64 {
    let s = f64::from(v) / 255.0;
    if s <= 0.04045 {
        s / 12.92
    } else {
        ((s + 0.055) / 1.055).powf(2.4)
    }
}

/// WCAG relative luminance of an sRGB colour.
pub fn luminance(c: [u8; 3]) -> f64 {
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

/// WCAG contrast ratio, 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

pub const DARK_TEXT: [u8; 3] = [0x14, 0x14, 0x14];
pub const LIGHT_TEXT: [u8; 3] = [0xFF, 0xFF, 0xFF];

/// The label colour that reads best on a fill.
pub fn text_on(fill: [u8; 3]) -> [u8; 3] {
    if contrast(DARK_TEXT, fill) >= contrast(LIGHT_TEXT, fill) {
        DARK_TEXT
    } else {
        LIGHT_TEXT
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deficiency {
    Deuteranopia,
    Protanopia,
}

/// Simulates how a colour looks with a colour-vision deficiency (Machado et al. 2009,
/// severity 1.0, applied in linear RGB).
pub fn simulate(c: [u8; 3], d: Deficiency) -> [u8; 3] {
    let m: [[f64; 3]; 3] = match d {
        Deficiency::Protanopia => [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ],
        Deficiency::Deuteranopia => [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ],
    };
    let enc = |v: f64| {
        let v = v.clamp(0.0, 1.0);
        let s = if v <= 0.0031308 {
            v * 12.92
        } else {
            1.055 * v.powf(1.0 / 2.4) - 0.055
        };
        (s * 255.0).round() as u8
    };
    let l = [lin(c[0]), lin(c[1]), lin(c[2])];
    let out: [f64; 3] = std::array::from_fn(|i| m[i][0] * l[0] + m[i][1] * l[1] + m[i][2] * l[2]);
    [enc(out[0]), enc(out[1]), enc(out[2])]
}

/// CIE L*a*b* of an sRGB colour (D65).
pub fn lab(c: [u8; 3]) -> [f64; 3] {
    let (r, g, b) = (lin(c[0]), lin(c[1]), lin(c[2]));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    [
        116.0 * f(y) - 16.0,
        500.0 * (f(x) - f(y)),
        200.0 * (f(y) - f(z)),
    ]
}

/// CIE76 colour difference.
pub fn delta_e(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (p, q) = (lab(a), lab(b));
    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_and_the_command_line_use_the_same_ids() {
        for p in Palette::ALL {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.id()));
            assert_eq!(Palette::from_id(p.id()), Some(p));
        }
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-6);
        assert!((contrast([0x77, 0x77, 0x77], [255, 255, 255]) - 4.48).abs() < 0.01);
    }

    #[test]
    fn simulation_keeps_greys_grey() {
        for d in [Deficiency::Deuteranopia, Deficiency::Protanopia] {
            let g = simulate([128, 128, 128], d);
            assert!(g.iter().all(|&v| (i32::from(v) - 128).abs() <= 2), "{g:?}");
        }
        // Red and green collapse for a deuteranope.
        let (r, g) = (
            simulate([200, 60, 60], Deficiency::Deuteranopia),
            simulate([60, 160, 60], Deficiency::Deuteranopia),
        );
        assert!(delta_e(r, g) < delta_e([200, 60, 60], [60, 160, 60]) / 2.0);
    }
}
