#!/usr/bin/env python3
"""Draw preview.png (whole main map) and preview_sixteen.png (lon 110-120, lat 37-42.5) from
assets/regions.geojson and assets/basemap.geojson: regions coloured by group with ids, rivers,
region seats (black +) and the REFERENCE.md 3.4-3.8 border points (dots: red = Song side,
blue = other side, yellow = border).  Albers equal-area (lat_1=25, lat_2=47, lon_0=115)."""
import json
import os
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import PathPatch  # noqa: E402
from matplotlib.path import Path  # noqa: E402
from shapely.geometry import shape  # noqa: E402

try:
    from pyproj import Transformer
    TR = Transformer.from_crs("EPSG:4326", "+proj=aea +lat_1=25 +lat_2=47 +lon_0=115 +lat_0=30 +units=km",
                              always_xy=True)

    def proj(x, y):
        return TR.transform(x, y)
except ImportError:  # plain lon/lat
    def proj(x, y):
        return x, y

HERE = os.path.dirname(os.path.abspath(__file__))
ASSETS = os.path.normpath(os.path.join(HERE, "..", "..", "assets"))
COL = {"sixteen_prefectures": "#e7a24a", "liao": "#7fa8d6", "jurchen": "#8fcf8f", "song_north": "#e58b8b",
       "song_south": "#f4c2c2", "xia": "#c9a3e0", "goryeo": "#9fd9d0", "steppe": "#d9d2a0",
       "western_liao": "#bbbbbb"}

# REFERENCE.md 3.4-3.8 points (lon, lat, side): S = Song side, O = other side, B = border
REF = [
    # 3.4
    (115.50, 39.35, "O"), (115.56, 39.03, "S"), (115.66, 39.02, "S"), (115.88, 39.34, "O"), (116.10, 38.99, "S"),
    (116.02, 39.13, "B"), (116.39, 39.12, "S"), (116.55, 39.02, "S"),
    # 3.5
    (111.15, 39.38, "B"), (112.20, 39.15, "B"), (112.776, 39.205, "S"), (113.90, 39.30, "B"), (115.00, 39.20, "B"),
    (115.55, 39.18, "B"), (116.05, 39.10, "B"), (116.40, 39.20, "B"), (116.75, 39.10, "B"), (117.60, 38.95, "B"),
    # 3.6 (Song side)
    (111.07, 39.03, "S"), (110.50, 38.84, "S"), (110.26, 37.50, "S"), (108.77, 36.82, "S"), (108.10, 37.00, "S"),
    (107.31, 36.58, "S"), (106.28, 36.01, "S"), (104.68, 36.56, "S"), (103.83, 36.06, "S"), (101.78, 36.62, "S"),
    # 3.7 (Goryeo side = S colour here means "own side")
    (124.35, 39.85, "B"), (124.42, 40.08, "O"), (124.53, 40.20, "O"), (124.07, 40.45, "O"), (124.63, 40.05, "S"),
    (125.05, 40.38, "S"), (125.90, 39.90, "S"), (126.37, 39.67, "S"), (127.40, 39.79, "B"),
    # 3.8
    (120.25, 34.27, "B"), (119.14, 33.51, "S"), (118.52, 33.00, "B"), (117.56, 32.87, "S"), (116.78, 32.60, "B"),
    (115.05, 32.13, "S"), (114.08, 32.13, "S"), (113.40, 32.37, "B"), (112.00, 32.45, "B"), (109.94, 33.87, "B"),
    (107.05, 34.25, "B"), (105.72, 34.35, "B"),
]
DOTC = {"S": "red", "O": "blue", "B": "yellow"}


def poly_path(g):
    verts, codes = [], []
    ps = [g] if g.geom_type == "Polygon" else list(g.geoms)
    for p in ps:
        for ring in [p.exterior] + list(p.interiors):
            xs, ys = proj(*zip(*ring.coords))
            pts = list(zip(xs, ys))
            verts += pts
            codes += [Path.MOVETO] + [Path.LINETO] * (len(pts) - 2) + [Path.CLOSEPOLY]
    return Path(verts, codes)


def draw(fname, bounds, fontsize, figsize):
    reg = json.load(open(os.path.join(ASSETS, "regions.geojson"), encoding="utf-8"))
    bm = json.load(open(os.path.join(ASSETS, "basemap.geojson"), encoding="utf-8"))
    fig, ax = plt.subplots(figsize=figsize)
    for f in bm["features"]:
        if f["properties"]["layer"] == "land":
            ax.add_patch(PathPatch(poly_path(shape(f["geometry"])), fc="#dddddd", ec="#999999", lw=0.3))
    for f in reg["features"]:
        p = f["properties"]
        if p["inset"]:
            continue
        g = shape(f["geometry"])
        ax.add_patch(PathPatch(poly_path(g), fc=COL[p["group"]], ec="#333333", lw=0.4))
        x, y = proj(*p["seat"])
        ax.plot(x, y, "k+", ms=4, mew=0.6)
        lp = g.representative_point() if not g.contains(__import__("shapely").geometry.Point(p["seat"])) else None
        lx, ly = (x, y) if lp is None else proj(lp.x, lp.y)
        ax.annotate(p["id"], (lx, ly), fontsize=fontsize, ha="center", va="bottom",
                    xytext=(0, 2), textcoords="offset points", annotation_clip=True)
    for f in bm["features"]:
        pr = f["properties"]
        if pr["layer"] == "river":
            xs, ys = proj(*zip(*f["geometry"]["coordinates"]))
            style = "--" if pr.get("to") else (":" if pr.get("from") else "-")
            ax.plot(xs, ys, style, color="#2060c0", lw=1.2 if pr["rank"] == 1 else 0.7)
        elif pr["layer"] == "label":
            x, y = proj(*f["geometry"]["coordinates"])
            ax.text(x, y, pr["name"], fontsize=fontsize + 1, color="#555555", style="italic", ha="center", clip_on=True)
    for lon, lat, side in REF:
        x, y = proj(lon, lat)
        ax.plot(x, y, "o", ms=3.5, mfc=DOTC[side], mec="k", mew=0.4)
    (x0, y0), (x1, y1) = proj(bounds[0], bounds[1]), proj(bounds[2], bounds[3])
    xs = [proj(bounds[0], bounds[1])[0], proj(bounds[0], bounds[3])[0], proj(bounds[2], bounds[1])[0],
          proj(bounds[2], bounds[3])[0]]
    ys = [proj(bounds[0], bounds[1])[1], proj(bounds[0], bounds[3])[1], proj(bounds[2], bounds[1])[1],
          proj(bounds[2], bounds[3])[1], proj((bounds[0] + bounds[2]) / 2, bounds[3])[1]]
    ax.set_xlim(min(xs), max(xs))
    ax.set_ylim(min(ys), max(ys))
    ax.set_aspect("equal")
    ax.set_title(os.path.basename(fname))
    fig.tight_layout()
    fig.savefig(os.path.join(HERE, fname), dpi=110)
    plt.close(fig)


if __name__ == "__main__":
    draw("preview.png", (96, 15.5, 136, 51), 5, (16, 14))
    draw("preview_sixteen.png", (110, 37, 120, 42.5), 8, (14, 10))
    if len(sys.argv) > 1:   # extra zoom: lon0 lat0 lon1 lat1
        b = tuple(float(v) for v in sys.argv[1:5])
        draw("preview_zoom.png", b, 8, (14, 10))
    print("ok")
