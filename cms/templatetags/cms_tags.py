from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

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
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"links": links}
