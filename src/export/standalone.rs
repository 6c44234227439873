//! The exported SVG as a file that looks the same everywhere: every label's text turned
//! into outlines of the bundled font (so Chromium, Inkscape and rsvg-convert need no CJK
//! font), the drawing's groups marked as Inkscape layers, and the words kept in the file
//! (the document's title and a hidden layer with every label as text).

use super::{ExportError, Renderer};
use std::fmt::Write as _;

/// The groups shown as layers in Inkscape (nested ones as sub-layers).
pub const LAYERS: [&str; 15] = [
    "title", "map", "fills", "patterns", "outlines", "borders", "rivers", "routes", "places",
    "labels", "scale", "inset", "legend", "events", "caption",
];

/// The SVG with its text as outlines, its groups as layers and its words kept.
pub fn standalone(svg: &str, renderer: &Renderer) -> Result<String, ExportError> {
    let tree = renderer.tree(svg)?;
    let options = resvg::usvg::WriteOptions {
        preserve_text: false,
        ..Default::default()
    };
    let mut out = tree.to_string(&options);
    for id in LAYERS {
        out = out.replacen(
            &format!("<g id=\"{id}\""),
            &format!("<g id=\"{id}\" inkscape:groupmode=\"layer\" inkscape:label=\"{id}\""),
            1,
        );
    }
    out = out.replacen(
        "<svg ",
        "<svg xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" ",
        1,
    );
    // The words: the title, then every text element as drawn, in a hidden layer.
    let mut words = String::new();
    if let Some(title) = between(svg, "<title>", "</title>").next() {
        let _ = writeln!(words, "<title>{title}</title>");
    }
    words.push_str(
        "<g id=\"words\" inkscape:groupmode=\"layer\" inkscape:label=\"words (the labels as text, hidden)\" style=\"display:none\">\n",
    );
    for t in texts(svg) {
        words.push_str(t);
        words.push('\n');
    }
    words.push_str("</g>\n");
    let at = out.find('>').map_or(0, |i| i + 1);
    out.insert_str(at, &format!("\n{words}"));
    Ok(out)
}

/// The contents between each `open` and the next `close`.
fn between<'a>(s: &'a str, open: &'a str, close: &'a str) -> impl Iterator<Item = &'a str> {
    s.split(open)
        .skip(1)
        .filter_map(move |rest| rest.split_once(close).map(|(inside, _)| inside))
}

/// Every `<text …>…</text>` element, whole.
fn texts(svg: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        let Some(len) = rest.get(start..).and_then(|r| r.find("</text>")) else {
            break;
        };
        let end = start + len + "</text>".len();
        if let Some(t) = rest.get(start..end) {
            out.push(t);
        }
        rest = rest.get(end..).unwrap_or("");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;
    use crate::export::ExportOptions;
    use crate::geometry::MapGeometry;
    use crate::palette::Palette;
    use crate::settings::Lang;

    #[test]
    fn text_becomes_outlines_and_the_words_stay() {
        let atlas = load_embedded().expect("the built-in data loads");
        let geom = MapGeometry::prepare(&atlas);
        let month = crate::date::Month::parse("1123-06").expect("a month");
        let opts = ExportOptions::new(month, Palette::Default, Lang::Both, 1280, 720);
        let svg = crate::export::svg(&atlas, &geom, &opts);
        let renderer = Renderer::new();
        let out = standalone(&svg, &renderer).expect("converted");
        // The visible drawing has no text left: only the hidden layer holds words.
        let (words, drawing) = out.split_once("</g>").expect("the words layer first");
        assert!(words.contains("style=\"display:none\""));
        assert!(!drawing.contains("<text"), "text outside the hidden layer");
        for w in ["Yanshanfu 燕山府", "Kaifengfu", "Jun 1123", "Northern Song"] {
            assert!(words.contains(w), "{w} is not in the file");
        }
        for id in [
            "fills", "borders", "rivers", "routes", "places", "labels", "legend",
        ] {
            assert!(
                out.contains(&format!("<g id=\"{id}\" inkscape:groupmode=\"layer\"")),
                "no layer {id}"
            );
        }
        // Drawn with no font at all, it is the PNG export's picture.
        let bare = resvg::usvg::Options::default();
        let tree = resvg::usvg::Tree::from_str(&out, &bare).expect("parses with no fonts");
        let mut drawn = resvg::tiny_skia::Pixmap::new(1280, 720).expect("a pixmap");
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::identity(),
            &mut drawn.as_mut(),
        );
        let png = renderer
            .pixmap(&svg, 1280, 720)
            .expect("the PNG export's pixels");
        let (a, b) = (drawn.data(), png.data());
        let differ = a
            .chunks(4)
            .zip(b.chunks(4))
            .filter(|(p, q)| p.iter().zip(*q).any(|(x, y)| x.abs_diff(*y) > 24))
            .count();
        let share = differ as f64 / (1280.0 * 720.0);
        assert!(share < 0.005, "{:.2}% of the pixels differ", share * 100.0);
    }
}
