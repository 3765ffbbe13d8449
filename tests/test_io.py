"""File helpers: atomic outputs and careful text decoding."""

from __future__ import annotations

import os
import stat

import pytest

from geokit._io import atomic_path, atomic_write, decode_text, read_text
from geokit.exceptions import InputError, OutputError


def test_atomic_write_leaves_nothing_on_error(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as handle:
            handle.write("half")
            raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_atomic_outputs_get_normal_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        with atomic_write(tmp_path / "a.txt") as handle:
            handle.write("x")
        with atomic_path(tmp_path / "b.bin") as tmp:
            tmp.write_bytes(b"x")
    finally:
        os.umask(umask)
    for name in ("a.txt", "b.bin"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644


def test_missing_output_directory_is_an_output_error(tmp_path):
    with pytest.raises(OutputError):
        with atomic_write(tmp_path / "nope" / "x.txt"):
            pass


@pytest.mark.parametrize("data,expected", [
    ("حلب".encode("utf-8"), "حلب"),
    ("\ufeffحلب".encode("utf-8"), "حلب"),
    ("حلب".encode("utf-16"), "حلب"),
])
def test_decode_text_encodings(data, expected):
    assert decode_text(data) == expected


@pytest.mark.parametrize("data,message", [
    (b"", "empty"),
    (b"  \n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ("حلب".encode("cp1256"), "not UTF-8"),
])
def test_decode_text_rejects_bad_input(data, message):
    with pytest.raises(InputError, match=message):
        decode_text(data, "x.txt")


def test_read_text_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")
