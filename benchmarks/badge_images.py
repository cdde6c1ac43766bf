"""Synthetic 400x400 badge artwork: distinct per badge and deterministic from a seed.

Smooth gradients, upscaled coarse noise, a polygon and a label inside a round mask,
so a PNG weighs about 100 KB, as a real badge image does (not a flat colour that
compresses to nothing, nor pure noise that does not compress at all).
"""

from __future__ import annotations

import io
import random
from functools import cache

from PIL import Image, ImageDraw

SIZE = 400


@cache
def _gradients() -> tuple[Image.Image, Image.Image, Image.Image]:
    linear = Image.linear_gradient("L").resize((SIZE, SIZE))
    radial = Image.radial_gradient("L").resize((SIZE, SIZE))
    mask = Image.new("L", (SIZE, SIZE), 0)
    ImageDraw.Draw(mask).ellipse((6, 6, SIZE - 6, SIZE - 6), fill=255)
    return linear, radial, mask


def _background(rnd: random.Random) -> Image.Image:
    linear, radial, _ = _gradients()
    noise = Image.frombytes("L", (25, 25), rnd.randbytes(25 * 25))
    coarse = noise.resize((SIZE, SIZE), Image.Resampling.BILINEAR)
    turned = linear.rotate(rnd.uniform(0, 360))
    channels = [
        Image.blend(turned, coarse, 0.4),
        Image.blend(radial, coarse.transpose(Image.Transpose.ROTATE_90), 0.5),
        Image.blend(turned.transpose(Image.Transpose.FLIP_TOP_BOTTOM), radial, rnd.random()),
    ]
    return Image.merge("RGB", channels).convert("RGBA")


def badge_png(seed: int, label: str) -> bytes:
    """A PNG of the badge numbered ``seed``, showing ``label``."""
    rnd = random.Random(seed)
    image = _background(rnd)
    draw = ImageDraw.Draw(image)
    fill = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256), 200)
    sides, turn = rnd.randint(3, 8), rnd.uniform(0, 90)
    circle = (SIZE / 2, SIZE / 2, 150)
    draw.regular_polygon(circle, sides, rotation=turn, fill=fill, outline="white", width=6)
    draw.text((SIZE // 2, SIZE // 2), label, fill="white", anchor="mm", font_size=72)
    image.putalpha(_gradients()[2])
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
