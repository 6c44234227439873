#!/usr/bin/env python3
"""Remove spikes from the region rings of assets/regions.geojson, keeping shared borders shared.

Usage:  python3 tools/geodata/despike.py [FILE]     (default: assets/regions.geojson; rewrites it)
        python3 tools/geodata/despike.py --check [FILE]   (lists the spikes, changes nothing;
                                                           exits 1 if there are any)

build.py calls despike_features() on the features it is about to write, so a rebuilt asset has
no spikes either; this script does the same to the asset as it stands (build.py needs shapely and
the Natural Earth inputs, and a rebuild would redo more than this), so it is the way to clean
regions.geojson without rebuilding it. Pure Python, deterministic: the same input
gives the same bytes, and a clean file is left unchanged.

What a spike is: coverage_simplify and the 0.001-degree grid can collapse a thin sliver of a
region into a vertex where the ring turns back on itself (its two edges meet at an angle of
less than MAX_SPIKE_DEG, here 0.00-0.3 degrees; the sharpest real corner is 7 degrees). The two
sides of such a spike are almost the same line, so after projection they may cross, and earcut
then puts triangles outside the region (up to ~1,300 km2 for sichuan_east).

How it is removed: the spike's tip T is dropped from its ring, whose edge now runs from the
tip's near neighbour N to its far one F (both lie along the spike). Any other ring with the
edge F-T (it ran along the spike's far side) gets N inserted between them, so the border it
shares with the despiked ring, N-F, is still made of the same vertices on both sides, and the
tip stays where the other rings meet. The sliver's area (at most ~1 km2) goes to that
neighbour. Repeated until no ring has a spike.
"""
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ASSETS = os.path.normpath(os.path.join(HERE, "..", "..", "assets"))
MAX_SPIKE_DEG = 2.0


def _polygons(geometry):
    """The polygons (lists of rings) of a Polygon or MultiPolygon geometry dict."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def _rings(features):
    """Every ring as (feature id, ring list), the ring closed (first point repeated last)."""
    for f in features:
        for poly in _polygons(f["geometry"]):
            for ring in poly:
                yield f["properties"]["id"], ring


def _angle(a, b, c):
    """The angle at b between b->a and b->c in degrees, on a local map (lon scaled by cos lat)."""
    k = math.cos(math.radians(b[1]))
    v1 = ((a[0] - b[0]) * k, a[1] - b[1])
    v2 = ((c[0] - b[0]) * k, c[1] - b[1])
    l1 = math.hypot(*v1)
    l2 = math.hypot(*v2)
    if l1 == 0 or l2 == 0:
        return 180.0
    cos = (v1[0] * v2[0] + v1[1] * v2[1]) / (l1 * l2)
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def _dist(a, b):
    k = math.cos(math.radians((a[1] + b[1]) / 2))
    return math.hypot((a[0] - b[0]) * k, a[1] - b[1])


def find_spikes(features):
    """[(id, tip, angle)] of every spike, in file order."""
    out = []
    for rid, ring in _rings(features):
        pts = ring[:-1]
        n = len(pts)
        for k in range(n):
            ang = _angle(pts[k - 1], pts[k], pts[(k + 1) % n])
            if ang < MAX_SPIKE_DEG:
                out.append((rid, list(pts[k]), ang))
    return out


def _set_ring(ring, pts):
    """Rewrite a closed ring in place from its open point list."""
    ring[:] = [list(p) for p in pts] + [list(pts[0])]


def _remove_one(features):
    """Removes the first spike found; returns (id, tip, insertions) or None if there is none."""
    rings = list(_rings(features))
    for rid, ring in rings:
        pts = ring[:-1]
        n = len(pts)
        for k in range(n):
            prev, tip, nxt = pts[k - 1], pts[k], pts[(k + 1) % n]
            if _angle(prev, tip, nxt) >= MAX_SPIKE_DEG:
                continue
            near, far = (prev, nxt) if _dist(prev, tip) <= _dist(nxt, tip) else (nxt, prev)
            _set_ring(ring, pts[:k] + pts[k + 1:])
            inserted = []
            for oid, other in rings:
                if other is ring:
                    continue
                opts = other[:-1]
                m = len(opts)
                for j in range(m):
                    a, b = opts[j], opts[(j + 1) % m]
                    if (a == far and b == tip) or (a == tip and b == far):
                        opts = opts[:j + 1] + [list(near)] + opts[j + 1:]
                        _set_ring(other, opts)
                        inserted.append(oid)
                        break
            return rid, tip, inserted
    return None


def edge_counts(features):
    """How often each undirected edge is used, over every ring of every feature."""
    counts = {}
    for _, ring in _rings(features):
        for a, b in zip(ring, ring[1:]):
            key = tuple(sorted((tuple(a), tuple(b))))
            counts[key] = counts.get(key, 0) + 1
    return counts


def despike_features(features, log=print):
    """Removes every spike from the features' rings, in place. Returns the number removed."""
    before = edge_counts(features)
    removed = 0
    while True:
        done = _remove_one(features)
        if done is None:
            break
        rid, tip, inserted = done
        removed += 1
        also = f"; {', '.join(inserted)} got the spike's near vertex" if inserted else ""
        log(f"  despike: {rid} loses its spike at {tip}{also}")
        if removed > 1000:
            raise SystemExit("despike: does not converge")
    after = edge_counts(features)
    # Borders stay shared: no edge is used by more than two rings, and the edges used once
    # (coasts, the edge of the study area) run where they ran: a spike on the study area's edge
    # splits its side in two at the near vertex, so their number may grow, not their length.
    bad = [e for e, c in after.items() if c > 2]
    if bad:
        raise SystemExit(f"despike: edges used by more than two rings: {bad[:5]}")

    def unshared_length(counts):
        return sum(_dist(*e) for e, c in counts.items() if c == 1)

    grown = unshared_length(after) - unshared_length(before)
    if abs(grown) > 1e-3:
        raise SystemExit(f"despike: the unshared edges' length changed by {grown:.4f} degrees")
    return removed


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    path = args[0] if args else os.path.join(ASSETS, "regions.geojson")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    data = json.loads(text)
    feats = data["features"]
    if check:
        spikes = find_spikes(feats)
        for rid, tip, ang in spikes:
            print(f"{rid}: spike at {tip}, {ang:.2f} degrees")
        return 1 if spikes else 0
    removed = despike_features(feats)
    out = json.dumps(data, ensure_ascii=False)
    if text.endswith("\n"):
        out += "\n"
    if out != text:
        with open(path, "w", encoding="utf-8") as f:
            f.write(out)
    print(f"{path}: {removed} spikes removed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
