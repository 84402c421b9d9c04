"""Who the person is and where they are change the answer, and the answer says so."""

import datetime as dt

import pytest

from bot.answer import plain_text
from bot.core import result_json
from bot.settings import PARIS_TZ

TUESDAY_10H = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS_TZ)


def ask(core, text, **options):
    options = {"at": TUESDAY_10H, **options}
    return result_json(text, core.ask(text, **options))


def test_a_man_is_not_sent_to_places_for_women(core):
    anyone = ask(core, "où dormir")
    man = ask(core, "je suis un homme, où dormir")
    assert man["profile"] == ["man"]
    assert any("women" in p["audience"] for p in anyone["places"])
    assert not any("women" in p["audience"] for p in man["places"])


def test_a_woman_gets_places_for_women_first_and_sees_the_restriction(core):
    woman = ask(core, "je suis une femme, où dormir")
    assert woman["profile"] == ["woman"]
    audiences = [p["audience"] for p in woman["places"]]
    assert not any("men" in a for a in audiences)
    first = woman["places"][0]
    assert "women" in first["audience"]
    lines = woman["answer"].split("\n")
    status = next(i for i, line in enumerate(lines) if first["name"] in line) + 1
    assert "Pour les femmes" in "\n".join(lines[status : status + 3])  # in its first lines


def test_a_minor_gets_the_119_first_and_no_adult_shelter(core):
    for text in (
        "j'ai 16 ans, où dormir ce soir",
        "I'm a minor, where can I sleep",
        "I am 16 where to sleep",  # 'where' is the need's word and the age's too
    ):
        out = ask(core, text)
        assert "minor" in out["profile"], text
        assert out["numbers"][0] == "119", text
        assert not any(
            set(p["audience"]) & {"adults", "women", "men", "young_18_25"} for p in out["places"]
        ), text


def test_an_animal_or_a_family_is_understood(core):
    assert ask(core, "hébergement avec mon chien")["profile"] == ["animal"]
    assert ask(core, "shelter with my kids")["profile"] == ["family"]


def test_who_the_person_is_is_read_in_their_language(core):
    cases = {
        "mi hijo tiene 8 años, está conmigo, dónde dormir esta noche": "family",
        "sou uma mulher sozinha, onde dormir": "woman",
        "caut un adapost cu cainele meu": "animal",
        "شلتر للنساء فقط، أنا امرأة وحدي": "woman",
    }
    for text, profile in cases.items():
        assert profile in ask(core, text)["profile"], text


def test_a_parent_giving_a_child_s_age_is_a_family_not_a_child_alone(core):
    family = ask(core, "ابني عمره 5 سنين وين ناكلو")  # my son is 5, where do we eat
    assert family["categories"] == ["food"] and family["profile"] == ["family"]
    assert "119" not in family["numbers"]
    alone = ask(core, "j'ai 16 ans et je dors dehors")
    assert alone["categories"][0] == "emergency" and alone["numbers"][0] == "119"


def test_a_parent_saying_who_is_with_them_is_asked_what_they_need_not_sent_the_119(core):
    """A parent introducing their child ('je suis avec mon fils de 5 ans') was answered as
    a child in danger, the 119 and the 17; a child missing still is, by its own words."""
    parent = ask(core, "je suis avec mon fils de 5 ans")
    assert parent["intent"] == "help" and parent["numbers"] == []
    assert parent["profile"] == ["family"]
    missing = ask(core, "ma fille a 13 ans, elle est pas rentrée")
    assert missing["numbers"][0] == "119"


def test_who_the_person_is_is_read_however_it_is_said(core):
    """'dormir femme', 'accueil de jour femmes', a mother with a newborn, a couple: each
    was read as no one in particular."""
    cases = {
        "dormir femme": ["woman"],
        "accueil de jour femmes dans le 18 ?": ["woman"],
        "une maman avec un nourrisson cherche une domiciliation": ["woman", "family"],
        "famille avec bébé, ou se poser la journée": ["family"],
        "ma femme et moi on dort dehors": ["couple"],  # not a woman alone
        "ma femme est enceinte, on dort dans la voiture": ["family"],
        "il fait un froid de chien, où dormir": [],  # no dog
        "i'm a girl alone where can i sleep": ["woman"],
    }
    for text, profile in cases.items():
        assert ask(core, text)["profile"] == profile, text


def test_a_couple_is_not_sent_to_a_place_for_men_or_women_alone(core):
    anyone = ask(core, "où dormir")
    couple = ask(core, "ma femme et moi, où dormir")
    alone = {"men", "women"}
    assert any(alone & set(p["audience"]) for p in anyone["places"])
    assert not any(alone & set(p["audience"]) for p in couple["places"])
    assert "115" in couple["numbers"]  # every shelter listed is for men or women alone


def test_a_place_not_found_is_said_and_not_replaced_silently(core):
    out = ask(core, "douche près de trifouillis")
    assert out["where"] is None and out["where_unresolved"] == "trifouillis"
    assert "trifouillis" in out["answer"].split("\n")[0]


@pytest.mark.parametrize("text, said", [("douche 21e", "21e"), ("douche 75099", "75099")])
def test_an_arrondissement_that_does_not_exist_is_said(core, text, said):
    """'douche 21e' listed all Paris without a word: the person thought it was near them."""
    out = ask(core, text)
    assert out["where"] is None and out["where_unresolved"] == said
    assert said in out["answer"]


@pytest.mark.parametrize("text", ["j'ai 25 ans, douche", "douche 75018", "le 21e siècle"])
def test_what_is_no_arrondissement_is_not_said_missing(core, text):
    assert ask(core, text)["where_unresolved"] is None


def test_a_town_outside_paris_is_said(core):
    out = ask(core, "où dormir à saint-denis")
    assert out["where_unresolved"] and "n'est pas dans Paris" in out["answer"]
    assert "115" in out["numbers"]


def test_the_answer_says_where_the_search_is_centred(core):
    assert "· près de Barbès" in ask(core, "douche barbès")["answer"]
    assert "· Paris 18e" in ask(core, "douche 18e")["answer"]
    assert "· tout Paris" in ask(core, "bagagerie")["answer"]
    near = ask(core, "douche", near=(48.8839, 2.3494))
    assert "· près de vous" in near["answer"]


def test_an_arrondissement_lists_its_places_first_then_says_outside(core):
    out = ask(core, "liste des bains douches du 18e")
    inside = [p["inside_area"] for p in out["places"]]
    assert inside[0] is True and inside == sorted(inside, reverse=True)
    if False in inside:
        assert "hors du 18e" in out["answer"]


def test_old_information_is_said_once_not_on_every_card(core):
    answer = ask(core, "douche république")["answer"]
    assert answer.count("ou plus anciennes") == 1
    assert answer.count("à vérifier") <= 1


def test_a_street_is_a_place_with_its_name_from_the_address_base(core):
    cases = {
        "manger av de flandre": ("Avenue de Flandre", 19),
        "on le menace, rue du faubourg st denis, venez vite": (None, 10),
        "douche pres du bd de la chapelle": (None, 18),
        "je dors rue henri desgrandes": ("Rue Henri Desgrange", 12),  # one typo
        "je suis à la rue de la santé, où manger": ("Rue de la Santé", None),
    }
    for text, (label, arrondissement) in cases.items():
        where = ask(core, text)["where"]
        assert where and where["kind"] == "street", text
        assert label is None or where["label"] == label, (text, where)
        assert arrondissement is None or where["arrondissement"] == arrondissement, (text, where)
    # the street's words are a place, not a need ('av' is water in Kurmanji)
    assert ask(core, "manger av de flandre")["categories"] == ["food"]
    # being 'à la rue' (homeless) names no street, whatever follows
    for text in [
        "je suis a la rue, sante pas top",
        "à la rue depuis 2 mois",
        "dormir dans la rue",
        "Équipe de rue. Départ de feu au campement",  # no 'Rue du Départ'
    ]:
        where = ask(core, text)["where"]
        assert where is None or where["kind"] != "street", text


def test_a_street_number_is_where_that_number_stands(core):
    """The Rue de Vaugirard runs from the 6e to the 15e: 'au 12 rue de Vaugirard' is by the
    Luxembourg, not at the street's middle in the 15e. A number the base lacks is placed at
    the nearest on its side; one far from any is the street alone."""
    cases = {
        "je suis au 12 rue de vaugirard, où prendre une douche": ("12 Rue de Vaugirard", 6),
        "devant le 250 rue de vaugirard, douche": ("250 Rue de Vaugirard", 15),
        "douche au 12bis rue de vaugirard": ("12 Rue de Vaugirard", 6),
        "au 900 rue de vaugirard": ("Rue de Vaugirard", 15),
    }
    for text, (label, arrondissement) in cases.items():
        where = ask(core, text)["where"]
        assert (where["label"], where["arrondissement"]) == (label, arrondissement), text
    near = ask(core, "je suis au 12 rue de vaugirard, où prendre une douche")["places"]
    assert near[0]["distance_m"] < 1200, near[0]


def test_every_restriction_the_schema_allows_is_said_in_words():
    """A value an editor may write (adults, couples, on registration, paying…) and the
    answer would not show is a restriction hidden: every one that restricts has words."""
    from typing import get_args

    from bot.directory.schema import Access, Audience
    from bot.place_view import ACCESS_WORDS, AUDIENCE_WORDS

    assert set(get_args(Audience)) - {"everyone"} == set(AUDIENCE_WORDS)
    assert set(get_args(Access)) - {"free", "unconditional"} == set(ACCESS_WORDS)


def test_a_meal_on_registration_for_adults_says_so(core):
    noon = TUESDAY_10H.replace(hour=12, minute=15)  # Repas Partagés' Tuesday lunch
    answer = result_json("manger place de clichy", core.ask("manger place de clichy", at=noon))
    lines = answer["answer"].split("\n")
    place = next(p for p in answer["places"] if "registration" in p["access"])
    status = next(i for i, line in enumerate(lines) if place["name"] in line) + 1
    assert "Sur inscription" in "\n".join(lines[status : status + 3])


def test_a_life_at_stake_comes_first_among_dangers(core):
    """Beaten and bleeding: the 15 before the 17, and the line about bleeding is the one
    said (the violence line came first with its numbers, the 15 last)."""
    for text in ("on m'a frappé je saigne beaucoup", "they beat me i am bleeding a lot"):
        answer = ask(core, text)
        assert {"violence", "medical"} <= set(answer["dangers"]), text
        assert answer["numbers"][0] == "15", text
        assert answer["answer"].index("15") < answer["answer"].index("17"), text


def test_nothing_parts_a_call_line_from_its_numbers(core):
    """'Appelez tout de suite :' is followed by the numbers, whatever else the answer says
    (a 'nothing open' line was put between them at night)."""
    night = dt.datetime(2026, 11, 29, 23, 0, tzinfo=PARIS_TZ)
    for text in ("je suis enceinte et j'ai des contractions, je suis dehors",):
        lines = core_lines(core, text, night)
        call = next(i for i, line in enumerate(lines) if line.rstrip().endswith(":"))
        assert lines[call + 1].startswith("☎️"), lines


def test_a_danger_s_numbers_are_said_once(core):
    """'mon copain me frappe … avec mes enfants': the 3919 came in the danger line, then
    again in the women's line ('Violences : appelez le 3919…'); in FALC 'Appelez le 3919'
    twice. The women's line that is not about those numbers stays (the 115's places)."""
    for falc in (False, True):
        for text in ("mon copain me frappe je suis dehors avec mes enfants", "mon mari me frappe"):
            answer = plain_text(core.ask(text, at=TUESDAY_10H, falc=falc).reply)
            lines = [line for line in answer.split("\n") if "3919" in line]
            assert len([line for line in lines if not line.startswith("☎️ 3919")]) == 1, answer
            assert "femmes" in answer.split("☎️")[-1], answer


def test_a_need_is_explained_once(core):
    """'dormir cette nuit' said 'appelez le 115' and then 'Les haltes de nuit accueillent sur
    orientation du 115…'; 'domiciliation 18' explained the address twice: the list's general
    line is left out when a line above explains that need, and kept when it explains
    another one (outside Paris, the health list under the 115's line)."""
    about = {c: core.content.get("fr", f"categories.{c}.about") for c in ("shelter", "health")}
    about["mail_address"] = core.content.get("fr", "categories.mail_address.about")
    for text, need in [("dormir cette nuit", "shelter"), ("domiciliation 18", "mail_address")]:
        answer = plain_text(core.ask(text, at=TUESDAY_10H).reply)
        assert about[need] not in answer, answer
    answer = plain_text(core.ask("douche barbès", at=TUESDAY_10H).reply)
    assert core.content.get("fr", "categories.shower.about") in answer
    answer = plain_text(core.ask("médecin et dormir à saint denis", at=TUESDAY_10H).reply)
    assert about["health"] in answer and about["shelter"] not in answer, answer


def core_lines(core, text, moment):
    return plain_text(core.ask(text, at=moment).reply).split("\n")


def test_who_the_person_is_said_plainly(core):
    """Found by trying the bot as its users would (review of session 13)."""
    assert ask(core, "je suis femme, douche")["profile"] == ["woman"]
    assert ask(core, "douche pour femme")["profile"] == ["woman"]
    assert "minor" in ask(core, "I am 15, where can I eat")["profile"]
    family = ask(core, "je suis avec mes 2 enfants on dort dehors")
    assert family["profile"] == ["family"]
    assert not any({"men", "adults"} & set(p["audience"]) for p in family["places"])


def test_the_first_of_a_month_is_a_date_not_the_1st_arrondissement(core):
    answer = ask(core, "douche le 1er janvier")
    assert answer["where"] is None
    assert answer["when"]["start"].startswith("2027-01-01")


SUNDAY_21H = dt.datetime(2026, 11, 29, 21, 0, tzinfo=PARIS_TZ)


def test_with_no_place_given_a_soup_that_may_be_serving_comes_first(core):
    """Sunday 21:00, every distance unknown: the every-evening soup opened at 17:45 and its
    end tonight is not published: it may be serving, so it comes first (before the winter
    soup closed until Tuesday), and it is not named 'the first to open, tomorrow'. Asked
    for 'ce soir', it is first too."""
    answer = result_json("manger", core.ask("manger", at=SUNDAY_21H))
    soupe = "soupe-de-nuit-armee-du-salut-rue-des-poissonniers"
    assert answer["places"][0]["id"] == soupe
    assert answer["places"][0]["opens_at"].startswith("2026-11-30T17:45")
    assert "Le premier à ouvrir" not in answer["answer"]
    tonight = result_json("x", core.ask("manger ce soir", at=SUNDAY_21H))
    assert tonight["places"][0]["id"] == soupe


def test_at_equal_rank_a_place_without_referral_comes_first(core):
    answer = result_json("x", core.ask("ou dormir cette nuit je suis une femme", at=SUNDAY_21H))
    access = [p["access"] for p in answer["places"]]
    assert "referral" not in access[0] and any("referral" in a for a in access[1:])


def test_an_arrondissement_is_measured_from_where_its_streets_are(core):
    """The 12e's polygon centroid lies in the Bois de Vincennes: the Audubon baths, by the
    Gare de Lyon inside the 12e, were '4 km' away. Its streets' median is in the 12e."""
    answer = ask(core, "douche 12e")
    audubon = next(p for p in answer["places"] if p["id"] == "bain-douche-audubon")
    assert audubon["distance_m"] < 2500
    for number, centre in core.store.centres.items():
        assert core.store.arrondissement_of(centre["lat"], centre["lon"]) == number


def test_with_no_place_given_the_need_s_own_places_come_first_and_are_not_repeated(core):
    """'médecin gratuit sans papiers', no place: the PASS (health is their main service)
    before day centres with a nurse, places for everyone before those for women only; and
    the PASS sentence of the topic line is not said again above the list."""
    answer = ask(core, "médecin gratuit sans papiers")
    health = [p for p in answer["places"] if p["category"] == "health"]
    assert all(core.store.by_id(p["id"]).categories[0] == "health" for p in health)
    assert not any(p["audience"] for p in health)
    assert answer["answer"].count("les PASS des hôpitaux") == 1


def test_the_kind_of_food_asked_comes_first(core):
    """'colis alimentaire 11e' listed two meals before the parcels; 'petit déjeuner gare de
    lyon' an épicerie sociale on referral and a parcel centre. Food asked as a parcel or a
    social grocery gets those first; food asked without saying which gets meals first."""
    forms = {p.id: p.forms for p in core.store.all_places() if "food" in p.categories}
    for text, form in [
        ("colis alimentaire 11e", "parcel"),
        ("food bank near gare du nord", "parcel"),
        ("je cherche une épicerie sociale dans le 20e", "grocery"),
    ]:
        answer = ask(core, text)
        assert answer["forms"] == [form]
        assert form in forms[answer["places"][0]["id"]], answer["places"][0]
    sunday_21h = dt.datetime(2026, 11, 29, 21, 0, tzinfo=PARIS_TZ)
    for text in ("j'ai faim barbès", "petit déjeuner gare de lyon", "manger nation"):
        for moment in (TUESDAY_10H, sunday_21h):
            kinds = ["meal" in forms[p["id"]] for p in ask(core, text, at=moment)["places"]]
            assert kinds and kinds == sorted(kinds, reverse=True), (text, moment, kinds)
            assert kinds[0], (text, moment)


def test_the_kind_of_care_asked_comes_first(core):
    """A toothache, broken glasses, clean syringes, a psychologist: each got the same
    list (a PASS for general care first, or a day centre's nurse). The care asked comes
    first, even outside the arrondissement asked; a doctor asked is general care."""
    forms = {p.id: p.forms for p in core.store.all_places() if "health" in p.categories}
    for text, form in [
        ("j'ai mal aux dents", "dental"),
        ("dentiste gratuit paris 18", "dental"),  # the dental PASS is in the 13e
        ("lunettes cassées vers jaurès", "eyes"),
        ("seringues propres châtelet", "addiction"),
        ("je cherche un psy", "mental"),
        ("gyneco gratuit", "women"),
        ("I need a dentist near gare du nord", "dental"),
        ("нужен стоматолог бесплатно", "dental"),
    ]:
        answer = ask(core, text)
        assert answer["categories"][0] == "health" and form in answer["forms"], text
        assert form in forms[answer["places"][0]["id"]], (text, answer["places"][0]["id"])
    # care asked without saying which: general care in Paris first (the CASO of
    # Saint-Denis, outside Paris and with no address, and the dental PASS came first)
    for text in ("je cherche un médecin gratuit", "pharmacie de garde", "je suis malade"):
        first = ask(core, text)["places"][0]
        assert forms[first["id"]] in ((), ("general",)) and first["arrondissement"], text


def test_a_follow_up_saying_only_a_time_or_a_place_asks_the_same_again(core):
    """What a channel passes back from the last answer ('et demain ?' alone is not
    understood); a need, a danger or thanks are never read as a follow-up."""
    first = core.ask("je suis une femme, où dormir vers barbès", at=TUESDAY_10H)
    asked = first.asked()
    later = core.ask("et demain soir ?", at=TUESDAY_10H, previous=asked).query
    assert (later.categories, later.where.label, later.when.spec) == (
        ["shelter"],
        first.query.where.label,
        "tomorrow_evening",
    )
    assert later.profile == ["woman"]
    there = core.ask("et dans le 18e ?", at=TUESDAY_10H, previous=asked).query
    assert there.categories == ["shelter"] and there.where.arrondissement == 18
    assert core.ask("et demain ?", at=TUESDAY_10H).query.intent == "unknown"
    assert core.ask("merci", at=TUESDAY_10H, previous=asked).query.intent == "thanks"
    food = core.ask("manger demain", at=TUESDAY_10H, previous=asked).query
    assert food.categories == ["food"] and food.where is None
    danger = core.ask("on me frappe, barbès", at=TUESDAY_10H, previous=asked).query
    assert danger.emergency
    assert core.ask("il y a un homme qui me suit", at=TUESDAY_10H).asked() is None
    shared = core.ask("douche", at=TUESDAY_10H, near=(48.8839, 2.3494)).asked()
    assert shared.categories == ("shower",) and shared.where is None  # no position kept


def test_a_follow_up_never_hides_a_message_it_cannot_read(core):
    """Any message with a time word was read as a follow-up: 'demain je me tue' got the
    showers of Barbès for tomorrow and no number at all. Only a time or a place with
    linking words goes on; anything else is read on its own, the numbers with it."""
    asked = core.ask("douche barbès", at=TUESDAY_10H).asked()
    for text in ("demain je me tue", "je serai mort demain", "à demain", "see you tomorrow",
                 "je suis fatigué ce soir", "qsdfgh", "ok"):  # fmt: skip
        result = core.ask(text, at=TUESDAY_10H, previous=asked)
        assert result.query.categories[:1] != ["shower"], text
        assert result.reply.numbers, text
    for text in ("et demain ?", "demain matin ?", "vers bastille", "je suis à république",
                 "and tomorrow?", "а завтра?"):  # fmt: skip
        assert core.ask(text, at=TUESDAY_10H, previous=asked).query.categories == ["shower"]
    # a position the page sends with every question does not replace the place asked
    near = core.ask("et demain ?", at=TUESDAY_10H, previous=asked, near=(48.85, 2.35)).query
    assert near.where.label == "Barbès-Rochechouart"
    # a filter ticked on the page is no part of what the words said
    filtered = core.ask("douche barbès", at=TUESDAY_10H, profile=["woman"])
    assert filtered.query.profile == ["woman"] and filtered.asked().profile == ()


def test_a_position_far_from_paris_is_said_and_not_measured_from(core):
    """A position shared from Toulouse listed the Paris baths '586,8 km' away, as if near;
    one in Saint-Denis, next to Paris, is still where distances are measured from."""
    far = ask(core, "douche", near=(43.6, 1.44))
    assert far["where"] is None and "loin de Paris" in far["answer"]
    assert all(p["distance_m"] is None for p in far["places"])
    near = ask(core, "douche", near=(48.9362, 2.3574))
    assert near["where"]["kind"] == "coordinates" and "loin de Paris" not in near["answer"]
