#!/usr/bin/env python3
"""Builds the bundled font subsets from Noto Sans CJK TC (SIL Open Font License 1.1).

Needs: apt install fonts-noto-cjk; pip install fonttools.
Collects every non-ASCII character used in assets/ and src/ (names, titles, UI text, the
Chinese catalogs assets/i18n/*.json in Traditional and Simplified, the era names of
src/i18n/era.rs),
adds Latin, Latin-1, general punctuation and pinyin tone marks, and writes
assets/fonts/NotoSansCJKtc-{Regular,Bold}-subset.otf. Run it again after adding names.
"""
import glob
import os
import subprocess
import sys

from fontTools.ttLib import TTCollection

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = "/usr/share/fonts/opentype/noto/NotoSansCJK-{}.ttc"


def characters():
    chars = set()
    files = glob.glob(os.path.join(ROOT, "assets", "**", "*.json"), recursive=True)
    files += glob.glob(os.path.join(ROOT, "assets", "*.geojson"))
    files += glob.glob(os.path.join(ROOT, "src", "**", "*.rs"), recursive=True)
    for f in files:
        with open(f, encoding="utf-8") as fh:
            chars.update(fh.read())
    chars.update(chr(c) for c in range(0x20, 0x250))  # Latin, Latin-1, Latin Extended A/B
    chars.update(chr(c) for c in range(0x2000, 0x2070))  # punctuation
    chars.update(chr(c) for c in range(0x3000, 0x3020))  # CJK punctuation
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
    chars.update("ǎǐǒǔǖǘǚǜāēīōūǘ̈ḿńňǹ←→↑↓⟲◀▶⏸⏵⏮⏭•·×−±–—…")
    return "".join(sorted(c for c in chars if ord(c) >= 0x20))


def face_index(path, want="TC"):
    for i, font in enumerate(TTCollection(path).fonts):
        name = font["name"].getDebugName(1) or ""
        if name.endswith(" " + want):
            return i
    sys.exit(f"no {want} face in {path}")


def main():
    text = characters()
    out_dir = os.path.join(ROOT, "assets", "fonts")
    os.makedirs(out_dir, exist_ok=True)
    for weight in ("Regular", "Bold"):
        src = SRC.format(weight)
        out = os.path.join(out_dir, f"NotoSansCJKtc-{weight}-subset.otf")
        subprocess.run(
            [
                sys.executable, "-m", "fontTools.subset", src,
                f"--font-number={face_index(src)}",
                f"--text={text}",
                f"--output-file={out}",
                "--layout-features=kern,liga,locl,vert",
                "--no-hinting",
                "--desubroutinize",
                "--name-IDs=*",
            ],
            check=True,
        )
        print(out, os.path.getsize(out), "bytes,", len(text), "characters")


if __name__ == "__main__":
    main()
