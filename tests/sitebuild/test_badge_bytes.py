"""A badge file's bytes are read only to draw its images: an unchanged badge is not read
again, no image job carries a badge's bytes, and a badge rewritten while the build runs
never leaves an image that does not match the file its name was made from."""

from __future__ import annotations

import io
import json
import os
import pickle
import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from portfolio_builder import pipeline
from portfolio_builder.bake import bake_png
from portfolio_builder.cache import AssetMaker
from portfolio_builder.extract.png import iter_chunks
from portfolio_builder.images import image_png
from portfolio_builder.sitemodel import Asset, SiteModel

from sitebuild.kit import assertion, build, output_files, write_badge, write_config


def noise_png(seed: int, size: int = 300) -> bytes:
    """A picture that does not compress: a badge file of a few hundred KB."""
    pixels = random.Random(seed).randbytes(size * size * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", (size, size), pixels).save(out, "PNG")
    return out.getvalue()


def big_badge(site: Path, name: str, number: int, seed: int) -> Path:
    path = site / "content" / "badges" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bake_png(noise_png(seed), json.dumps(assertion(number))))
    return path


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    write_config(site)
    big_badge(site, "big-one", 1, seed=1)
    big_badge(site, "big-two", 2, seed=2)
    write_badge(site, "svg-three", assertion(3), fmt="svg")
    write_badge(site, "json-four", assertion(4), fmt="json")
    return site


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the badge files the code opens from now on (every way it reads one)."""
    names: list[str] = []
    real_os_open, real_io_open = os.open, io.open

    def note(path: Any) -> None:
        if isinstance(path, str | Path) and "content/badges" in Path(path).as_posix():
            names.append(Path(path).name)

    def os_open(path: Any, *args: Any, **kwargs: Any) -> int:
        note(path)
        return real_os_open(path, *args, **kwargs)

    def io_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        note(path)
        return real_io_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)
    yield names


def test_a_rebuild_reads_only_the_badge_that_changed(tmp_path: Path, opened: list[str]) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    first = sorted(set(opened))
    assert first == ["big-one.png", "big-two.png", "json-four.json", "svg-three.svg"]
    opened.clear()
    big_badge(site, "big-two", 2, seed=22)
    assert build(site).exit_code == 0
    assert sorted(set(opened)) == ["big-two.png"]


def _model_of_build(site: Path, monkeypatch: pytest.MonkeyPatch) -> SiteModel:
    """The site model the build renders (caught on its way from ``assemble``)."""
    models: list[SiteModel] = []
    real = pipeline.assemble

    def catch(*args: Any, **kwargs: Any) -> SiteModel:
        models.append(real(*args, **kwargs))
        return models[-1]

    monkeypatch.setattr(pipeline, "assemble", catch)
    assert build(site).exit_code == 0
    return models[-1]


def test_no_image_job_holds_a_badge_files_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(tmp_path)
    assert (site / "content" / "badges" / "big-one.png").stat().st_size > 200_000
    model = _model_of_build(site, monkeypatch)
    assets = [a for e in model.entries for a in (e.image, e.card, e.download) if a]
    assert len(assets) == 4 * 2 + 3  # the JSON badge has no file to offer as a download
    for asset in assets:  # what a worker is sent, and what the build holds until it runs
        assert len(pickle.dumps(asset.make)) < 2_000, asset.path


def _image_of(out: Path, name: str) -> tuple[str, bytes]:
    found = [p for p in out.glob("badges/*/image.*.png") if name in p.parent.name]
    assert len(found) == 1
    return found[0].name, found[0].read_bytes()


def _download_of(out: Path, name: str) -> bytes:
    found = [p for p in out.glob("badges/*/*.png") if name in p.name]
    assert len(found) == 1
    return found[0].read_bytes()


def _rewrite_before_images(monkeypatch: pytest.MonkeyPatch, change: Callable[[], None]) -> None:
    """Run ``change`` once the build has read a badge, before it draws any image of it
    (badges are laid out, and their images offered to be drawn, one at a time)."""
    real = AssetMaker.offer

    def offer(self: AssetMaker, asset: Asset) -> None:
        change()
        monkeypatch.setattr(AssetMaker, "offer", real)
        real(self, asset)

    monkeypatch.setattr(AssetMaker, "offer", offer)


def test_a_badge_rewritten_during_the_build_is_never_shown_under_the_old_name_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(tmp_path)
    path = site / "content" / "badges" / "big-one.png"
    before = path.read_bytes()
    rewritten = bake_png(noise_png(7), json.dumps(assertion(1)) + " ")
    _rewrite_before_images(monkeypatch, lambda: path.write_bytes(rewritten))
    assert build(site).exit_code == 0
    out = site / "output"
    name, shown = _image_of(out, "badge-number-1")
    # The picture is the one of the bytes it was drawn from, never a mix of two files.
    assert shown == image_png(rewritten, False, "Badge number 1")
    # The file offered for download is not a file nobody checked: a placeholder baked
    # with the data the page shows.
    download = _download_of(out, "badge-number-1")
    assert download != rewritten
    assert [k for k, _ in iter_chunks(download, "d") if k == b"iTXt"] == [b"iTXt"]
    # Put back as it was: the image under that name is the file's own again, as a clean
    # build makes it (nothing made from the rewritten file was kept).
    path.write_bytes(before)
    assert build(site).exit_code == 0
    assert _image_of(out, "badge-number-1") == (name, image_png(before, False, "Badge number 1"))
    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("output", ".portfolio-cache"))
    assert build(clean).exit_code == 0
    assert output_files(out) == output_files(clean / "output")
