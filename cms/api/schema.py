"""The schema describes the open-data API only, not the other DRF views on the site
(Wagtail's admin API)."""

PREFIX = "/api/v1/"


def only_open_data(endpoints, **kwargs):
    """drf-spectacular's preprocessing hook: keep the endpoints under /api/v1/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PREFIX)]


ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A bad filter: each parameter with its messages (or "detail" with one message).
INVALID = {
    "type": "object",
    "additionalProperties": {
        "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]
    },
}


def error(description, schema="Error"):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def document_errors(result, generator, request, public):
    """drf-spectacular's postprocessing hook: the answers every endpoint may give besides
    200, so that a client (and the schema-driven tests) know them."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["InvalidParameters"] = INVALID
    for methods in result["paths"].values():
        for operation in methods.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault("304", {"description": "Not modified: the ETag still matches."})
            responses.setdefault("400", error("A parameter is not valid.", "InvalidParameters"))
            responses.setdefault("404", error("Not found, or not public."))
            responses.setdefault(
                "429", error("Too many requests from this address; see Retry-After.")
            )
            responses.setdefault("503", error("Busy just now; see Retry-After."))
    return result
