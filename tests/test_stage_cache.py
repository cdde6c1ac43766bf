"""The stage cache: images made in worker processes are the images made in this one; one
made from a file rewritten meanwhile is not kept."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from portfolio_builder.badgefile import BadgeFile
from portfolio_builder.cache import PARALLEL_FROM, AssetMaker, StageCache
from portfolio_builder.images import card_asset, image_asset
from portfolio_builder.model import FileFormat, SourceFile
from portfolio_builder.qr import qr_asset
from portfolio_builder.sitemodel import Asset

from sitebuild.kit import SVG, png


def _assets() -> list[Asset]:
    found: list[Asset] = []
    for n in range(PARALLEL_FROM // 3 + 2):
        folder = f"badges/b{n}/"
        source, is_svg = (SVG.encode(), True) if n % 2 else (png((n * 9 % 255, 90, 40)), False)
        found.append(image_asset(folder, source, is_svg, f"Badge {n}"))
        found.append(card_asset(folder, source, is_svg, (f"Badge {n}", "Issued by X", "Site")))
        found.append(qr_asset(folder, f"https://learner.example/badges/b{n}/"))
    return found


def _make(cache: StageCache, assets: list[Asset], workers: int | None = None) -> None:
    """Make the assets as a build does, and wait for them."""
    with AssetMaker(cache, workers) as maker:
        maker.offer_all(assets)
        maker.finish()


def test_images_made_by_workers_equal_images_made_here(tmp_path: Path) -> None:
    assets = _assets()
    cache = StageCache(tmp_path / "cache")
    _make(cache, assets, workers=2)
    for asset in assets:
        assert cache.asset_file(asset).read_bytes() == asset.make(), asset.path


def test_stored_images_are_not_made_again(tmp_path: Path) -> None:
    assets = _assets()[:3]
    cache = StageCache(tmp_path / "cache")
    _make(cache, assets)
    stored = cache.asset_file(assets[0])
    stored.write_bytes(b"kept")
    _make(StageCache(tmp_path / "cache"), assets)
    assert stored.read_bytes() == b"kept"


def test_a_badge_rewritten_before_its_images_are_made_is_drawn_as_it_is_and_not_kept(
    tmp_path: Path,
) -> None:
    """Made in workers: the image of a rewritten file is that of its new bytes, for this
    build only; the others are stored under their keys as usual."""
    assets: list[tuple[Asset, bool]] = []
    for n in range(PARALLEL_FROM // 2 + 1):
        path = tmp_path / "badges" / f"b{n}.png"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(png((n * 9 % 255, 90, 40)))
        source = BadgeFile(path, hashlib.sha256(path.read_bytes()).hexdigest())
        lines = (f"Badge {n}", "Issued by X", "Site")
        made = [
            image_asset(f"b{n}/", source, False, lines[0]),
            card_asset(f"b{n}/", source, False, lines),
        ]
        if n % 3 == 0:
            path.write_bytes(png((20, 200, n)))  # after its assets were keyed
        assets += [(asset, n % 3 == 0) for asset in made]
    cache = StageCache(tmp_path / "cache")
    _make(cache, [asset for asset, _ in assets], workers=2)
    later = StageCache(tmp_path / "cache")
    for asset, rewritten in assets:
        assert cache.asset_file(asset).read_bytes() == asset.make(), asset.path
        assert cache.made_aside(asset) is rewritten
        assert later.asset_file(asset).is_file() is not rewritten


def test_images_are_made_while_the_build_goes_on(tmp_path: Path) -> None:
    """Once enough are offered, workers make them at once: the build need not finish
    rendering its pages first."""
    assets = _assets()
    cache = StageCache(tmp_path / "cache")
    maker = AssetMaker(cache, workers=2)
    try:
        for asset in assets:
            maker.offer(asset)
        deadline = time.monotonic() + 60
        while not any(cache.asset_file(a).is_file() for a in assets):
            assert time.monotonic() < deadline, "no image was made before finish()"
            time.sleep(0.01)
        maker.finish()
    finally:
        maker.close()
    for asset in assets:
        assert cache.asset_file(asset).read_bytes() == asset.make(), asset.path


def test_a_read_the_cache_vouches_for_carries_the_files_sha256(tmp_path: Path) -> None:
    path = tmp_path / "badge.png"
    path.write_bytes(png())
    source = SourceFile(path, "badge.png", FileFormat.PNG)
    expected = hashlib.sha256(path.read_bytes()).hexdigest()
    for _ in range(2):  # read, then from the cache
        cache = StageCache(tmp_path / "cache")
        read, key = cache.read_keyed(source)
        assert key is not None and read.sha256 == expected
        cache.save()
