"""QR codes pointing to a badge page's absolute URL, as hash-named PNG assets."""

from __future__ import annotations

import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from portfolio_builder.images import digest
from portfolio_builder.sitemodel import Asset


def qr_png(url: str) -> bytes:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=8, border=4)
    code.add_data(url)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(out)
    return out.getvalue()


def qr_asset(folder: str, url: str) -> Asset:
    return Asset(f"{folder}qr.{digest('qr', url)}.png", lambda: qr_png(url))
