"""Understanding by kind of message, in many languages, on the real vocabularies.

These sentences are the project's own (not the evaluation's, eval/README.md): each
parametrised case stands for a kind of message people write, and each kind is tried in
several languages.
"""

import datetime as dt
from pathlib import Path

import pytest

from bot.settings import PARIS_TZ
from bot.understand.check import vocabulary_problems

TUESDAY_10H = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS_TZ)


def ask(core, text, **kwargs):
    return core.ask(text, at=TUESDAY_10H, **kwargs)


def need(core, text):
    query = ask(core, text).query
    return query.categories[0] if query.intent == "need" else query.intent


@pytest.mark.parametrize(
    "text, expected",
    [
        ("pas de douche, je veux juste manger", "food"),
        ("c'est pas pour manger, c'est pour dormir", "shelter"),
        ("j'ai déjà mangé, je cherche une laverie", "laundry"),
        ("ni soupe ni lit, un avocat", "rights"),
        ("not a bed, I need a shower", "shower"),
        ("I don't want food, just somewhere to charge my phone", "digital"),
        ("no quiero comida, quiero ducharme", "shower"),
        ("مش عايز أكل، عايز أنام", "shelter"),
        ("غذا نمی‌خوام، فقط جای خواب", "shelter"),
        ("не їжа, мені треба помитися", "shower"),
    ],
)
def test_the_need_asked_is_the_one_not_negated(core, text, expected):
    assert need(core, text) == expected


def test_a_need_negated_alone_is_still_the_need(core):
    assert need(core, "j'ai pas mangé depuis deux jours") == "food"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("je dors dehors depuis des semaines et là j'ai une rage de dents", "health"),
        ("hier j'ai dormi à la gare, aujourd'hui je cherche une douche", "shower"),
        ("I slept rough last night, now I'm looking for a free lunch", "food"),
        ("вчера спал на вокзале, сейчас нужен врач", "health"),
        # the ask comes last, after the story
        ("on m'a volé mon sac à la gare, du coup je sais plus où recharger mon tel", "digital"),
        ("my caseworker sent the asylum forms by email but i have no laptop or wifi", "digital"),
        # the first need after a request is asked, those after it are its purpose
        ("elle a besoin d'une domiciliation pour recevoir ses papiers de la CAF", "mail_address"),
        ("I need an address to get my letters from the prefecture", "mail_address"),
        # a lack that lasts is the need, not a story
        (
            "j'ai mangé au resto solidaire, mais ça fait une semaine que je me suis pas lavé",
            "shower",
        ),
    ],
)
def test_a_story_is_background_the_ask_wins(core, text, expected):
    assert need(core, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the forms of a term in parts are taken in one clause when they can be
        (
            "pas de fringues neuves merci. j'ai des habits, je veux juste laver mes habits",
            "laundry",
        ),
        ("Я не хочу новую одежду. Хочу постирать свою одежду", "laundry"),
        # said as done after the need
        ("une laverie svp, la douche c'est fait", "laundry"),
        ("a laundromat please, the shower is done", "laundry"),
    ],
)
def test_a_need_said_as_done_or_refused_loses_to_the_one_asked(core, text, expected):
    assert need(core, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("bonsoir excusez moi de vous déranger, il y a où manger ?", "food"),
        ("slt frère ya une laverie pas loin", "laundry"),
        ("hello there, sorry, is there a toilet around", "toilets"),
        ("السلام عليكم، بغيت نعس الليلة", "shelter"),
        ("ستړي مه شې، ډوډۍ چیرته شته؟", "food"),
        ("merhaba, nerede duş alabilirim", "shower"),
    ],
)
def test_a_greeting_in_front_does_not_hide_the_need(core, text, expected):
    assert need(core, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("jveu me lavé", "shower"),
        ("ou jpeu mangé ce midi", "food"),
        ("g besoin dun manto chau", "clothes"),
        ("cherche un coin pour crécher", "shelter"),
        ("ya un toubib gratos", "health"),
        ("batri a plat ou recharjer", "digital"),
        ("OU ON PEU SE RINCER", "shower"),
    ],
)
def test_sms_and_phonetic_french(core, text, expected):
    assert need(core, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("doush barbes", "shower"),  # was answered in Arabic
        ("sui a la ru", "shelter"),  # was read as Vietnamese, not understood
        ("de lo", "water"),
        ("abi cho", "clothes"),
    ],
)
def test_a_few_words_of_phonetic_french_stay_french(core, text, expected):
    out = core.ask(text, at=TUESDAY_10H).query
    assert (out.categories[:1], out.language) == ([expected], "fr"), text


def test_a_phone_number_to_call_back_is_no_rape(core):
    """'rapel' (rappelle) was corrected to the English 'rape'."""
    out = core.ask("rapel moi 0612345678", at=TUESDAY_10H).query
    assert out.dangers == [] and out.intent == "help"


@pytest.mark.parametrize(
    "text", ["+33 6 12 34 56 78 appelle moi", "06.12.34.56.78", "mon numéro 06 12 34 56 78"]
)
def test_a_phone_number_is_no_age_and_no_place(core, text):
    out = core.ask(text, at=TUESDAY_10H).query
    assert out.dangers == [] and out.where is None and "minor" not in out.profile


@pytest.mark.parametrize("text", ["<b>douche</b> 18e", "<i>douche</i> 18e", "<br>douche<br/>"])
def test_markup_around_words_changes_nothing(core, text):
    out = core.ask(text, at=TUESDAY_10H).query
    assert (out.language, out.categories) == ("fr", ["shower"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("je veux laver mes fringues", "laundry"),
        ("il me faut des fringues propres", "clothes"),
        ("je veux me laver", "shower"),
        ("wash my jeans somewhere", "laundry"),
        ("I need clean clothes", "clothes"),
        ("де випрати одяг", "laundry"),
        ("потрібен теплий одяг", "clothes"),
        ("onde lavar a minha roupa", "laundry"),
        ("vreau sa fac dus", "shower"),
        ("لباسامو کجا بشورم", "laundry"),
        # what is washed: a machine for clothes, 'them' after the clothes, new ones wanted
        ("y a une machine pour mes habits vers stalingrad", "laundry"),
        ("mon duvet est trempé, où le sécher", "laundry"),
        ("my blanket stinks, where can I wash it", "laundry"),
        ("mon jean est déchiré, même lavé il est fichu, il m'en faut des neufs", "clothes"),
        ("un lavabo pour me brosser les dents", "shower"),
    ],
)
def test_washing_clothes_clothes_and_a_shower_are_told_apart(core, text, expected):
    assert need(core, text) == expected


@pytest.mark.parametrize(
    "text, first_number",
    [
        ("mon ami est par terre il respire plus", "15"),
        ("my friend took too many pills and won't wake up", "15"),
        ("je veux mourir, je n'en peux plus", "3114"),
        ("I can't go on, I want to end it all", "3114"),
        ("хочу покінчити з життям", "3114"),
        ("un enfant tout seul pleure devant la gare", "119"),
        ("j'ai 15 ans et je dors dehors", "119"),
        ("un mec me suit depuis le métro", "17"),
        ("someone is following me", "17"),
        ("mon mari me frappe", "3919"),
        ("زوجي يضربني", "3919"),
        ("la tente à côté a pris feu", "18"),
        ("je suis sourde et un homme me menace", "114"),
        ("je vais mourir de froid dehors cette nuit", "115"),
        ("un petit traine tout seul à la gare, il cherche sa maman", "119"),
        ("honestly I don't see the point of waking up anymore", "3114"),
        ("je peux pas parler, il est dans la pièce à côté", "3919"),
        # a harmless phrase beside a danger does not hide it
        ("he threatened me with a bread knife", "17"),
        ("he wants to kill me for the bread", "17"),
        ("je vais me couper les veines avec le couteau à pain", "3114"),
        ("il m'a menacé avec un couteau à pain", "17"),
        ("ils gardent mon passeport et m'obligent à faire des clients", "17"),
        ("j'ai trop froid, il fait -6 cette nuit", "115"),  # a temperature, not the 6e
        ("im freezing out here tonight", "115"),
        ("il tremble de froid et il répond plus", "15"),  # hypothermia: the SAMU first
        ("ሓወይ ወዲቑ ደም ብዙሕ ኣሎ", "15"),  # Tigrinya: 'blood much', the words the other way
        ("il est tombé dans l'escalier, il vomit et se plaint de la tête", "15"),
        ("demain je me tue", "3114"),  # a time word does not make it a plan for later
        ("je veux <b>mourir</b>", "3114"),  # markup is no word
        ("je meurs de froid", "115"),  # said alone, late in November: a bed before all
        ("je me suis fait agresser j'ai du sang", "15"),  # hurt: the SAMU, then the police
    ],
)
def test_a_danger_brings_its_number_first_in_any_language(core, text, first_number):
    result = ask(core, text)
    assert result.query.categories[0] == "emergency"
    assert result.reply.numbers[0].number == first_number


@pytest.mark.parametrize(
    "text, first_number",
    [
        ("j'ai déjà pris toute la boîte de cachets", "15"),
        ("I already swallowed all my meds", "15"),
        ("він вже не дихає", "15"),
        ("ele já não respira", "15"),
        ("j'ai une boîte de somnifères, je me demande si je les prends tous ce soir", "3114"),
        ("got a box of sleeping pills, thinking about taking them all tonight", "3114"),
        ("купила снотворное, думаю выпить или нет", "3114"),
    ],
)
def test_already_negates_a_need_never_a_danger(core, text, first_number):
    """'déjà', 'already', 'уже' say a need is met ('j'ai déjà mangé'); of a danger they
    say it has happened: pills already taken, breathing already stopped."""
    result = ask(core, text)
    assert result.query.categories[0] == "emergency", result.query.categories
    assert result.reply.numbers[0].number == first_number


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I have nowhere to get my letters, my asylum case is at OFPRA", "mail_address"),
        ("no tengo dónde recibir mi correo, el OFPRA me escribe", "mail_address"),
    ],
)
def test_having_nowhere_to_is_the_need(core, text, expected):
    assert need(core, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "il n'a pas bougé depuis hier matin et il ne répond pas quand je l'appelle",
        "he's been lying on the pavement since last night, not responding",
    ],
)
def test_a_state_that_goes_on_since_yesterday_is_not_the_past(core, text):
    result = ask(core, text)
    assert result.query.categories[0] == "emergency"
    assert result.reply.numbers[0].number == "15"


@pytest.mark.parametrize(
    "text",
    [
        "j'ai mal au genou mais c'est pas grave",
        "j'arrive pas à joindre le 115",
        "c'est urgent, mon téléphone est à plat",
        "je meurs de faim",
        "je me suis fait agresser l'an dernier, je veux porter plainte",
        "mon ex me frappait il y a trois ans, maintenant il me faut un avocat pour le divorce",
        "my husband hit me back in 2019, now I need a lawyer for my papers",
        "j'ai un couteau pour couper le pain mais rien à couper, on mange où",
        "I'm dying for a shower lol",
        "je suis sourd, où prendre une douche",
        "ضربوني في الشارع قبل سنتين، أحتاج محامي للأوراق",  # 'two years ago'
        "je touche une petite retraite et je dors dehors",  # no child: a small pension
        "fui agredida pelo meu ex no ano passado, preciso de roupa de inverno",
        # a sexual assault or a partner's violence goes on, unless long ago
        "j'ai été violée il y a 3 ans, je cherche un psy",
        "I was raped years ago back home, now I need a doctor for my papers",
        "hace años me violaron en mi país, ahora necesito un médico",
        "il y a plusieurs années j'ai subi des violences conjugales, je veux refaire mes papiers",
        # a harmless phrase that holds a need's word: bread, a bag
        "am un cuțit de pâine, dar nu am pâine, unde mănânc?",
        "tengo un cuchillo para el pan pero no hay pan jaja, dónde comer",
        "this bag is killing my back, any lockers near gare du nord?",
        "the library keeps kicking me out, anywhere warm to sit in the day?",
        "je me tue au boulot et je dors dehors",
        "je me tue à te le dire, où est la douche",
        "je meurs de froid, où trouver un manteau",
        "j'ai du sang dans les urines, où voir un médecin",
        "+33 6 12 34 56 78 appelle moi pour une douche",  # no age of 12
    ],
)
def test_scary_words_in_an_ordinary_message_are_no_emergency(core, text):
    query = ask(core, text).query
    assert query.intent == "need" and query.categories[0] != "emergency", query.categories


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("wach kayn fin nakol", "ar", "food"),
        ("bghit ndouch", "ar", "shower"),
        ("فين نقدر نبات الليلة", "ar", "shelter"),
        ("koja mitoonam dosh begiram", "fa", "shower"),
        ("gde mozhno poest", "ru", "food"),
        ("زه ډوډۍ غواړم", "ps", "food"),
        ("мне нужен врач", "ru", "health"),
        ("мені потрібен лікар", "uk", "health"),
    ],
)
def test_dialects_and_scripts_answer_in_the_right_language(core, text, language, expected):
    query = ask(core, text).query
    assert (query.language, query.categories[0]) == (language, expected)


@pytest.mark.parametrize(
    "text, written, answered, expected",
    [
        ("xagee baan ka helaa cunto", "so", "en", "food"),
        ("gdzie mogę się umyć", "pl", "en", "shower"),
        ("nerede yemek yiyebilirim", "tr", "en", "food"),
        ("mujhe khana chahiye", "ur", "en", "food"),
        ("ku ma mëna dimbali ci kayit yi", "wo", "fr", "rights"),
        ("хоол хэрэгтэй", "mn", "en", "food"),  # Mongolian: 'э' is not only Russian
        ("मुझे फोन चार्ज करना है", "hi", "en", "digital"),
        ("नि:शुल्क डाक्टर कहाँ भेटिन्छ", "ne", "en", "health"),
        ("ਪੈਰਿਸ ਵਿੱਚ ਮੁਫ਼ਤ ਲੰਗਰ ਕਿੱਥੇ ਮਿਲਦਾ", "pa", "en", "food"),
        ("جلەکانم پیسن، جلشۆر لە کوێیە", "ckb", "en", "laundry"),
        ("dove posso farmi una doccia gratis?", "it", "fr", "shower"),
        ("wo kann ich meine Wäsche waschen", "de", "en", "laundry"),
        ("Cho em hỏi chỗ nào phát đồ ăn miễn phí ạ", "vi", "en", "food"),
        ("nataka kupata anwani ya kupokea barua", "sw", "en", "mail_address"),
        ("Ez xwarinê naxwazim, tenê dixwazim telefona xwe şarj bikim", "ku", "en", "digital"),
        ("请问哪里可以免费洗澡？", "zh", "en", "shower"),  # no spaces between words
        ("我的衣服很脏，想洗衣服", "zh", "en", "laundry"),
        ("kote m ka manje gratis jodi a", "ht", "fr", "food"),
    ],
)
def test_languages_not_written_are_understood_and_answered_in_french_or_english(
    core, text, written, answered, expected
):
    query = ask(core, text).query
    assert (query.written, query.language, query.categories[0]) == (
        written,
        answered,
        expected,
    )


@pytest.mark.parametrize("text", ["Missä voin käydä suihkussa ilmaiseksi?"])
def test_a_language_no_vocabulary_knows_is_answered_in_english_not_by_one_word(core, text):
    """'voin' is a Romanian word: one word of five does not make a message Romanian."""
    query = ask(core, text).query
    assert (query.written, query.language) == ("und", "en")


@pytest.mark.parametrize(
    "text, written, need",
    [
        ("Hol tudok ingyen zuhanyozni?", "hu", "shower"),
        ("Γεια σας, πού μπορώ να φάω δωρεάν;", "el", "food"),
        ("שלום, איפה אפשר לישון הלילה?", "he", "shelter"),
        ("실례합니다, 무료 샤워할 수 있는 곳이 있나요?", "ko", "shower"),
        ("Բարև, որտե՞ղ կարող եմ լվացք անել", "hy", "laundry"),
        ("Ik zoek een plek om te douchen", "nl", "shower"),
        ("n bɛ dumuni fɛ", "bm", "food"),
    ],
)
def test_languages_read_but_not_written_are_answered_in_french_or_english(
    core, text, written, need
):
    query = ask(core, text).query
    assert (query.written, query.categories[:1]) == (written, [need])
    assert query.language in ("fr", "en")


@pytest.mark.parametrize(
    "text, arrondissement",
    [
        ("душ Бельвиль", {19, 20, 10, 11}),
        ("أكل قرب ريبوبليك", {3, 10, 11}),
        ("douche v 10 okruge", {10}),
        ("їжа в 11 окрузі", {11}),
        ("douche douzième", {12}),
        ("bagagerie XIXe", {19}),
        ("manger vers la tour eiffel", {7}),
        ("dormir près du sacré coeur", {18}),
        ("поесть возле Барбеса", {18, 10}),  # a case ending
        ("ناكل فباربيس", {18, 10}),  # a clitic
        ("ბარბესთან ტუალეტი", {18, 10}),  # a postposition
        ("еда у Гар де Лиона", {12}),  # an ending on the last word of a name
        ("douche près de la mairie du 18", {18}),
        ("se laver au champ de mars", {7}),  # the park, not its station (15e)
        ("je dors dans le bois de vincennes", {12}),
        ("我在美丽城，哪里可以洗澡", {19, 20, 10, 11}),  # Chinese: no spaces
        ("我在十三区", {13}),
        ("巴黎20区", {20}),
        ("Я возле Сакре-Кёр", {18}),
        ("أنا قريب من برج إيفل", {7}),
        ("des vêtements chauds dans le dix-huit", {18}),  # a number written out
        ("une petite seule sur le quai à gare de lyon", {12}),  # a platform, not Quai de la Gare
        ("поесть на площади Клиши", {8, 9, 17, 18}),
        # digits of any script, postcodes with spaces, a prefix glued to a number
        ("لباسشویی مجانی تو ۷۵۰۱۱ هست؟", {11}),
        ("فيه حمامات عامة في ٧٥ ٠١٩؟", {19}),
        ("manger gratuit 75 0 20 ?", {20}),
        ("خاصني حوايج ديال البرد، راني فالـ١٨", {18}),
    ],
)
def test_places_in_any_script_and_form(core, text, arrondissement):
    assert ask(core, text).query.where.arrondissement in arrondissement


def test_minutes_and_years_are_no_arrondissement_and_no_clock(core):
    assert ask(core, "je serai là dans le dix minutes").query.where is None
    # an ordinal of something else: times, floors, days
    assert ask(core, "c'est la deuxième fois que le 115 raccroche").query.where is None
    assert ask(core, "je dors au 3e étage d'un parking").query.where is None
    assert ask(core, "premier jour à paris, où manger").query.where is None
    assert ask(core, "à manger dans le troisième").query.where.arrondissement == 3
    query = ask(core, "ana 3andi 15 3am wa7di f paris").query  # Arabizi: 15 years, not 3 a.m.
    assert query.age == 15 and query.when.spec == "now"


@pytest.mark.parametrize(
    "text, expected",
    [("🚿", "shower"), ("🍽️ 18e", "food"), ("🛏️", "shelter"), ("🆘", "emergency")],
)
def test_pictograms_name_needs_and_danger(core, text, expected):
    assert need(core, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "c'est quoi ce bot",
        "comment ça marche ?",
        "what is this",
        # a question put to the bot (an 'addressee' word in a question), no need named
        "vous lisez ce que j'écris ?",
        "do you read what i write?",
        "¿tú lees lo que escribo?",
        "вы читаете что я пишу?",
        "ви читаєте що я пишу?",
        "انت تقرأ ما اكتب؟",
        "شما پیام‌های من را می‌خوانید؟",
        # the question mark ends another clause than the word speaking to the bot
        "vos infos, elles datent de quand ?",
        "je peux te demander un truc ?",
    ],
)
def test_questions_about_the_bot_are_help(core, text):
    assert ask(core, text).query.intent == "help"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("vous êtes sympa", "unknown"),  # not a question
        ("can you tell me where to eat?", "food"),  # a need asked of the bot is the need
        ("tu sais où je peux dormir ?", "shelter"),
    ],
)
def test_speaking_to_the_bot_is_help_only_in_a_question_without_a_need(core, text, expected):
    assert need(core, text) == expected


@pytest.mark.parametrize("text, language", [("???", "fr"), ("هههه", "ar"), ("хмм", "uk")])
def test_not_understood_gives_the_needs_and_the_danger_line(core, text, language):
    reply = ask(core, text, language_hint=language).reply
    assert reply.language == language
    assert len(reply.choices) >= 12
    assert {"15", "17", "112"} <= {n.number for n in reply.numbers}


def test_the_shipped_vocabularies_have_no_problem():
    assert vocabulary_problems(Path("content")) == []


def test_a_broken_vocabulary_names_its_file_line_and_field(tmp_path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "answers.yaml").write_text("categories: {food: {}}\n", encoding="utf-8")
    (tmp_path / "fr" / "vocabulary.yaml").write_text(
        "categories:\n  food: [manger]\n  fod: [repas]\nmarkers:\n  age:\n    - j ai # ans\n"
        "    - # ans\n  past: [hier]\n  long_ago: [hier]\n"
        "when: {demain: tomorow}\ndangers:\n  fire:\n    - au feu|ca brule\n",
        encoding="utf-8",
    )
    (tmp_path / "agreement.yaml").write_text(
        "fr:\n  - after: [je suis]\n    femme: [e>]\n  - woman: [e>]\n", encoding="utf-8"
    )
    problems = [str(p) for p in vocabulary_problems(tmp_path)]
    assert any(":3: categories.fod: unknown categories 'fod'" in p for p in problems), problems
    assert any("agreement.yaml:3: fr.0.femme: unknown key" in p for p in problems), problems
    assert any("agreement.yaml:4: fr.1: a rule needs 'after'" in p for p in problems)
    assert any(":7: markers.age.1: empty term" in p for p in problems), problems
    assert any(":9: markers.long_ago.0: 'hier' is also a past marker" in p for p in problems)
    assert any(":10: when.demain:" in p for p in problems), problems
    assert any(":13: dangers.fire.0: 'a|b' only works" in p for p in problems), problems


def test_a_weak_danger_word_does_not_hide_a_strong_one_of_its_kind(core):
    query = ask(core, "il bouge plus, il saigne de la tête, où est l'hôpital").query
    assert query.categories[0] == "emergency" and query.dangers[0] == "medical"


@pytest.mark.parametrize(
    "text, danger", [("он потерял сознание", "medical"), ("où je peux me la ver", None)]
)
def test_a_word_cut_by_dictation_is_joined_but_two_words_stay_two(core, text, danger):
    query = ask(core, text).query
    assert (query.dangers[:1] or [None])[0] == danger
    assert query.categories[0] == ("emergency" if danger else "shower")


@pytest.mark.parametrize(
    "text, label",
    [
        ("manger à Saint-Denis", None),
        ("je dors à Montreuil", None),
        ("douche strasbourg saint denis", "Strasbourg-Saint-Denis"),
        ("wc langa gara de lyon", "Gare de Lyon"),
        ("passé par l'Italie puis Calais, je dors à Stalingrad", "Stalingrad"),
        ("Calais. where can i shower near gare du nord", "Gare du Nord"),
    ],
)
def test_a_town_outside_paris_is_no_place_in_paris(core, text, label):
    where = ask(core, text).query.where
    assert (where.label if where else None) == label


def test_a_health_answer_gives_the_15_in_case_it_is_serious(core):
    reply = ask(core, "j'ai très mal au ventre depuis hier").reply
    assert reply.numbers[0].number == "15"


def test_an_arabic_script_word_with_two_endings_is_read(core):
    """ساک‌هامو, 'my bags': ساک + ها + مو; nothing else in the message says luggage."""
    assert ask(core, "ساک‌هامو نمیتونم همه جا با خودم ببرم").query.categories[:1] == ["luggage"]


@pytest.mark.parametrize("text", ["douche, il fait moins 5", "una ducha, hace menos 4 grados"])
def test_a_temperature_is_no_arrondissement(core, text):
    assert ask(core, text).query.where is None


@pytest.mark.parametrize(
    "text, language",
    [
        ("merci", "fr"),
        ("ah ok merci", "fr"),
        ("thank you", "en"),
        ("شكرا", "ar"),
        ("спасибо", "ru"),
    ],
)
def test_thanks_are_answered_not_met_with_not_understood_and_the_danger_numbers(
    core, text, language
):
    result = core.ask(text, at=TUESDAY_10H)
    assert (result.query.intent, result.query.language) == ("thanks", language)
    assert result.reply.numbers == [] and result.reply.choices  # the menu, no alarm


def test_thanks_said_with_a_need_or_a_farewell_are_that(core):
    assert core.ask("merci, où manger ce soir", at=TUESDAY_10H).query.categories == ["food"]
    farewell = core.ask("adieu à tous, merci pour tout", at=TUESDAY_10H).query
    assert farewell.dangers == ["suicide"]


@pytest.mark.parametrize(
    "text, categories, danger",
    [
        ("salam ana bent, kanbat f la gare du nord, bghit chi blasa", ["shelter"], None),
        ("fi shi mat3am khayri byefta7 bel lel? ana b 75011", ["food"], None),
        ("she has nowhere to go tonight and it's freezing, she's shaking", None, "cold"),
        ("elle sait pas où dormir ce soir et il gèle", None, "cold"),
    ],
)
def test_darija_in_latin_letters_and_the_cold_with_nowhere_to_go(core, text, categories, danger):
    """'kanbat' (I sleep) and 'mat3am' (a restaurant) in Arabizi; no roof on a freezing
    night is the 115's, as 'je grelotte' is."""
    query = ask(core, text).query
    assert categories is None or query.categories == categories, query.categories
    assert danger is None or query.dangers[:1] == [danger], query.dangers
