#!/usr/bin/env python3
"""Benchmark ``geokit.extract``: throughput (MB/s of UTF-8 text, per core) and peak memory.

The corpus is generated from geokit's own template sentences (no news text is
used): about half report incidents at places drawn at random from the packaged
gazetteer (so nearly every village name has namesakes to tell apart), half are
context without places, as in a news bulletin.  Bulletins are fed to
:func:`geokit.extract` one bulletin (about 4 KB) at a time.  Throughput is CPU
time of the extraction only (generation is not timed), so it is the figure of
one core even on a busy machine; wall time is printed too.

usage: scripts/bench_extract.py [--mb-ar 50] [--mb-en 10] [--seed 7] [--no-incidents] [--runs 1]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import geokit  # noqa: E402
from geokit.gazetteer import default_gazetteer  # noqa: E402

AR = [
    "سيطرت قوات النظام على بلدة {v1} في ريف {g} {d} بعد اشتباكات مع فصائل المعارضة.",
    "قصفت قوات النظام بقذائف المدفعية قرى {v1} و{v2} و{v3} {d} {c}، ما أدى إلى مقتل {n} مدنيين.",
    "شن الطيران الروسي غارات جوية على مدينة {c} وبلدة {v1}، وأصيب {n} أشخاص بجروح.",
    "استهدفت طائرة مسيرة تركية سيارة لقوات سوريا الديمقراطية قرب {v1} في ريف {g}.",
    "انفجرت عبوة ناسفة على طريق {v1} - {v2}، وقتل {n} عناصر من قوات النظام يوم {w}.",
    "انسحبت فصائل المعارضة من قرية {v1} {d} {c} بعد قصف مكثف.",
    "وقال الناشط محمد الأحمد إن هيئة تحرير الشام صدت محاولة تقدم على محور {v1}.",
    "ونقلت صحيفة الشرق الأوسط عن مصادر محلية أن لواء القدس عزز مواقعه في محيط {c}.",
    "وأفادت وكالة الأناضول بأن الهدوء عاد إلى أحياء مدينة {c} يوم {w} {day} شباط.",
    "واتهمت المعارضة قوات النظام بخرق وقف إطلاق النار في {v1} و{v2} بريف {g}.",
    "دارت معارك عنيفة في محيط {v1}، وتحدثت مصادر عن خسائر بشرية في صفوف الطرفين.",
    "فتح التصعيد الباب أمام موجة نزوح جديدة من ريف {g} نحو الحدود التركية.",
]
EN = [
    "Government forces captured the village of {v1} in the {g} countryside after clashes with rebels.",
    "Russian jets carried out airstrikes on {c} and {v1}, killing {n} civilians, activists said on {w}.",
    "A roadside bomb exploded near {v1}, wounding {n} soldiers, according to state media.",
    "Turkish artillery shelled positions around {v1} and {v2}, {d} of {c}.",
    "Opposition factions withdrew from {v1} after days of heavy fighting in {g} province.",
    "The observatory said a drone struck a car near {c} yesterday.",
]
# Sentences without places: news text is mostly context, quotes and commentary.
FILLER_AR = [
    "وأكدت المصادر أن الوضع الإنساني يزداد سوءا مع استمرار العمليات العسكرية وانقطاع الطرق.",
    "وتحدث السكان عن نقص حاد في المواد الغذائية والأدوية، وسط ارتفاع كبير في الأسعار.",
    "ودعت منظمات إغاثية إلى فتح ممرات آمنة لإيصال المساعدات إلى المحتاجين في أسرع وقت.",
    "وقال مسؤول في المجلس المحلي إن فرق الدفاع المدني تعمل على انتشال الضحايا من تحت الأنقاض.",
    "ولم يصدر أي تعليق رسمي حتى الآن على هذه التطورات، فيما تتواصل الاتصالات بين الأطراف المعنية.",
    "ويرى محللون أن التصعيد الأخير يهدف إلى فرض واقع جديد قبل جولة المفاوضات المقبلة.",
    "وتشهد المنطقة منذ أسابيع موجة نزوح واسعة باتجاه المخيمات القريبة من الحدود.",
]
FILLER_EN = [
    "Aid agencies warned that shortages of food and medicine were worsening as roads remained closed.",
    "There was no immediate comment from the authorities on the reports, which could not be independently verified.",
    "Analysts said the escalation was meant to change facts on the ground ahead of the next round of talks.",
    "Rescue teams were still searching the rubble for survivors late in the evening, local officials said.",
]
DIRS_AR = ["شرقي", "غربي", "شمال", "جنوب", "شمال غربي"]
DIRS_EN = ["north", "south-east", "west", "east"]
DAYS_AR = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def name_pools(rng: random.Random) -> dict[str, list[str]]:
    gaz = default_gazetteer()
    pools: dict[str, list[str]] = {"v_ar": [], "c_ar": [], "g_ar": [], "v_en": [], "c_en": [], "g_en": []}
    for p in gaz.places():
        if p.kind in ("village", "town") and p.name_ar:
            pools["v_ar"].append(p.name_ar)
            pools["v_en"].append(p.name)
        elif p.kind == "city" and p.name_ar:
            pools["c_ar"].append(p.name_ar)
            pools["c_en"].append(p.name)
        elif p.kind == "governorate" and p.name_ar:
            pools["g_ar"].append(p.name_ar)
            pools["g_en"].append(p.name)
    for v in pools.values():
        v.sort()
        rng.shuffle(v)
    return pools


def bulletins(lang: str, total_bytes: int, rng: random.Random, pools: dict[str, list[str]]):
    """Yield generated bulletins of about 4 KB until *total_bytes* are produced."""
    made = 0
    templates = AR if lang == "ar" else EN
    fillers = FILLER_AR if lang == "ar" else FILLER_EN
    suffix = "_ar" if lang == "ar" else "_en"
    dirs, days = (DIRS_AR, DAYS_AR) if lang == "ar" else (DIRS_EN, DAYS_EN)
    while made < total_bytes:
        parts = []
        size = 0
        while size < 4000:
            if rng.random() < 0.5:
                s = rng.choice(fillers)
                parts.append(s)
                size += len(s.encode("utf-8")) + 1
                continue
            t = rng.choice(templates)
            s = t.format(v1=rng.choice(pools["v" + suffix]), v2=rng.choice(pools["v" + suffix]),
                         v3=rng.choice(pools["v" + suffix]), c=rng.choice(pools["c" + suffix]),
                         g=rng.choice(pools["g" + suffix]), d=rng.choice(dirs), w=rng.choice(days),
                         n=rng.randint(2, 40), day=rng.randint(1, 28))
            parts.append(s)
            size += len(s.encode("utf-8")) + 1
        text = "\n".join(parts)
        made += len(text.encode("utf-8"))
        yield text


def run(lang: str, mb: float, seed: int, incidents: bool) -> tuple[float, float, float, int, int]:
    rng = random.Random(seed)
    pools = name_pools(rng)
    cpu = wall = 0.0
    nbytes = docs = mentions = 0
    for text in bulletins(lang, int(mb * 1e6), rng, pools):
        n = len(text.encode("utf-8"))
        c0, w0 = time.process_time(), time.perf_counter()
        doc = geokit.extract(text, date="2020-03-01", incidents=incidents)
        cpu += time.process_time() - c0
        wall += time.perf_counter() - w0
        nbytes += n
        docs += 1
        mentions += len(doc.mentions)
    return nbytes / 1e6, cpu, wall, docs, mentions


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb-ar", type=float, default=50.0, help="MB of Arabic text (default 50)")
    ap.add_argument("--mb-en", type=float, default=10.0, help="MB of English text (default 10)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-incidents", action="store_true", help="mentions only")
    ap.add_argument("--runs", type=int, default=1,
                    help="passes over the same corpus; the median is reported (CPU time on a shared "
                         "or virtual machine varies from run to run)")
    args = ap.parse_args()
    t0 = time.process_time()
    from geokit.extraction import default_recogniser

    default_recogniser()
    geokit.extract("تمهيد")
    print(f"setup        {time.process_time() - t0:.2f} s CPU (gazetteer automaton and lexicon)")
    print(f"memory       {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB peak RSS after setup")
    for lang, mb in (("ar", args.mb_ar), ("en", args.mb_en)):
        if mb <= 0:
            continue
        rates = []
        for _ in range(max(1, args.runs)):
            size, cpu, wall, docs, mentions = run(lang, mb, args.seed, not args.no_incidents)
            rates.append(size / cpu)
            print(f"{lang}           {size:.1f} MB in {docs} bulletins, {mentions} mentions ({mentions / size / 1000:.1f}/KB): "
                  f"{size / cpu:.2f} MB/s per core (CPU {cpu:.1f} s; wall {wall:.1f} s, {size / wall:.2f} MB/s)")
        if len(rates) > 1:
            print(f"{lang}           median of {len(rates)} runs: {statistics.median(rates):.2f} MB/s per core "
                  f"(range {min(rates):.2f}-{max(rates):.2f})")
    print(f"memory       {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB peak RSS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
