"""``geokit extract``: place mentions, incidents and control observations from news text."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from geokit.cli.options import output_option
from geokit.exceptions import GeokitError, InputError

FORMATS = ("jsonl", "geojson", "table")


@click.command("extract")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--date", "date_", metavar="YYYY-MM-DD",
              help="Report date: weekday names and 'yesterday' are resolved against it.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format [default: jsonl for mentions and control observations, geojson for incidents].")
@click.option("--incidents", "what", flag_value="incidents", help="Write incidents (GeoJSON: a point per place).")
@click.option("--controls", "what", flag_value="controls",
              help="Write control observations (who holds a place, from captures and withdrawals).")
@click.option("--example", "example", metavar="NAME",
              help="Read a bulletin shipped with geokit instead of FILE ('list' names them, 'all' reads all).")
@click.option("--lang", type=click.Choice(["ar", "fa", "en"]), default=None, help="Language (detected by default).")
@output_option()
@click.pass_context
def extract(ctx: click.Context, files: tuple[str, ...], date_: str | None, fmt: str | None, what: str | None,
            example: str | None, lang: str | None, output: str | None) -> None:
    """Find the places FILE... names, and the incidents reported there.

    Reads UTF-8 (with or without BOM) or UTF-16 text; '-' reads standard
    input.  Mentions are written one JSON object a line with doc, start, end,
    text, place_id, name, lat, lon, pcode, geonameid, kind, score, foreign.
    A file that cannot be read gets a one-line error; the others are still
    processed and the exit code is 1.

    \b
    Examples:
      geokit extract --example ar_idlib_front.txt -f table
      geokit extract bulletin.txt --date 2020-02-02 --incidents -o incidents.geojson
    """
    from geokit.extraction import example_names, example_text
    from geokit.extraction import extract as run_extract

    what = what or "mentions"
    sources: list[tuple[str, Any]] = []
    if example:
        names = example_names()
        if example == "list":
            click.echo("\n".join(names))
            return
        chosen = names if example == "all" else [example]
        for name in chosen:
            if name not in names:
                raise click.BadParameter(f"no example {name!r}; try: {', '.join(names)}", param_hint="--example")
            sources.append((name, lambda n=name: example_text(n)))
    for f in files:
        sources.append((Path(f).name if f != "-" else "stdin", lambda p=f: _read(p)))
    if not sources:
        raise click.UsageError("give at least one FILE (or --example NAME)")
    if date_ is not None:
        from datetime import date as Date

        try:
            Date.fromisoformat(date_)
        except ValueError:
            raise click.BadParameter(f"not a date (YYYY-MM-DD): {date_!r}", param_hint="--date") from None

    docs = []
    failed = 0
    for name, read in sources:
        try:
            text = read()
            docs.append(run_extract(text, date=date_, name=name, lang=lang, incidents=what != "mentions"))
        except GeokitError as exc:
            click.echo(f"geokit: error: {exc}", err=True)
            failed += 1
    if not docs:
        sys.exit(1)
    fmt = fmt or ("geojson" if what == "incidents" else "jsonl")
    text_out = _render(docs, what, fmt)
    if output:
        from geokit._io import atomic_write

        with atomic_write(output) as fh:
            fh.write(text_out)
    else:
        click.echo(text_out, nl=False)
    if failed:
        # sys.exit, not ctx.exit: the entry point runs click with standalone_mode=False.
        sys.exit(1)


def _read(path: str) -> str:
    from geokit._io import read_text

    p = Path(path)
    if path != "-" and p.is_dir():
        raise InputError(f"{path}: is a directory")
    return read_text(path)


def _render(docs: list, what: str, fmt: str) -> str:
    if what == "mentions":
        records = [r for d in docs for r in d.mention_records()]
        if fmt == "jsonl":
            return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        if fmt == "geojson":
            feats = [f for d in docs for f in d.mentions_geojson()["features"]]
            return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False, indent=1) + "\n"
        return _table(["doc", "span", "text", "place_id", "name", "kind", "lat", "lon", "score", "foreign"],
                      [[r["doc"], f"{r['start']}-{r['end']}", r["text"], r["place_id"], r["name"], r["kind"],
                        r["lat"], r["lon"], r["score"], "yes" if r["foreign"] else ""] for r in records])
    if what == "incidents":
        if fmt == "geojson":
            feats = [f for d in docs for f in d.incident_features()]
            return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False, indent=1) + "\n"
        records = [dict(i.to_dict(), doc=d.name) for d in docs for i in d.incidents]
        if fmt == "jsonl":
            return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        return _table(["doc", "type", "actors", "date", "killed", "wounded", "places", "evidence"],
                      [[r["doc"], r["type"], ",".join(r["actors"]), r["date"], r["killed"], r["wounded"],
                        ", ".join(p["place"] for p in r["places"]), _short(r["evidence"])] for r in records])
    # control observations
    if fmt == "geojson":
        feats = [c.feature() for d in docs for c in d.control_observations]
        return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False, indent=1) + "\n"
    records = [r for d in docs for r in d.control_records()]
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return _table(["source", "place", "place_id", "faction", "date", "confidence", "kind", "evidence"],
                  [[r["source"], r["place"], r["place_id"], r["faction"], r["date"], r["confidence"], r["kind"],
                    _short(r["evidence"])] for r in records])


def _short(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _table(header: list[str], rows: list[list[Any]]) -> str:
    cells = [header] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"
