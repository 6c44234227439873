#!/usr/bin/env python3
"""Writes the Simplified Chinese catalogs from the Traditional ones.

Needs: pip install opencc==1.4.2 (the official OpenCC binding; not the look-alike
`opencc-python-reimplemented`, which installs a module of the same name).

    python3 tools/i18n_simplify.py           # writes assets/i18n/zh-Hans.json, ui.zh-Hans.json
    python3 tools/i18n_simplify.py --check   # exit 1 if they are not up to date

Edit only the Traditional files (assets/i18n/zh-Hant.json, ui.zh-Hant.json); then run
this. Every text goes through OpenCC's t2s conversion (characters and phrases), with:

* the mainland's quotation marks (“” for 「」) and particle 着 (看著 → 看着);
* PROTECTED: words OpenCC gets wrong in this period's names (乾 of 乾興, 乾順 is not 干);
* the interface only: UI_VOCAB, the mainland's words for computer things (檔案 → 文件,
  設定 → 设置 ...), and UI_OVERRIDES for whole texts;
* the Simplified catalog also gets "names": every Chinese name of the data files
  (name_zh, title_zh, ...), Traditional → Simplified, which the atlas uses to show names
  in Simplified characters.

Proofread the result: `git diff assets/i18n/` after a run shows every changed text.
"""
import json
import os
import sys

import opencc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
I18N = os.path.join(ROOT, "assets", "i18n")

# Traditional → Simplified for words t2s converts wrongly here.
PROTECTED = {
    "乾興": "乾兴",  # Song era 1022 (t2s: 干兴)
    "乾順": "乾顺",  # Xia ruler Li Qianshun (t2s: 干顺)
    "乾德": "乾德",  # Song era 963-968
    "乾統": "乾统",  # Liao era 1101-1110
    "乾祐": "乾祐",  # Xia era 1170-1193
    "乾亨": "乾亨",  # Liao era 979-983
    "乾元": "乾元",  # 乾元節, Renzong's birthday
}

# After t2s, everywhere: the particle 著 (Taiwan) is 着 on the mainland; 著作 stays.
PARTICLES = {
    "看著": "看着",
    "带著": "带着",
    "隔著": "隔着",
    "跟著": "跟着",
    "接著": "接着",
    "随著": "随着",
    "沿著": "沿着",
    "朝著": "朝着",
    "对著": "对着",
    "靠著": "靠着",
    "有著": "有着",
}

# The interface only: Taiwan's computer words → the mainland's, applied after t2s.
UI_VOCAB = {
    "汇出": "导出",
    "档案": "文件",
    "档名": "文件名",
    "资料夹": "文件夹",
    "设定": "设置",
    "预设": "默认",
    "字型": "字体",
    "视窗": "窗口",
    "开启": "打开",
    "储存": "保存",
    "萤幕": "屏幕",
    "滑杆": "滑块",
    "空白键": "空格键",
    "简报模式": "演示模式",
    "重设": "重置",
    "点选": "点击",
    "取代": "替换",
    "讯息": "信息",
    "检视": "视图",
    "说明 ›": "帮助 ›",
    "资料集": "数据集",
    "内建资料": "内置数据",
    "内建": "内置",
    "全屏幕": "全屏",
    "执行": "运行",
    "清单": "列表",
    "取消选取": "取消选择",
    "控制资料": "控制数据",
    "没有资料": "没有数据",
    "地图资料": "地图数据",
    "向量图": "矢量图",
    "搜寻": "搜索",
}

# The interface only: whole texts whose Simplified form is not a conversion.
UI_OVERRIDES = {
    "Quit": "退出",
    "Help": "帮助",
    "View": "视图",
    "Traditional": "繁体",
    "Simplified": "简体",
}

T2S = opencc.OpenCC("t2s.json")


def simplify(text):
    marks = {}
    for i, (trad, simp) in enumerate(PROTECTED.items()):
        if trad in text:
            mark = f"\uE000{i}\uE001"
            marks[mark] = simp
            text = text.replace(trad, mark)
    out = T2S.convert(text)
    for mark, simp in marks.items():
        out = out.replace(mark, simp)
    for a, b in PARTICLES.items():
        out = out.replace(a, b)
    # The mainland's quotation marks.
    for a, b in (("「", "\u201c"), ("」", "\u201d"), ("『", "\u2018"), ("』", "\u2019")):
        out = out.replace(a, b)
    return out


def simplify_ui(key, text):
    if key in UI_OVERRIDES:
        return UI_OVERRIDES[key]
    out = simplify(text)
    for a, b in UI_VOCAB.items():
        out = out.replace(a, b)
    return out


def data_names():
    """Every Chinese name of the data files (written in Traditional characters)."""
    names = set()

    def props(path):
        with open(os.path.join(ROOT, "assets", path), encoding="utf-8") as fh:
            data = json.load(fh)
        if isinstance(data, dict) and "features" in data:
            return [f.get("properties") or {} for f in data["features"]]
        return data

    for p in props("powers.json") + props("regions.geojson") + props("places.geojson"):
        names.add(p.get("name_zh", ""))
        names.update(n.get("name_zh", "") for n in p.get("names", []))
    for p in props("routes.geojson") + props("basemap.geojson") + props("ranges.geojson"):
        names.add(p.get("name_zh", ""))
    for e in props("events.json"):
        names.add(e.get("title_zh", ""))
        names.add(e.get("place", {}).get("name_zh", ""))
        names.update(p.get("name_zh", "") for p in e.get("people", []))
    names.discard("")
    return {n: simplify(n) for n in sorted(names)}


def read(name):
    with open(os.path.join(I18N, name), encoding="utf-8") as fh:
        return json.load(fh)


def dump(value):
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def build():
    ui = read("ui.zh-Hant.json")
    data = read("zh-Hant.json")
    ui_hans = {
        "language": "zh-Hans",
        "about": "Generated from ui.zh-Hant.json by tools/i18n_simplify.py; do not edit.",
        "texts": {k: simplify_ui(k, v) for k, v in ui["texts"].items()},
    }
    data_hans = {
        "language": "zh-Hans",
        "about": "Generated from zh-Hant.json by tools/i18n_simplify.py; do not edit.",
        "texts": {
            k: {"en": e.get("en", ""), "zh": simplify(e["zh"])}
            for k, e in data["texts"].items()
        },
        "names": data_names(),
    }
    return {"ui.zh-Hans.json": dump(ui_hans), "zh-Hans.json": dump(data_hans)}


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for name, text in build().items():
        path = os.path.join(I18N, name)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        if old == text:
            continue
        if check:
            stale.append(name)
        else:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            print("wrote", os.path.relpath(path, ROOT))
    if stale:
        sys.exit(f"not up to date: {', '.join(stale)}; run tools/i18n_simplify.py")


if __name__ == "__main__":
    main()
