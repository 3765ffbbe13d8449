"""Options shared by several commands (one definition each)."""

from __future__ import annotations

import click

FORMATS_TABLE = ("table", "json", "jsonl", "csv", "geojson")


def format_option(choices: tuple[str, ...] = FORMATS_TABLE, default: str = "table"):
    """``--format`` / ``-f`` with the given choices."""
    return click.option(
        "--format", "-f", "fmt", type=click.Choice(choices), default=default, show_default=True,
        help="Output format.",
    )


def output_option(required: bool = False):
    """``--output`` / ``-o``: a file written atomically (temp file, then rename)."""
    return click.option(
        "--output", "-o", "output", type=click.Path(dir_okay=False, writable=True),
        required=required, help="Output file (format from the extension where applicable).",
    )


def parse_latlon(value: str | None) -> tuple[float, float] | None:
    """Parse ``"LAT,LON"``; raise :class:`click.BadParameter` on anything else."""
    if value is None:
        return None
    try:
        lat_s, lon_s = value.replace(" ", "").split(",")
        lat, lon = float(lat_s), float(lon_s)
    except ValueError:
        raise click.BadParameter(f"expected LAT,LON, got {value!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise click.BadParameter(f"coordinates out of range: {value!r}")
    return lat, lon


class CommandError(click.ClickException):
    """A one-line error with exit code 2 (bad input, unknown place, unwritable output)."""

    exit_code = 2


def guarded(func):
    """Turn geokit and OS errors raised by a command into :class:`CommandError`,
    so they print as one line (also under click's CliRunner), never a traceback."""
    import functools

    from geokit.exceptions import GeokitError

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except GeokitError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            where = f": {exc.filename}" if getattr(exc, "filename", None) else ""
            raise CommandError(f"{exc.strerror or exc}{where}") from None

    return wrapper
