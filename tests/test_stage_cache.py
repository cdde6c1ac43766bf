"""The stage cache: images made in worker processes are the images made in this one."""

from __future__ import annotations

from pathlib import Path

from portfolio_builder.cache import PARALLEL_FROM, StageCache
from portfolio_builder.images import card_asset, image_asset
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


def test_images_made_by_workers_equal_images_made_here(tmp_path: Path) -> None:
    assets = _assets()
    cache = StageCache(tmp_path / "cache")
    cache.make_assets(assets, workers=2)
    for asset in assets:
        assert cache.asset_file(asset).read_bytes() == asset.make(), asset.path


def test_stored_images_are_not_made_again(tmp_path: Path) -> None:
    assets = _assets()[:3]
    cache = StageCache(tmp_path / "cache")
    cache.make_assets(assets)
    stored = cache.asset_file(assets[0])
    stored.write_bytes(b"kept")
    StageCache(tmp_path / "cache").make_assets(assets)
    assert stored.read_bytes() == b"kept"
