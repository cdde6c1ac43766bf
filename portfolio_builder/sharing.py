"""Share links for a badge page, in the exact formats of the sharing guide.

Every value is percent-encoded on its own (``%20`` for spaces). The owner's name
and email never go into a share URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

FALLBACK_NAME = "Open Badge"
LINKEDIN_ID_TYPE = "ext:LinkedIn:organizationId"


def _query(params: list[tuple[str, str]]) -> str:
    return "&".join(f"{k}={quote(v, safe='')}" for k, v in params)


@dataclass(frozen=True, slots=True)
class LinkedInCert:
    """The Add-to-profile fields, shown also as copyable text."""

    name: str
    organization_id: str | None
    organization_name: str | None
    issued: datetime | None
    expires: datetime | None
    cert_url: str
    cert_id: str

    def params(self) -> list[tuple[str, str]]:
        params = [("startTask", "CERTIFICATION_NAME"), ("name", self.name or FALLBACK_NAME)]
        if self.organization_id:
            params.append(("organizationId", self.organization_id))
        elif self.organization_name:
            params.append(("organizationName", self.organization_name))
        if self.issued:
            params += [("issueYear", str(self.issued.year)), ("issueMonth", str(self.issued.month))]
        if self.expires:
            params += [
                ("expirationYear", str(self.expires.year)),
                ("expirationMonth", str(self.expires.month)),
            ]
        return [*params, ("certUrl", self.cert_url), ("certId", self.cert_id)]

    @property
    def url(self) -> str:
        return "https://www.linkedin.com/profile/add?" + _query(self.params())


@dataclass(frozen=True, slots=True)
class ShareLinks:
    linkedin_add: str
    linkedin_post: str
    x: str
    facebook: str
    mastodon_text: str
    mastodon_fallback: str
    email: str


def organization_id(
    mapping: dict[str, str], issuer_id: str | None, issuer_name: str | None
) -> str | None:
    """The LinkedIn organization id the owner configured for this issuer (by id, then name)."""
    for key in (issuer_id, issuer_name):
        if key and key in mapping:
            return mapping[key]
    return None


def declared_organization_id(document: dict[str, Any]) -> str | None:
    """The LinkedIn organization id an OB 3.0 issuer declares in ``otherIdentifier``."""
    issuer = document.get("issuer")
    items = issuer.get("otherIdentifier") if isinstance(issuer, dict) else None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("identifierType") == LINKEDIN_ID_TYPE:
            value = str(item.get("identifier", "")).strip()
            if value.isdigit():
                return value
    return None


def share_links(cert: LinkedInCert, issuer_name: str | None) -> ShareLinks:
    name = cert.name or FALLBACK_NAME
    text = f"I earned the {name} badge" + (f" from {issuer_name}" if issuer_name else "")
    mastodon = f"{text}: {cert.cert_url}"
    return ShareLinks(
        linkedin_add=cert.url,
        linkedin_post="https://www.linkedin.com/sharing/share-offsite/?"
        + _query([("url", cert.cert_url)]),
        x="https://twitter.com/intent/tweet?" + _query([("text", text), ("url", cert.cert_url)]),
        facebook="https://www.facebook.com/sharer/sharer.php?" + _query([("u", cert.cert_url)]),
        mastodon_text=mastodon,
        mastodon_fallback="https://tootpick.org/#" + _query([("text", mastodon)]),
        email="mailto:?" + _query([("subject", text), ("body", f"{text}: {cert.cert_url}")]),
    )
