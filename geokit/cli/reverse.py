"""``geokit reverse``: the nearest place and the admin units of a point.

Examples
--------
geokit reverse 36.2021 37.1343
geokit reverse 36.2021,37.1343 --top 3 --format json

Exit status: 0 for a point in Syria, 1 for a point outside, 2 on a usage or
input error.
"""

from __future__ import annotations

import sys

import click

from geokit.cli.options import CommandError, FORMATS_TABLE, format_option, output_option
from geokit.exceptions import GeokitError

TABLE_FIELDS = ("name", "name_ar", "kind", "place_id", "distance_km", "admin1", "admin1_pcode", "admin2",
                "admin2_pcode", "admin3", "admin3_pcode", "neighbourhood", "note")



def _point(values: tuple[str, ...]) -> tuple[str, str]:
    parts = [p for v in values for p in v.replace(",", " ").split() if p]
    if len(parts) != 2:
        raise CommandError(f"expected LAT LON (or LAT,LON), got {' '.join(values)!r}")
    return parts[0], parts[1]


@click.command("reverse", context_settings={"ignore_unknown_options": True})
@click.argument("coords", nargs=-1, required=True)
@click.option("--top", "-n", type=click.IntRange(1, 100), default=1, show_default=True,
              help="Nearest places to list.")
@format_option(FORMATS_TABLE, default="table")
@output_option()
def reverse(coords: tuple[str, ...], top: int, fmt: str, output: str | None) -> None:
    """Nearest populated place (with distance) and the governorate, district
    and sub-district containing the point LAT LON (WGS84 degrees)."""
    lat_s, lon_s = _point(coords)
    try:
        from geokit._records import write_records
        from geokit.reverse import REVERSE_FIELDS, reverse as reverse_point

        result = reverse_point(lat_s, lon_s, limit=top)
        rows = [result.record(i) for i in range(max(1, min(top, len(result.places))))]
        rows_out = rows
        if output is None:
            stream = sys.stdout
            write_records(rows_out, fmt, stream, fields=REVERSE_FIELDS, table_fields=TABLE_FIELDS)
            stream.flush()
        else:
            from geokit._io import atomic_write

            with atomic_write(output) as handle:
                write_records(rows_out, fmt, handle, fields=REVERSE_FIELDS, table_fields=TABLE_FIELDS)
    except GeokitError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"{exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}") from None
    if not result.in_syria:
        if fmt == "table" and output is None:
            click.echo(f"geokit: {result.note}", err=True)
        sys.exit(1)
