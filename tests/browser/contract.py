"""The few markup hooks the browser tests rely on; a theme must provide them.

Everything else is checked by behaviour. The hooks:

- Badge pages live at ``<base>badges/<slug>/``; the index links to each of them.
- A badge page's ``<h1>`` shows the badge name; its QR code is an element matching
  ``QR_SELECTOR`` (an ``<img>`` whose alt text mentions "QR", or any ``[data-qr]``).
- A badge card on a listing page is an element with ``data-badge="<slug>"`` and, for each
  facet in ``FACETS``, an attribute ``data-<facet>`` (or ``data-<facet>s``) holding the
  card's keys for it, space-separated (``data-tags="python data-science"``).
- A filter link is ``<a data-facet="<facet>" data-value="<key>">``. Following it, with or
  without JavaScript (in place, or by loading a pre-rendered page), shows exactly the cards
  whose ``data-<facet>`` holds ``<key>``.
- Optionally, with JavaScript, a ``<select name="<facet>">`` filters the cards in place;
  its option with an empty value means "all".
- The copy-link control is a button whose accessible name contains "Copy"; without
  JavaScript, the page URL is still offered in a read-only text field.
"""

from __future__ import annotations

BADGE_PATH = "badges/"
QR_SELECTOR = "img[alt*='QR' i], [data-qr]"
CARD_SELECTOR = "[data-badge]"
FACETS = ("issuer", "tag", "year", "status")
FILTER_LINK_SELECTOR = "a[data-facet][data-value]"
REQUIRED_OG = ("og:title", "og:type", "og:url", "og:image")
FILTERS_TRIED_PER_FACET = 3
