"""The API's front door: its index, the OpenAPI 3 schema (drf-spectacular), the documentation
page generated from that schema, and Swagger UI for trying requests.

The documentation page is a page of the site (base.html: its landmarks, one h1, the strict
Content Security Policy with no inline script), written from the same schema that validates
the API, so it cannot drift from it. Swagger UI comes from drf-spectacular-sidecar's files on
this server, its start-up script loaded as a file of its own (the split view), so it runs
under the same policy as every public page: scripts from 'self' only."""

from functools import cache

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import site_url
from .throttling import PerAddressThrottle
from .views import OpenData

RESOURCES = [
    "regions",
    "rounds",
    "ideas",
    "statuses",
    "status-changes",
    "responses",
    "experiments",
    "practices",
    "impact-reports",
    "statistics",
    "surveys",
]


class Index(OpenData, APIView):
    @extend_schema(exclude=True)
    def get(self, request):
        """Where everything is: the resources, the schema and the documentation."""
        root = reverse("api:root")
        return Response(
            {
                "resources": {name: site_url(f"{root}{name}/") for name in RESOURCES},
                "schema": site_url(reverse("api:schema")),
                "documentation": site_url(reverse("api:docs")),
                "licence": "CC BY 4.0",
            }
        )


api_root = Index.as_view()


def not_found(request):
    return JsonResponse({"detail": gettext("Not found.")}, status=404)


class SchemaView(SpectacularAPIView):
    """OpenAPI 3, YAML by default, JSON with ?format=json."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = [PerAddressThrottle]


class SwaggerView(SpectacularSwaggerSplitView):
    authentication_classes = []
    permission_classes = []
    throttle_classes = [PerAddressThrottle]


@cache
def schema_in(language):
    """The schema as a dict, once per language (its descriptions are translated)."""
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    """Each GET of the schema as the documentation lists it, in the schema's order."""
    items = []
    for path, methods in schema["paths"].items():
        operation = methods.get("get")
        if operation is None:
            continue
        query = [p for p in operation.get("parameters", []) if p["in"] == "query"]
        example = path.replace("{", "").replace("}", "")
        items.append(
            {
                "path": path,
                "anchor": operation["operationId"],
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": [
                    *[p for p in operation.get("parameters", []) if p["in"] == "path"],
                    *query,
                ],
                "curl": f"curl -H 'Accept: application/json' {site_url(example)}",
            }
        )
    return items


def documentation(request):
    schema = schema_in(get_language())
    return render(
        request,
        "api/docs.html",
        {
            "info": schema["info"],
            "operations": operations(schema),
            "schema_url": reverse("api:schema"),
            "swagger_url": reverse("api:swagger"),
        },
    )
