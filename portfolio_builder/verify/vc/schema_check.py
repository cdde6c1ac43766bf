"""The ``vc-schema`` check: 1EdTech's OB 3.0 AchievementCredential JSON schema.

The published schema wants arrays where credentials (the 1EdTech test vector among
them) often carry a single value, so single values are wrapped first. References
resolve only against the shipped schemas. Findings are warnings naming the JSON path.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from functools import cache
from typing import Any

from jsonschema import Draft201909Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from portfolio_builder.model import JSONObject
from portfolio_builder.verify.registry import VerifyState, check
from portfolio_builder.verify.report import CheckResult, Result
from portfolio_builder.verify.vc.common import ob3_credential
from portfolio_builder.verify.vc.contexts import schema_document, schema_index

CHECK_ID = "vc-schema"
SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
MAX_WRAPS = 200
SHOWN = 5


@cache
def _validator() -> Draft201909Validator:
    resources = []
    for url in schema_index():
        document = schema_document(url)
        if document is not None:
            resources.append((url, Resource.from_contents(document)))
    registry: Registry[Any] = Registry().with_resources(resources)
    schema = schema_document(SCHEMA_URL)
    assert schema is not None, "the OB 3.0 schema ships with the package"
    return Draft201909Validator(schema, registry=registry)


def _wants_array(error: ValidationError) -> bool:
    wanted = error.validator_value
    return error.validator == "type" and (
        wanted == "array" or (isinstance(wanted, list) and wanted == ["array"])
    )


def _leaves(errors: list[ValidationError]) -> Iterator[ValidationError]:
    for error in errors:
        yield error
        yield from _leaves(list(error.context or []))


def _wrap(document: Any, path: list[str | int]) -> None:
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = [parent[path[-1]]]


def schema_findings(credential: JSONObject) -> list[str]:
    """Schema violations left after wrapping single values the schema wants as arrays."""
    document = copy.deepcopy(credential)
    validator = _validator()
    for _ in range(MAX_WRAPS):
        errors = list(validator.iter_errors(document))
        single = next((e for e in _leaves(errors) if _wants_array(e) and e.absolute_path), None)
        if single is None:
            break
        _wrap(document, list(single.absolute_path))
    return sorted(_describe(e) for e in errors)


def _describe(error: ValidationError) -> str:
    """The deepest reason (for anyOf/oneOf, from the branch that got furthest).

    The offending value itself is never quoted: it may be a recipient's identity.
    """
    while error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))
    if error.validator == "required":
        return f"{error.json_path}: {error.message}"
    wanted = json.dumps(error.validator_value)[:80]
    return f"{error.json_path}: does not satisfy {error.validator} {wanted}"


@check(CHECK_ID)
def vc_schema(state: VerifyState) -> CheckResult | None:
    """The credential conforms to the OB 3.0 JSON schema (findings are warnings)."""
    credential = ob3_credential(state)
    if credential is None:
        return None
    findings = schema_findings(credential)
    if not findings:
        return CheckResult(CHECK_ID, Result.PASS, "conforms to the OB 3.0 JSON schema")
    more = f" (and {len(findings) - SHOWN} more)" if len(findings) > SHOWN else ""
    shown = "; ".join(findings[:SHOWN])
    return CheckResult(CHECK_ID, Result.WARN, f"OB 3.0 JSON schema: {shown}{more}")
