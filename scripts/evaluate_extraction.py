#!/usr/bin/env python3
"""Score ``geokit extract`` on the development corpus.

Extracts place mentions from every text in ``../shared/corpus/seeds/`` and
scores them with ``../shared/eval/score_mentions.py`` against
``../shared/corpus/seeds.gold.jsonl`` (recognition, resolution, end-to-end).
Then checks the traps (names that must never be taken for places) and lists
the incidents found at the places the issue names as targets.

usage: scripts/evaluate_extraction.py [--shared DIR] [--show] [--out PRED.jsonl]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geokit import extract  # noqa: E402
from geokit._io import read_text  # noqa: E402
from geokit._text import fold_name  # noqa: E402

# Words that are never places in these texts (organisation parts, media, weapons,
# months, nationality adjectives): a prediction on one of them is a trap taken.
TRAPS = ["الشام", "القدس", "الفيل", "الشرق الأوسط", "الأناضول", "شباط", "آذار", "نيسان", "كانون",
         "تشرين", "الروسية", "الروسي", "السوري", "السورية", "التركية", "الإيرانية", "مدينة", "الباب"]

# Incident targets of the issue: place ids (any of them) and the type expected there.
TARGETS = {
    "Zitan": ({"C1167"}, {"capture"}),
    "Khalsa": ({"gn172615"}, {"attack", "clash"}),
    "Kafr Halab": ({"C1039"}, {"airstrike"}),
    "Al-Bab": ({"C1202"}, {"airstrike"}),
    "Hmeimim": ({"C3588", "gk-hmeimim-airbase"}, {"airstrike"}),
    "Kafr Nouran": ({"C1041"}, {"clash", "shelling"}),
    "Athriya-Khanasser road": ({"C3273", "C2169", "gn172378"}, {"attack"}),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", action="store_true", help="list every miss and spurious prediction")
    ap.add_argument("--out", type=Path, help="also keep the predictions here")
    args = ap.parse_args()
    seeds = args.shared / "corpus" / "seeds"
    gold = args.shared / "corpus" / "seeds.gold.jsonl"
    scorer = args.shared / "eval" / "score_mentions.py"
    if not seeds.is_dir() or not gold.is_file() or not scorer.is_file():
        print(f"evaluate_extraction: shared data not found under {args.shared}", file=sys.stderr)
        return 2
    docs = []
    for path in sorted(seeds.glob("*.txt")):
        docs.append(extract(read_text(path), name=path.name))
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("".join(d.to_jsonl() for d in docs), encoding="utf-8")
        if args.out:
            args.out.write_text(pred.read_text(encoding="utf-8"), encoding="utf-8")
        spec = importlib.util.spec_from_file_location("score_mentions", scorer)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            f1 = module.main(str(gold), str(pred), args.show)
    print(f"documents    {len(docs)}  mentions predicted {sum(len(d.mentions) for d in docs)}")
    print(buf.getvalue().rstrip())

    traps = {fold_name(t) for t in TRAPS}
    gold_spans = {(g["doc"], g["start"]) for g in map(json.loads, gold.read_text(encoding="utf-8").splitlines())
                  if g.get("category") in ("place", "hard")}
    taken = [(d.name, m.start, m.text) for d in docs for m in d.mentions
             if fold_name(m.text) in traps and (d.name, m.start) not in gold_spans]
    print(f"traps        {len(taken)} predicted" + "".join(f"\n  TRAP {n} {s} {t}" for n, s, t in taken))

    print("incidents    " + ", ".join(f"{t}: {sum(1 for d in docs for i in d.incidents if i.type == t)}"
                                      for t in sorted({i.type for d in docs for i in d.incidents})))
    print(f"control      {sum(len(d.control_observations) for d in docs)} observations")
    ok_all = True
    for label, (ids, expected) in TARGETS.items():
        found = sorted({i.type for d in docs for i in d.incidents for m, _ in i.places if m.place.id in ids})
        ok = bool(expected & set(found))
        ok_all &= ok
        print(f"  target {label:24s} {'ok ' if ok else 'MISSING'} found: {', '.join(found) or '-'}")
    return 0 if f1 >= 0.95 and not taken and ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
