"""File helpers shared by every command: atomic writes and careful reads."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from geokit.exceptions import InputError, OutputError

#: Largest text file the readers accept (bytes); larger input is refused, not truncated.
MAX_TEXT_BYTES = 512 * 1024 * 1024


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary file beside *path*; rename it over *path* on success.

    On any exception the temporary file is removed and *path* is untouched, so
    no half-written output is ever left behind.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"output directory does not exist: {directory}")
    if "b" not in mode:
        kwargs.setdefault("encoding", "utf-8")
        kwargs.setdefault("newline", "")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
        _default_permissions(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside *path* for writers that want a file name
    (GDAL drivers, matplotlib); it is renamed over *path* on success."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"output directory does not exist: {directory}")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=directory)
    os.close(fd)
    os.unlink(tmp)  # writers such as GDAL want to create the file themselves
    try:
        yield Path(tmp)
        _default_permissions(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _default_permissions(path: str) -> None:
    # mkstemp creates files 0600; an output should get the user's usual mode.
    umask = os.umask(0)
    os.umask(umask)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o666 & ~umask)


def decode_text(data: bytes, name: str = "input") -> str:
    """Decode text: UTF-8 (with or without BOM) or UTF-16 (with BOM).

    Raises :class:`InputError` naming *name* for empty, binary or undecodable
    data.
    """
    if not data.strip():
        raise InputError(f"{name}: empty input")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: not valid UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (undecodable byte at offset {exc.start})") from None


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a text file through :func:`decode_text`, refusing huge files."""
    p = Path(path)
    if str(path) == "-":
        import sys

        return decode_text(sys.stdin.buffer.read(), "stdin")
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    if p.is_dir():
        raise InputError(f"{p}: is a directory")
    if size > MAX_TEXT_BYTES:
        raise InputError(f"{p}: too large ({size} bytes; limit {MAX_TEXT_BYTES})")
    return decode_text(p.read_bytes(), str(p))
