"""The live-reload script and the error overlay, added to HTML responses only.

Nothing here touches the files on disk: the server calls ``inject`` on the bytes
it is about to send.
"""

from __future__ import annotations

import html
import json
import re

EVENTS_NAME = "__livereload"
MARKER = "data-portfolio-livereload"

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)

_SCRIPT = """<script %(marker)s>
(function () {
  var page = %(page)s;
  var source = new EventSource(%(events)s);
  source.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    if (d.all || d.changed.indexOf(page) >= 0) { location.reload(); }
  });
})();
</script>
"""

_OVERLAY = """<div id="portfolio-build-error" %(marker)s role="alert" style="position:fixed;\
inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;\
font:15px/1.5 system-ui,sans-serif;padding:2rem">
<h1 style="margin-top:0;color:#ff8a80;font-size:1.4rem">The last rebuild failed</h1>
<p>The page below is the last good build. Fix the error and save; this page reloads.</p>
<pre style="white-space:pre-wrap;font:14px/1.4 ui-monospace,monospace">%(error)s</pre>
</div>
"""


def reload_script(events_url: str, page: str) -> str:
    """The script that listens on ``events_url`` and reloads when ``page`` changed."""
    return _SCRIPT % {"marker": MARKER, "page": _js_string(page), "events": _js_string(events_url)}


def error_overlay(error: str) -> str:
    """A full-window notice carrying the build error, HTML-escaped."""
    return _OVERLAY % {"marker": MARKER, "error": html.escape(error, quote=True)}


def inject(document: bytes, snippet: str) -> bytes:
    """Insert ``snippet`` before the last ``</body>``, or append it when there is none."""
    encoded = snippet.encode("utf-8")
    matches = list(_BODY_END.finditer(document))
    if not matches:
        return document + encoded
    at = matches[-1].start()
    return document[:at] + encoded + document[at:]


def _js_string(value: str) -> str:
    """A JSON string literal that is also safe inside an HTML ``<script>``."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
