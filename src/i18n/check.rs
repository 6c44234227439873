//! What `check` warns about: texts of the data with no Chinese, translations made from
//! English that has changed since, translations of texts the data no longer has, and
//! Chinese names with no Simplified form. Warnings, never errors: the atlas shows English
//! where Chinese is missing.

use super::{Script, key};
use crate::data::{Atlas, Problem};
use std::collections::BTreeSet;

/// A text of the data that should have a translation.
struct Wanted {
    key: String,
    file: &'static str,
    feature: String,
    field: String,
    en: String,
}

fn wanted(atlas: &Atlas) -> Vec<Wanted> {
    let mut out = Vec::new();
    let mut push = |key: String, file: &'static str, feature: &str, field: &str, en: &'_ str| {
        if !en.trim().is_empty() {
            out.push((
                key,
                file,
                feature.to_owned(),
                field.to_owned(),
                en.to_owned(),
            ));
        }
    };
    for e in &atlas.events {
        let fields = [
            ("title", Some(e.title.as_str())),
            ("description", Some(e.description.as_str())),
            ("date_display", e.date_display.as_deref()),
            ("date_note", e.date_note.as_deref()),
        ];
        for (field, en) in fields {
            if let Some(en) = en {
                push(key::event(&e.id, field), "events.json", &e.id, field, en);
            }
        }
        if e.place.name_zh.is_empty() {
            push(
                key::event(&e.id, "place"),
                "events.json",
                &e.id,
                "place.name",
                &e.place.name,
            );
        }
    }
    for t in &atlas.tours {
        let file = "tours";
        push(key::tour(&t.id, "title"), file, &t.id, "title", &t.title);
        push(
            key::tour(&t.id, "description"),
            file,
            &t.id,
            "description",
            &t.description,
        );
        for (i, s) in t.stops.iter().enumerate() {
            let feature = format!("{} stop {}", t.id, i + 1);
            push(
                key::tour_stop(&t.id, i, "caption"),
                file,
                &feature,
                "caption",
                &s.caption,
            );
            push(
                key::tour_stop(&t.id, i, "notes"),
                file,
                &feature,
                "notes",
                &s.notes,
            );
        }
    }
    for r in &atlas.regions {
        push(
            key::region(&r.id),
            "regions.geojson",
            &r.id,
            "description",
            &r.description,
        );
    }
    for p in &atlas.powers {
        push(
            key::power(&p.id),
            "powers.json",
            &p.id,
            "description",
            &p.description,
        );
    }
    for p in &atlas.places {
        if let Some(n) = &p.note {
            push(
                key::place_note(&p.id),
                "places.geojson",
                &p.id,
                "note.text",
                &n.text,
            );
        }
        for (i, r) in p.roles.iter().enumerate() {
            push(
                key::place_role(&p.id, i),
                "places.geojson",
                &p.id,
                &format!("roles[{i}].role"),
                &r.role,
            );
        }
    }
    for r in &atlas.routes {
        push(
            key::route(&r.id, "name"),
            "routes.geojson",
            &r.id,
            "name",
            &r.name,
        );
        push(
            key::route(&r.id, "description"),
            "routes.geojson",
            &r.id,
            "description",
            &r.description,
        );
    }
    for l in &atlas.basemap.labels {
        push(
            key::area_note(&l.name),
            "basemap.geojson",
            &l.name,
            "note",
            &l.note,
        );
    }
    for d in &atlas.disputes {
        push(
            key::dispute(&d.id, "topic"),
            "disputes.json",
            &d.id,
            "topic",
            &d.topic,
        );
        push(
            key::dispute(&d.id, "presentation"),
            "disputes.json",
            &d.id,
            "presentation",
            &d.presentation,
        );
        for (i, v) in d.versions.iter().enumerate() {
            push(
                key::dispute(&d.id, &format!("version.{i}")),
                "disputes.json",
                &d.id,
                &format!("versions[{i}].text"),
                &v.text,
            );
        }
    }
    out.into_iter()
        .map(|(key, file, feature, field, en)| Wanted {
            key,
            file,
            feature,
            field,
            en,
        })
        .collect()
}

/// Every Chinese name of the data, which the Simplified catalog should map.
pub fn names(atlas: &Atlas) -> BTreeSet<&str> {
    let mut out = BTreeSet::new();
    for p in &atlas.powers {
        out.insert(p.name_zh.as_str());
        out.extend(p.names.iter().map(|n| n.name_zh.as_str()));
    }
    for r in &atlas.regions {
        out.insert(r.name_zh.as_str());
    }
    for p in &atlas.places {
        out.insert(p.name_zh.as_str());
        out.extend(p.names.iter().map(|n| n.name_zh.as_str()));
    }
    for e in &atlas.events {
        out.insert(e.title_zh.as_str());
        out.insert(e.place.name_zh.as_str());
    }
    for p in &atlas.people {
        out.insert(p.name_zh.as_str());
    }
    for r in &atlas.basemap.rivers {
        out.insert(r.name_zh.as_str());
    }
    for r in &atlas.ranges {
        out.insert(r.name_zh.as_str());
    }
    for l in &atlas.basemap.labels {
        out.insert(l.name_zh.as_str());
    }
    out.remove("");
    out
}

/// The warnings of `check` about the Chinese texts of a dataset.
pub fn warnings(atlas: &Atlas) -> Vec<Problem> {
    let wanted = wanted(atlas);
    let mut out = Vec::new();
    for script in super::Script::ALL {
        let file = format!("i18n/{}.json", script.tag());
        let which = match script {
            Script::Traditional => "Traditional",
            Script::Simplified => "Simplified",
        };
        if !atlas.texts.has(script) {
            out.push(Problem::new(
                &file,
                format!("no {which} Chinese catalog: its texts are shown in English"),
            ));
            continue;
        }
        for w in &wanted {
            let problem = |message: String| {
                Problem::new(w.file, format!("{message} ({file}, key {})", w.key))
                    .feature(w.feature.clone())
                    .field(w.field.clone())
            };
            match atlas.texts.entry(script, &w.key) {
                None => out.push(problem(format!("no {which} Chinese text"))),
                Some(e) if e.zh.trim().is_empty() => {
                    out.push(problem(format!("empty {which} Chinese text")));
                }
                Some(e) if e.en != w.en => out.push(problem(format!(
                    "the English has changed since the {which} Chinese was written; it was \"{}\"",
                    e.en
                ))),
                Some(_) => {}
            }
        }
        let known: BTreeSet<&str> = wanted.iter().map(|w| w.key.as_str()).collect();
        for k in atlas.texts.keys(script) {
            if !known.contains(k) {
                out.push(
                    Problem::new(&file, "translates a text the data does not have")
                        .feature(k.to_owned()),
                );
            }
        }
    }
    if atlas.texts.has(Script::Simplified) {
        for name in names(atlas) {
            if !atlas.texts.has_name(name) {
                out.push(
                    Problem::new(
                        "i18n/zh-Hans.json",
                        "no Simplified form of this Chinese name (run tools/i18n_simplify.py)",
                    )
                    .feature(name.to_owned())
                    .field("names"),
                );
            }
        }
    }
    out
}
