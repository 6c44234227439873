//! Every colour the map uses, in one place, keyed by palette and theme. The live map, the
//! SVG/PNG export and the legend all read their colours from a [`Style`]; power colours
//! come from `powers.json` (a palette may override them there), never from ids written in
//! code. Pure: no egui here.

use crate::data::Power;
use crate::palette::{self, Palette};
use crate::settings::Theme;

/// An sRGB colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    pub const WHITE: Self = Self([255, 255, 255, 255]);
    pub const BLACK: Self = Self([0, 0, 0, 255]);
    pub const TRANSPARENT: Self = Self([0, 0, 0, 0]);

    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self([r, g, b, 255])
    }

    /// An opaque colour from `0xRRGGBB`.
    pub const fn hex(v: u32) -> Self {
        let [_, r, g, b] = v.to_be_bytes();
        Self([r, g, b, 255])
    }

    /// An opaque colour from three channels.
    pub const fn from_rgb(c: [u8; 3]) -> Self {
        Self([c[0], c[1], c[2], 255])
    }

    /// Black with this alpha.
    pub const fn black_alpha(a: u8) -> Self {
        Self([0, 0, 0, a])
    }

    /// White with this alpha.
    pub const fn white_alpha(a: u8) -> Self {
        Self([255, 255, 255, a])
    }

    pub const fn rgb_channels(self) -> [u8; 3] {
        [self.0[0], self.0[1], self.0[2]]
    }

    pub const fn alpha(self) -> u8 {
        self.0[3]
    }

    /// The same colour with another alpha.
    #[must_use]
    pub const fn with_alpha(self, a: u8) -> Self {
        Self([self.0[0], self.0[1], self.0[2], a])
    }

    /// The colour multiplied towards black (`f` = 1 keeps it).
    #[must_use]
    pub fn darker(self, f: f32) -> Self {
        let f = f.clamp(0.0, 1.0);
        let ch = |v: u8| (f32::from(v) * f).round().clamp(0.0, 255.0) as u8;
        Self([ch(self.0[0]), ch(self.0[1]), ch(self.0[2]), self.0[3]])
    }

    /// The colour with its alpha scaled by `f` (for fading).
    #[must_use]
    pub fn faded(self, f: f32) -> Self {
        let a = (f32::from(self.0[3]) * f.clamp(0.0, 1.0)).round() as u8;
        self.with_alpha(a)
    }

    /// `#rrggbb`, for SVG.
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }

    /// Alpha as 0..1, for SVG's `*-opacity`.
    pub fn opacity(self) -> f32 {
        f32::from(self.0[3]) / 255.0
    }
}

/// A line's colour and width (in output units: points on screen, pixels in an export).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    pub width: f32,
    pub color: Rgba,
}

impl Stroke {
    pub const fn new(width: f32, color: Rgba) -> Self {
        Self { width, color }
    }
}

/// The colours of the map for one palette and theme.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    pub palette: Palette,
    pub theme: Theme,
    /// The sea, and the map's background.
    pub sea: Rgba,
    /// Land outside the regions (and regions with no holder).
    pub land: Rgba,
    pub coast: Rgba,
    /// Borders between regions of one power.
    pub border_thin: Rgba,
    /// Borders between powers.
    pub border_thick: Rgba,
    pub river: Rgba,
    /// Mountain crests, and the names of ranges.
    pub range: Rgba,
    pub range_text: Rgba,
    /// The light outline behind map text.
    pub halo: Rgba,
    /// Place names.
    pub text: Rgba,
    /// Names of land outside the study area.
    pub area_text: Rgba,
    /// Names of seas.
    pub sea_text: Rgba,
    /// Names of regions when zoomed in.
    pub region_text: Rgba,
    /// The stripes of doubtful control.
    pub stripes: Rgba,
    /// Outlines of an event's or a tour stop's regions.
    pub highlight: Rgba,
    /// Outlines of regions that changed hands since the comparison date.
    pub compare: Rgba,
    /// Outline of the selected region.
    pub selected: Rgba,
    /// Outline of the region under the pointer.
    pub hover: Rgba,
    /// Events of the month: the red diamonds, and the event ticks of the timeline.
    pub event: Rgba,
    pub marker_fill: Rgba,
    pub marker_stroke: Rgba,
    /// Panels drawn over the map (scale bar, inset frame): their fill and text.
    pub panel: Rgba,
    pub panel_text: Rgba,
    pub inset_frame: Rgba,
    /// The title band of an export.
    pub title_band: Rgba,
    pub title_text: Rgba,
    pub title_subtext: Rgba,
    pub title_date: Rgba,
    /// The page of an export, and its small print.
    pub page: Rgba,
    pub page_text: Rgba,
    pub page_subtext: Rgba,
    /// Certainty badges and dispute boxes in the panels.
    pub likely: Rgba,
    pub uncertain: Rgba,
    pub disputed: Rgba,
}

impl Style {
    /// The style for a palette and a theme.
    pub fn new(palette: Palette, theme: Theme) -> Self {
        let high = palette == Palette::HighContrast;
        let dark = theme == Theme::Dark;
        let text = Rgba::hex(0x14_14_14);
        Self {
            palette,
            theme,
            sea: if dark {
                Rgba::hex(0x1E_2A_36)
            } else {
                Rgba::hex(0xC9_DF_EC)
            },
            land: if dark {
                Rgba::hex(0x55_55_50)
            } else {
                Rgba::hex(0xE4_E0_D6)
            },
            coast: if dark {
                Rgba::hex(0x10_18_20)
            } else {
                Rgba::hex(0x5A_7A_90)
            },
            border_thin: Rgba::black_alpha(match (dark, high) {
                (_, true) => 150,
                (true, false) => 110,
                (false, false) => 90,
            }),
            border_thick: if high {
                Rgba::BLACK
            } else if dark {
                Rgba::hex(0x10_10_10)
            } else {
                Rgba::hex(0x33_2E_2A)
            },
            river: if dark {
                Rgba::hex(0x4A_90_C8)
            } else {
                Rgba::hex(0x3C_84_C0)
            },
            // Crests lie on the powers' fills, which are light in both themes.
            range: Rgba([0x6E, 0x3E, 0x14, 235]),
            range_text: Rgba::hex(0x5A_32_10),
            halo: Rgba::white_alpha(210),
            text,
            // Sea and area names sit on the sea or grey land: in the dark theme they are
            // light on dark, without a white halo.
            area_text: if dark {
                Rgba::hex(0xD0_D0_D0)
            } else {
                Rgba::hex(0x5E_5E_5E)
            },
            sea_text: if dark {
                Rgba::hex(0x9E_C4_E0)
            } else {
                Rgba::hex(0x2F_5F_82)
            },
            region_text: Rgba::hex(0x30_30_30),
            stripes: Rgba::black_alpha(if high { 95 } else { 70 }),
            highlight: Rgba::hex(0xE0_60_00),
            compare: Rgba::hex(0xC0_00_C0),
            selected: Rgba::hex(0xD0_10_10),
            hover: Rgba::white_alpha(230),
            event: Rgba::hex(0xC8_10_2E),
            marker_fill: Rgba::WHITE,
            marker_stroke: Rgba::hex(0x20_20_20),
            panel: if dark {
                Rgba([0x20, 0x24, 0x28, 225])
            } else {
                Rgba::white_alpha(215)
            },
            panel_text: if dark { Rgba::hex(0xF0_F0_F0) } else { text },
            inset_frame: Rgba::hex(0x30_30_30),
            title_band: Rgba::hex(0x1F_23_28),
            title_text: Rgba::WHITE,
            title_subtext: Rgba::hex(0xC8_CC_D0),
            title_date: Rgba::hex(0xFF_D2_1F),
            page: Rgba::WHITE,
            page_text: text,
            page_subtext: Rgba::hex(0x55_55_55),
            likely: Rgba::hex(0x4A_6A_8A),
            uncertain: Rgba::hex(0xA0_60_00),
            disputed: Rgba::hex(0xB0_20_60),
        }
    }

    /// The fill of a power in this palette.
    pub fn power_fill(&self, power: &Power) -> Rgba {
        Rgba::from_rgb(self.palette.fill(power))
    }

    /// The label colour that reads best on a power's fill.
    pub fn power_text(&self, power: &Power) -> Rgba {
        Rgba::from_rgb(palette::text_on(self.palette.fill(power)))
    }

    /// The colour of a power's routes: its fill, darkened.
    pub fn route(&self, power: &Power) -> Rgba {
        self.power_fill(power).darker(0.5)
    }

    /// The dots of a power's claim: its fill, darkened, slightly transparent.
    pub fn claim_dots(&self, power: &Power) -> Rgba {
        self.power_fill(power).darker(0.6).with_alpha(200)
    }

    /// How opaque the relief is over the land colour: full in the light theme; in the
    /// dark theme half, so the bright tints sink into the dark land.
    pub fn relief_opacity(&self) -> f32 {
        if self.theme == Theme::Dark { 0.5 } else { 1.0 }
    }

    /// How opaque the power fills are at least over the relief (0–255): enough to tell
    /// the powers apart, little enough for the land to show. The colour-blind palette keeps
    /// the most: its neighbours must stay ΔE 8 apart for deuteranopes and protanopes over
    /// the relief's darkest and lightest ground too (tests/readability.rs).
    pub fn relief_fill_alpha(&self) -> u8 {
        match (self.palette, self.theme) {
            (Palette::Default, Theme::Light) => 140,
            (Palette::Default, Theme::Dark) => 165,
            (Palette::ColorBlind, _) => 200,
            (Palette::HighContrast, _) => 215,
        }
    }

    /// The relief as the fills see it: a texture pixel drawn at [`Self::relief_opacity`]
    /// over the land colour.
    pub fn relief_ground(&self, pixel: [u8; 3]) -> [u8; 3] {
        blend(pixel, self.land.rgb_channels(), self.relief_opacity())
    }

    /// A fill over the relief (the colour of a region, or of land no power holds): its
    /// colour with the smallest alpha, from [`Self::relief_fill_alpha`] up, at which the
    /// labels drawn on it (the text [`palette::text_on`] picks for it, and the region
    /// names) keep 4.5:1 over the relief's darkest and lightest pixels in the study area.
    pub fn relief_fill(&self, fill: Rgba) -> Rgba {
        let Some(m) = crate::relief::meta() else {
            return fill;
        };
        let grounds = [m.study_area_darkest, m.study_area_lightest].map(|p| self.relief_ground(p));
        let rgb = fill.rgb_channels();
        // The texts that read on the flat fill; the relief must not lose them.
        let texts: Vec<[u8; 3]> = [palette::text_on(rgb), self.region_text.rgb_channels()]
            .into_iter()
            .filter(|&t| palette::contrast(t, rgb) >= 4.6)
            .collect();
        let reads = |a: u8| {
            grounds.iter().all(|&g| {
                let on = blend(rgb, g, f32::from(a) / 255.0);
                // A little margin over 4.5: the app's JPEG decoder may round a pixel
                // differently from the tool's.
                texts.iter().all(|&t| palette::contrast(t, on) >= 4.6)
            })
        };
        let mut a = self.relief_fill_alpha();
        while a < 255 && !reads(a) {
            a = a.saturating_add(5);
        }
        fill.with_alpha(a)
    }
}

/// `top` at `alpha` (0–1) over `bottom`, per sRGB channel (as the painters blend).
pub fn blend(top: [u8; 3], bottom: [u8; 3], alpha: f32) -> [u8; 3] {
    let a = alpha.clamp(0.0, 1.0);
    std::array::from_fn(|i| {
        (f32::from(top[i]) * a + f32::from(bottom[i]) * (1.0 - a))
            .round()
            .clamp(0.0, 255.0) as u8
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_convert_both_ways() {
        let c = Rgba::hex(0xC8_10_2E);
        assert_eq!(c.0, [0xC8, 0x10, 0x2E, 255]);
        assert_eq!(c.to_hex(), "#c8102e");
        assert_eq!(Rgba::rgb(200, 100, 50).darker(0.5).0, [100, 50, 25, 255]);
        assert_eq!(Rgba::WHITE.faded(0.5).alpha(), 128);
    }

    #[test]
    fn fills_over_the_relief_are_translucent_but_keep_labels_readable() {
        let m = crate::relief::meta().expect("relief.json parses");
        for palette in Palette::ALL {
            for theme in [Theme::Light, Theme::Dark] {
                let s = Style::new(palette, theme);
                let base = s.relief_fill_alpha();
                assert!((120..=220).contains(&base), "{palette:?} {theme:?}");
                for fill in [Rgba::hex(0xE8_A0_A0), Rgba::hex(0x4F_A3_FF), s.land] {
                    let f = s.relief_fill(fill);
                    assert_eq!(f.rgb_channels(), fill.rgb_channels());
                    assert!(
                        f.alpha() >= base && f.alpha() < 255,
                        "{palette:?} {theme:?} {f:?}"
                    );
                    for p in [m.study_area_darkest, m.study_area_lightest] {
                        let on = blend(fill.rgb_channels(), s.relief_ground(p), f.opacity());
                        let t = palette::text_on(fill.rgb_channels());
                        assert!(palette::contrast(t, on) >= 4.5, "{palette:?} {theme:?}");
                    }
                }
            }
        }
        // A dark fill needs more of itself over the relief's light pixels.
        let s = Style::new(Palette::Default, Theme::Light);
        assert!(s.relief_fill(Rgba::hex(0x44_BB_99)).alpha() >= s.relief_fill_alpha());
    }

    #[test]
    fn blending_is_linear_in_srgb_channels() {
        assert_eq!(blend([255, 0, 100], [0, 255, 100], 1.0), [255, 0, 100]);
        assert_eq!(blend([255, 0, 100], [0, 255, 100], 0.0), [0, 255, 100]);
        assert_eq!(blend([200, 0, 0], [0, 0, 0], 0.5), [100, 0, 0]);
        assert_eq!(
            Style::new(Palette::Default, Theme::Light).relief_opacity(),
            1.0
        );
    }

    #[test]
    fn text_on_the_map_reads_on_its_ground() {
        for palette in Palette::ALL {
            for theme in [Theme::Light, Theme::Dark] {
                let s = Style::new(palette, theme);
                let on = |t: Rgba, g: Rgba| palette::contrast(t.rgb_channels(), g.rgb_channels());
                assert!(on(s.sea_text, s.sea) >= 4.5, "{palette:?} {theme:?} sea");
                assert!(on(s.area_text, s.land) >= 3.0, "{palette:?} {theme:?} land");
                assert!(
                    on(s.panel_text, s.panel) >= 4.5,
                    "{palette:?} {theme:?} panel"
                );
            }
        }
    }
}
