"""A danger told after it happened: over when long ago or of a kind that ends ('hier je
me suis fait voler'), still a danger when it goes on, a sexual assault last night among
them; and the time words of a story ('cette nuit') that ask no bed."""

import datetime as dt

import pytest

from bot.settings import PARIS_TZ

TUESDAY_10H = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS_TZ)


def ask(core, text):
    return core.ask(text, at=TUESDAY_10H)


@pytest.mark.parametrize(
    "text",
    [
        "un homme m'a agressée sexuellement hier soir, je suis sous le choc",
        "un monsieur m'a touchée dans le dortoir cette nuit pendant que je dormais",
        "hier soir j'ai été violée",
        "I was raped last night and I don't know where to go",
        "anoche me violaron en el parque",
        "вчера меня изнасиловали",
    ],
)
def test_a_sexual_assault_last_night_is_a_danger_now_with_the_3919_and_the_17(core, text):
    result = ask(core, text)
    assert result.query.dangers[0] == "sexual_violence", result.query.dangers
    numbers = [n.number for n in result.reply.numbers]
    assert numbers[:2] == ["3919", "17"], numbers


def test_a_spanish_duration_is_no_long_ago_the_violence_goes_on(core):
    """'hace 2 años que' says how long it has gone on, not when it happened."""
    assert ask(core, "hace 2 años que mi marido me pega").query.dangers == ["partner_violence"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("douche cette nuit", ["shower"]),
        ("je me suis fait voler mon sac cette nuit, une bagagerie ?", ["luggage"]),
        ("un truc pour cette nuit svp", ["shelter"]),  # no other need: the night is the bed
    ],
)
def test_a_time_word_is_the_need_only_when_no_other_is_named(core, text, expected):
    assert ask(core, text).query.categories == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("aide pour un titre de séjour, j'habite dans le 8e", "rights"),  # not clothes
        ("mes habits sont sales, où les laver", "laundry"),
    ],
)
def test_living_somewhere_is_no_clothes(core, text, expected):
    query = ask(core, text).query
    assert expected in query.categories and "clothes" not in query.categories[:1]


@pytest.mark.parametrize(
    "text, profile",
    [
        ("un homme m'a frappée cette nuit, où dormir ce soir", ["woman"]),  # 'frappée'
        ("a man attacked me last night, where can I sleep tonight", []),
        ("ma femme me frappe, où dormir", []),  # he flees her: no couple
        ("je suis une femme, un homme me suit", ["woman"]),  # said of herself: kept
        ("homme seul cherche douche", ["man"]),  # no one hurts him: the word is his
    ],
)
def test_the_attacker_is_not_who_writes(core, text, profile):
    """'un homme m'a frappée' would have kept her to the places for men (the Agora's
    night halte alone)."""
    result = ask(core, text)
    assert result.query.profile == profile
    if "dormir" in text and "man" not in profile:
        audiences = [tuple(p.audience or ()) for p in result.reply.places]
        assert any("men" not in a for a in audiences), audiences


@pytest.mark.parametrize(
    "text",
    [
        "je suis tombé hier, j'ai mal à la tête et je vomis",
        "I fell yesterday, now I have a headache and I keep throwing up",
    ],
)
def test_a_fall_told_in_the_past_with_symptoms_now_is_the_15(core, text):
    """The fall is yesterday's, the vomiting is now: a body's danger is as old as its last
    piece ('mal à la tête' had also taken the word 'tête' from the fall)."""
    result = ask(core, text)
    assert result.query.dangers == ["medical"], result.query.dangers
    assert result.reply.numbers[0].number == "15"


@pytest.mark.parametrize(
    "text, need",
    [
        # long ago holds to the end of its sentence ('et', a comma do not end it)
        ("last year i had a bad time, tried to kill myself. just need a shower", "shower"),
        ("l'an dernier je me suis fait tabasser, j'ai des vis. où une douche", "shower"),
        # told as happening on the way, abroad: over
        ("en Libye j'ai été en prison et frappé. Maintenant je cherche un docteur", "health"),
        ("am fost batuta de barbatul meu acum doi ani in Romania, am nevoie de mancare", "food"),
        # a social worker's anger is no threat; 'c'est où déjà' asks where, again
        ("lassistante sociale va me tuer si je rate le rdv, cest ou deja le service", "rights"),
        ("fui agredida pelo meu ex em 2021, preciso de roupa de inverno", "clothes"),
        ("à deux doigts de tuer mon voisin il ronfle trop 😂 y a un autre centre ?", "shelter"),
    ],
)
def test_a_danger_told_as_long_over_or_far_away_is_no_emergency(core, text, need):
    query = ask(core, text).query
    assert query.dangers == [] and query.categories[:1] == [need], (query.dangers, query.categories)


@pytest.mark.parametrize(
    "text, number",
    [
        ("Вчера он меня порезал. Сегодня увидел его тут, сказал что ночью придет и добьет", "17"),
        ("صاحبي وقع من السلم الليلة الفاتت، رجلو ورمت وما قادر يقوم", "15"),
        ("رأيت امرأة نائمة تحت الجسر ولا ترد عليّ والبرد شديد", "15"),
        ("kayn wa7ed kheb l'essence 3la khaymtou w kay9oul ghadi y7r9 rasou", "18"),
        ("je me suis ouvert le bras, ça pue, ça a gonflé et j'ai des frissons", "15"),
        ("البارح فالليل واحد اغتاصبني فالخيمة، هو باقي كيدور هنا", "3919"),
    ],
)
def test_what_just_happened_or_happens_now_is_a_danger(core, text, number):
    result = ask(core, text)
    assert result.query.dangers, text
    assert number in [n.number for n in result.reply.numbers][:3], text


def test_after_a_rape_with_no_one_said_places_for_men_alone_go_last(core):
    """'on m'a violé cette nuit, où dormir': the Agora's night halte for men came first."""
    at = dt.datetime(2026, 11, 24, 21, 0, tzinfo=PARIS_TZ)
    raped = core.ask("on m'a violé cette nuit, où dormir ce soir", at=at).reply.places
    assert raped and "men" not in raped[0].audience, [p.audience for p in raped]
    alone = core.ask("où dormir ce soir", at=at).reply.places  # no danger: as it was
    assert any("men" in p.audience for p in alone)
