from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext

from panels.languages import CHOICE_PARAMETER

register = template.Library()


@register.inclusion_tag("cms/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this same page in every language.

    A Wagtail page links to its translations (their slugs differ by language); any other
    view gets the same path under the other language's prefix.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations = {}
    if page is not None and hasattr(page, "get_translations"):
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated.get_url(request)
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code]
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = "/"
        if code == settings.LANGUAGE_CODE and code != current:
            # A choice, not a default: panels.languages keeps it for panels that work in Sámi.
            url += ("&" if "?" in url else "?") + f"{CHOICE_PARAMETER}={code}"
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"links": links}


@register.simple_tag(takes_context=True)
def translation_review_notice(context):
    """The footer line of a /se/ page while no native speaker has reviewed the Sámi texts
    (cms.models.LanguageReview, a setting administrators tick)."""
    from cms.models import LanguageReview

    request = context.get("request")
    if LanguageReview.load(request_or_site=request).sami_reviewed:
        return ""
    return format_html(
        '<p class="translation-review" lang="se">{}</p>',
        gettext(
            "This Northern Sámi translation has not yet been reviewed by a native speaker. "
            "Where a text is missing, it is shown in Finnish."
        ),
    )
