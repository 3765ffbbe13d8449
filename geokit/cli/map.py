"""``geokit map``: incident maps and front-line (control) maps.

Examples
--------
geokit map incidents bulletin.txt incidents.geojson -o incidents.png --since 2024-03-01 --until 2024-03-07
geokit map frontline control.csv news.txt --date 2017-09-01 -o control.png --geojson control.geojson
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from geokit.cli.options import CommandError, guarded





def _parse_size(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        w, h = (int(v) for v in value.lower().replace(" ", "").split("x"))
    except ValueError:
        raise click.BadParameter(f"expected WIDTHxHEIGHT in pixels, e.g. 2000x1500; got {value!r}") from None
    return w, h


def _common(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options both map commands share (applied bottom-up)."""
    options = [
        click.option("--output", "-o", "output", type=click.Path(dir_okay=False), default=None,
                     help="Map image (.png, .pdf or .svg)."),
        click.option("--geojson", "geojson", type=click.Path(dir_okay=False), default=None,
                     help="Also write the map's layers as RFC 7946 GeoJSON."),
        click.option("--gpkg", "gpkg", type=click.Path(dir_okay=False), default=None,
                     help="Also write the map's layers to a GeoPackage."),
        click.option("--title", default=None, help="Map title (default: a dated title)."),
        click.option("--extent", default=None, metavar="KIND:NAME",
                     help="Map extent: governorate:NAME, district:NAME, subdistrict:NAME or syria "
                          "(default: fit the content)."),
        click.option("--bbox", default=None, metavar="W,S,E,N", help="Map extent in degrees."),
        click.option("--size", "size", default=None, callback=_parse_size, metavar="WxH",
                     help="Image size in pixels (default 2000x1500)."),
        click.option("--dpi", type=int, default=None, help="Image resolution (default 200)."),
        click.option("--style", "style", type=click.Path(dir_okay=False), default=None,
                     help="Style file (TOML or JSON) overriding colours, markers, labels and map settings."),
        click.option("--doc-date", "doc_date", default=None, metavar="YYYY-MM-DD",
                     help="Publication date of news-text inputs (for 'yesterday' and undated reports)."),
        click.option("--attribution", default="", help="Credit line for the input data, printed on the map."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _check_outputs(output: str | None, geojson: str | None, gpkg: str | None) -> None:
    if not (output or geojson or gpkg):
        raise CommandError("nothing to write: give -o MAP.png and/or --geojson / --gpkg")
    if gpkg and not gpkg.lower().endswith(".gpkg"):
        raise CommandError(f"{gpkg}: a GeoPackage file name ends in .gpkg")
    if output and not output.lower().endswith((".png", ".pdf", ".svg")):
        raise CommandError(f"{output}: the map image must be .png, .pdf or .svg")
    names = [p for p in (output, geojson, gpkg) if p]
    if len(set(names)) != len(names):
        raise CommandError("the outputs must be different files")


def _apply_style(style: str | None) -> None:
    if style:
        from geokit.settings import load_map_style

        load_map_style(style)


def _keeps_settings(func: Callable[..., Any]) -> Callable[..., Any]:
    """Restore the map settings after the command, so a ``--style`` applies
    to one command only (also when commands run in one process)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import copy

        from geokit import settings

        names = [*settings.MAP_STYLE_KEYS, "factions", "incident_types"]
        saved = {n: copy.deepcopy(getattr(settings, n)) for n in names if hasattr(settings, n)}
        try:
            return func(*args, **kwargs)
        finally:
            for name, value in saved.items():
                current = getattr(settings, name)
                if isinstance(current, dict):
                    current.clear()
                    current.update(value)
                else:
                    setattr(settings, name, value)

    return wrapper


@click.group("map")
def map_() -> None:
    """Render incident and front-line maps (PNG/PDF/SVG, GeoJSON, GeoPackage)."""


@map_.command("incidents")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=True))
@_common
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Only incidents on or after this date.")
@click.option("--until", default=None, metavar="YYYY-MM-DD", help="Only incidents on or before this date.")
@guarded
@_keeps_settings
def incidents(inputs: tuple[str, ...], output: str | None, geojson: str | None, gpkg: str | None,
              title: str | None, extent: str | None, bbox: str | None, size: tuple[int, int] | None,
              dpi: int | None, style: str | None, doc_date: str | None, attribution: str,
              since: str | None, until: str | None) -> None:
    """Map incidents from news text, incident GeoJSON or CSV.

    Each INPUT is news text (incidents extracted on the fly), GeoJSON Point
    features with the properties type, actors, date, killed, wounded,
    evidence, doc, place_id, place, place_ar, or a CSV with those columns
    (located by lat/lon, else place_id, else place name).
    """
    from geokit.incident_map import read_incidents, render_incident_map

    _check_outputs(output, geojson, gpkg)
    _apply_style(style)
    found = read_incidents(list(inputs), doc_date=doc_date).between(since, until)
    if not found.incidents and output:
        raise CommandError("no incidents to map" + (" in that period" if since or until else ""))
    canvas = render_incident_map(found, output, geojson=geojson, gpkg=gpkg, title=title, extent=extent,
                                 bbox=bbox, size_px=size, dpi=dpi, attribution=attribution)
    written = ", ".join(p for p in (output, geojson, gpkg) if p)
    labels = f", {len(canvas.placed_labels)} labels" if canvas is not None else ""
    click.echo(f"{len(found.unique())} incidents at {len(found.incidents)} places{labels} -> {written}", err=True)


@map_.command("frontline")
@click.argument("observations", nargs=-1, required=True, type=click.Path(allow_dash=True))
@_common
@click.option("--date", "date", default=None, metavar="YYYY-MM-DD",
              help="Map date: the state of each place as of this day (default: the latest observation).")
@click.option("--reach-km", type=float, default=None,
              help="Reach of a place's control in km; farther land is no data (default 25).")
@click.option("--contested-km", type=float, default=None,
              help="Width of the contested band along front lines in km (default 7; 0 for none).")
@click.option("--stale-days", type=int, default=None,
              help="Observations older than this are drawn as uncertain (default 90).")
@click.option("--allied", "allied", multiple=True, metavar="A+B",
              help="Two factions on the same side: no front line between them (repeatable).")
@guarded
@_keeps_settings
def frontline(observations: tuple[str, ...], output: str | None, geojson: str | None, gpkg: str | None,
              title: str | None, extent: str | None, bbox: str | None, size: tuple[int, int] | None,
              dpi: int | None, style: str | None, doc_date: str | None, attribution: str,
              date: str | None, reach_km: float | None, contested_km: float | None,
              stale_days: int | None, allied: tuple[str, ...]) -> None:
    """Map areas of control and the front lines between them.

    OBSERVATIONS are control tables (CSV: place or place_id or lat/lon,
    faction, and optionally date, source, confidence, evidence), GeoJSON
    points with those properties, or news text whose control reports update
    them.  For each place the latest report on or before --date wins.
    """
    from geokit.frontline import control_map, read_observations, render_frontline_map

    _check_outputs(output, geojson, gpkg)
    _apply_style(style)
    obs = read_observations(list(observations), doc_date=doc_date)
    pairs = []
    for item in allied:
        parts = [p.strip() for p in item.replace(",", "+").split("+") if p.strip()]
        if len(parts) != 2:
            raise CommandError(f"--allied: expected two factions as A+B, got {item!r}")
        pairs.append((parts[0], parts[1]))
    cmap = control_map(obs, date, reach_km=reach_km, contested_km=contested_km, allied=pairs or None,
                       stale_days=stale_days)
    if not cmap.places:
        raise CommandError(f"no observations on or before {cmap.date.isoformat()}")
    render_frontline_map(cmap, output, geojson=geojson, gpkg=gpkg, title=title, extent=extent, bbox=bbox,
                         size_px=size, dpi=dpi, attribution=attribution)
    written = ", ".join(p for p in (output, geojson, gpkg) if p)
    click.echo(
        f"{len(cmap.places)} places as of {cmap.date.isoformat()}: {len(cmap.areas)} areas, "
        f"{len(cmap.front_lines)} front lines ({sum(f['length_km'] for f in cmap.front_lines):.0f} km) -> {written}",
        err=True,
    )
