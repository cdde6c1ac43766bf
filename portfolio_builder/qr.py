"""QR codes pointing to a badge page's absolute URL, as hash-named PNG assets."""

from __future__ import annotations

import functools
import io

import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

from portfolio_builder.images import digest
from portfolio_builder.sitemodel import Asset

BOX = 8


def qr_png(url: str) -> bytes:
    # A fixed mask skips qrcode's slow search for the best one; any mask scans.
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4, mask_pattern=2)
    code.add_data(url)
    code.make(fit=True)
    rows: list[list[bool]] = code.get_matrix()
    size = len(rows)
    bits = bytes(0 if dark else 255 for row in rows for dark in row)
    img = Image.frombytes("L", (size, size), bits).resize(
        (size * BOX, size * BOX), Image.Resampling.NEAREST
    )
    out = io.BytesIO()
    img.convert("1").save(out, format="PNG")
    return out.getvalue()


def qr_asset(folder: str, url: str) -> Asset:
    return Asset(f"{folder}qr.{digest('qr', url)}.png", functools.partial(qr_png, url))
