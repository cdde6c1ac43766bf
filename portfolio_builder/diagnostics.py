"""Diagnostics as values: a stable code, a severity, the file, a message and a hint.

Every code the tool can emit is listed in ``CODES`` with a one-line meaning; the
README's table of codes is checked against it by the test suite.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


CODES: dict[str, str] = {
    # discovery
    "E-READ": "The file could not be read (permissions, vanished, I/O error).",
    "E-NOT-FOUND": "A path given on the command line does not exist.",
    "E-FILE-TYPE": "A file given on the command line is not a badge file type.",
    "E-TOO-LARGE": "The file is larger than the configured size limit.",
    "W-SYMLINK-OUTSIDE": "A symbolic link leads outside the content folder; it was skipped.",
    "W-SYMLINK-LOOP": "A symbolic link loops back on itself; it was skipped.",
    # PNG
    "E-PNG-SIGNATURE": "The file is named .png but is not a PNG image.",
    "E-PNG-TRUNCATED": "The PNG ends in the middle of a chunk.",
    "E-PNG-CRC": "A PNG chunk's checksum does not match its contents (corrupt file).",
    "E-PNG-TEXT": "The PNG badge text chunk is malformed or cannot be decoded.",
    "W-PNG-DUPLICATE": "The PNG holds more than one badge chunk; the first was used.",
    "I-MOODLE-LEGACY-ITXT": "A malformed old-Moodle iTXt chunk was recognised and repaired.",
    # SVG
    "E-SVG-PARSE": "The SVG is not well-formed XML.",
    "E-SVG-FORBIDDEN": "The SVG declares entities or external references, which are refused.",
    # payload
    "E-NO-BADGE": "The image holds no Open Badges data.",
    "E-PAYLOAD-EMPTY": "The badge data is empty.",
    "E-PAYLOAD-UNKNOWN": "The badge data is neither JSON, a URL nor a compact JWS.",
    "E-JSON": "The badge data is not valid JSON.",
    "E-JSON-NOT-OBJECT": "The JSON is valid but is not an object.",
    "E-JSON-TOO-DEEP": "The JSON is nested too deeply to be a badge.",
    "E-JWS": "The compact JWS/JWT cannot be decoded.",
    "E-ENCODING": "The badge data is not valid UTF-8.",
    "E-NOT-A-BADGE": "The JSON is not an Open Badges assertion or credential.",
    "E-CLR": "The file holds a Comprehensive Learner Record, not a single badge.",
    "E-ENDORSEMENT": "The file holds an endorsement credential, not a badge.",
    "E-STATUS-LIST": "The file holds a status or revocation list, not a badge.",
    "E-NOT-OB-CREDENTIAL": "The verifiable credential is not an Open Badge credential.",
    # normalisation
    "E-MISSING-FIELD": "A field the badge needs is missing.",
    "W-NO-ACHIEVEMENT": "The credential names no achievement; the credential's own name is shown.",
    "W-BAD-DATE": "A date could not be read; it was left out.",
    "W-NAIVE-DATE": "A date has no time zone; UTC was assumed.",
    "I-NEEDS-FETCH": "Part of the badge is a reference that verification must fetch.",
    # site build
    "W-CONTENT": "A page, sidecar or avatar of the site could not be used as written.",
    "W-DUPLICATE": "The same badge was found twice; it is shown once.",
    "W-NO-BASE-URL": "base_url is not set, so absolute links point at a local address.",
    "W-OUTPUT-FOREIGN": "A file the build did not make is in the output folder; it was kept.",
    "W-OUTPUT-LEFTOVER": "An interrupted build's folder beside the output holds files found "
    "nowhere else; it was kept.",
    "E-INTERNAL": "An unexpected internal error; please report it with the file.",
    # site check (`portfolio-builder check`)
    "E-SITE-EMPTY": "The output folder is missing or holds no HTML page.",
    "E-SITE-BASE-URL": "The site's base URL is missing, not absolute, or cannot be worked out.",
    "E-SITE-LINK": "An internal link or asset points to a file that is not in the output.",
    "E-SITE-OUTSIDE-BASE": "A root-relative link leaves the site's base path (a project site "
    "needs the /REPOSITORY/ prefix).",
    "E-SITE-FRAGMENT": "A link's #fragment names no id on the target page.",
    "E-SITE-404-RELATIVE": "The 404 page uses a relative link, which breaks at other paths.",
    "E-SITE-OG-MISSING": "A page lacks a link-preview tag (og:title, og:type, og:url, og:image, "
    "twitter:card).",
    "E-SITE-NOT-ABSOLUTE": "og:url, og:image or the canonical link is not an absolute URL.",
    "E-SITE-URL-MISMATCH": "og:url or the canonical link is not the page's own address.",
    "E-SITE-OG-IMAGE": "The preview image is SVG, missing, unreadable or not 1200x630.",
    "E-SITE-SITEMAP": "sitemap.xml is missing or unreadable, or lists a URL that is not in the "
    "site.",
    "E-SITE-EMAIL-LEAK": "An email address appears in a published file.",
    "E-SITE-HASH-LEAK": "A recipient identity hash (sha256$ or md5$) appears outside the "
    "re-hosted badge originals.",
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding about one file."""

    code: str
    severity: Severity
    message: str
    path: str = ""
    hint: str = ""

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"undocumented diagnostic code {self.code!r}")

    def as_json(self) -> dict[str, str]:
        data = {"code": self.code, "severity": str(self.severity), "message": self.message}
        if self.hint:
            data["hint"] = self.hint
        return data

    def as_text(self) -> str:
        where = f"{self.path}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.severity}: {self.message} [{self.code}]{hint}"


def error(code: str, message: str, path: str = "", hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, path, hint)


def warning(code: str, message: str, path: str = "", hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, path, hint)


def info(code: str, message: str, path: str = "", hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.INFO, message, path, hint)


def has_errors(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def codes_table() -> str:
    """The README's table of diagnostic codes, generated from ``CODES``."""
    rows = [f"| `{code}` | {meaning} |" for code, meaning in CODES.items()]
    return "\n".join(["| code | meaning |", "|---|---|", *rows])
