"""Prepare the small Natural Earth 1:50m source files stored next to build.py.

Run once (needs node + npm; not needed for build.py itself):
    cd /tmp/ne && npm init -y && npm install world-atlas@2 topojson-client
    node /work/main/tools/geodata/fetch_natural_earth.js   # writes land-50m-full.geojson, countries-sel.geojson
    python3 /work/main/tools/geodata/prepare_sources.py /tmp/ne
Writes land-50m.geojson (land clipped to lon 60-150, lat 5-60) and
countries-50m-sel.geojson (Vietnam, Laos, Myanmar, Japan, Taiwan: used only to
cut the study area). Natural Earth is public domain.
"""
import json, sys, os
import shapely
from shapely.geometry import shape, mapping, box

src = sys.argv[1] if len(sys.argv) > 1 else "."
here = os.path.dirname(os.path.abspath(__file__))
CLIP = box(60, 5, 150, 60)

def rnd(g):
    return shapely.set_precision(g, 1e-4)

land = json.load(open(os.path.join(src, "land-50m-full.geojson")))
geoms = [shapely.make_valid(shape(f["geometry"])).intersection(CLIP) for f in land["features"]]
g = rnd(shapely.union_all(geoms).intersection(CLIP))
json.dump({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"source": "Natural Earth 1:50m land via world-atlas (public domain)"},
     "geometry": mapping(g)}]}, open(os.path.join(here, "land-50m.geojson"), "w"))

cs = json.load(open(os.path.join(src, "countries-sel.geojson")))
feats = []
for f in cs["features"]:
    if f["properties"]["name"] in ("Vietnam", "Laos", "Myanmar", "Japan", "Taiwan"):
        gg = rnd(shapely.make_valid(shape(f["geometry"])).intersection(CLIP))
        feats.append({"type": "Feature", "properties": {"name": f["properties"]["name"]}, "geometry": mapping(gg)})
json.dump({"type": "FeatureCollection", "features": feats}, open(os.path.join(here, "countries-50m-sel.geojson"), "w"))
print("ok")
