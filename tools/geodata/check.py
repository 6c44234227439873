#!/usr/bin/env python3
"""Check assets/regions.geojson and assets/basemap.geojson (run after build.py).

Verifies: every region of regions.tsv present once with the required properties; geometry
valid, Polygon/MultiPolygon, CCW exterior rings, 3-decimal coordinates; no overlaps between
main regions (pairwise intersection area ~0); no gaps (union of main regions == basemap
study_area == study land rebuilt from the sources, within 1e-6 relative area); shared
borders use identical vertices (every main-region edge lies on another region's edge or on
the outer boundary); each seed inside its own region; total vertex count < 40,000.
Prints figures; exits 1 on failure.
"""
import csv
import json
import os
import sys

import shapely
from shapely.geometry import Point, shape
from shapely.ops import unary_union

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
ASSETS = os.path.normpath(os.path.join(HERE, "..", "..", "assets"))
fails = []


def fail(msg):
    fails.append(msg)
    print("FAIL:", msg)


def rings(g):
    ps = [g] if g.geom_type == "Polygon" else list(g.geoms)
    for p in ps:
        yield p.exterior, True
        for i in p.interiors:
            yield i, False


def main():
    rows = list(csv.DictReader(open(os.path.join(HERE, "regions.tsv"), encoding="utf-8"), delimiter="\t"))
    fc = json.load(open(os.path.join(ASSETS, "regions.geojson"), encoding="utf-8"))
    bm = json.load(open(os.path.join(ASSETS, "basemap.geojson"), encoding="utf-8"))
    feats = {f["properties"]["id"]: f for f in fc["features"]}
    print(f"regions.tsv: {len(rows)} ids; regions.geojson: {len(fc['features'])} features")
    if len(feats) != len(fc["features"]):
        fail("duplicate ids")
    for r in rows:
        if r["id"] not in feats:
            fail(f"missing region {r['id']}")
    req = ["id", "name", "name_zh", "pinyin", "group", "inset", "seat", "description"]
    groups = {"sixteen_prefectures", "liao", "jurchen", "song_north", "song_south", "xia", "goryeo",
              "steppe", "western_liao"}
    total_v = 0
    geoms = {}
    for rid, f in feats.items():
        p = f["properties"]
        for k in req:
            if k not in p:
                fail(f"{rid}: property {k} missing")
        if p["group"] not in groups:
            fail(f"{rid}: bad group {p['group']}")
        nsent = p["description"].count(". ") + 1
        if not (2 <= nsent <= 4):
            print(f"  warn: {rid} description has ~{nsent} sentences")
        g = shape(f["geometry"])
        if f["geometry"]["type"] not in ("Polygon", "MultiPolygon"):
            fail(f"{rid}: geometry type {f['geometry']['type']}")
        if not g.is_valid:
            fail(f"{rid}: invalid geometry ({shapely.is_valid_reason(g)})")
        for ring, ext in rings(g):
            if ring.is_ccw != ext:
                fail(f"{rid}: ring orientation (exterior must be CCW, holes CW)")
                break
        coords = shapely.get_coordinates(g)
        if (abs(coords * 1000 - (coords * 1000).round()) > 1e-6).any():
            fail(f"{rid}: coordinates not rounded to 3 decimals")
        total_v += len(coords)
        geoms[rid] = g
        seed = Point(p["seat"])
        if not g.contains(seed):
            fail(f"{rid}: seat {p['seat']} not inside region (distance {g.distance(seed):.3f} deg)")
    print(f"total vertices (main + inset): {total_v}")
    if total_v >= 40000:
        fail("vertex count >= 40000")

    main_ids = [r for r in feats if not feats[r]["properties"]["inset"]]
    inset_ids = [r for r in feats if feats[r]["properties"]["inset"]]
    print(f"main regions: {len(main_ids)}, inset regions: {len(inset_ids)} ({', '.join(inset_ids)})")

    # overlaps
    tree = shapely.STRtree([geoms[r] for r in main_ids])
    max_ov, npairs = 0.0, 0
    for i, r in enumerate(main_ids):
        for j in tree.query(geoms[r]):
            if j <= i:
                continue
            a = geoms[r].intersection(geoms[main_ids[j]]).area
            npairs += 1
            if a > max_ov:
                max_ov = a
            if a > 1e-9:
                fail(f"overlap {r} / {main_ids[j]}: {a:.3g} deg2")
    print(f"touching/near pairs checked: {npairs}; max pairwise intersection area: {max_ov:.3g} deg2")

    # gaps: compare with the basemap study area and with study land rebuilt from sources
    union = unary_union([geoms[r] for r in main_ids])
    sa = [shape(f["geometry"]) for f in bm["features"] if f["properties"]["layer"] == "study_area"]
    if len(sa) != 1:
        fail("basemap must have exactly one study_area feature")
    else:
        sa = sa[0]
        d = union.symmetric_difference(sa).area / sa.area
        print(f"union(main regions) vs basemap study_area: relative sym. difference {d:.3g}")
        if d > 1e-6:
            fail("union of main regions != study_area")
        holes = sum(len(p.interiors) for p in (sa.geoms if sa.geom_type == "MultiPolygon" else [sa]))
        print(f"study_area: {len(sa.geoms) if sa.geom_type == 'MultiPolygon' else 1} parts, {holes} holes, "
              f"area {sa.area:.3f} deg2")
    # interior gaps between regions: holes in the union that are not holes of the land
    import build
    land = build.load_land()
    sland = build.study_land(land, build.load_countries())
    d2 = union.symmetric_difference(sland).area / sland.area
    print(f"union(main regions) vs unsimplified study land: relative sym. difference {d2:.3g} "
          f"(expected small but non-zero: coastline simplified ~2 km)")
    if d2 > 0.01:
        fail("union of regions differs from the study land by more than 1%")
    gap_area = 0.0
    upolys = union.geoms if union.geom_type == "MultiPolygon" else [union]
    lpolys = sland.geoms
    for p in upolys:
        for hole in p.interiors:
            hp = shapely.Polygon(hole)
            # a hole in the union that is covered by land is a gap
            if hp.intersection(sland).area > 0.5 * hp.area:
                gap_area += hp.area
    print(f"interior gaps (holes in the union lying on land): {gap_area:.3g} deg2")
    if gap_area > 1e-9:
        fail("gaps between regions")

    # shared vertices: every edge of every main region must appear in exactly one other region
    # (reversed) or lie on the outer boundary of the union
    from collections import Counter
    edges = Counter()
    for r in main_ids:
        for ring, _ in rings(geoms[r]):
            c = [tuple(x) for x in shapely.get_coordinates(ring).round(3)]
            for a, b in zip(c[:-1], c[1:]):
                edges[(a, b)] += 1
    unmatched = 0
    outer = union.boundary
    for (a, b), n in edges.items():
        if (b, a) in edges:
            continue
        mid = Point((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        if outer.distance(mid) > 1e-9:
            unmatched += 1
    print(f"edges: {len(edges)}; interior edges without an identical reversed twin: {unmatched}")
    if unmatched:
        fail("shared borders do not use identical vertices")

    # basemap
    layers = {}
    for f in bm["features"]:
        layers.setdefault(f["properties"]["layer"], []).append(f)
    print("basemap layers: " + ", ".join(f"{k}={len(v)}" for k, v in layers.items()))
    for f in layers.get("river", []):
        n = len(f["geometry"]["coordinates"])
        if not 15 <= n <= 60:
            fail(f"river {f['properties']['name']} has {n} vertices")
    for k in ("land", "inset_land", "study_area", "river", "label"):
        if k not in layers:
            fail(f"basemap layer {k} missing")
        for f in layers.get(k, []):
            g = shape(f["geometry"])
            if not g.is_valid:
                fail(f"basemap {k} invalid")

    # main-region part counts (for reviewing fragmentation)
    multi = {r: len(geoms[r].geoms) for r in main_ids if geoms[r].geom_type == "MultiPolygon"}
    print("multipart regions: " + ", ".join(f"{r}({n})" for r, n in sorted(multi.items())))
    print("smallest main regions (km2, approx):")
    import math
    sizes = sorted((geoms[r].area * 111.32 ** 2 * math.cos(math.radians(geoms[r].centroid.y)), r)
                   for r in main_ids)
    print("  " + ", ".join(f"{r} {a:,.0f}" for a, r in sizes[:10]))
    print("RESULT:", "OK" if not fails else f"{len(fails)} failure(s)")
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
