#!/usr/bin/env python3
"""Check the sourced historical data files of alliance-atlas.

Loads assets/events.json, places.geojson, routes.geojson, sources.json and
disputes.json and checks them against assets/FORMAT.md and the region list in
tools/geodata/regions.tsv. Exits with status 1 and lists every problem found;
otherwise prints the counts.

Usage: python3 tools/check_facts.py [repo root]
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
REGIONS_TSV = ROOT / "tools" / "geodata" / "regions.tsv"

POWERS = {"song", "liao", "northern_liao", "jin", "jurchens", "xia", "goryeo", "qi", "chu",
          "western_liao", "steppe", "tsongkha", "bohai", "karakhanids"}
CERTAINTY = {"certain", "likely", "uncertain", "disputed"}
PLACE_KINDS = {"capital", "city", "pass", "port"}
ROUTE_KINDS = {"embassy", "campaign", "flight", "migration"}
SOURCE_KINDS = {"scholarly", "primary", "wikipedia", "popular", "coordinates"}
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}|spring|summer|autumn|winter)(?:-(\d{2}))?)?$")
SEASON_MONTH = {"spring": 2, "summer": 5, "autumn": 8, "winter": 11}
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
FIRST_YEAR, LAST_YEAR = 1004, 1142
LON_MIN, LON_MAX, LAT_MIN, LAT_MAX = 70.0, 140.0, 15.0, 55.0
MAX_TITLE = 40

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def load(name):
    path = ASSETS / name
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        err(name, f"cannot load: {e}")
        return None


def days_in_month(y, m):
    if m == 2:
        return 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28
    return 30 if m in (4, 6, 9, 11) else 31


def parse_date(where, text, check_range=True):
    """Return a sortable (y, m, d) tuple, or None after reporting an error."""
    if not isinstance(text, str):
        err(where, f"date {text!r} is not a string")
        return None
    m = DATE_RE.match(text)
    if not m:
        err(where, f"bad date {text!r} (want YYYY, YYYY-season, YYYY-MM or YYYY-MM-DD)")
        return None
    y = int(m.group(1))
    if m.group(2) in SEASON_MONTH:
        if m.group(3):
            err(where, f"bad date {text!r}: a season has no day")
            return None
        return (y, SEASON_MONTH[m.group(2)], 40)  # after the dated events of its first month
    mo = int(m.group(2)) if m.group(2) else 1
    d = int(m.group(3)) if m.group(3) else 1
    if not 1 <= mo <= 12:
        err(where, f"bad month in {text!r}")
        return None
    if not 1 <= d <= days_in_month(y, mo):
        err(where, f"bad day in {text!r}")
        return None
    if check_range and not FIRST_YEAR <= y <= LAST_YEAR:
        err(where, f"date {text!r} outside {FIRST_YEAR}-{LAST_YEAR}")
    return (y, mo, d)


def check_sources(where, sources, source_ids, allow_empty=False):
    if not isinstance(sources, list):
        err(where, "sources is not a list")
        return
    if not sources and not allow_empty:
        err(where, "no sources")
    for s in sources:
        if s not in source_ids:
            err(where, f"unknown source {s!r}")


def check_lonlat(where, lon, lat):
    if not isinstance(lon, (int, float)) or not isinstance(lat, (int, float)):
        err(where, f"coordinates {lon!r}, {lat!r} are not numbers")
        return
    if not (LON_MIN <= lon <= LON_MAX and LAT_MIN <= lat <= LAT_MAX):
        err(where, f"point {lon}, {lat} outside lon {LON_MIN}-{LON_MAX}, lat {LAT_MIN}-{LAT_MAX}")


def region_ids():
    ids = set()
    try:
        lines = REGIONS_TSV.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        err("regions.tsv", f"cannot read: {e}")
        return ids
    for line in lines[1:]:
        if line.strip():
            ids.add(line.split("\t")[0])
    return ids


def main():
    regions = region_ids()
    sources = load("sources.json")
    disputes = load("disputes.json")
    events = load("events.json")
    places = load("places.geojson")
    routes = load("routes.geojson")

    # sources.json
    source_ids = set()
    if isinstance(sources, list):
        for i, s in enumerate(sources):
            where = f"sources.json[{i}]"
            sid = s.get("id")
            if sid in source_ids:
                err(where, f"duplicate id {sid}")
            source_ids.add(sid)
            for k in ("short", "title", "kind"):
                if not s.get(k):
                    err(where, f"{sid}: missing {k}")
            if s.get("kind") not in SOURCE_KINDS:
                err(where, f"{sid}: bad kind {s.get('kind')!r}")
            book = s.get("book")
            if book is not None:
                # A printed book is cited by its reference, never by a link to a copy.
                for k in ("author", "title", "publisher", "year", "pages"):
                    if not book.get(k):
                        err(where, f"{sid}: book without {k}")
            if s.get("url") or book is None:
                if not str(s.get("url", "")).startswith("http"):
                    err(where, f"{sid}: url is not http(s)")
        expected = {f"S{n}" for n in range(1, 57)}
        if source_ids != expected:
            err("sources.json", f"ids differ from S1..S56: missing {sorted(expected - source_ids)}, "
                                f"extra {sorted(source_ids - expected)}")
    elif sources is not None:
        err("sources.json", "top level is not a list")

    event_ids = set()
    if isinstance(events, list):
        event_ids = {e.get("id") for e in events if isinstance(e, dict)}

    # disputes.json
    dispute_ids = set()
    if isinstance(disputes, list):
        for i, d in enumerate(disputes):
            did = d.get("id")
            where = f"disputes.json[{did or i}]"
            if did in dispute_ids:
                err(where, "duplicate id")
            dispute_ids.add(did)
            if not d.get("topic"):
                err(where, "missing topic")
            if not d.get("presentation"):
                err(where, "missing presentation")
            versions = d.get("versions") or []
            if len(versions) < 2:
                err(where, "fewer than two versions")
            with_sources = 0
            for j, v in enumerate(versions):
                vw = f"{where}.versions[{j}]"
                if not v.get("text"):
                    err(vw, "missing text")
                srcs = v.get("sources", [])
                # A version with no source must say that it is unverified.
                unverified = "unverified" in v.get("text", "").lower() or "not in our" in v.get("text", "").lower()
                check_sources(vw, srcs, source_ids, allow_empty=unverified)
                if srcs:
                    with_sources += 1
            if versions and not with_sources:
                err(where, "no version has a source")
            for r in d.get("regions", []):
                if r not in regions:
                    err(where, f"unknown region {r!r}")
            for e in d.get("events", []):
                if e not in event_ids:
                    err(where, f"unknown event {e!r}")
        expected = {f"D{n}" for n in range(1, 25)}
        if dispute_ids != expected:
            err("disputes.json", f"ids differ from D1..D24: missing {sorted(expected - dispute_ids)}, "
                                 f"extra {sorted(dispute_ids - expected)}")
    elif disputes is not None:
        err("disputes.json", "top level is not a list")

    # events.json
    n_seed = 0
    if isinstance(events, list):
        seen = set()
        prev = None
        for i, e in enumerate(events):
            eid = e.get("id")
            where = f"events.json[{eid or i}]"
            if not isinstance(eid, str) or not ID_RE.match(eid):
                err(where, "id is not snake_case")
            if eid in seen:
                err(where, "duplicate id")
            seen.add(eid)
            start = parse_date(where, e.get("date"))
            if "end" in e:
                end = parse_date(where + ".end", e["end"])
                if start and end and end < start:
                    err(where, "end before date")
            # Events placed after a cause ('after') may sort later than their written
            # date; `alliance-atlas check` checks that order.
            if start and "after" not in e:
                if prev and start < prev:
                    err(where, "events not sorted by date")
                prev = start
            title = e.get("title", "")
            if not title:
                err(where, "missing title")
            elif len(title) > MAX_TITLE:
                err(where, f"title longer than {MAX_TITLE} characters")
            if not e.get("description"):
                err(where, "missing description")
            place = e.get("place") or {}
            if not place.get("name"):
                err(where, "place has no name")
            if not isinstance(place.get("approx"), bool):
                err(where, "place.approx is not a bool")
            check_lonlat(where + ".place", place.get("lon"), place.get("lat"))
            for p in e.get("powers", []):
                if p not in POWERS:
                    err(where, f"unknown power {p!r}")
            if not e.get("powers"):
                err(where, "no powers")
            for r in e.get("regions", []):
                if r not in regions:
                    err(where, f"unknown region {r!r}")
            check_sources(where, e.get("sources"), source_ids)
            c = e.get("certainty")
            if c not in CERTAINTY:
                err(where, f"bad certainty {c!r}")
            dis = e.get("disputes", [])
            if c == "disputed" and not dis:
                err(where, "certainty disputed but no dispute id")
            for x in dis:
                if x not in dispute_ids:
                    err(where, f"unknown dispute {x!r}")
            if not isinstance(e.get("seed"), bool):
                err(where, "seed is not a bool")
            elif e["seed"]:
                n_seed += 1
    elif events is not None:
        err("events.json", "top level is not a list")

    # places.geojson
    place_ids = set()
    n_places = 0
    if isinstance(places, dict) and places.get("type") == "FeatureCollection":
        for i, f in enumerate(places.get("features", [])):
            n_places += 1
            p = f.get("properties") or {}
            pid = p.get("id")
            where = f"places.geojson[{pid or i}]"
            if not isinstance(pid, str) or not ID_RE.match(pid):
                err(where, "id is not snake_case")
            if pid in place_ids:
                err(where, "duplicate id")
            place_ids.add(pid)
            g = f.get("geometry") or {}
            if g.get("type") != "Point":
                err(where, "geometry is not a Point")
            else:
                lon, lat = (g.get("coordinates") or [None, None])[:2]
                check_lonlat(where, lon, lat)
            for k in ("name", "name_zh", "pinyin"):
                if not p.get(k):
                    err(where, f"missing {k}")
            if p.get("kind") not in PLACE_KINDS:
                err(where, f"bad kind {p.get('kind')!r}")
            if p.get("rank") not in (1, 2, 3):
                err(where, f"bad rank {p.get('rank')!r}")
            if not isinstance(p.get("approx"), bool):
                err(where, "approx is not a bool")
            check_sources(where, p.get("sources"), source_ids)
            for j, n in enumerate(p.get("names", [])):
                nw = f"{where}.names[{j}]"
                for k in ("name", "name_zh", "pinyin"):
                    if not n.get(k):
                        err(nw, f"missing {k}")
                a = parse_date(nw, n.get("from"))
                if "to" in n:
                    b = parse_date(nw + ".to", n["to"])
                    if a and b and b < a:
                        err(nw, "to before from")
            for j, r in enumerate(p.get("roles", [])):
                rw = f"{where}.roles[{j}]"
                if not r.get("role"):
                    err(rw, "missing role")
                a = parse_date(rw, r.get("from"))
                if "to" in r:
                    b = parse_date(rw + ".to", r["to"])
                    if a and b and b < a:
                        err(rw, "to before from")
    elif places is not None:
        err("places.geojson", "not a FeatureCollection")

    # routes.geojson
    n_routes = 0
    if isinstance(routes, dict) and routes.get("type") == "FeatureCollection":
        seen = set()
        for i, f in enumerate(routes.get("features", [])):
            n_routes += 1
            p = f.get("properties") or {}
            rid = p.get("id")
            where = f"routes.geojson[{rid or i}]"
            if not isinstance(rid, str) or not ID_RE.match(rid):
                err(where, "id is not snake_case")
            if rid in seen:
                err(where, "duplicate id")
            seen.add(rid)
            g = f.get("geometry") or {}
            if g.get("type") != "LineString":
                err(where, "geometry is not a LineString")
            else:
                coords = g.get("coordinates") or []
                if not 4 <= len(coords) <= 15:
                    err(where, f"{len(coords)} vertices (want 4-15)")
                for c in coords:
                    # The Western Liao route runs into the Central Asia inset, so only
                    # latitude and a wide longitude band are checked for routes.
                    if not (60 <= c[0] <= LON_MAX and LAT_MIN <= c[1] <= LAT_MAX):
                        err(where, f"vertex {c} out of range")
            if not p.get("name"):
                err(where, "missing name")
            if p.get("kind") not in ROUTE_KINDS:
                err(where, f"bad kind {p.get('kind')!r}")
            if p.get("power") not in POWERS:
                err(where, f"unknown power {p.get('power')!r}")
            a = parse_date(where + ".from", p.get("from"))
            b = parse_date(where + ".to", p.get("to"))
            if a and b and b < a:
                err(where, "to before from")
            if not p.get("description"):
                err(where, "missing description")
            check_sources(where, p.get("sources"), source_ids)
            if p.get("certainty") not in CERTAINTY:
                err(where, f"bad certainty {p.get('certainty')!r}")
            if "event" in p and p["event"] not in event_ids:
                err(where, f"unknown event {p['event']!r}")
    elif routes is not None:
        err("routes.geojson", "not a FeatureCollection")

    if errors:
        for e in errors:
            print("ERROR", e)
        print(f"{len(errors)} problem(s)")
        return 1
    n_events = len(events) if isinstance(events, list) else 0
    print(f"OK: {n_events} events ({n_seed} from the seed article), {n_places} places, "
          f"{n_routes} routes, {len(source_ids)} sources, {len(dispute_ids)} disputes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
