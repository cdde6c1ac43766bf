"""Verdicts on the OB 3.0 files of the sample corpus, against corpus/MANIFEST.md.

How the MANIFEST's words map onto our statuses (first rule that matches wins):

1. "ExpirationProbe" (1EdTech validator)                         → expired
2. "REVOKED", "BitstringStatusListProbe", "RevocationListProbe"   → revoked
   (the 1EdTech validator reports a revoked credential as INVALID with that probe)
3. "unreachable", "unresolvable"                                   → unverifiable
4. "INVALID", "TAMPERED", "tampered", "NOT YET VALID"              → invalid
   (a not-yet-valid credential is invalid; DCPV's IssuanceProbe says INVALID too)
5. "EXPIRED"                                                       → expired
6. "VALID" (also "VALID with WARNING"), "valid signature expected",
   "status OK", DCC "by name: two proofs"                          → valid
Rows that match none of these (CLR samples, endorsements, status lists, "no proof",
"test @Disabled") state no verdict and are not compared.

Files whose verdict needs what the corpus does not hold are listed in DEVIATIONS
with the status we must give instead and why. Network answers the corpus does hold
come from ``vc_corpus_fetcher``.

Expiry and not-yet-valid come from the version-independent ``time`` check; the full
verdict is compared for every file.
"""

from __future__ import annotations

import re
from pathlib import Path

from vc_corpus_fetcher import corpus_fetcher
from vc_support import read_file, verified

from portfolio_builder.discover import file_format
from portfolio_builder.verify.report import Status

OB3_DIRS = (
    "1edtech-dcpv/ob30/",
    "dcc-vc-test-fixtures/verifiableCredentials/",
    "dcc-verifier-core/",
)
TEST_VECTOR = "1edtech-ob-spec/ob3_ldp_test_vector_signed_credential.json"

NOT_OB = (Status.ERROR, "not an Open Badge (no OpenBadgeCredential type): reading refuses it")
ENDORSEMENT = (Status.ERROR, "an endorsement credential, not a badge: reading refuses it")
NETWORK = "needs a network resource the corpus does not hold"
DEVIATIONS: dict[str, tuple[Status, str]] = {
    "1edtech-dcpv/ob30/complete.json": (
        Status.UNVERIFIABLE,
        f"{NETWORK} (1EdTech's live revocation list); its schema findings DCPV "
        "counts vanish once single values are wrapped, and schema findings only warn",
    ),
    "1edtech-dcpv/ob30/credential-status-revoked.json": (
        Status.UNVERIFIABLE,
        f"{NETWORK} (the did:web key and the 1EdTech revocation list)",
    ),
    "1edtech-dcpv/ob30/sd/derivedcredential.json": (
        Status.UNVERIFIABLE,
        "ecdsa-sd-2023 (selective disclosure) is not supported",
    ),
    "1edtech-dcpv/ob30/simple.jwt": (
        Status.UNVERIFIABLE,
        f"{NETWORK}: the JWT header names no key; DCPV's test supplies the issuer's key",
    ),
    "1edtech-dcpv/ob30/simple-err-type.json": NOT_OB,
    "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didWeb/badDidWeb.json": (
        Status.UNVERIFIABLE,
        f"{NETWORK} (the did:web document of digitalcredentials.github.io:dcc-did-web-bad)",
    ),
    "dcc-verifier-core/v2didWebMultikeyWithValidStatus.json": (
        Status.UNVERIFIABLE,
        f"{NETWORK} (the dcc-did-web:multikey DID document)",
    ),
    "dcc-verifier-core/v2didWebWithValidStatus.json": (
        Status.UNVERIFIABLE,
        f"{NETWORK} (the dcc-did-web DID document)",
    ),
    "dcc-verifier-core/testVC.json": (
        Status.INVALID,
        "both embedded proofs fail on this extracted copy; the MANIFEST's 'valid' is a "
        "guess from the file name, not a test result",
    ),
    "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didKey/legacy-noStatus-noExpiry.json": (
        Status.ERROR,
        "the file is not valid JSON (as the MANIFEST notes)",
    ),
    **{
        f"dcc-vc-test-fixtures/verifiableCredentials/{name}": NOT_OB
        for name in (
            "v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-oldDCCExample.json",
            "v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry-nonOBWithOBContext.json",
            "v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-minimal.json",
            "v2/ed25519/didKey/legacy-expiredStatus-noExpiry.json",
            "v2/ed25519/didKey/legacy-missingTypeStatus-noExpiry.json",
            "v2/ed25519/didKey/legacy-notYetValidStatus-noExpiry.json",
            "v2/ed25519/didKey/legacy-tamperedStatus-noExpiry.json",
        )
    },
    **{
        f"dcc-vc-test-fixtures/verifiableCredentials/{name}": ENDORSEMENT
        for name in (
            "v2/bothSignatureTypes/didkey/legacy-noStatus-notExpired-endorsement-withSchema.json",
            "v2/bothSignatureTypes/didkey/legacy-noStatus-notExpired-endorsement.json",
        )
    },
}
# The SVG samples are refused by extraction (they carry a DTD): not a verification verdict.
NOT_COMPARED = re.compile(r"\.svg$")

RULES: tuple[tuple[tuple[str, ...], Status, str | None], ...] = (
    (("ExpirationProbe",), Status.EXPIRED, "expired"),
    (("REVOKED", "BitstringStatusListProbe", "RevocationListProbe"), Status.REVOKED, None),
    (("unreachable", "unresolvable"), Status.UNVERIFIABLE, None),
    (("NOT YET VALID", "IssuanceProbe"), Status.INVALID, "not-yet-valid"),
    (("INVALID", "TAMPERED", "tampered"), Status.INVALID, None),
    (("EXPIRED",), Status.EXPIRED, "expired"),
    (("VALID", "valid signature expected", "status OK", "by name: two proofs"), Status.VALID, None),
)


def manifest_rows(corpus: Path) -> dict[str, str]:
    rows: dict[str, str] = {}
    for line in (corpus / "MANIFEST.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[1].isdigit():
            rows[cells[0]] = " ".join(cells[2:])
    return rows


def expectation(words: str) -> tuple[Status, str | None] | None:
    for needles, status, by_time in RULES:
        if any(needle in words for needle in needles):
            return status, by_time
    return None


def cases(corpus: Path) -> list[tuple[str, Status, str | None]]:
    found = []
    for name, words in sorted(manifest_rows(corpus).items()):
        if not (name.startswith(OB3_DIRS) or name == TEST_VECTOR) or NOT_COMPARED.search(name):
            continue
        if file_format(Path(name)) is None:
            continue  # e.g. simple.1ob: not a badge file suffix
        expected = expectation(words)
        if name in DEVIATIONS:
            found.append((name, DEVIATIONS[name][0], None))
        elif expected is not None:
            found.append((name, *expected))
    return found


def test_the_mapping_covers_the_ob3_corpus(corpus: Path) -> None:
    names = [name for name, _, _ in cases(corpus)]
    assert len(names) >= 130
    assert all((corpus / name).is_file() for name in names)
    assert set(DEVIATIONS) <= set(names)


def mismatch(corpus: Path, name: str, expected: Status, by_time: str | None) -> str | None:
    """Why the verdict on one file differs from the MANIFEST, or None."""
    read = read_file(corpus / name, name)
    report = verified(read, corpus_fetcher(corpus, read.payload.text if read.payload else ""))
    if report.status is expected:
        return None
    return (
        f"{name}: {report.status}, expected {expected} ({by_time or 'by its checks'}): "
        f"{report.checks}"
    )


def test_corpus_verdicts_match_the_manifest(corpus: Path) -> None:
    found = [mismatch(corpus, *case) for case in cases(corpus)]
    assert [m for m in found if m] == []
