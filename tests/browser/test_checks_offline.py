"""The share-link and OpenGraph rules on their own, without a browser."""

from __future__ import annotations

import re

import pytest

from .pagechecks import og_url_problems
from .sharelinks import NETWORKS, Shown

PAGE = "https://sam.example/repo/badges/python-basics/"
PAGE_Q = "https%3A%2F%2Fsam.example%2Frepo%2Fbadges%2Fpython-basics%2F"
SHOWN = Shown("Python Basics & More", "Python Basics & More\nIssued by Alpha Academy")
ADD = (
    "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME"
    "&name=Python%20Basics%20%26%20More&organizationName=Alpha%20Academy"
    f"&issueYear=2025&issueMonth=3&certUrl={PAGE_Q}&certId=pb-1"
)


def linkedin_add(url: str) -> list[str]:
    return NETWORKS["LinkedIn add-to-profile"][1](url, PAGE, SHOWN)


def test_a_correct_add_to_profile_link_passes() -> None:
    assert linkedin_add(ADD) == []
    assert linkedin_add(ADD.replace("%20", "+")) == []


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("issueMonth=3", "issueMonth=0", "issueMonth '0' is not 1 to 12"),
        ("issueMonth=3", "issueMonth=03", "issueMonth '03' is not 1 to 12"),
        ("issueMonth=3", "issueMonth=13", "issueMonth '13' is not 1 to 12"),
        ("&issueYear=2025", "", "issueYear None is not a year"),
        ("startTask=CERTIFICATION_NAME", "startTask=X", "startTask is not CERTIFICATION_NAME"),
        ("certId=pb-1", "certId=urn:uuid:9", "certId 'urn:uuid:9' is empty or a URN"),
        ("name=Python%20Basics%20%26%20More", "name=", "name '' is not the badge name"),
        (
            "name=Python%20Basics%20%26%20More",
            "name=Python%20Basics&x=%26",
            "unexpected parameter x",
        ),
        ("Alpha%20Academy", "Alpha%20Academy&organizationId=12", "exactly one of organizationId"),
        ("organizationName=Alpha%20Academy", "organizationId=AB1", "organizationId 'AB1'"),
        (f"certUrl={PAGE_Q}", "certUrl=%2Frepo%2F", "certUrl '/repo/' is not the page URL"),
        ("&certId=pb-1", "&certId=pb-1&expirationYear=2026", "expirationMonth None is not 1 to 12"),
    ],
)
def test_a_wrong_add_to_profile_link_is_reported(old: str, new: str, problem: str) -> None:
    url = ADD.replace(old, new)
    assert url != ADD
    found = linkedin_add(url)
    assert any(p.startswith(problem) for p in found), found


@pytest.mark.parametrize(
    ("network", "url", "ok"),
    [
        ("LinkedIn post", f"https://www.linkedin.com/sharing/share-offsite/?url={PAGE_Q}", True),
        (
            "LinkedIn post",
            f"https://www.linkedin.com/sharing/share-offsite/?url={PAGE_Q}&t=x",
            False,
        ),
        ("X", f"https://twitter.com/intent/tweet?text=I%20earned%20it&url={PAGE_Q}", True),
        ("X", f"https://x.com/intent/post?text=See%20{PAGE_Q}", True),
        ("X", "https://twitter.com/intent/tweet?text=I%20earned%20it", False),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={PAGE_Q}", True),
        ("Mastodon", f"https://tootpick.org/#text=I%20earned%20it%20{PAGE_Q}", True),
        ("Mastodon", f"https://mastodon.social/share?text=I%20earned%20it%20{PAGE_Q}", True),
        ("Mastodon", "https://tootpick.org/#text=I%20earned%20it", False),
        ("email", f"mailto:?subject=Badge&body=See%20{PAGE_Q}", True),
        ("email", "mailto:?subject=Badge&body=See%20it", False),
    ],
)
def test_other_networks_need_the_page_url(network: str, url: str, ok: bool) -> None:
    pattern, check = NETWORKS[network]
    assert re.match(pattern, url)
    assert (check(url, PAGE, SHOWN) == []) is ok


def test_og_urls_must_be_absolute_http() -> None:
    tags = {
        "og:url": [PAGE],
        "og:image": ["card.png", "//cdn.example/c.png", "https://sam.example/c.png"],
        "twitter:image": ["ftp://sam.example/c.png"],
        "og:title": ["not a URL, not checked"],
    }
    assert og_url_problems(PAGE, tags) == [
        f"{PAGE}: og:image is not an absolute http(s) URL: 'card.png'",
        f"{PAGE}: og:image is not an absolute http(s) URL: '//cdn.example/c.png'",
        f"{PAGE}: twitter:image is not an absolute http(s) URL: 'ftp://sam.example/c.png'",
    ]
