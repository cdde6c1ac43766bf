"""OB 2.0 extension nodes against the JSON schemas their shipped contexts declare."""

from __future__ import annotations

from typing import Any

from portfolio_builder.verify.extensions import extension_nodes, node_findings
from portfolio_builder.verify.report import Result

EXAMPLE = "https://w3id.org/openbadges/extensions/exampleExtension/context.json"
APPLY_LINK = "https://w3id.org/openbadges/extensions/applyLinkExtension/context.json"


def assertion_with(extension: dict[str, Any]) -> dict[str, Any]:
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": "https://issuer.example/a/1",
        "badge": {"type": "BadgeClass", "extensions:exampleExtension": extension},
    }


def findings(document: dict[str, Any]) -> list[tuple[Result, str]]:
    return [
        (f.result, f.message)
        for where, node in extension_nodes(document)
        for f in node_findings(where, node, document)
    ]


def example(value: object, *contexts: str) -> dict[str, Any]:
    return {
        "@context": list(contexts or [EXAMPLE]),
        "type": ["Extension", "extensions:ExampleExtension"],
        "exampleProperty": value,
    }


def test_a_node_that_meets_its_schema_passes() -> None:
    assert findings(assertion_with(example("some text"))) == [
        (
            Result.PASS,
            "/badge/extensions:exampleExtension: extensions:ExampleExtension passes its schema",
        )
    ]


def test_a_node_that_breaks_its_schema_fails_naming_the_field() -> None:
    ((result, message),) = findings(assertion_with(example(1337)))
    assert result is Result.FAIL
    assert "fails its schema at exampleProperty" in message
    assert "1337 is not of type 'string'" in message


def test_the_full_property_iri_is_compacted_before_validation() -> None:
    node = example("x")
    node["http://schema.org/text"] = node.pop("exampleProperty")
    assert [r for r, _ in findings(assertion_with(node))] == [Result.PASS]


def test_a_type_its_context_does_not_validate_fails() -> None:
    node = example("x")
    node["type"] = ["Extension", "extensions:SomethingElse"]
    ((result, message),) = findings(assertion_with(node))
    assert result is Result.FAIL
    assert "(extensions:SomethingElse)" in message and "(extensions:ExampleExtension)" in message


def test_each_extension_of_a_node_is_checked() -> None:
    node = example("x", EXAMPLE, APPLY_LINK)
    node["type"].append("extensions:ApplyLink")
    node["url"] = 42  # the schema wants a string
    results = findings(assertion_with(node))
    assert [r for r, _ in results] == [Result.PASS, Result.FAIL]
    assert "extensions:ApplyLink fails its schema" in results[1][1]


def test_a_context_that_is_not_shipped_is_named_not_fetched() -> None:
    node = example("x", "https://extensions.example/unknown/context.json")
    ((result, message),) = findings(assertion_with(node))
    assert result is Result.WARN
    assert "https://extensions.example/unknown/context.json is not shipped" in message


def test_objects_not_typed_extension_are_left_alone() -> None:
    document = assertion_with(example(5))
    document["badge"]["extensions:exampleExtension"]["type"] = "extensions:ExampleExtension"
    assert findings(document) == []
