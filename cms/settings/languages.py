"""The interface languages, and the one place where Northern Sámi joins Django's language table.

Django's ``LANG_INFO`` (name, local name, writing direction) has no entry for Northern Sámi
(``se``, davvisámegiella), so ``get_language_info("se")`` would fail in the language switcher
and in Wagtail's locale admin. The entry is added here, when settings are read, before anything
asks for it.

What else a language needs lives where Django looks for it:

- translations: ``locale/se/LC_MESSAGES/django.po``. Its header carries the plural rule
  ``SAMI_PLURAL_FORMS`` below (one, two, other), which ``tests/test_translations.py`` checks.
  A string without a Sámi translation falls back to Finnish, the default language, never to
  English: Django adds the default language's catalogue as the fallback of every other one,
  which also covers libraries without Sámi strings (Wagtail's admin, allauth).
- dates and numbers: ``cms/formats/se/formats.py`` (``FORMAT_MODULE_PATH``).
- month and weekday names: ``cms/calendar_terms.py`` puts Django's own names into the project
  catalogue, where they can be given in Sámi.

The Sámi catalogue was written without a native speaker; the footer of every ``/se/`` page
says so until an administrator marks it reviewed (``cms.models.LanguageReview``).
"""

from django.conf.locale import LANG_INFO

SAMI = "se"
SAMI_PLURAL_FORMS = "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);"

LANG_INFO.setdefault(
    SAMI,
    {"bidi": False, "code": SAMI, "name": "Northern Sami", "name_local": "davvisámegiella"},
)

LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English"), (SAMI, "Davvisámegiella")]
