"""The guard against oversharing (accounts.oversharing): what it finds in Finnish, Swedish and
English, and, as important, the ordinary words of a participation platform that it must leave
alone: dates, years, amounts of money, meeting times, idea numbers and postal codes."""

import itertools

import pytest
from django import forms
from django.utils import translation

from accounts import oversharing
from accounts.oversharing import (
    ADDRESS,
    BENEFIT,
    CHILD_PROTECTION,
    EMAIL,
    HEALTH,
    PERSONAL_ID,
    PHONE,
    PersonalDetails,
    PersonalDetailsForm,
    check,
    find,
    highlight,
)

# Codes whose check character is right (worked out by hand: the nine digits modulo 31).
VALID_PERSONAL_IDS = ["131052-308T", "150875-254N", "311299+011K", "290200A1239", "020312B456H"]
# The same codes with a wrong check character.
MISTYPED_PERSONAL_IDS = ["131052-308U", "150875-254M", "290200A1238"]


def found(text):
    """(kind, the text found) for everything found in ``text``."""
    return [(match.kind, text[match.start : match.end]) for match in find(text)]


def kinds(text):
    return {match.kind for match in find(text)}


# --- Personal identity codes --------------------------------------------------------------


@pytest.mark.parametrize("code", VALID_PERSONAL_IDS)
def test_a_personal_identity_code_with_a_right_check_character_is_refused(code):
    text = f"Henkilötunnukseni on {code}, jos tarvitsette."
    (match,) = find(text)
    assert (match.kind, text[match.start : match.end]) == (PERSONAL_ID, code)
    assert match.refused


def test_the_new_century_signs_and_temporary_numbers_are_codes_too():
    # Y (1900s) and a temporary individual number 900-999.
    (match,) = find("Tunnus 010594Y9032 on väliaikainen.")
    assert match.kind == PERSONAL_ID and match.refused


def test_a_lowercase_check_character_is_still_the_code():
    (match,) = find("hetu 131052-308t")
    assert match.refused


@pytest.mark.parametrize("code", MISTYPED_PERSONAL_IDS)
def test_a_code_with_a_wrong_check_character_is_only_warned_about(code):
    (match,) = find(f"Mitä tarkoittaa {code}?")
    assert match.kind == PERSONAL_ID
    assert not match.refused


@pytest.mark.parametrize("text", ["310299-123X", "001052-308T", "131352-308T"])
def test_six_digits_that_are_no_birth_date_are_not_a_code(text):
    assert PERSONAL_ID not in kinds(text)


# --- Phone numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, number",
    [
        ("Soita minulle numeroon 040 123 4567 illalla.", "040 123 4567"),
        ("Numeroni on 0401234567.", "0401234567"),
        ("Tavoitat minut 050-123 4567.", "050-123 4567"),
        ("Toimisto: 09 1234 5678", "09 1234 5678"),
        ("Toimisto: (09) 123 4567", "(09) 123 4567"),
        ("Soita +358 40 123 4567", "+358 40 123 4567"),
        ("Soita +358 (0)40 123 4567", "+358 (0)40 123 4567"),
        ("Ring mig på 0046 70 123 45 67.", "0046 70 123 45 67"),
        ("Ring mig på +46 70 123 45 67.", "+46 70 123 45 67"),
        ("Call me on +44 20 7946 0958.", "+44 20 7946 0958"),
        ("puh. 1234567", "1234567"),
        ("tel: 9876543", "9876543"),
        ("My phone number: 5551234567", "5551234567"),
    ],
)
def test_phone_numbers_are_found(text, number):
    assert found(text) == [(PHONE, number)]


# --- Street addresses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, address",
    [
        ("Asun osoitteessa Hämeenkatu 12 B 5, Tampere.", "Hämeenkatu 12 B 5"),
        ("Tule käymään, Mannerheimintie 5 A 12.", "Mannerheimintie 5 A 12"),
        ("Osoite on Koulupolku 3 as. 4", "Koulupolku 3 as. 4"),
        ("asun hämeenkatu 12:ssa", "hämeenkatu 12"),
        ("Jag bor på Storgatan 3 i Vasa.", "Storgatan 3"),
        ("Hon bor på Kungsvägen 14 lgh 1102.", "Kungsvägen 14 lgh 1102"),
        ("Mötet hålls på Brunnsgränd 4.", "Brunnsgränd 4"),
        ("He lives at 10 Downing Street.", "10 Downing Street"),
        ("Write to 221B Baker St. please", "221B Baker St."),
    ],
)
def test_street_addresses_are_found(text, address):
    assert found(text) == [(ADDRESS, address)]


@pytest.mark.parametrize(
    "text",
    [
        "Valtatie 4 ruuhkautuu aamuisin.",
        "Hoitopolku 2 on selkeämpi kuin edellinen.",
        "Palvelupolku 3 kuvaa asiakkaan matkaa.",
        "Riksväg 8 är stängd.",
        "Hämeenkadulla on paljon palveluja.",
    ],
)
def test_roads_and_care_paths_with_a_number_are_not_addresses(text):
    assert ADDRESS not in kinds(text)


# --- E-mail addresses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, address",
    [
        ("Laita viestiä matti.virtanen@example.fi", "matti.virtanen@example.fi"),
        ("Skriv till anna+raati@exempel.se.", "anna+raati@exempel.se"),
        ("Mail me: john_smith@mail.example.co.uk", "john_smith@mail.example.co.uk"),
    ],
)
def test_email_addresses_are_found(text, address):
    assert found(text) == [(EMAIL, address)]


# --- Health, benefits and child protection about a named person ---------------------------


@pytest.mark.parametrize(
    "text, kind, parts",
    [
        (
            "Matti Virtanen has diagnosed depression.",
            HEALTH,
            ["Matti Virtanen", "diagnosed", "depression"],
        ),
        ("Liisan toimeentulotuki loppui viime kuussa.", BENEFIT, ["Liisan", "toimeentulotuki"]),
        (
            "Naapurini Virtasen lapset huostaanotettiin.",
            CHILD_PROTECTION,
            ["Virtasen", "huostaanotettiin"],
        ),
        ("Matilla on todettu masennus.", HEALTH, ["Matilla", "masennus"]),
        (
            "Pekan lastensuojeluilmoitus tehtiin eilen.",
            CHILD_PROTECTION,
            ["Pekan", "lastensuojeluilmoitus"],
        ),
        ("Erik har fått diagnosen depression.", HEALTH, ["Erik", "diagnosen", "depression"]),
        ("Annas utkomststöd drogs in.", BENEFIT, ["Annas", "utkomststöd"]),
        ("John's mental health is getting worse.", HEALTH, ["John's", "mental health"]),
        ("My neighbour Sarah is on income support.", BENEFIT, ["Sarah", "income support"]),
        ("Eilen kuulin, että Korhonen on sairaalassa.", HEALTH, ["Korhonen", "sairaalassa"]),
    ],
)
def test_health_benefit_and_child_protection_details_of_a_named_person_are_found(text, kind, parts):
    assert found(text) == [(kind, part) for part in parts]


@pytest.mark.parametrize(
    "text",
    [
        # About no one in particular.
        "Masennus on yleistä nuorilla. Toimeentulotuen hakeminen on vaikeaa.",
        "Minulla on diagnosoitu masennus, ja terapiaan pääsy kesti kauan.",
        "Jag har själv fått diagnosen depression.",
        "Many people with depression wait months for therapy.",
        # Institutions and places are capitalised, but they are no one.
        "Kela maksaa toimeentulotuen. Tampereella mielenterveyspalveluihin pääsee huonosti.",
        "Asun Tampereella ja lastensuojelu on täällä ylikuormitettu.",
        "Social Services in Tampere have long queues.",
        # A name far from the sensitive word, or in another sentence.
        "Matti kertoi kokouksesta. Masennus on yleinen syy poissaoloihin.",
        # Names that are ordinary words at the start of a sentence.
        "Anna hänelle lääkettä ajallaan.",
        "Ainoa ongelma on masennuksen hoitojonot.",
        "Hans diagnos är inte min sak.",
    ],
)
def test_health_words_without_a_named_person_are_not_found(text):
    assert not {HEALTH, BENEFIT, CHILD_PROTECTION} & kinds(text)


# --- What must not trigger ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Dates and years
        "Seuraava kokous on 12.3.2026.",
        "Päätös tehtiin 2026-03-12.",
        "Mötet är den 12.3.2026 och nästa 01.04.2026.",
        "The deadline is 2026-03-12, then 12/03/2026.",
        "Vuonna 2026 ja 2027 palvelut muuttuvat; vuodet 2019–2025 olivat vaikeita.",
        # Amounts of money
        "Budjetti on 1 200 € ja matkakulut 45,50 euroa.",
        "Hankkeeseen varattiin 1 200 000 euroa ja 250 000 €.",
        "Avgiften är 1 200 kr eller 45,50 euro.",
        "The grant was €1,200,000 (+1 200 000 euros in total).",
        # Meeting times
        "Tavataan klo 14.00–15.30 ja uudestaan klo 9.",
        "Vi ses kl. 9 eller kl. 14.00–15.30.",
        "The meeting runs 14:00–15:30, doors open at 9.",
        # Idea numbers, postal codes, percentages, counts
        "Katso idea #1234 ja idea 5678.",
        "Postinumero 00100 Helsinki, 33100 Tampere ja 02100 Espoo.",
        "Postnummer 00100 Helsingfors.",
        "Vastaajista 45 % oli tyytyväisiä, 120 henkeä vastasi.",
        "Lasten määrä kasvoi 0-6-vuotiaissa 12 prosenttia.",
        # Public helplines are short numbers.
        "Soita numeroon 116 111 tai hätänumeroon 112.",
        # Web addresses are not e-mail addresses.
        "Lue lisää osoitteesta https://www.example.fi/palvelut.",
    ],
)
def test_ordinary_numbers_and_words_are_not_personal_details(text):
    assert find(text) == ()


def test_a_long_text_of_ordinary_words_finds_nothing():
    text = (
        "Ehdotan, että neuvola olisi auki myös iltaisin klo 17–20. Kokous 12.3.2026 päätti, "
        "että kokeilu maksaa 12 000 euroa vuonna 2026. Ideat #12 ja #13 liittyvät samaan. "
        "Förslaget gäller 00100 Helsingfors. The pilot started on 2026-01-01. " * 20
    )
    assert find(text) == ()


# --- Several at once, and what is asked ---------------------------------------------------


def test_matches_come_in_order_and_do_not_overlap():
    text = "Matti (matti@example.fi, 040 123 4567) asuu Hämeenkatu 12 B 5 ja hetu 131052-308T."
    assert [kind for kind, _part in found(text)] == [EMAIL, PHONE, ADDRESS, PERSONAL_ID]
    spans = [(match.start, match.end) for match in find(text)]
    assert all(a_end <= b_start for (_a, a_end), (b_start, _b) in itertools.pairwise(spans))


def test_a_code_that_starts_like_a_phone_number_is_found_once_as_a_code():
    assert found("Tunnus 010190-123A ja muuta") == [(PERSONAL_ID, "010190-123A")]


def test_check_passes_text_without_personal_details():
    assert check(title="Iltavastaanotto", body="Neuvola auki klo 17–20.") is False


def test_check_asks_to_confirm_and_lets_a_confirmed_text_through():
    with pytest.raises(PersonalDetails) as asked:
        check(title="Soittakaa", body="Numeroni on 040 123 4567.")
    assert not asked.value.refused
    assert list(asked.value.found) == ["body"]
    assert [m.kind for m in asked.value.matches("body")] == [PHONE]
    assert check(confirmed=True, body="Numeroni on 040 123 4567.") is True


def test_check_refuses_a_valid_code_even_when_confirmed():
    with pytest.raises(PersonalDetails) as refused:
        check(confirmed=True, body="Puhelin 040 123 4567 ja tunnus 131052-308T")
    assert refused.value.refused


def test_a_mistyped_code_can_be_confirmed():
    assert check(confirmed=True, body="Tunnus 131052-308U") is True


def test_the_question_is_asked_in_the_persons_language():
    with pytest.raises(PersonalDetails) as asked:
        check(body="matti@example.fi")
    with translation.override("en"):
        assert asked.value.message == (
            "This looks like personal information — do you want to post it publicly?"
        )
    with pytest.raises(PersonalDetails) as refused:
        check(body="131052-308T")
    with translation.override("en"):
        assert "personal identity code" in refused.value.message
        assert "cannot be posted" in refused.value.message


def test_a_frame_match_says_where_and_what():
    (match,) = find("  Numero 040 123 4567")
    with translation.override("en"):
        assert match.as_frame(offset=1) == {
            "start": match.start + 1,
            "end": match.end + 1,
            "kind": PHONE,
            "label": "looks like a phone number",
        }


# --- On a page ----------------------------------------------------------------------------


def test_highlight_marks_the_matches_escapes_the_rest_and_explains_the_mark():
    text = "<b>Soita</b> 040 123 4567 & kerro"
    with translation.override("en"):
        html = highlight(text, find(text))
    assert html == (
        "&lt;b&gt;Soita&lt;/b&gt; <mark>040 123 4567"
        '<span class="visually-hidden"> (looks like a phone number)</span></mark> &amp; kerro'
    )


class PostForm(PersonalDetailsForm):
    title = forms.CharField(label="Otsikko")
    body = forms.CharField(label="Teksti")


def test_a_form_shows_the_question_keeps_the_text_and_offers_the_checkbox_last():
    form = PostForm({"title": "Apua", "body": "Soita 040 123 4567"})
    assert form.is_valid()
    with pytest.raises(PersonalDetails) as asked:
        check(confirmed=form.cleaned_data["confirm_personal"], **form.cleaned_data)
    form.refuse_personal_details(asked.value)
    assert not form.is_valid()
    assert form["body"].value() == "Soita 040 123 4567"
    assert list(form.fields)[-1] == oversharing.CONFIRM_FIELD
    confirm = form[oversharing.CONFIRM_FIELD]
    assert not confirm.is_hidden
    assert 'aria-describedby="personal-details-warning"' in str(confirm)
    (part,) = form.personal_parts
    assert part["label"] == "Teksti" and "<mark>040 123 4567" in part["html"]


def test_a_refused_form_offers_no_checkbox_and_forgets_an_earlier_confirmation():
    form = PostForm({"title": "Apua", "body": "131052-308T", "confirm_personal": "on"})
    assert form.is_valid()
    with pytest.raises(PersonalDetails) as refused:
        check(confirmed=True, body=form.cleaned_data["body"])
    form.refuse_personal_details(refused.value)
    confirm = form[oversharing.CONFIRM_FIELD]
    assert confirm.is_hidden
    assert 'value="on"' not in str(confirm) and 'value="True"' not in str(confirm)


def test_an_unwarned_form_confirms_nothing():
    form = PostForm({"title": "Apua", "body": "Hyvä idea"})
    assert form.is_valid()
    assert form.cleaned_data["confirm_personal"] is False
    assert form[oversharing.CONFIRM_FIELD].is_hidden
