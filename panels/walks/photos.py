"""What a walk photo must be, and how it is kept.

A photo is checked with Pillow, not by its name or the type the browser claims: it must open
as a JPEG, PNG or WebP image of a sensible size, and the file may be at most 5 MB. It is then
stored re-encoded: the pixels only, turned the way the camera meant, without the metadata a
phone writes into it (the place it was taken, the device, sometimes the owner's name).
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f}".replace(".0", "")


def clean_photo(upload):
    """The uploaded file as a stored photo without metadata, or ``ValidationError`` saying
    what is wrong with it."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _(
                "The photo is %(size)s MB; at most 5 MB is allowed. Take it again with a "
                "smaller size, or send a smaller copy."
            )
            % {"size": _megabytes(upload.size)},
            code="too_big",
        )
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        image = Image.open(upload)
        kind = image.format
        if kind not in FORMATS:
            raise UnidentifiedImageError(kind)
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("The photo is too large in pixels."), code="too_many_pixels")
        image = ImageOps.exif_transpose(image)
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a photo Kohtaamo can show: send a JPEG, PNG or WebP image."),
            code="not_an_image",
        ) from None
    extension, content_type = FORMATS[kind]
    if kind == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    # No exif, no icc, no comments: only what is passed here is written.
    image.save(out, format=kind, **({"quality": 88} if kind in ("JPEG", "WEBP") else {}))
    return SimpleUploadedFile(f"photo.{extension}", out.getvalue(), content_type=content_type)


def content_type_of(name):
    extension = name.rsplit(".", 1)[-1].lower()
    for stored, content_type in FORMATS.values():
        if stored == extension:
            return content_type
    return "application/octet-stream"
