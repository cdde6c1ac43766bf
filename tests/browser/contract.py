"""The few markup hooks the browser tests rely on; a theme must provide them.

Everything else is checked by behaviour. The hooks:

- Badge pages live at ``<base>badges/<slug>/``; the index links to each of them.
- A badge page's ``<h1>`` shows the badge name; its QR code is an element matching
  ``QR_SELECTOR`` (an ``<img>`` whose alt text mentions "QR", or any ``[data-qr]``).
- A badge card on a listing page matches ``CARD_SELECTOR``, links to its badge page, and
  holds its keys for each filter kind in the attribute ``FILTER_KINDS[kind]``,
  space-separated for tags (``data-tags="python data-science"``).
- A filter link is ``<a data-filter-kind="<kind>" data-filter-key="<key>">``. Following it,
  with or without JavaScript (in place, or by loading a pre-rendered page), shows exactly
  the cards whose attribute for that kind holds ``<key>``.
- Optionally, with JavaScript, a ``<select name="<kind>">`` filters the cards in place;
  its option with an empty value means "all".
- The copy-link control is a button whose accessible name contains "Copy"; without
  JavaScript, the page URL is still offered in a read-only text field.
- Mastodon sharing is a link (``https://tootpick.org/#text=…`` or ``https://<server>/share?
  text=…``) or, with JavaScript, a form mentioning Mastodon that asks for the server and
  opens ``https://<server>/share?text=…``.
"""

from __future__ import annotations

BADGE_PATH = "badges/"
QR_SELECTOR = "img[alt*='QR' i], [data-qr]"
CARD_SELECTOR = "[data-issuer][data-status]"
FILTER_KINDS = {
    "issuers": "data-issuer",
    "tags": "data-tags",
    "years": "data-year",
    "status": "data-status",
}
REQUIRED_CARD_ATTRIBUTES = ("data-issuer", "data-status")
FILTER_LINK_SELECTOR = "a[data-filter-kind][data-filter-key]"
REQUIRED_OG = ("og:title", "og:type", "og:url", "og:image")
FILTERS_TRIED_PER_KIND = 3
