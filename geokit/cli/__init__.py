"""The ``geokit`` command line.

One module per command (``geokit/cli/<command>.py`` defining a click command
named like the module); :data:`COMMANDS` lists them and they are imported
only when called, so ``geokit resolve`` never pays for the mapping stack.
Shared options live in :mod:`geokit.cli.options`.
"""

from __future__ import annotations

import importlib
import sys

import click

from geokit.exceptions import GeokitError

#: command name -> (module, attribute, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "gazetteer": ("geokit.cli.gazetteer", "gazetteer", "Inspect and check the gazetteer."),
    "resolve": ("geokit.cli.resolve", "resolve", "Resolve place names to coordinates."),
    "geocode": ("geokit.cli.geocode", "geocode", "Geocode a column of a CSV table."),
    "reverse": ("geokit.cli.reverse", "reverse", "Nearest place and admin units of a point."),
    "extract": ("geokit.cli.extract", "extract", "Extract place mentions and incidents from news text."),
    "map": ("geokit.cli.map", "map_", "Render incident and front-line maps."),
    "export": ("geokit.cli.export", "export", "Export the gazetteer for GIS software."),
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = importlib.import_module(entry[0])
        return getattr(module, entry[1])

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Help from the table, so `geokit --help` imports no command module.
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geokit")
def cli() -> None:
    """geokit: offline multilingual gazetteer, geoparser and maps for Syria."""


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning geokit errors into one-line messages."""
    try:
        rv = cli.main(args=argv, prog_name="geokit", standalone_mode=False)
        # Without standalone mode click returns ctx.exit(n)'s code instead of exiting.
        if isinstance(rv, int) and rv:
            sys.exit(rv)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("geokit: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if exc.exit_code == 1 else exc.exit_code)
    except GeokitError as exc:
        click.echo(f"geokit: error: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as exc:
        click.echo(f"geokit: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True)
        sys.exit(2)
