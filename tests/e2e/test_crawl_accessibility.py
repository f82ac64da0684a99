"""Every page, for everyone, in every language: a crawler over the demo site.

Signed in as each demo role in turn (and anonymous), it follows the links from the home page
of each language in ``settings.LANGUAGES`` and checks every page it reaches, and each form's
error state (the form sent with its fields left empty):

- no server error, on any page or form;
- exactly one ``<h1>``, and ``<html lang>`` the page's language;
- axe-core finds no serious or critical violation (the rules of ``assert_accessible``).

The pages are fetched with Django's test client, which is quick; axe runs in Chromium on the
very HTML the client received, served at the page's own address (so the style sheets, scripts
and live sockets are the real ones). A page whose markup differs from one already checked
only in its words and numbers (the same template over other rows, or another language) gets
the same verdict from axe, so axe runs once per such shape: once per new header and footer,
and once per role and kind of page for what is in ``<main>``. Links to the same kind of page
(the URL pattern, or the Wagtail page type) are followed up to ``PAGES_PER_KIND`` times per
role and language: the hundredth idea adds nothing the tenth did not.

Run with ``-s`` to see the table of pages crawled per role and language, and where the time
went. It takes under three minutes: about 300 axe runs, and each role's crawl over HTTP runs in
a thread while Chromium checks the role before it.
"""

import functools
import hashlib
import queue
import re
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import axe_playwright_python
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

from accounts.models import User
from tests.e2e.test_experiment_journey import in_a_thread

# seed_demo's people (see the README), one for each role.
ROLES = [
    ("anonymous", None),
    ("developer-client", "asiakas@kohtaamo.example"),
    ("expert by experience", "kokemus@kohtaamo.example"),
    ("staff", "tyontekija@kohtaamo.example"),
    ("decision-maker", "paattaja@kohtaamo.example"),
    ("administrator", "admin@kohtaamo.example"),
]
PAGES_PER_KIND = 3
AXE_PER_KIND = 1

# Not pages of this site to check: other applications (Wagtail's admin, the API), files and
# downloads, and links that change something on GET: log out, the plain-language switch, the
# region choice and the language switcher's "keep Finnish" set a preference; unsubscribe
# links unsubscribe.
SKIPPED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/static/",
    "/media/",
    "/documents/",
    "/ws/",
    "/_util/",
    "/open-data/",
    "/region/",
    "/accounts/logout/",
    "/accounts/plain-language/",
    "/accounts/notifications/unsubscribe/",
)
SKIPPED_SUFFIXES = (".csv", ".json", ".pdf", ".png", ".jpg", ".svg", ".ics", ".zip", ".xml")
SKIPPED_PARTS = ("/export/", "/download")
SKIPPED_QUERIES = ("lang=",)
# Forms whose action is one of these are not sent, even empty.
DESTRUCTIVE = re.compile(r"delete|withdraw|leave|erase|logout|remove|cancel")

AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
AXE_RUN = "() => axe.run(document, {resultTypes: ['violations']})"
H1 = re.compile(r"<h1[\s>]", re.IGNORECASE)
HTML_LANG = re.compile(r"<html[^>]*\slang=\"([^\"]+)\"", re.IGNORECASE)


@dataclass
class Render:
    """One thing a person was shown: a page, or a form's answer when sent empty."""

    role: str
    language: str
    path: str
    html: str
    kind: str
    what: str = ""

    @property
    def where(self):
        return f"{self.path} [{self.role}, {self.language}]{' ' + self.what if self.what else ''}"


@dataclass
class Crawl:
    """What one role saw in one language."""

    role: str
    language: str
    pages: list = field(default_factory=list)
    forms: list = field(default_factory=list)
    problems: list = field(default_factory=list)


# --- What a path is ------------------------------------------------------------------------


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def language_of(path):
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in language_codes() else settings.LANGUAGE_CODE


@functools.cache
def kind_of(path):
    """What renders ``path``: its URL pattern, or for a Wagtail page its page type."""
    language = language_of(path)
    try:
        with translation.override(language):  # the prefix resolves only in its language
            match = resolve(path)
    except Resolver404:
        kind = None
    else:
        if match.url_name == "wagtail_serve":
            kind = "page:" + wagtail_page_type(language, path)
        else:
            kind = f"{match.namespace}:{match.url_name or match.route}"
    return kind


def wagtail_page_type(language, path):
    from wagtail.models import Locale, Page, Site

    root = Site.objects.get(is_default_site=True).root_page
    locale = Locale.objects.filter(language_code=language).first()
    root = (root.get_translation_or_none(locale) if locale else None) or root
    if language != settings.LANGUAGE_CODE:
        path = path[len(language) + 1 :]
    parts = [part for part in path.split("/") if part]
    for length in range(len(parts), -1, -1):  # below a routable page, its own routes
        url_path = root.url_path + "".join(f"{part}/" for part in parts[:length])
        page = Page.objects.filter(url_path=url_path).first()
        if page:
            return page.specific_class.__name__ + ("" if length == len(parts) else "+route")
    return "unknown"


def crawlable(url):
    path = url.path if language_of(url.path) == settings.LANGUAGE_CODE else url.path[3:]
    return (
        not path.startswith(SKIPPED_PREFIXES)
        and not path.endswith(SKIPPED_SUFFIXES)
        and not any(part in path for part in SKIPPED_PARTS)
        and not any(query in url.query for query in SKIPPED_QUERIES)
    )


# --- Reading a page ------------------------------------------------------------------------


class PageParser(HTMLParser):
    """The links of a page, and its POST forms with the fields they require."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms, self._form, self._in_template = [], [], None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":  # markup that scripts copy, with placeholder addresses
            self._in_template += 1
        elif self._in_template:
            return
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or "",
                "hidden": {},
                "requires_text": False,
            }
        elif self._form is not None and tag in ("input", "textarea", "select"):
            kind = attrs.get("type", "text") if tag == "input" else tag
            if kind == "hidden" and attrs.get("name"):
                self._form["hidden"][attrs["name"]] = attrs.get("value") or ""
            elif "required" in attrs and kind not in ("checkbox", "radio", "file", "select"):
                self._form["requires_text"] = True

    def handle_endtag(self, tag):
        if tag == "template":
            self._in_template -= 1
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def html_problems(path, html):
    problems = []
    h1s = len(H1.findall(html))
    if h1s != 1:
        problems.append(f"{h1s} <h1> elements")
    lang = HTML_LANG.search(html)
    if not lang or lang[1] != language_of(path):
        problems.append(f"<html lang={lang[1] if lang else None!r}>, not {language_of(path)!r}")
    return problems


# --- Crawling over HTTP --------------------------------------------------------------------


def crawl(client, role, language):
    """Breadth first from the language's home page, staying in that language."""
    result = Crawl(role, language)
    home = "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
    queue, seen, per_kind, forms_sent = deque([home]), {home}, Counter(), set()

    def follow(base, href):
        url = urlsplit(urljoin(base, href))
        if url.scheme not in ("", "http") or url.netloc not in ("", "testserver"):
            return
        target = url.path + (f"?{url.query}" if url.query else "")
        if target in seen or not crawlable(url) or language_of(url.path) != language:
            return
        kind = kind_of(url.path)
        if kind is None or per_kind[kind] >= PAGES_PER_KIND:
            return
        seen.add(target)
        per_kind[kind] += 1
        queue.append(target)

    while queue:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code >= 500:
            result.problems.append(f"{path} [{role}, {language}]: HTTP {response.status_code}")
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            follow(path, response["Location"])
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        render = Render(role, language, path, html, kind_of(path))
        result.pages.append(render)
        result.problems += [f"{render.where}: {p}" for p in html_problems(path, html)]
        parser = PageParser()
        parser.feed(html)
        for href in parser.links:
            follow(path, href)
        for form in parser.forms:
            action = urlsplit(urljoin(path, form["action"] or path)).path
            if form["method"] != "post" or not form["requires_text"]:
                continue
            if DESTRUCTIVE.search(action) or kind_of(action) in forms_sent:
                continue
            forms_sent.add(kind_of(action))
            result.forms.append(send_empty(client, result, path, action, form["hidden"]))
    result.forms = [render for render in result.forms if render]
    return result


def send_empty(client, result, path, action, hidden):
    """The form sent as it is, its visible fields left empty: the error state."""
    response = client.post(action, hidden)
    what = f"(form {action} sent empty)"
    if response.status_code >= 500:
        result.problems.append(
            f"{path} [{result.role}, {result.language}] {what}: HTTP {response.status_code}"
        )
        return None
    if response.status_code in (200, 400) and "text/html" in response.get("Content-Type", ""):
        html = response.content.decode()
        render = Render(result.role, result.language, path, html, kind_of(action), what)
        result.problems += [f"{render.where}: {p}" for p in html_problems(path, html)]
        return render
    return None


# --- axe in Chromium -----------------------------------------------------------------------


def shapes(html):
    """What axe-core's verdict on a page depends on: its markup without the words and numbers,
    as two keys, for the page's ``<main>`` and for everything around it (header, navigation,
    footer), which varies only with the role and the language.

    Text, and attribute values that carry text, become a mark for "some" or "none" (an empty
    label still tells two renders apart); addresses and numbers are dropped, and so is which
    language the switcher marks as current."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"|nonce="[^"]*"', "", html)
    html = re.sub(r'\b(href|hreflang|action|src|data-[\w-]*(?:url|path))="[^"]*"', r'\1=""', html)
    html = re.sub(r'\saria-current="[^"]*"', "", html)
    html = re.sub(
        r"\b(aria-label|aria-description|title|alt|placeholder|value|content|lang|datetime"
        r'|data-[\w-]*)="([^"]*)"',
        lambda m: f'{m[1]}="{"t" if m[2].strip() else ""}"',
        html,
    )
    html = re.sub(r">([^<]*)<", lambda m: ">t<" if m[1].strip() else "><", html)
    html = re.sub(r"\d+", "0", html)
    start, end = html.find("<main"), html.rfind("</main>")
    main, around = html[start:end], html[:start] + html[end:]
    return "main:" + digest(main), "around:" + digest(around)


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def axe_violations(page, base, render):
    """axe-core on ``render``, served at its own address to a browser signed in as its role."""
    url = base + render.path

    def serve(route):
        if route.request.is_navigation_request() and route.request.url == url:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=render.html)
        else:
            route.fallback()

    page.route("**/*", serve)
    try:
        page.goto(url, wait_until="load")
        results = page.evaluate(AXE_RUN)
    finally:
        page.unroute("**/*", serve)
    return [
        f"{render.where}: axe {violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:4])
        for violation in results["violations"]
        if violation.get("impact") in ("serious", "critical")
    ]


# --- The test ------------------------------------------------------------------------------


def crawl_everyone(crawled):
    """Crawl as each role in turn and hand each role's crawls on as soon as they are done, so
    that Chromium checks one role while the next is crawled. Runs in a thread of its own:
    the test client notifies people over the channel layer with async_to_sync, which cannot
    run in the thread where Playwright keeps its event loop."""
    try:
        for role, email in ROLES:
            client = Client()
            if email:
                client.force_login(User.objects.get(email=email))
            session = client.cookies.get(settings.SESSION_COOKIE_NAME)
            crawls = [crawl(client, role, language) for language in language_codes()]
            crawled.put((role, session.value if session else None, crawls))
    except BaseException as error:  # raised again in the test's thread
        crawled.put(error)
    finally:
        connection.close()


def chosen_for_axe(renders, checked, per_kind):
    """The renders axe has not yet had a verdict on: new markup around ``<main>`` (a role's
    or a language's header and footer), or a new ``<main>`` of a kind of page the role has had
    fewer than ``AXE_PER_KIND`` of checked."""
    for render in renders:
        main, around = shapes(render.html)
        new_kind = per_kind[(render.role, render.kind)] < AXE_PER_KIND
        if around not in checked or (main not in checked and new_kind):
            checked.update((main, around))
            per_kind[(render.role, render.kind)] += 1
            yield render


def test_every_page_for_every_role_in_every_language(live_url, browser):
    kind_of.cache_clear()  # page types are of this test's database
    clock = Counter()
    started = time.monotonic()
    in_a_thread(lambda: call_command("seed_demo", verbosity=0))
    clock["seeding the demo"] = time.monotonic() - started

    crawled = queue.Queue()
    crawler = threading.Thread(target=crawl_everyone, args=(crawled,))
    crawler.start()
    problems, table, checked, per_kind = [], {}, set(), Counter()
    for _role in ROLES:
        waiting = time.monotonic()
        item = crawled.get(timeout=600)
        clock["waiting for the crawler"] += time.monotonic() - waiting
        if isinstance(item, BaseException):
            raise item
        role, session, crawls = item
        started = time.monotonic()
        context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
        context.add_init_script(AXE_SCRIPT)
        if session:
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_url}]
            )
        page = context.new_page()
        for result in crawls:
            problems += result.problems
            axed = 0
            for render in chosen_for_axe(result.pages + result.forms, checked, per_kind):
                problems += axe_violations(page, live_url, render)
                axed += 1
            table[(role, result.language)] = (len(result.pages), len(result.forms), axed)
        context.close()
        clock["axe in Chromium"] += time.monotonic() - started
    crawler.join()

    languages = language_codes()
    print("\nPages crawled / forms sent empty / renders checked with axe, by role and language:")
    print("role".ljust(22) + "".join(code.rjust(14) for code in languages))
    for role, _email in ROLES:
        cells = ["/".join(str(n) for n in table[(role, code)]) for code in languages]
        print(role.ljust(22) + "".join(cell.rjust(14) for cell in cells))
    print("Time: " + ", ".join(f"{what} {seconds:.0f} s" for what, seconds in clock.items()))

    for role, _email in ROLES:
        for code in languages:
            assert table[(role, code)][0] >= 15, f"the crawler lost its way as {role} in {code}"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(sorted(set(problems)))
