"""OB 2.0 extensions: each extension node passes the JSON schema its context declares.

An extension node is an object typed ``Extension``. Its extension's JSON-LD context
(the node's own ``@context``, else the document's) may declare ``obi:validation``
entries, each naming the type it validates and a JSON schema. As the Open Badges 2.0
extension rules and the reference validator do, the node is compacted against the
Open Badges context and the extension's context, then validated against the schema
of every entry whose type the node carries. A context that declares validation for
none of the node's types fails too. Contexts and schemas come only from those shipped
in the package; one that is not shipped is reported, never fetched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jsonschema

from portfolio_builder.model import JSONObject, OBVersion
from portfolio_builder.normalize import common as c
from portfolio_builder.verify import documents as d
from portfolio_builder.verify.registry import VerifyState, check
from portfolio_builder.verify.report import CheckResult, Result, Status
from portfolio_builder.verify.vc.canon import pyld_jsonld, shipped_loader
from portfolio_builder.verify.vc.contexts import context_document, schema_document

OB2_CONTEXT = "https://w3id.org/openbadges/v2"
CORE = ("w3id.org/openbadges/v1", "w3id.org/openbadges/v2", "openbadgespec.org/v1")


@dataclass(frozen=True, slots=True)
class Validation:
    context: str
    validates: str
    schema: str


@dataclass(frozen=True, slots=True)
class Finding:
    result: Result
    message: str


def _strings(value: object) -> list[str]:
    return [v for v in c.as_list(value) if isinstance(v, str)]


def extension_nodes(node: object, path: str = "") -> Iterator[tuple[str, JSONObject]]:
    """Every object typed ``Extension`` below ``node``, with a JSON pointer to it."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from extension_nodes(item, f"{path}/{index}")
    elif isinstance(node, dict):
        if "Extension" in _strings(node.get("type")):
            yield path or "/", node
        for key, value in node.items():
            if key != "@context":
                yield from extension_nodes(value, f"{path}/{key}")


def _validations(url: str) -> list[Validation] | None:
    """The validation entries a shipped extension context declares (None: not shipped)."""
    document = context_document(url)
    if document is None:
        return None
    found = []
    for entry in c.as_list(document.get("obi:validation", document.get("validation"))):
        if isinstance(entry, dict):
            kind = entry.get("obi:validatesType", entry.get("validatesType"))
            schema = entry.get("obi:validationSchema", entry.get("validationSchema"))
            if isinstance(kind, str) and isinstance(schema, str):
                found.append(Validation(url, kind, schema))
    return found


def _scope(node: JSONObject, document: JSONObject) -> list[str]:
    """The extension contexts in force for ``node``: its own, else the document's."""
    own = _strings(node.get("@context"))
    urls = own or _strings(document.get("@context"))
    return [u for u in urls if not any(core in u for core in CORE)]


def _compacted(node: JSONObject, contexts: list[str], extension: str) -> Any:
    data = {k: v for k, v in node.items() if k != "@context"}
    data["@context"] = [OB2_CONTEXT, *contexts] if contexts else OB2_CONTEXT
    options = {"documentLoader": shipped_loader(), "base": None}
    return pyld_jsonld().compact(data, {"@context": [OB2_CONTEXT, extension]}, options)


def _schema_finding(where: str, node: JSONObject, scope: list[str], v: Validation) -> Finding:
    schema = schema_document(v.schema)
    if schema is None:
        return Finding(Result.WARN, f"{where}: the schema {v.schema} is not shipped; not checked")
    try:
        data = _compacted(node, scope, v.context)
    except Exception as exc:  # pyld raises assorted errors on malformed nodes
        return Finding(Result.FAIL, f"{where}: not valid JSON-LD for {v.validates}: {exc!r}")
    validator = jsonschema.validators.validator_for(schema)(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        at = "/".join(str(p) for p in error.absolute_path)
        field = f" at {at}" if at else ""
        message = f"{where}: {v.validates} fails its schema{field}: {error.message}"
        return Finding(Result.FAIL, message)
    return Finding(Result.PASS, f"{where}: {v.validates} passes its schema")


def node_findings(where: str, node: JSONObject, document: JSONObject) -> list[Finding]:
    scope = _scope(node, document)
    types = [t for t in _strings(node.get("type")) if t != "Extension"]
    declared: list[Validation] = []
    findings: list[Finding] = []
    for url in scope:
        entries = _validations(url)
        if entries is None:
            findings.append(Finding(Result.WARN, f"{where}: the context {url} is not shipped"))
        else:
            declared += entries
    matching = [v for v in declared if v.validates in types]
    if declared and not matching:
        named = ", ".join(sorted({v.validates for v in declared}))
        shown = ", ".join(types) or "none but Extension"
        message = f"{where}: its types ({shown}) are not the ones its context validates ({named})"
        return [*findings, Finding(Result.FAIL, message)]
    return findings + [_schema_finding(where, node, scope, v) for v in matching]


def _conclude(findings: list[Finding], count: int) -> CheckResult:
    failed = [f.message for f in findings if f.result is Result.FAIL]
    if failed:
        return CheckResult("extensions", Result.FAIL, "; ".join(failed), Status.INVALID)
    warned = [f.message for f in findings if f.result is Result.WARN]
    if warned:
        return CheckResult("extensions", Result.WARN, "; ".join(warned))
    passed = "; ".join(f.message for f in findings) or "none declares a schema"
    return CheckResult("extensions", Result.PASS, f"{count} extension node(s): {passed}")


@check("extensions")
def extensions(state: VerifyState) -> CheckResult | None:
    badge = state.badge
    if badge is None or badge.version is not OBVersion.V2_0 or d.awaiting_hosted_copy(state):
        return None
    nodes = list(extension_nodes(badge.document))
    if not nodes:
        return None
    findings = [f for where, n in nodes for f in node_findings(where, n, badge.document)]
    return _conclude(findings, len(nodes))
