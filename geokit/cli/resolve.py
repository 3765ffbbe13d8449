"""``geokit resolve``: place names to gazetteer places.

Examples
--------
geokit resolve "Khan Touman" "كفر نوران" "Al-Zerba, Aleppo"
geokit resolve Hamrat --admin Homs --top 3
geokit resolve --input names.txt --format jsonl > places.jsonl
cat names.txt | geokit resolve - --format csv

Exit status: 0 when every name resolved, 1 when some did not, 2 on a usage
or input error.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from geokit.cli.options import CommandError, FORMATS_TABLE, format_option, output_option, parse_latlon
from geokit.exceptions import GeokitError

#: Columns of the table output (the other formats carry every field).
TABLE_FIELDS = ("query", "name", "name_ar", "kind", "place_id", "admin1", "lat", "lon", "score", "match", "note")



def read_names(names: tuple[str, ...], input_path: str | None) -> list[str]:
    """Names from the arguments, ``-`` (stdin) and ``--input`` (one a line)."""
    from geokit._io import decode_text, read_text

    out: list[str] = []
    for name in names:
        if name == "-":
            text = decode_text(sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else
                               sys.stdin.read().encode("utf-8"), "stdin")
            out.extend(line.strip() for line in text.splitlines() if line.strip())
        else:
            out.append(name)
    if input_path is not None:
        text = read_text(input_path)
        out.extend(line.strip() for line in text.splitlines() if line.strip())
    return out


def rows_for(resolution: Any, top: int) -> list[dict[str, Any]]:
    """Output records of one resolution: its best (or null) record, then
    up to *top* - 1 alternatives, each with its rank."""
    from geokit.resolver import Resolution

    assert isinstance(resolution, Resolution)
    first = resolution.record()
    first["rank"] = 1 if resolution.resolved else None
    rows = [first]
    if resolution.resolved:
        for rank, cand in enumerate(resolution.candidates[1:top], start=2):
            p = cand.place
            rows.append({
                "query": resolution.query, "place_id": p.id, "name": p.name, "name_ar": p.name_ar,
                "kind": p.kind, "lat": p.lat, "lon": p.lon, "pcode": p.pcode, "geonameid": p.geonameid,
                "admin1_pcode": p.admin1_pcode, "admin1": p.admin1, "score": cand.score, "match": cand.match,
                "ambiguous": resolution.ambiguous, "reason": cand.reason, "rank": rank,
            })
    return rows


@click.command("resolve")
@click.argument("names", nargs=-1)
@click.option("--input", "-i", "input_path", type=click.Path(dir_okay=False), default=None,
              help="Read names from this file, one a line (UTF-8 or UTF-16).")
@click.option("--admin", "-a", default=None, help="Enclosing admin unit (name or P-code such as SY02), preferred.")
@click.option("--near", "near", default=None, metavar="LAT,LON", help="Prefer places near this point.")
@click.option("--kind", "kinds", multiple=True, help="Only places of this kind (repeatable: village, town, ...).")
@click.option("--top", "-n", type=click.IntRange(1, 50), default=1, show_default=True,
              help="Candidates to list per name.")
@format_option(FORMATS_TABLE, default="table")
@output_option()
def resolve(names: tuple[str, ...], input_path: str | None, admin: str | None, near: str | None,
            kinds: tuple[str, ...], top: int, fmt: str, output: str | None) -> None:
    """Resolve place names (any script or spelling) to gazetteer places.

    NAMES are place names; `-` reads names from standard input, one a line.
    Unresolved names still get a row (nulls and a reason).
    """
    point = parse_latlon(near)
    try:
        queries = read_names(names, input_path)
        if not queries:
            raise CommandError("no names given (pass NAMES, '-' for stdin, or --input FILE)")
        from geokit.resolver import RECORD_FIELDS, resolve as resolve_name

        kind_list = [k for value in kinds for k in value.replace(",", " ").split()] or None
        if len(queries) > 20:
            from geokit._index import get_index

            get_index().load()  # a batch: load the index into memory once
        results = [_one(resolve_name, q, admin, point, kind_list, max(top, 5)) for q in queries]
        rows: list[dict[str, Any]] = []
        for res in results:
            rows.extend(rows_for(res, top) if not isinstance(res, dict) else [res])
        for row in rows:
            # the table's last column: why a name is unanswered, ambiguous or approximate
            plain_answer = row.get("place_id") and not row.get("ambiguous") and row.get("match") in (
                "exact", "folded", "cross-script", "fuzzy")
            row["note"] = "" if plain_answer else (row.get("reason") or "")
        fields = list(RECORD_FIELDS) + (["rank"] if top > 1 else [])
        for row in rows:
            if top == 1:
                row.pop("rank", None)
        _emit(rows, fmt, output, fields)
    except GeokitError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"{exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}") from None
    unresolved = sum(1 for r in results if isinstance(r, dict) or not r.resolved)
    if unresolved:
        sys.exit(1)


def _one(resolve_name: Any, query: str, admin: str | None, near: Any, kinds: Any, limit: int) -> Any:
    from geokit.exceptions import InputError
    from geokit.resolver import RECORD_FIELDS

    try:
        return resolve_name(query, admin=admin, near=near, kinds=kinds, limit=limit)
    except InputError as exc:
        if kinds is not None and "kind" in str(exc):
            raise
        row: dict[str, Any] = dict.fromkeys(RECORD_FIELDS)
        row.update(query=query, ambiguous=False, reason=f"error: {exc}")
        return row


def _emit(rows: list[dict[str, Any]], fmt: str, output: str | None, fields: list[str]) -> None:
    from geokit._records import write_records

    table_fields = list(TABLE_FIELDS)
    data_rows = [{k: v for k, v in r.items() if k != "note"} for r in rows] if fmt != "table" else rows
    if output is None:
        stream = sys.stdout
        write_records(data_rows, fmt, stream, fields=fields, table_fields=table_fields)
        stream.flush()
        return
    from geokit._io import atomic_write

    with atomic_write(output) as handle:
        write_records(data_rows, fmt, handle, fields=fields, table_fields=table_fields)
