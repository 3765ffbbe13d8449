"""``geokit gazetteer``: inspect and check the packaged gazetteer."""

from __future__ import annotations

import json

import click

from geokit.cli.options import format_option


@click.group()
def gazetteer() -> None:
    """Inspect and check the gazetteer."""


def _open():
    from geokit.gazetteer import default_gazetteer

    return default_gazetteer()


def _echo_counts(title: str, counts: dict[str, int]) -> None:
    click.echo(f"{title}:")
    width = max((len(k) for k in counts), default=0)
    for key, value in counts.items():
        click.echo(f"  {key:<{width}}  {value:>7,}")


@gazetteer.command()
@format_option(("table", "json"))
def info(fmt: str) -> None:
    """Counts by kind, by governorate, and names by language and script."""
    from geokit.checks import info as gazetteer_info

    data = gazetteer_info(_open())
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"places: {data['places']:,}   names: {data['names']:,}")
    _echo_counts("by kind", data["by_kind"])
    _echo_counts("by governorate", data["by_governorate"])
    _echo_counts("names by language", data["names_by_language"])
    _echo_counts("names by script", data["names_by_script"])
    _echo_counts("names by type", data["names_by_type"])
    click.echo(data["attribution"])


@gazetteer.command()
@format_option(("table", "json"))
@click.option("--tolerance-km", type=float, default=None,
              help="Border tolerance for points outside Syria (default from geokit.settings).")
@click.option("--max-warnings", type=int, default=20, show_default=True, help="Warnings listed in table output.")
def check(fmt: str, tolerance_km: float | None, max_warnings: int) -> None:
    """Check ids, coordinates, names and P-codes; exit 1 on hard failures."""
    from geokit.checks import check as run_check

    result = run_check(_open(), tolerance_km)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for key, value in result.stats.items():
            click.echo(f"{key}: {value}")
        click.echo(f"warnings: {len(result.warnings)}")
        for line in result.warnings[:max_warnings]:
            click.echo(f"  warning: {line}")
        if len(result.warnings) > max_warnings:
            click.echo(f"  … {len(result.warnings) - max_warnings} more (use --format json)")
        for line in result.failures:
            click.echo(f"FAIL: {line}")
        click.echo("check passed" if result.ok else f"check failed: {len(result.failures)} hard failures")
    if not result.ok:
        raise SystemExit(1)


@gazetteer.command()
@click.argument("key")
@format_option(("table", "json"))
def show(key: str, fmt: str) -> None:
    """One place with all its names.

    KEY is a geokit id, an OCHA code (C1134, N0135, SY02) or a GeoNames id
    written gn168734.
    """
    from geokit.exceptions import PlaceNotFound

    gaz = _open()
    try:
        place = gaz.get(key)
    except PlaceNotFound as exc:
        raise click.UsageError(str(exc)) from None
    names = gaz.names(place.id)
    if fmt == "json":
        data = place.to_dict()
        data["names"] = [{"name": n.name, "lang": n.lang, "script": n.script, "type": n.type, "source": n.source}
                         for n in names]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for field_name, value in place.to_dict().items():
        if value not in (None, ""):
            click.echo(f"{field_name:>13}: {value}")
    click.echo(f"{'names':>13}: {len(names)}")
    for n in names:
        click.echo(f"    {n.name}  [{n.lang}, {n.script}, {n.type}, {n.source}]")
