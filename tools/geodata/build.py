#!/usr/bin/env python3
"""Build the alliance-atlas map geometry: assets/regions.geojson and assets/basemap.geojson.

Usage:  python3 tools/geodata/build.py      (needs shapely>=2.0, numpy; re-runnable)
        python3 tools/geodata/check.py      (verifies the result)
        python3 tools/geodata/preview.py    (draws preview.png / preview_sixteen.png)

Inputs (all in tools/geodata/):
  regions.tsv               the 69 region ids, names, group, seed point and notes
  land-50m.geojson          Natural Earth 1:50m land (public domain, via the npm package
                            world-atlas), clipped to lon 60-150, lat 5-60; see prepare_sources.py
  countries-50m-sel.geojson Natural Earth 1:50m Vietnam, Laos, Myanmar, Japan and Taiwan, used
                            only to cut those lands out of the study area
  geo_lines.py              hand-drawn lines: study-area outline, historical block borders
                            (REFERENCE.md 3.4-3.8), rivers
  seeds.py                  extra Voronoi seeds per region and the block each region is in
  descriptions.py           region descriptions

Method:
  1. Study land = NE land inside STUDY_OUTLINE (lon 97-135, lat 18-50, west edge along the
     Song-Dali line and the Tibet/Hexi edge) minus Vietnam/Laos/Myanmar, minus every land
     component touching Japan or Taiwan; islands < 2 km2 dropped.
  2. The block lines (Song-Liao, Song-Xia, Yellow River bend, Great Wall edge of the Sixteen
     Prefectures, Liao-Goryeo, 1142 Huai-Qinling, Hedong/Shaanxi, Huainan, sea lines) are
     polygonized into blocks.  Inside each block the regions are Voronoi cells of their seeds
     (tsv seed + extra seeds).  Poju is a small box around Uiju cut out of the Korea block.
  3. All edges (land boundary, block lines, Voronoi edges) are noded together and polygonized
     into atomic faces, each assigned to one region, so neighbouring regions share identical
     vertices.  The coverage is simplified with shapely.coverage_simplify (0.02 deg ~ 2 km),
     snapped to a 0.001 deg grid and re-checked.  Spikes (a ring turning back on itself, a
     sliver collapsed by the simplification) are then removed by despike.py, which keeps shared
     borders on identical vertices.  (despike.py also runs alone on the asset as it stands, to
     clean it without rebuilding it.)
  4. basemap.geojson: land (lon 90-140, lat 15-55), inset_land (lon 70-90, lat 38-50),
     study_area (= union of the main regions), rivers and labels.
"""
import csv
import json
import math
import os
import sys

import numpy as np
import shapely
from shapely.geometry import (GeometryCollection, LineString, MultiPolygon, Point, Polygon,
                              box, mapping, shape)
from shapely.ops import polygonize, unary_union

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import geo_lines as GL  # noqa: E402
from seeds import BLOCK_OF, EXTRA  # noqa: E402
from descriptions import DESC  # noqa: E402
from despike import despike_features  # noqa: E402

ASSETS = os.path.normpath(os.path.join(HERE, "..", "..", "assets"))
GRID = 0.001
SIMPLIFY = 0.02          # degrees (~2 km)
MIN_ISLAND_KM2 = 2.0
KM_PER_DEG = 111.32


def km2(g):
    """Approximate area in km2 of a lon/lat geometry."""
    if g.is_empty:
        return 0.0
    lat = g.centroid.y
    return g.area * KM_PER_DEG ** 2 * math.cos(math.radians(lat))


def polys(g):
    """List of Polygons in any geometry."""
    if g.is_empty:
        return []
    if g.geom_type == "Polygon":
        return [g]
    if g.geom_type == "MultiPolygon":
        return list(g.geoms)
    if g.geom_type == "GeometryCollection":
        out = []
        for x in g.geoms:
            out += polys(x)
        return out
    return []


def as_multi(ps):
    ps = [p for p in ps if not p.is_empty]
    if len(ps) == 1:
        return ps[0]
    return MultiPolygon(ps)


def orient_ccw(g):
    return shapely.orient_polygons(g, exterior_cw=False) if hasattr(shapely, "orient_polygons") \
        else as_multi([shapely.geometry.polygon.orient(p, 1.0) for p in polys(g)])


def round_coords(obj, nd=3):
    if isinstance(obj, float):
        return round(obj, nd)
    if isinstance(obj, (list, tuple)):
        return [round_coords(x, nd) for x in obj]
    return obj


def geom_json(g, nd=3):
    m = mapping(g)
    return {"type": m["type"], "coordinates": round_coords(m["coordinates"], nd)}


def load_regions():
    with open(os.path.join(HERE, "regions.tsv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for r in rows:
        r["seed"] = (float(r["seed_lon"]), float(r["seed_lat"]))
        r["inset"] = "INSET" in r["notes"]
    return rows


def load_land():
    fc = json.load(open(os.path.join(HERE, "land-50m.geojson")))
    return shapely.make_valid(unary_union([shape(f["geometry"]) for f in fc["features"]]))


def load_countries():
    fc = json.load(open(os.path.join(HERE, "countries-50m-sel.geojson")))
    return {f["properties"]["name"]: shapely.make_valid(shape(f["geometry"])) for f in fc["features"]}


# ----------------------------------------------------------------------------- study land
EXTENT = box(90, 15, 140, 55)


def map_land(land):
    """NE land in the main map extent, on the 0.001 grid, islands < 2 km2 dropped."""
    g = shapely.set_precision(land.intersection(EXTENT), GRID)
    return as_multi([p for p in polys(g) if km2(p) >= MIN_ISLAND_KM2])


def study_mask(land, countries):
    """Study-area polygon (before clipping to land): the outline minus Vietnam, Laos, Myanmar,
    and minus every land component that touches Japan or Taiwan."""
    outline = Polygon(GL.STUDY_OUTLINE)
    assert outline.is_valid
    g = outline.difference(unary_union([countries["Vietnam"], countries["Laos"], countries["Myanmar"]]))
    excl = unary_union([countries["Japan"], countries["Taiwan"]]).buffer(0.02)
    drop = [p.buffer(0.01) for p in polys(land.intersection(outline)) if p.intersects(excl)]
    g = g.difference(unary_union(drop))
    return shapely.set_precision(g, GRID)


def study_land(land, countries):
    """Unsimplified study land (for checks)."""
    ml = map_land(land)
    g = shapely.set_precision(ml.intersection(study_mask(land, countries)), GRID)
    return as_multi([p for p in polys(g) if km2(p) >= MIN_ISLAND_KM2])


# ----------------------------------------------------------------------------- blocks
BOX = box(93.8, 14.8, 138.2, 52.2)


def blocks():
    lines = [GL.YR_XIA, GL.XIA_NORTH, GL.SONG_LIAO, GL.SIXTEEN_NORTH, GL.SONG_XIA,
             GL.HEDONG_SHAANXI, GL.HEDONG_EAST, GL.HUAI_QINLING, GL.HUAINAN_WEST_EDGE, GL.YANGTZE_BLOCK,
             GL.LIAO_GORYEO, GL.SEA_WEST_KOREA]
    geoms = [LineString(l) for l in lines] + [BOX.exterior]
    noded = unary_union(geoms)
    faces = [f for f in polygonize(noded) if f.within(BOX.buffer(1e-9))]
    out = {k: [] for k in GL.BLOCK_LABELS}
    unlabeled = []
    for f in faces:
        hit = [k for k, pt in GL.BLOCK_LABELS.items() if f.contains(Point(pt))]
        if len(hit) > 1:
            raise SystemExit(f"face holds several block labels: {hit}")
        if hit:
            out[hit[0]].append(f)
        else:
            unlabeled.append(f)
    res = {k: unary_union(v) for k, v in out.items()}
    for k, v in res.items():
        if v.is_empty:
            raise SystemExit(f"block {k} has no face")
    return res, unlabeled


# ----------------------------------------------------------------------------- voronoi
POJU_BOX = Polygon([(124.36, 40.05), (124.50, 40.04), (124.74, 40.14), (124.78, 40.30),
                    (124.62, 40.36), (124.40, 40.18)])


def region_cells(regions, blk):
    """Return {region id: geometry in lon/lat (not yet clipped to land)} for the main map."""
    cells = {}
    by_block = {}
    for r in regions:
        if r["inset"]:
            continue
        by_block.setdefault(BLOCK_OF[r["id"]], []).append(r)
    for b, rs in by_block.items():
        bgeom = blk[b]
        pts, owner = [], []
        for r in rs:
            if r["id"] == "poju":
                continue
            for p in [r["seed"]] + EXTRA[r["id"]]:
                pts.append(p)
                owner.append(r["id"])
        if len(set(pts)) != len(pts):
            dup = [p for p in pts if pts.count(p) > 1]
            raise SystemExit(f"duplicate seeds {dup}")
        if len(pts) == 1:
            cells[owner[0]] = bgeom
        else:
            vor = shapely.voronoi_polygons(shapely.MultiPoint(pts), extend_to=BOX.buffer(5))
            acc = {}
            for c in vor.geoms:
                idx = [i for i, p in enumerate(pts) if c.contains(Point(p))]
                assert len(idx) == 1, idx
                acc.setdefault(owner[idx[0]], []).append(c)
            for rid, cs in acc.items():
                cells[rid] = unary_union(cs).intersection(bgeom)
        if b == "korea":
            cells["poju"] = POJU_BOX.intersection(bgeom)
            cells["goryeo"] = cells["goryeo"].difference(POJU_BOX)
    return cells


def add_outside(cells, mask):
    for k in list(cells):
        cells[k] = cells[k].intersection(mask)
    cells[OUTSIDE] = EXTENT.buffer(0.5).difference(mask)
    return cells


OUTSIDE = "__outside__"


def partition(land, cells):
    """Node the land boundary with all cell boundaries and polygonize into atomic faces."""
    ids = list(cells)
    edges = [land.boundary]
    for rid in ids:
        # cells are clipped to land below; their boundaries only matter on land
        edges.append(shapely.set_precision(cells[rid], GRID).boundary)
    noded = unary_union([shapely.set_precision(e, GRID) for e in edges])
    faces = list(polygonize(noded))
    tree_ids = ids
    cell_geoms = [shapely.set_precision(cells[r], GRID) for r in ids]
    assigned = {r: [] for r in ids}
    lost = 0.0
    for f in faces:
        pt = f.representative_point()
        if not land.covers(pt):
            continue
        owner = None
        for rid, cg in zip(tree_ids, cell_geoms):
            if cg.covers(pt):
                owner = rid
                break
        if owner is None:   # sliver between cells from snapping: give to the nearest cell
            owner = min(zip(tree_ids, cell_geoms), key=lambda t: t[1].distance(pt))[0]
            lost += km2(f)
        assigned[owner].append(f)
    if lost:
        print(f"  note: {lost:.3f} km2 of faces assigned by nearest cell")
    return {r: unary_union(v) for r, v in assigned.items()}


def finalize(regions_geom, land):
    ids = list(regions_geom)
    geoms = [regions_geom[r] for r in ids]
    simp = shapely.coverage_simplify(np.array(geoms, dtype=object), SIMPLIFY, simplify_boundary=True)
    out = {}
    for rid, g in zip(ids, simp):
        g = shapely.set_precision(g, GRID, mode="pointwise")
        g = shapely.make_valid(g)
        ps = [p for p in polys(g) if km2(p) >= MIN_ISLAND_KM2 / 2]
        out[rid] = ps
    return out


def fix_overlaps(region_polys):
    """After grid snapping tiny overlaps may appear; resolve them deterministically."""
    ids = list(region_polys)
    geoms = {r: as_multi(region_polys[r]) for r in ids}
    tree = shapely.STRtree([geoms[r] for r in ids])
    changed = 0
    for i, r in enumerate(ids):
        for j in tree.query(geoms[r]):
            if j <= i:
                continue
            s = ids[j]
            inter = geoms[r].intersection(geoms[s])
            if inter.area > 0:
                geoms[s] = shapely.set_precision(geoms[s].difference(geoms[r]), GRID)
                changed += 1
    return geoms, changed


# ----------------------------------------------------------------------------- inset
EMIL = Polygon([(82.0, 46.0), (82.4, 45.65), (83.3, 45.6), (84.3, 45.75), (85.2, 46.0), (85.5, 46.5),
                (85.3, 47.0), (84.6, 47.3), (83.6, 47.3), (82.7, 47.15), (82.15, 46.7), (81.95, 46.35)])
BALASAGUN = Polygon([(73.5, 42.75), (73.9, 42.45), (74.6, 42.3), (75.5, 42.35), (76.4, 42.4),
                     (77.2, 42.55), (77.5, 42.85), (77.2, 43.25), (76.3, 43.4), (75.4, 43.35),
                     (74.5, 43.2), (73.8, 43.05)])


def main():
    regions = load_regions()
    ids = [r["id"] for r in regions]
    assert len(ids) == len(set(ids))
    missing = [i for i in ids if i not in DESC]
    assert not missing, missing
    main_ids = [r["id"] for r in regions if not r["inset"]]
    assert all(i in BLOCK_OF for i in main_ids), [i for i in main_ids if i not in BLOCK_OF]

    land = load_land()
    countries = load_countries()
    mland = map_land(land)
    mask = study_mask(land, countries)
    sland = study_land(land, countries)
    print(f"study land: {len(sland.geoms)} parts, {km2(sland):,.0f} km2 (rough)")

    blk, unlabeled = blocks()
    # unlabeled faces must not hold study land
    for f in unlabeled:
        if f.intersection(sland).area > 1e-9:
            raise SystemExit(f"unlabeled block face holds land near {f.representative_point()}")

    cells = add_outside(region_cells(regions, blk), mask)
    raw = partition(mland, cells)
    for rid in main_ids:
        if raw[rid].is_empty:
            raise SystemExit(f"region {rid} is empty")
    final = finalize(raw, sland)
    geoms, changed = fix_overlaps(final)
    if changed:
        print(f"  note: {changed} overlap pairs trimmed after snapping")
    outside = geoms.pop(OUTSIDE)
    all_land = shapely.set_precision(unary_union(list(geoms.values()) + [outside]), GRID)
    study_union = shapely.set_precision(unary_union(list(geoms.values())), GRID)

    feats = []
    for r in regions:
        rid = r["id"]
        if r["inset"]:
            g = (EMIL if rid == "emil" else BALASAGUN).intersection(land)
            g = shapely.set_precision(g, GRID)
        else:
            g = geoms[rid]
        g = orient_ccw(g)
        assert g.is_valid, rid
        feats.append({"type": "Feature",
                      "properties": {"id": rid, "name": r["name"], "name_zh": r["name_zh"],
                                     "pinyin": r["pinyin"], "group": r["group"],
                                     "inset": bool(r["inset"]), "seat": list(r["seed"]),
                                     "description": DESC[rid]},
                      "geometry": geom_json(g)})
    # Slivers that simplification collapsed into spikes (their sides cross once projected).
    despike_features(feats)
    with open(os.path.join(ASSETS, "regions.geojson"), "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": feats}, f, ensure_ascii=False)
        f.write("\n")

    # ------------------------------------------------------------------ basemap
    bfeats = []
    # land layer: the same simplified coverage (regions + land outside the study area), so the
    # coast of the land layer and of the study area coincide exactly
    main_land = as_multi(polys(all_land))
    bfeats.append({"type": "Feature", "properties": {"layer": "land"},
                   "geometry": geom_json(orient_ccw(main_land))})
    inset = shapely.set_precision(shapely.simplify(land.intersection(box(70, 38, 90, 50)), SIMPLIFY,
                                                   preserve_topology=True), GRID)
    inset = as_multi([p for p in polys(inset) if km2(p) >= MIN_ISLAND_KM2])
    bfeats.append({"type": "Feature", "properties": {"layer": "inset_land"},
                   "geometry": geom_json(orient_ccw(inset))})
    sa = as_multi(polys(study_union))
    bfeats.append({"type": "Feature", "properties": {"layer": "study_area"},
                   "geometry": geom_json(orient_ccw(sa) if sa.geom_type == "MultiPolygon"
                                         else MultiPolygon([orient_ccw(sa)]))})
    for name, zh, rank, frm, to, coords in GL.RIVERS:
        props = {"layer": "river", "name": name, "name_zh": zh, "rank": rank}
        if frm:
            props["from"] = frm
        if to:
            props["to"] = to
        coords = list(coords)
        while len(coords) < 15:     # densify the longest segment (keeps the drawn shape)
            k = max(range(len(coords) - 1), key=lambda i: math.dist(coords[i], coords[i + 1]))
            a, b = coords[k], coords[k + 1]
            coords.insert(k + 1, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))
        assert 15 <= len(coords) <= 60, (name, len(coords))
        bfeats.append({"type": "Feature", "properties": props,
                       "geometry": {"type": "LineString", "coordinates": round_coords(coords)}})
    note = "Outside the study area: no control data"
    labels = [("Dali", "大理", (101.5, 25.3), None), ("Đại Việt", "大越", (105.6, 21.2), None),
              ("Tibetan tribes", "吐蕃諸部", (98.5, 33.5), None),
              ("Hexi Corridor", "河西", (100.6, 38.9), None), ("Japan", "日本", (133.0, 34.6), None),
              ("Taiwan", "臺灣", (120.95, 23.7), None),
              ("Bohai Sea", "渤海", (119.8, 38.9), "sea"), ("Yellow Sea", "黃海", (123.0, 35.5), "sea"),
              ("Sea of Japan", "日本海", (133.0, 40.5), "sea")]
    for name, zh, (x, y), kind in labels:
        props = {"layer": "label", "name": name, "name_zh": zh, "note": note}
        if kind:
            props["kind"] = kind
        bfeats.append({"type": "Feature", "properties": props,
                       "geometry": {"type": "Point", "coordinates": [x, y]}})
    with open(os.path.join(ASSETS, "basemap.geojson"), "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": bfeats}, f, ensure_ascii=False)
        f.write("\n")

    nv = sum(shapely.get_num_coordinates(shape(ft["geometry"])) for ft in feats)
    print(f"regions: {len(feats)} features, {nv} vertices")
    nb = sum(shapely.get_num_coordinates(shape(ft["geometry"])) for ft in bfeats)
    print(f"basemap: {len(bfeats)} features, {nb} vertices")


if __name__ == "__main__":
    main()
