"""Demo pages in Finnish, Swedish and English. Used by ``manage.py seed_demo`` only.

Each language has its own page tree (Wagtail's localisation): the Swedish and English
pages are translations of the Finnish ones, so the language switcher links them.
"""

from datetime import date

from django.conf import settings
from wagtail.models import Locale, Page, Site

from panels.models import Region

from .models import ContentPage, HomePage


def _paragraph(html):
    return {"type": "paragraph", "value": html}


def _heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


HOME = {
    "fi": {
        "title": "Kohtaamo – aktiivisen kohtaamisen foorumi",
        "slug": "etusivu",
        "lead": (
            "Kohtaamossa palveluja käyttävät ihmiset, kokemusasiantuntijat, työntekijät ja "
            "päättäjät kehittävät sosiaali- ja terveyspalveluja yhdessä. Kerro ideasi, liity "
            "raatiin, vastaa kyselyihin – ja näe, mitä sanomastasi seurasi."
        ),
        "body": [
            _heading("Näin osallistut"),
            _paragraph(
                "<ul><li><b>Ideakierrokset:</b> työntekijät avaavat kierroksen, jossa ideoidaan, "
                "kehitetään ja arvioidaan. Voit jättää idean, kannattaa muiden ideoita ja "
                "keskustella niistä.</li>"
                "<li><b>Raadit:</b> liity alueesi kehittäjäasiakasraatiin tai "
                "kokemustoimijaraatiin. Raadit kokoontuvat, ja muistiot ovat jäsenten luettavissa."
                "</li><li><b>Kyselyt:</b> vastaa raadin tai kaikille avoimiin kyselyihin ja näe "
                "tulokset.</li></ul>"
            ),
            _heading("Näet, mitä sanomastasi seurasi"),
            _paragraph(
                "<p>Yksikään idea ei katoa hiljaa. Jokaisen idean tila ja sen muutokset ovat "
                "julkisia, päättäjät vastaavat ideoihin, ja Oma vaikuttavuus -sivulta näet, mitä "
                "kaikelle sanomallesi tapahtui.</p>"
            ),
            _paragraph(
                "<p>Osallistut nimimerkillä. Oikeaa nimeäsi ei tarvita eikä näytetä muille.</p>"
            ),
        ],
    },
    "sv": {
        "title": "Kohtaamo – forum för aktiva möten",
        "slug": "startsida",
        "lead": (
            "I Kohtaamo utvecklar de som använder tjänsterna, erfarenhetsexperter, anställda och "
            "beslutsfattare social- och hälsovårdstjänster tillsammans. Berätta om din idé, gå "
            "med i en panel, svara på enkäter – och se vad det du sade ledde till."
        ),
        "body": [
            _heading("Så deltar du"),
            _paragraph(
                "<ul><li><b>Idérundor:</b> anställda öppnar rundor för idéskapande, utveckling "
                "och utvärdering. Du kan lämna en idé, stödja andras idéer och diskutera dem.</li>"
                "<li><b>Paneler:</b> gå med i ditt områdes utvecklarklientgrupp eller panel av "
                "erfarenhetsaktörer. Panelerna möts och medlemmarna kan läsa promemoriorna.</li>"
                "<li><b>Enkäter:</b> svara på enkäter för din panel eller för alla och se "
                "resultaten.</li></ul>"
            ),
            _heading("Du ser vad det du sade ledde till"),
            _paragraph(
                "<p>Ingen idé försvinner i tysthet. Varje idés status och dess ändringar är "
                "offentliga, beslutsfattarna svarar på idéerna och på sidan Mitt genomslag ser du "
                "vad som hände med allt du sade.</p>"
            ),
            _paragraph(
                "<p>Du deltar under ett visningsnamn. Ditt riktiga namn behövs inte och visas "
                "inte för andra.</p>"
            ),
        ],
    },
    "en": {
        "title": "Kohtaamo – the active-encounter forum",
        "slug": "home",
        "lead": (
            "On Kohtaamo the people who use social and health services, experts by experience, "
            "staff and decision-makers develop those services together. Share your idea, join a "
            "panel, answer surveys – and see what became of what you said."
        ),
        "body": [
            _heading("How to take part"),
            _paragraph(
                "<ul><li><b>Idea rounds:</b> staff open rounds for ideation, development and "
                "evaluation. You can post an idea, support other people's ideas and discuss "
                "them.</li><li><b>Panels:</b> join your region's developer-client panel or "
                "experts-by-experience panel. Panels meet, and members can read the minutes.</li>"
                "<li><b>Surveys:</b> answer surveys for your panel or for everyone, and see the "
                "results.</li></ul>"
            ),
            _heading("See what became of what you said"),
            _paragraph(
                "<p>No idea disappears silently. Every idea's status and its changes are public, "
                "decision-makers respond to ideas, and your My impact page shows what happened to "
                "everything you said.</p>"
            ),
            _paragraph(
                "<p>You take part under a display name. Your real name is not needed and is "
                "never shown to others.</p>"
            ),
        ],
    },
    "se": {
        "title": "Kohtaamo – aktiivvalaš deaivvadeami forum",
        "slug": "ruoktosiidu",
        "lead": (
            "Kohtaamos bálvalusaid geavaheaddjit, vásáhusáššedovdit, bargit ja mearrideaddjit "
            "ovddidit sosiála- ja dearvvašvuođabálvalusaid ovttas. Muital iežat ideas, searvva "
            "ráđđái, vástit jearahallamiidda – ja oainne, maid du sánit váikkuhedje."
        ),
        "body": [
            _heading("Ná oassálastát"),
            _paragraph(
                "<ul><li><b>Ideajorut:</b> bargit rahpet jorruid, main ideat hutkojuvvojit, "
                "ovddiduvvojit ja árvvoštallojuvvojit. Sáhtát čállit idea, doarjut earáid ideaid "
                "ja ságastallat dain.</li>"
                "<li><b>Ráđit:</b> searvva iežat guovllu ovddidanáššehasráđđái dahje "
                "vásáhusáššedovdiid ráđđái. Ráđit čoahkkanit, ja lahtut sáhttet lohkat "
                "beavdegirjjiid.</li><li><b>Jearahallamat:</b> vástit ráđi dahje buohkaide rabas "
                "jearahallamiidda ja oainne bohtosiid.</li></ul>"
            ),
            _heading("Oainnát, maid du sánit váikkuhedje"),
            _paragraph(
                "<p>Ii oktage idea jávkka jaskat. Juohke idea dilli ja dan rievdadusat leat "
                "almmolaččat, mearrideaddjit vástidit ideaide, ja Mu váikkuhus -siiddus oainnát, "
                "mii dáhpáhuvai buot dainna, maid dadjet.</p>"
            ),
            _paragraph(
                "<p>Oassálastát čájehannamain. Du duohta nama ii dárbbašuvvo iige čájehuvvo "
                "earáide.</p>"
            ),
        ],
    },
}

HOW_IT_WORKS = {
    "fi": {
        "title": "Miten Kohtaamo toimii",
        "slug": "miten-kohtaamo-toimii",
        "lead": "Kohtaamo tuo yhteen palveluja käyttävät ja niitä kehittävät ihmiset.",
        "body": [
            _heading("Osallistumisen tasot"),
            _paragraph(
                "<ol><li><b>Ideointi:</b> kuka tahansa kirjautunut voi jättää idean.</li>"
                "<li><b>Kehittäminen:</b> ideoita jalostetaan yhdessä keskustellen.</li>"
                "<li><b>Arviointi:</b> päättäjät arvioivat ideat ja kertovat julkisesti, mitä "
                "niille tehdään.</li></ol>"
            ),
            _heading("Roolit"),
            _paragraph(
                "<p>Kehittäjäasiakkaat ovat palvelujen käyttäjiä, jotka kehittävät palveluja. "
                "Kokemusasiantuntijat (innoagentit, II-taso) ovat koulutettuja vertaisia. "
                "Työntekijät (innoagentit, I-taso) vetävät ideakierroksia, raateja ja kyselyjä. "
                "Päättäjät vastaavat ideoihin ja kertovat päätöksistä.</p>"
            ),
        ],
    },
    "sv": {
        "title": "Så fungerar Kohtaamo",
        "slug": "sa-fungerar-kohtaamo",
        "lead": "Kohtaamo för samman de som använder tjänsterna och de som utvecklar dem.",
        "body": [
            _heading("Delaktighetens nivåer"),
            _paragraph(
                "<ol><li><b>Idéskapande:</b> alla inloggade kan lämna en idé.</li>"
                "<li><b>Utveckling:</b> idéerna förfinas tillsammans i diskussion.</li>"
                "<li><b>Utvärdering:</b> beslutsfattarna bedömer idéerna och berättar offentligt "
                "vad som görs med dem.</li></ol>"
            ),
            _heading("Roller"),
            _paragraph(
                "<p>Utvecklarklienter är användare av tjänsterna som utvecklar dem. "
                "Erfarenhetsexperter (innoagenter, nivå II) är utbildade kamrater. Anställda "
                "(innoagenter, nivå I) leder idérundor, paneler och enkäter. Beslutsfattare svarar "
                "på idéerna och berättar om besluten.</p>"
            ),
        ],
    },
    "en": {
        "title": "How Kohtaamo works",
        "slug": "how-kohtaamo-works",
        "lead": (
            "Kohtaamo brings together the people who use services and the people who develop them."
        ),
        "body": [
            _heading("Levels of participation"),
            _paragraph(
                "<ol><li><b>Ideation:</b> anyone who has signed up can post an idea.</li>"
                "<li><b>Development:</b> ideas are refined together in discussion.</li>"
                "<li><b>Evaluation:</b> decision-makers assess the ideas and say publicly what "
                "will be done with them.</li></ol>"
            ),
            _heading("Roles"),
            _paragraph(
                "<p>Developer-clients are service users who co-develop services. Experts by "
                "experience (innoagents, level II) are trained peers. Staff (innoagents, level I) "
                "run idea rounds, panels and surveys. Decision-makers respond to ideas and report "
                "on decisions.</p>"
            ),
        ],
    },
    "se": {
        "title": "Mo Kohtaamo doaibmá",
        "slug": "mo-kohtaamo-doaibma",
        "lead": "Kohtaamo čohkke bálvalusaid geavaheaddjiid ja daid ovddideaddjiid oktii.",
        "body": [
            _heading("Oassálastima dásit"),
            _paragraph(
                "<ol><li><b>Hutkan:</b> juohkehaš, guhte lea registreren, sáhttá čállit idea.</li>"
                "<li><b>Ovddideapmi:</b> ideaid buoridit ovttas ságastallamiin.</li>"
                "<li><b>Árvvoštallan:</b> mearrideaddjit árvvoštallet ideaid ja muitalit "
                "almmolaččat, maid daiguin dahket.</li></ol>"
            ),
            _heading("Rollat"),
            _paragraph(
                "<p>Ovddidanáššehasat leat bálvalusaid geavaheaddjit, geat ovddidit bálvalusaid. "
                "Vásáhusáššedovdit (innoagenttat, II-dássi) leat oahpahuvvon ovttadássásaččat. "
                "Bargit (innoagenttat, I-dássi) jođihit ideajorruid, ráđiid ja jearahallamiid. "
                "Mearrideaddjit vástidit ideaide ja muitalit mearrádusain.</p>"
            ),
        ],
    },
}


def _locales():
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }


def _publish(page, content):
    page.title = content["title"]
    page.slug = content["slug"]
    page.lead = content["lead"]
    if "body" in content:
        page.body = content["body"]
    page.save_revision().publish()


def _translated(source, locale, content):
    """The translation of ``source`` into ``locale``, created where missing, then published."""
    page = source.get_translation_or_none(locale)
    if page is None:
        page = source.copy_for_translation(locale)
    page = page.specific
    _publish(page, content)
    return page


def _tree_root():
    """Wagtail's invisible root page. Its migration makes it; a flushed database lacks it."""
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    return root


def seed_pages():
    locales = _locales()
    default = settings.LANGUAGE_CODE
    root = _tree_root()

    home = HomePage.objects.filter(locale=locales[default]).first()
    if home is None:
        # Wagtail's installation leaves a placeholder "Welcome" page as the site root.
        placeholders = root.get_children().exact_type(Page)
        home = root.add_child(
            instance=HomePage(
                title=HOME[default]["title"], slug=HOME[default]["slug"], locale=locales[default]
            )
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "Kohtaamo",
            },
        )
        for placeholder in placeholders:
            placeholder.delete()
    _publish(home, HOME[default])

    guide = ContentPage.objects.child_of(home).filter(locale=locales[default]).first()
    if guide is None:
        guide = home.add_child(
            instance=ContentPage(
                title=HOW_IT_WORKS[default]["title"], slug=HOW_IT_WORKS[default]["slug"]
            )
        )
    _publish(guide, HOW_IT_WORKS[default])

    for code, locale in locales.items():
        if code == default:
            continue
        _translated(home, locale, HOME[code])
        _translated(guide, locale, HOW_IT_WORKS[code])


# --- Impact reports: seeded after the ideas, which they cite -------------------------------

REPORT_INDEX = {
    "fi": {
        "title": "Sanoitte, teimme",
        "slug": "sanoitte-teimme",
        "lead": "Päättäjät kertovat, mitä ideoistanne seurasi.",
    },
    "sv": {
        "title": "Ni sade, vi gjorde",
        "slug": "ni-sade-vi-gjorde",
        "lead": "Beslutsfattarna berättar vad era idéer ledde till.",
    },
    "en": {
        "title": "You said, we did",
        "slug": "you-said-we-did",
        "lead": "Decision-makers tell what became of your ideas.",
    },
    "se": {
        "title": "Dii dajaidet, mii dahkaimet",
        "slug": "dii-dajaidet-mii-dahkaimet",
        "lead": "Mearrideaddjit muitalit, maid din ideat buvttihedje.",
    },
}

REPORT = {
    "fi": {
        "title": "Sanoitte, teimme – syksy 2026",
        "slug": "syksy-2026",
        "period": "syksy 2026",
        "intro": (
            "Kiitos kaikille, jotka kertoivat ideansa syksyn ideakierroksilla. Tässä kerromme, "
            "mitä ideoille on tehty ja mitä seuraavaksi tapahtuu."
        ),
        "heading": "Mitä kuulimme",
        "paragraph": (
            "<p>Ideakierroksilla toivottiin selkeämpää kieltä, yhtä yhteistä suunnitelmaa ja "
            "palveluja, jotka ovat auki silloin, kun niitä tarvitaan.</p>"
        ),
        "quote": "Kun sama asia pitää kertoa viidelle eri ihmiselle, väsyy.",
        "said_by": "kehittäjäasiakas, nuorten aikuisten raati",
        "figures_title": "Syksy lukuina",
        # Live statistics of Lappi (cms.statistics): the figure, and what it tells here.
        "figures": [
            ("ideas", "ideaa vuoden aikana"),
            ("answered", "ideoista on saanut virallisen vastauksen"),
            ("days-to-first-response", "mediaani ensimmäiseen vastaukseen"),
        ],
        "ideas_title": "Kuulimme – näin teimme",
        "note": "<p>Jokaisen idean sivulla on koko vastaus ja sen historia.</p>",
    },
    "sv": {
        "title": "Ni sade, vi gjorde – hösten 2026",
        "slug": "hosten-2026",
        "period": "hösten 2026",
        "intro": (
            "Tack till alla som berättade om sina idéer i höstens idérundor. Här berättar vi "
            "vad som har gjorts med idéerna och vad som händer härnäst."
        ),
        "heading": "Det här hörde vi",
        "paragraph": (
            "<p>I idérundorna önskade man tydligare språk, en gemensam plan och tjänster som "
            "är öppna när de behövs.</p>"
        ),
        "quote": "När man måste berätta samma sak för fem olika personer blir man trött.",
        "said_by": "utvecklarklient, panelen för unga vuxna",
        "figures_title": "Hösten i siffror",
        "figures": [
            ("ideas", "idéer under året"),
            ("answered", "av idéerna har fått ett officiellt svar"),
            ("days-to-first-response", "median till det första svaret"),
        ],
        "ideas_title": "Det här hörde vi – det här gjorde vi",
        "note": "<p>På varje idés sida finns hela svaret och dess historik.</p>",
    },
    "en": {
        "title": "You said, we did – autumn 2026",
        "slug": "autumn-2026",
        "period": "autumn 2026",
        "intro": (
            "Thank you to everyone who shared their ideas in the autumn's idea rounds. Here we "
            "tell what has been done with the ideas and what happens next."
        ),
        "heading": "What we heard",
        "paragraph": (
            "<p>In the idea rounds people asked for clearer language, one joint plan, and "
            "services that are open when they are needed.</p>"
        ),
        "quote": "When you have to tell the same thing to five different people, you get tired.",
        "said_by": "a developer-client, the young adults' panel",
        "figures_title": "The autumn in figures",
        "figures": [
            ("ideas", "ideas over the year"),
            ("answered", "of the ideas have an official response"),
            ("days-to-first-response", "median to the first response"),
        ],
        "ideas_title": "We heard – this is what we did",
        "note": "<p>Each idea's page has the whole response and its history.</p>",
    },
    "se": {
        "title": "Dii dajaidet, mii dahkaimet – čakča 2026",
        "slug": "cakca-2026",
        "period": "čakča 2026",
        "intro": (
            "Giitu buohkaide, geat muitaledje iežaset ideaid čavčča ideajorruin. Dás muitalit, "
            "maid ideaiguin lea dahkkon ja mii dáhpáhuvvá boahtteáiggis."
        ),
        "heading": "Maid gulaimet",
        "paragraph": (
            "<p>Ideajorruin sávve čielgasat giela, ovtta oktasaš plána ja bálvalusaid, mat "
            "leat rabas dalle, go daid dárbbaša.</p>"
        ),
        "quote": "Go seamma ášši ferte muitalit vihtta iešguđet olbmui, de váiban.",
        "said_by": "ovddidanáššehas, nuorra rávesolbmuid ráđđi",
        "figures_title": "Čakča loguid mielde",
        "figures": [
            ("ideas", "ideat jagi áigge"),
            ("answered", "ideain leat ožžon virggálaš vástádusa"),
            ("days-to-first-response", "mediána vuosttaš vástádussii"),
        ],
        "ideas_title": "Gulaimet – ná dahkaimet",
        "note": "<p>Juohke idea siiddus lea olles vástádus ja dan historjá.</p>",
    },
}


def _cited_demo_ideas(limit=4):
    """Public ideas that have official responses, else any public ideas; none if the ideas
    seed has not run."""
    from django.contrib.auth.models import AnonymousUser

    from ideas.models import Idea

    public = Idea.objects.visible_to(AnonymousUser()).order_by("created_at", "pk")
    responded = list(public.filter(responses__isnull=False).distinct()[:limit])
    return responded or list(public[:limit])


def _report_body(content, ideas):
    return [
        _heading(content["heading"]),
        _paragraph(content["paragraph"]),
        {
            "type": "participant_quote",
            "value": {"text": content["quote"], "attribution": content["said_by"]},
        },
        # The figures as they stand when the report is read, not as they were at seed time.
        _heading(content["figures_title"]),
        *(
            {
                "type": "live_statistic",
                "value": {"figure": figure, "region": "lappi", "caption": caption},
                "id": f"00000000-0000-4000-8000-00000000000{n}",
            }
            for n, (figure, caption) in enumerate(content["figures"])
        ),
        {
            "type": "ideas",
            "value": {
                "title": content["ideas_title"],
                "ideas": [
                    {
                        "type": "item",
                        "value": idea.pk,
                        "id": f"00000000-0000-4000-9000-{idea.pk:012d}",
                    }
                    for idea in ideas
                ],
                "note": content["note"],
            },
        },
    ]


def _publish_report(page, content, ideas):
    page.title = content["title"]
    page.slug = content["slug"]
    page.intro = content["intro"]
    page.period = content["period"]
    page.report_date = date(2026, 11, 20)
    # The demo decision-maker acts for Lappi (ideas.demo), so they may edit the report.
    page.region = Region.objects.filter(slug="lappi").first()
    page.body = _report_body(content, ideas)
    page.save_revision().publish()


def seed_impact_reports():
    """A Finnish impact report citing demo ideas, with its Swedish and English translations.
    Runs after the ideas seed; publishing tells the cited ideas' authors once."""
    from .models import ImpactReportIndexPage, ImpactReportPage

    ideas = _cited_demo_ideas()
    if not ideas:
        return
    locales = _locales()
    default = settings.LANGUAGE_CODE
    home = HomePage.objects.get(locale=locales[default])

    index = ImpactReportIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=ImpactReportIndexPage(
                title=REPORT_INDEX[default]["title"], slug=REPORT_INDEX[default]["slug"]
            )
        )
    _publish(index, REPORT_INDEX[default])

    report = ImpactReportPage.objects.child_of(index).first()
    if report is None:
        report = index.add_child(
            instance=ImpactReportPage(
                title=REPORT[default]["title"], slug=REPORT[default]["slug"], live=False
            )
        )
    _publish_report(report, REPORT[default], ideas)

    for code, locale in locales.items():
        if code == default:
            continue
        _translated(index, locale, REPORT_INDEX[code])
        translation = report.get_translation_or_none(locale)
        if translation is None:
            translation = report.copy_for_translation(locale)
        _publish_report(translation.specific, REPORT[code], ideas)
