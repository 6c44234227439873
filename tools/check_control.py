#!/usr/bin/env python3
"""Check assets/control.json and assets/powers.json against tools/geodata/regions.tsv.

Usage: python3 tools/check_control.py [repo root]

Checks (see assets/FORMAT.md):
  * every region id of regions.tsv has an entry in control.json, and there are no extra ids;
  * each region's spans are strictly increasing by month, the first is "1004-01", and all
    dates are valid "YYYY" / "YYYY-MM" / "YYYY-MM-DD" within 1004-01..1142-12;
  * every power id (spans, alt versions, claims, client_of) exists in powers.json;
  * a span's certainty is certain | likely (doubt is given as 'doubt' windows, each with a
    reason: date | dispute | contested | unverified; a dispute window names its dispute);
    a year-only or season date has a window of doubt;
  * every span, alt version and claim has at least one source, all among S1..S56;
  * dispute ids are D1..D24; claim kinds are valid; claim from < to;
  * no unknown fields (the app loads these files with deny_unknown_fields).
Then prints, for 1110-01, 1123-06, 1127-06 and 1142-12, how many regions each power holds.
Exit status 1 when any problem is found.
"""

import calendar
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
START, END = (1004, 1), (1142, 12)
CERTAINTIES = {"certain", "likely", "uncertain", "disputed"}
CLAIM_KINDS = {"treaty_claim", "paper_cession", "suzerainty", "grant"}
SOURCES = {f"S{i}" for i in range(1, 57)}
DISPUTES = {f"D{i}" for i in range(1, 25)}
SPAN_CERTAINTIES = {"certain", "likely"}
REASONS = {"date", "dispute", "contested", "unverified"}
DOUBT_KEYS = {"from", "to", "reason", "dispute", "note", "sources"}
SEASONS = {"spring": 2, "summer": 5, "autumn": 8, "winter": 11}
SNAPSHOTS = ["1110-01", "1123-06", "1127-06", "1142-12"]

SPAN_KEYS = {"from", "power", "certainty", "note", "sources", "date_note", "disputes", "alt",
             "after", "doubt"}
SPAN_REQUIRED = {"from", "power", "certainty", "note", "sources"}
ALT_KEYS = {"from", "power", "note", "sources"}
CLAIM_KEYS = {"from", "to", "power", "kind", "note", "sources", "certainty"}
CLAIM_REQUIRED = {"from", "to", "power", "kind", "note", "sources"}
POWER_KEYS = {"id", "name", "name_zh", "pinyin", "color", "palettes", "client_of", "names",
              "description", "sources", "short_name"}
POWER_REQUIRED = {"id", "name", "name_zh", "pinyin", "color", "names", "description", "sources"}
NAME_KEYS = {"from", "to", "name", "name_zh", "pinyin"}

problems = []


def problem(where, msg):
    problems.append(f"{where}: {msg}")


def parse_date(text):
    """Returns (month index, precision) or None. Year-only reads as January, a season as
    its first month (spring Feb, summer May, autumn Aug, winter Nov)."""
    if not isinstance(text, str):
        return None
    sm = re.fullmatch(r"(\d{4})-(spring|summer|autumn|winter)", text)
    if sm:
        return int(sm.group(1)) * 12 + SEASONS[sm.group(2)] - 1, "season"
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else 1
    if not 1 <= month <= 12:
        return None
    if m.group(3):
        day = int(m.group(3))
        # Julian calendar for these centuries: every fourth year is a leap year.
        dim = calendar.monthrange(2000 if year % 4 == 0 else 2001, month)[1]
        if not 1 <= day <= dim:
            return None
    precision = "day" if m.group(3) else "month" if m.group(2) else "year"
    return year * 12 + month - 1, precision


def idx(ym):
    return ym[0] * 12 + ym[1] - 1


def check_date(where, text):
    d = parse_date(text)
    if d is None:
        problem(where, f"bad date {text!r} (expected YYYY, YYYY-season, YYYY-MM or YYYY-MM-DD)")
        return None
    if not idx(START) <= d[0] <= idx(END):
        problem(where, f"date {text} outside 1004-01..1142-12")
    return d


def check_sources(where, sources):
    if not isinstance(sources, list) or not sources:
        problem(where, "needs at least one source")
        return
    for s in sources:
        if s not in SOURCES:
            problem(where, f"unknown source {s!r} (expected S1..S56)")
    if len(set(sources)) != len(sources):
        problem(where, "repeated source id")


def check_text(where, obj, key):
    if not isinstance(obj.get(key), str) or not obj[key].strip():
        problem(where, f"'{key}' must be a non-empty string")


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        print(f"cannot read {path}: {e}")
        sys.exit(1)


def main():
    tsv = ROOT / "tools" / "geodata" / "regions.tsv"
    lines = [l for l in tsv.read_text(encoding="utf-8").splitlines() if l.strip()]
    region_ids = [l.split("\t")[0] for l in lines[1:]]
    if len(set(region_ids)) != len(region_ids):
        problem("regions.tsv", "duplicate region id")

    powers = load_json(ROOT / "assets" / "powers.json")
    control = load_json(ROOT / "assets" / "control.json")

    # ---- powers.json
    power_ids = set()
    if not isinstance(powers, list):
        problem("powers.json", "must be a list")
        powers = []
    for i, p in enumerate(powers):
        where = f"powers.json #{i} ({p.get('id', '?')})"
        for k in set(p) - POWER_KEYS:
            problem(where, f"unknown field {k!r}")
        for k in POWER_REQUIRED - set(p):
            problem(where, f"missing field {k!r}")
        pid = p.get("id")
        if pid in power_ids:
            problem(where, "duplicate power id")
        power_ids.add(pid)
        for k in ("name", "name_zh", "pinyin", "description"):
            check_text(where, p, k)
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", str(p.get("color", ""))):
            problem(where, f"bad colour {p.get('color')!r}")
        check_sources(where, p.get("sources"))
        last = None
        for j, n in enumerate(p.get("names", [])):
            w = f"{where} names[{j}]"
            for k in set(n) - NAME_KEYS:
                problem(w, f"unknown field {k!r}")
            check_text(w, n, "name")
            d = check_date(w, n.get("from"))
            if d and last is not None and d[0] <= last:
                problem(w, "names not in date order")
            if d:
                last = d[0]
    for p in powers:
        c = p.get("client_of")
        if c is not None and c not in power_ids:
            problem(f"powers.json ({p.get('id')})", f"client_of {c!r} is not a power")

    # ---- control.json
    if not isinstance(control, dict):
        problem("control.json", "must be an object keyed by region id")
        control = {}
    for rid in region_ids:
        if rid not in control:
            problem("control.json", f"region {rid!r} has no entry")
    for rid in control:
        if rid not in region_ids:
            problem("control.json", f"extra id {rid!r} is not in regions.tsv")

    timelines = {}
    for rid, entry in control.items():
        where = f"control.json {rid}"
        if not isinstance(entry, dict):
            problem(where, "entry must be an object")
            continue
        for k in set(entry) - {"control", "claims"}:
            problem(where, f"unknown field {k!r}")
        spans = entry.get("control")
        if not isinstance(spans, list) or not spans:
            problem(where, "needs a non-empty 'control' list")
            continue
        prev = None
        timeline = []
        for i, s in enumerate(spans):
            w = f"{where} span[{i}] ({s.get('from')})"
            for k in set(s) - SPAN_KEYS:
                problem(w, f"unknown field {k!r}")
            for k in SPAN_REQUIRED - set(s):
                problem(w, f"missing field {k!r}")
            d = check_date(w, s.get("from"))
            if i == 0 and s.get("from") != "1004-01":
                problem(w, 'first span must start "1004-01"')
            # Placement after a cause ('after') is checked by `alliance-atlas check`; here
            # only the written dates must not go backwards.
            if d is not None:
                if prev is not None and d[0] < prev:
                    problem(w, "spans not increasing by month")
                prev = d[0]
            power = s.get("power")
            if power not in power_ids:
                problem(w, f"unknown power {power!r}")
            if timeline and timeline[-1][1] == power:
                problem(w, f"same power {power!r} as the previous span (merge them)")
            cert = s.get("certainty")
            if cert not in SPAN_CERTAINTIES:
                problem(w, f"bad certainty {cert!r}: a span is certain or likely; doubt goes in 'doubt'")
            disputes = s.get("disputes", [])
            for dispute in disputes:
                if dispute not in DISPUTES:
                    problem(w, f"unknown dispute {dispute!r} (expected D1..D24)")
            doubt = s.get("doubt", [])
            for j, x in enumerate(doubt):
                wx = f"{w} doubt[{j}]"
                for k in set(x) - DOUBT_KEYS:
                    problem(wx, f"unknown field {k!r}")
                if x.get("reason") not in REASONS:
                    problem(wx, f"a stripe needs a reason ({', '.join(sorted(REASONS))})")
                if x.get("reason") == "dispute" and not (x.get("dispute") or len(disputes) == 1):
                    problem(wx, "a dispute stripe names its dispute")
                if x.get("reason") in ("contested", "unverified") and "to" not in x:
                    problem(wx, "a contested or unverified stripe needs 'to'")
                for k in ("from", "to"):
                    if k in x:
                        check_date(wx, x[k])
                if "sources" in x:
                    check_sources(wx, x["sources"])
            if i > 0 and d is not None and d[1] in ("year", "season") and not doubt:
                problem(w, "a year-only or season date needs a window of doubt")
            check_text(w, s, "note")
            if "date_note" in s:
                check_text(w, s, "date_note")
            check_sources(w, s.get("sources"))
            a = s.get("alt")
            if a is not None:
                for k in set(a) - ALT_KEYS:
                    problem(w + " alt", f"unknown field {k!r}")
                if "from" in a:
                    check_date(w + " alt", a["from"])
                if "power" in a and a["power"] not in power_ids:
                    problem(w + " alt", f"unknown power {a['power']!r}")
                check_text(w + " alt", a, "note")
                check_sources(w + " alt", a.get("sources"))
            if d is not None:
                timeline.append((d[0], power))
        timelines[rid] = timeline

        claims = entry.get("claims", [])
        if not isinstance(claims, list):
            problem(where, "'claims' must be a list")
            claims = []
        for i, c in enumerate(claims):
            w = f"{where} claim[{i}] ({c.get('power')} {c.get('from')}..{c.get('to')})"
            for k in set(c) - CLAIM_KEYS:
                problem(w, f"unknown field {k!r}")
            for k in CLAIM_REQUIRED - set(c):
                problem(w, f"missing field {k!r}")
            f_ = check_date(w, c.get("from"))
            t_ = check_date(w, c.get("to"))
            if f_ and t_ and not f_[0] < t_[0]:
                problem(w, "claim 'from' must be before 'to'")
            if c.get("power") not in power_ids:
                problem(w, f"unknown power {c.get('power')!r}")
            if c.get("kind") not in CLAIM_KINDS:
                problem(w, f"bad kind {c.get('kind')!r}")
            if "certainty" in c and c["certainty"] not in CERTAINTIES:
                problem(w, f"bad certainty {c['certainty']!r}")
            check_text(w, c, "note")
            check_sources(w, c.get("sources"))

    # ---- report
    if problems:
        print(f"{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
    else:
        n_spans = sum(len(t) for t in timelines.values())
        n_claims = sum(len(e.get("claims", [])) for e in control.values() if isinstance(e, dict))
        print(f"OK: {len(control)} regions, {n_spans} spans, {n_claims} claims, {len(power_ids)} powers")

    for snap in SNAPSHOTS:
        m = parse_date(snap)[0]
        counts = Counter()
        for rid in region_ids:
            holder = None
            for start, power in timelines.get(rid, []):
                if start <= m:
                    holder = power
            counts[holder or "(none)"] += 1
        parts = ", ".join(f"{p} {n}" for p, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        print(f"{snap}: {parts}")

    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
