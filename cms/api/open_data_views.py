"""/open-data/: the published dump's files with their size and date, the licence, and the
way to the API; and the files themselves."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse

from .open_data import LICENCE, LICENCE_URL, current_dir, published_files


def open_data_page(request):
    return render(
        request,
        "api/open_data.html",
        {
            "files": published_files(),
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "docs_url": reverse("api:docs"),
            "schema_url": reverse("api:schema"),
        },
    )


def open_data_file(request, name):
    # Only a name the directory lists is served: no path from the address reaches the disk.
    directory = current_dir()
    listed = {entry for entry, _size, _modified in published_files()}
    if directory is None or name not in listed:
        raise Http404
    content_type = {
        ".csv": "text/csv; charset=utf-8",
        ".json": "application/json",
        ".txt": "text/plain; charset=utf-8",
    }.get(name[name.rfind(".") :], "application/octet-stream")
    # FileResponse closes the file once it is sent.
    stream = open(directory / name, "rb")  # noqa: SIM115
    return FileResponse(stream, as_attachment=True, filename=name, content_type=content_type)
