"""Who writes, said by grammar: 'je suis partie', 'il m'a frappée', 'estoy sola', 'я ушла'
are a woman's words (content/agreement.yaml); 'je suis gelé' written without its accent,
'ma mère', 'je suis porte de la Chapelle' say nothing; a professional's own 'je suis
infirmière' is not the person's; a violent partner makes no couple."""

import datetime as dt

import pytest

from bot.core import result_json
from bot.settings import PARIS_TZ

TUESDAY_10H = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS_TZ)


def profile(core, text):
    return core.ask(text, at=TUESDAY_10H).query.profile


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("je suis partie de chez moi avec rien, ou dormir", "woman"),
        ("je suis pas seule, j'ai peur la nuit, un endroit pour dormir", "woman"),
        ("jsuis trop fatiguée, ou me doucher", "woman"),
        ("Je suis Ukrainienne, besoin médecin", "woman"),
        ("un mec m'a suivie jusqu'à la gare, ou aller", "woman"),
        ("j'ai été expulsée de mon foyer, ou dormir", "woman"),
        ("estoy sola en la calle, donde dormir", "woman"),
        ("fui agredido hace un mes, necesito un médico", "man"),
        ("estou sozinha na rua, onde tomar banho", "woman"),
        ("я вчера ушла из дома, где поспать", "woman"),
        ("я пришел из Украины, где поесть", "man"),
        ("انا محتاجة مكان انام فيه", "woman"),
        ("sunt singura pe strada, unde pot dormi", "woman"),
    ],
)
def test_the_writer_s_gender_by_agreement(core, text, gender):
    said = profile(core, text)
    assert gender in said and len({"woman", "man"} & set(said)) == 1, said


@pytest.mark.parametrize(
    "text",
    [
        "je suis gelé, je suis stressé, ou dormir",  # 'gelé', 'stressé' without accents
        "je suis marie et j'ai perdu mon logement",  # 'marié'
        "ma mère est malade, ou trouver un médecin",
        "ma vue baisse, ou voir un ophtalmo",
        "je suis porte de la chapelle, ou manger",
        "je suis jeune et à la rue",
        "je suis infirmière, un jeune cherche une douche",  # the writer's role
        "estoy en la calle, donde comer",
        "estou no metro, onde dormir",
    ],
)
def test_words_that_agree_with_no_one_say_nothing(core, text):
    assert not {"woman", "man"} & set(profile(core, text)), text


def test_she_flees_a_violent_partner_to_the_places_for_women(core):
    """'mon copain' was a couple: she was kept from every place for women alone."""
    text = "hier soir mon copain m'a tapée, je suis partie, où dormir ce soir"
    answer = result_json(text, core.ask(text, at=TUESDAY_10H))
    assert answer["profile"] == ["woman"], answer["profile"]
    assert answer["places"] and all("women" in p["audience"] for p in answer["places"])
    assert "couple" in profile(core, "mon copain et moi on dort dehors, où dormir")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jai des bequilles, je peux pas marcher loin, accueil de jour?", {"wheelchair"}),
        ("I'm on crutches and can't walk far, shower near gare du nord", {"wheelchair"}),
        ("مش قادر امشي كويس، فين دكتور", {"wheelchair"}),
        ("une mamie à la rue avec son chien dans le 17e", {"woman", "animal"}),
        ("Une maman et ses deux enfants dorment gare d'Austerlitz", {"woman", "family"}),
        ("single dad here with my 5 year old son, need food", {"man", "family"}),
        ("Couple in their 40s with their dog, sleeping rough", {"couple", "animal"}),
    ],
)
def test_who_the_help_is_for_as_a_professional_or_they_say_it(core, text, expected):
    """A maraude's 'avec son chien', 'et ses deux enfants', 'their dog'; crutches and
    not walking far are a need of step-free places as a wheelchair is."""
    assert set(profile(core, text)) == expected, text
