"""``geokit export``: the gazetteer as files for GIS software.

Examples
--------
geokit export gazetteer -o syria.gpkg
geokit export gazetteer -o idlib-villages.geojson --admin SY07 --kind village,town
geokit export gazetteer -o aleppo.shp.zip --bbox 36.9,36.0,37.4,36.4
geokit export gazetteer -o places.csv --layers places,names
"""

from __future__ import annotations

import click

from geokit.cli.options import guarded, output_option




def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


@click.group("export")
def export() -> None:
    """Export geokit data for GIS software (QGIS, ArcGIS, Google Earth).

    The format comes from the output's extension: .gpkg, .geojson, .csv,
    .shp, .shp.zip (or .zip), .kml, .fgb.
    """


@export.command("gazetteer")
@output_option(required=True)
@click.option("--admin", default=None, metavar="PCODE",
              help="Only this governorate, district or sub-district (e.g. SY02, SY0200, SY020001).")
@click.option("--kind", "kinds", default=None, metavar="KIND[,KIND…]",
              help="Only places of these kinds, e.g. village,town (polygon layers are kept).")
@click.option("--bbox", default=None, metavar="W,S,E,N",
              help="Only places inside / polygons touching this lon/lat box, e.g. 36.0,35.5,37.5,36.8.")
@click.option("--layers", default=None, metavar="LAYER[,LAYER…]",
              help="Layers to write (default all): places, names, admin1, admin2, admin3, neighbourhoods.")
@click.option("--styles/--no-styles", default=True, show_default=True,
              help="Write QGIS styles (layer_styles table, .qml sidecars, KML styles).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on success.")
@guarded
def gazetteer(output: str, admin: str | None, kinds: str | None, bbox: str | None, layers: str | None,
              styles: bool, quiet: bool) -> None:
    """Export the gazetteer: places (points), names (table keyed by place
    id), admin1/admin2/admin3 and neighbourhood polygons.

    GeoPackage holds every layer with QGIS styles and licence metadata;
    single-layer formats write the places to OUTPUT and the other layers
    beside it as STEM.LAYER.EXT, with a STEM.README.txt.
    """
    from geokit.export import export_gazetteer, output_format, parse_bbox

    output_format(output)  # refuse a bad extension before loading anything
    parse_bbox(bbox)
    result = export_gazetteer(output, admin=admin, kinds=_split(kinds), bbox=bbox, layers=_split(layers),
                              styles=styles)
    if not quiet:
        click.echo(result.summary(), err=True)
        for layer, mapping in result.field_names.items():
            renamed = ", ".join(f"{old}->{new}" for old, new in mapping.items())
            click.echo(f"  {layer}: shapefile field names {renamed}", err=True)
