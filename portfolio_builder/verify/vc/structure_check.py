"""The ``vc-structure`` check: what an OB 3.0 credential must be to be read at all.

Following the 1EdTech validator's probes: the VC base context comes first and an
OB 3.0 context is present; there is an issuer with an id; ``credentialSubject`` is an
object; and the nested objects carry their types (AchievementSubject, Achievement,
Profile, Evidence, Result …). Any miss is invalid. A VC 1.1 credential, and a subject
with neither ``id`` nor ``identifier``, are accepted with a warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from portfolio_builder.model import JSONObject
from portfolio_builder.verify.registry import VerifyState, check
from portfolio_builder.verify.report import CheckResult, Result, Status
from portfolio_builder.verify.vc.common import ob3_credential

CHECK_ID = "vc-structure"
VC_V1 = "https://www.w3.org/2018/credentials/v1"
VC_V2 = "https://www.w3.org/ns/credentials/v2"
# The published OB 3.0 context URLs, and the draft alias the 1EdTech validator accepts.
OB_CONTEXT_PREFIXES = (
    "https://purl.imsglobal.org/spec/ob/v3p0/context",
    "https://imsglobal.github.io/openbadges-specification/context.json",
)

# (path of keys from the credential; "*" walks a list or single value) → required type
TYPED_PATHS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("issuer",), "Profile"),
    (("issuer", "otherIdentifier", "*"), "IdentifierEntry"),
    (("issuer", "parentOrg"), "Profile"),
    (("credentialSubject", "*"), "AchievementSubject"),
    (("credentialSubject", "*", "achievement"), "Achievement"),
    (("credentialSubject", "*", "achievement", "creator"), "Profile"),
    (("credentialSubject", "*", "achievement", "resultDescription", "*"), "ResultDescription"),
    (("credentialSubject", "*", "identifier", "*"), "IdentityObject"),
    (("credentialSubject", "*", "result", "*"), "Result"),
    (("credentialSubject", "*", "source"), "Profile"),
    (("evidence", "*"), "Evidence"),
)


def _types(node: JSONObject) -> list[Any]:
    value = node.get("type")
    return value if isinstance(value, list) else [value]


def _walk(node: Any, path: tuple[str, ...], where: str) -> Iterator[tuple[str, JSONObject]]:
    if not path:
        if isinstance(node, dict):
            yield where, node
        return
    head, rest = path[0], path[1:]
    if head == "*":
        items = node if isinstance(node, list) else [node]
        for index, item in enumerate(items):
            yield from _walk(item, rest, f"{where}[{index}]" if isinstance(node, list) else where)
    elif isinstance(node, dict) and head in node:
        yield from _walk(node[head], rest, f"{where}.{head}")


def type_problems(credential: JSONObject) -> list[str]:
    problems = []
    for path, wanted in TYPED_PATHS:
        for where, node in _walk(credential, path, "$"):
            if wanted not in _types(node):
                problems.append(f"{where} has type {node.get('type')!r}, not {wanted}")
    return problems


def _context_problems(credential: JSONObject) -> list[str]:
    contexts = credential.get("@context")
    contexts = contexts if isinstance(contexts, list) else [contexts]
    if not contexts or contexts[0] not in (VC_V1, VC_V2):
        return ["the first @context is not the Verifiable Credentials context"]
    if not any(isinstance(c, str) and c.startswith(OB_CONTEXT_PREFIXES) for c in contexts):
        return ["no Open Badges 3.0 @context"]
    return []


def _subject_problems(credential: JSONObject) -> list[str]:
    issuer = credential.get("issuer")
    problems = []
    if not (isinstance(issuer, str) and issuer) and not (
        isinstance(issuer, dict) and isinstance(issuer.get("id"), str)
    ):
        problems.append("there is no issuer with an id")
    subjects = credential.get("credentialSubject")
    subjects = subjects if isinstance(subjects, list) else [subjects]
    if not subjects or not all(isinstance(s, dict) for s in subjects):
        return [*problems, "credentialSubject is missing or not an object"]
    return problems


def _notes(credential: JSONObject) -> list[str]:
    notes = []
    contexts = credential.get("@context")
    if isinstance(contexts, list) and contexts[0] == VC_V1:
        notes.append("a VC 1.1 credential (OB 3.0 uses VC 2.0)")
    subjects = credential.get("credentialSubject")
    subjects = subjects if isinstance(subjects, list) else [subjects]
    if not all(isinstance(s, dict) and ("id" in s or "identifier" in s) for s in subjects):
        notes.append("credentialSubject has neither id nor identifier, so no recipient is named")
    return notes


@check(CHECK_ID)
def vc_structure(state: VerifyState) -> CheckResult | None:
    """The credential has the shape OB 3.0 requires."""
    credential = ob3_credential(state)
    if credential is None:
        return None
    problems = [
        *_context_problems(credential),
        *_subject_problems(credential),
        *type_problems(credential),
    ]
    if problems:
        return CheckResult(
            CHECK_ID, Result.FAIL, "malformed: " + "; ".join(problems), Status.INVALID
        )
    notes = _notes(credential)
    if notes:
        return CheckResult(CHECK_ID, Result.WARN, "; ".join(notes))
    return CheckResult(CHECK_ID, Result.PASS, "the credential has the shape OB 3.0 requires")
