"""The live-reload script and the error overlay, added to HTML responses only.

Nothing here touches the files on disk: the server calls ``inject`` on the bytes
it is about to send. The script and the overlay's styles are served as files of
their own (``__livereload.js``, ``__livereload.css``), so a page whose Content
Security Policy allows only ``'self'`` still runs and styles them.
"""

from __future__ import annotations

import html
import re

EVENTS_NAME = "__livereload"
SCRIPT_NAME = "__livereload.js"
STYLE_NAME = "__livereload.css"
MARKER = "data-portfolio-livereload"

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)

CLIENT_SCRIPT = b"""(function () {
  var me = document.currentScript;
  var page = me.getAttribute("data-page");
  var source = new EventSource(me.getAttribute("data-events"));
  source.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    if (d.all || d.changed.indexOf(page) >= 0) { location.reload(); }
  });
})();
"""

OVERLAY_STYLE = b"""#portfolio-build-error {
  position: fixed; inset: 0; z-index: 2147483647; overflow: auto; padding: 2rem;
  background: rgba(20, 20, 20, .94); color: #fff; font: 15px/1.5 system-ui, sans-serif;
}
#portfolio-build-error h1 { margin-top: 0; color: #ff8a80; font-size: 1.4rem; }
#portfolio-build-error pre { white-space: pre-wrap; font: 14px/1.4 ui-monospace, monospace; }
"""

_SCRIPT_TAG = '<script %s src="%s" data-events="%s" data-page="%s"></script>\n'

_OVERLAY = """<link %(marker)s rel="stylesheet" href="%(style)s">
<div id="portfolio-build-error" %(marker)s role="alert">
<h1>The last rebuild failed</h1>
<p>The page below is the last good build. Fix the error and save; this page reloads.</p>
<pre>%(error)s</pre>
</div>
"""


def reload_script(script_url: str, events_url: str, page: str) -> str:
    """The tag loading the client, which listens on ``events_url`` for changes to ``page``."""
    values = (script_url, events_url, page)
    return _SCRIPT_TAG % (MARKER, *(html.escape(v, quote=True) for v in values))


def error_overlay(style_url: str, error: str) -> str:
    """A full-window notice carrying the build error, HTML-escaped."""
    return _OVERLAY % {
        "marker": MARKER,
        "style": html.escape(style_url, quote=True),
        "error": html.escape(error, quote=True),
    }


def inject(document: bytes, snippet: str) -> bytes:
    """Insert ``snippet`` before the last ``</body>``, or append it when there is none."""
    encoded = snippet.encode("utf-8")
    matches = list(_BODY_END.finditer(document))
    if not matches:
        return document + encoded
    at = matches[-1].start()
    return document[:at] + encoded + document[at:]
