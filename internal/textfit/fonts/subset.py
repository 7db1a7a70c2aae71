#!/usr/bin/python3
"""Makes inter-regular.woff2 and inter-semibold.woff2 beside this file.

Run by hand, not in CI, from any folder:

    internal/textfit/fonts/subset.py

It needs npm and Debian's fontTools with Brotli
(apt-get install python3-fonttools python3-brotli). It takes Inter 4.1 from
the npm package inter-ui@4.1.1 (web/Inter-Regular.woff2 and
web/Inter-SemiBold.woff2, OFL) and writes, for each weight, a subset that
package textfit can measure exactly:

  - only the scripts and symbols the portal uses (UNICODES below);
  - the digits 0-9 mapped to their tabular forms (Inter's `tnum` glyphs),
    so figures line up without a feature switch;
  - no GSUB table: ligatures, contextual alternates and case forms would
    change advances that textfit sums from hmtx;
  - GPOS kerning and mark positioning kept for pages (the map turns
    kerning off in its CSS);
  - WOFF2 with glyf and loca transformed and hmtx untransformed, which is
    what textfit's reader expects.

It copies the package's LICENSE.txt to OFL.txt and prints the sizes.
"""

import os
import subprocess
import sys
import tarfile
import tempfile

from fontTools import subset
from fontTools.ttLib import TTFont

PACKAGE = "inter-ui@4.1.1"
WEIGHTS = {"Regular": "inter-regular.woff2", "SemiBold": "inter-semibold.woff2"}

# Code points kept; the subsetter keeps those Inter has and skips the rest.
UNICODES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A (Polish, Czech, Turkish, ...)
    (0x0180, 0x024F),  # Latin Extended-B
    (0x02B0, 0x02FF),  # Spacing modifier letters: ˇ ˘ ˛ ˙ ˝ ʼ
    (0x0300, 0x036F),  # Combining diacritical marks
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x052F),  # Cyrillic and Cyrillic Supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # General Punctuation: ‐ – — ‘ ’ “ ” • … ‰
    (0x2070, 0x209F),  # Superscripts and subscripts
    (0x20A0, 0x20CF),  # Currency symbols: € ₽ ₴ ₸
    (0x2100, 0x214F),  # Letterlike symbols: № ™ ℃
    (0x2150, 0x218F),  # Number forms: ½ ⅓ Ⅻ
    (0x2190, 0x21FF),  # Arrows: ← → ↑ ↓
    (0x2200, 0x22FF),  # Mathematical operators: − × ≤ ≥ ≈ ∞
    (0x25A0, 0x25FF),  # Geometric shapes: ▲ ▼ ◆ ● ○ ■
    (0x2605, 0x2606),  # ★ ☆
    (0x2665, 0x2665),  # ♥ (the Mermaid entity &hearts;)
    (0x26A0, 0x26A0),  # ⚠ (no owner, overdue)
    (0x2713, 0x2713),  # ✓ (done)
    (0x2717, 0x2717),  # ✗
]

DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def tabular_digits(font):
    """Returns the glyphs that GSUB `tnum` puts for the digits 0-9."""
    gsub = font["GSUB"].table
    subst = {}
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag != "tnum":
            continue
        for index in record.Feature.LookupListIndex:
            lookup = gsub.LookupList.Lookup[index]
            for table in lookup.SubTable:
                if lookup.LookupType == 7:  # extension
                    table = table.ExtSubTable
                mapping = getattr(table, "mapping", None)
                if mapping is None:
                    sys.exit(f"tnum lookup {index} is not a single substitution")
                subst.update(mapping)
    cmap = font.getBestCmap()
    out = {}
    for i, name in enumerate(DIGITS):
        glyph = cmap[ord("0") + i]
        if glyph not in subst:
            sys.exit(f"tnum has no substitute for {glyph}")
        out[ord("0") + i] = subst[glyph]
    return out


def make(src, dst):
    font = TTFont(src, recalcTimestamp=False)  # the same bytes on every run
    digits = tabular_digits(font)
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap.update({u: g for u, g in digits.items() if u in table.cmap})

    options = subset.Options()
    options.flavor = "woff2"  # glyf and loca transformed, hmtx not
    options.layout_features = ["kern", "mark", "mkmk"]
    options.drop_tables += ["GSUB"]
    options.name_IDs = list(range(15))  # keeps copyright (0) and the OFL (13, 14)
    options.name_languages = ["*"]
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[u for lo, hi in UNICODES for u in range(lo, hi + 1)])
    sub.subset(font)
    font.flavor = "woff2"
    font.save(dst)

    check = TTFont(dst)
    assert "GSUB" not in check, "GSUB left in"
    widths = {check["hmtx"][check.getBestCmap()[ord(str(d))]][0] for d in range(10)}
    assert len(widths) == 1, f"digits are not tabular: {widths}"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as tmp:
        tgz = subprocess.run(["npm", "pack", "--silent", PACKAGE], cwd=tmp, check=True,
                             capture_output=True, text=True).stdout.split()[-1]
        with tarfile.open(os.path.join(tmp, tgz)) as tar:
            def read(member):
                return tar.extractfile("package/" + member).read()

            with open(os.path.join(here, "OFL.txt"), "wb") as f:
                f.write(read("LICENSE.txt"))
            for weight, name in WEIGHTS.items():
                src = os.path.join(tmp, f"Inter-{weight}.woff2")
                with open(src, "wb") as f:
                    f.write(read(f"web/Inter-{weight}.woff2"))
                dst = os.path.join(here, name)
                make(src, dst)
                print(f"{name}: {os.path.getsize(src)} bytes -> {os.path.getsize(dst)} bytes")


if __name__ == "__main__":
    main()
