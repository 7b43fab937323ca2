"""Helpers for the API tests: a JSON getter that checks every response against the
API's own OpenAPI schema, whatever its status."""

import json

import pytest
from jsonschema import Draft202012Validator

from consultation.api import api

# The document as served (JSON keys are strings), not the in-memory dict.
OPENAPI = json.loads(json.dumps(api.get_openapi_schema(path_params={})))


def _operation(path_template: str) -> dict:
    return OPENAPI["paths"][path_template]["get"]


def response_schema(path_template: str, status: int) -> dict:
    return _operation(path_template)["responses"][str(status)]["content"]["application/json"][
        "schema"
    ]


def validate(path_template: str, status: int, body) -> None:
    """Validate `body` against the schema for `status`; "#/components/..." $refs resolve
    against a root that carries the OpenAPI document's components."""
    root = {"components": OPENAPI["components"], **response_schema(path_template, status)}
    Draft202012Validator(root).validate(body)


@pytest.fixture
def get_json(client):
    """GET a URL and return (status, body), after validating the body against the schema
    of `path_template` for that status and checking the body is JSON."""

    def get(url, path_template, **params):
        response = client.get(url, params)
        assert response["Content-Type"].startswith("application/json"), response.content[:200]
        body = json.loads(response.content)
        validate(path_template, response.status_code, body)
        return response.status_code, body

    return get
