"""The real python-telegram-bot application, over real HTTP, against a local Bot API stand-in."""

import asyncio
import datetime as dt
import logging
import sqlite3

import pytest
from conftest import running, stopping
from telegram_standin import buttons

from bot.core import Core
from bot.handlers.common import SCREEN_CHARACTERS, visible_length
from bot.handlers.start import command_list
from bot.settings import PARIS_TZ, Settings
from bot.understand.when import DAY_BREAKS

RLM = "\u200f"


async def test_start_shows_the_welcome_and_the_menu(standin, bot):
    standin.send_text("/start")
    sent = (await standin.wait_for("sendMessage"))[0]
    assert sent["text"].startswith("Bonjour 👋")
    labels = [b["text"] for b in buttons(sent)]
    assert "🚿 se laver" in labels and "🆘 urgence" in labels
    near_me = next(b for b in buttons(sent) if b.get("request_location"))
    assert near_me["text"] == "📍 Près de moi"


async def test_menu_button_list_card_and_venue(standin, bot):
    standin.send_text("🚿 se laver")  # every bath has its point on the map
    listing = (await standin.wait_for("sendMessage"))[0]
    assert listing["parse_mode"] == "HTML"
    assert "Douches" in listing["text"]
    card_button = next(b for b in buttons(listing) if b["callback_data"].startswith("card:"))
    standin.clear()
    standin.press(card_button["callback_data"])
    card = (await standin.wait_for("sendMessage"))[0]
    assert "Informations de " in card["text"] or "Informations d'" in card["text"]
    venue_button = next(b for b in buttons(card) if b["callback_data"].startswith("venue:"))
    standin.press(venue_button["callback_data"])
    venue = (await standin.wait_for("sendVenue"))[0]
    assert float(venue["latitude"]) > 48.8 and venue["title"]
    assert len(standin.of("answerCallbackQuery")) == 2


async def test_next_results_and_cards_keep_the_window_asked(standin, bot):
    standin.send_text("douche vers république demain matin")
    listing = (await standin.wait_for("sendMessage"))[0]
    assert "demain matin" in listing["text"]
    data = [b["callback_data"] for b in buttons(listing) if "callback_data" in b]
    assert all(len(d.encode()) <= 64 for d in data)  # Telegram's limit
    following = next(d for d in data if d.startswith("more:shower:") and not d.endswith(":"))
    card = next(d for d in data if d.startswith("card:"))
    first_page = standin.last_message(standin.user()["id"])
    names = {b["text"].split(". ", 1)[1] for b in buttons(listing) if "card:" in str(b)}
    standin.clear()
    standin.press(following, on=dict(first_page))
    turned = (await standin.wait_for("editMessageText"))[0]
    assert int(turned["message_id"]) == first_page["message_id"]  # the same message, turned
    assert "demain matin" in turned["text"]
    shown = {b["text"].split(". ", 1)[1] for b in buttons(turned) if "card:" in str(b)}
    assert shown and not shown & names  # never a place twice
    assert not standin.of("sendMessage")
    standin.clear()
    standin.press(following)  # under a message Telegram no longer has: a new one
    assert "demain matin" in (await standin.wait_for("sendMessage"))[0]["text"]
    standin.clear()
    asked_at = dt.datetime.now(PARIS_TZ)
    standin.press(card)
    shown = (await standin.wait_for("sendMessage"))[0]["text"]
    # its state then, not now; before daybreak 'demain matin' is the coming morning, today
    day = "aujourd'hui" if asked_at.time() < DAY_BREAKS else "demain"
    assert day in shown.split("\n")[1], shown


async def test_a_list_fits_one_phone_screen_and_suivants_goes_on(standin, bot):
    """Three doubtful night shelters, each with its old note, under the 115's lines pass
    one phone screen: the list shows fewer and 'Suivants' starts at the first not shown."""
    standin.send_text("dormir cette nuit")
    listing = (await standin.wait_for("sendMessage"))[0]
    assert visible_length(listing["text"]) <= SCREEN_CHARACTERS
    numbers = [b["text"].split(". ", 1)[0] for b in buttons(listing) if "card:" in str(b)]
    following = next(b["callback_data"] for b in buttons(listing) if "more:" in str(b))
    assert following.split(":")[3] == str(len(numbers))
    standin.clear()
    standin.press(following)
    turned = (await standin.wait_for("sendMessage"))[0]
    next_numbers = [b["text"].split(". ", 1)[0] for b in buttons(turned) if "card:" in str(b)]
    assert next_numbers[0] == str(len(numbers) + 1)
    assert visible_length(turned["text"]) <= SCREEN_CHARACTERS


async def test_a_location_gives_the_nearest_places(standin, bot):
    standin.send_location(48.8839, 2.3494)  # Barbès
    choice = (await standin.wait_for("sendMessage"))[0]
    shower = next(b for b in buttons(choice) if b["callback_data"].startswith("more:shower:p"))
    standin.clear()
    standin.press(shower["callback_data"])
    listing = (await standin.wait_for("sendMessage"))[0]
    assert "Douches · près de vous" in listing["text"]
    assert " m\n" in listing["text"] or " km\n" in listing["text"]
    assert any(
        b["callback_data"].startswith("more:shower:p48.8839,2.3494:3") for b in buttons(listing)
    )


async def test_a_need_then_the_location_it_asked_for(standin, bot):
    standin.send_text("toilettes")
    asked = (await standin.wait_for("sendMessage"))[0]
    assert "partagez votre position" in asked["text"]
    standin.send_location(48.8566, 2.3522, live_period=900)
    listing = (await standin.wait_for("sendMessage", 2))[1]
    assert "Toilettes publiques · près de vous" in listing["text"]
    assert listing["text"].count("📍") == 3  # one phone screen


async def test_a_follow_up_asks_the_same_need_for_another_time_or_place(standin, bot):
    """'et demain matin ?' after showers near Barbès was 'Je n'ai pas compris' and the six
    emergency numbers."""
    standin.send_text("douche barbès")
    first = (await standin.wait_for("sendMessage"))[0]
    assert "Douches · près de Barbès" in first["text"]
    standin.send_text("et demain matin ?")
    again = (await standin.wait_for("sendMessage", 2))[1]
    assert "Douches · près de Barbès" in again["text"] and "demain matin" in again["text"]
    standin.send_text("et dans le 20e ?")
    there = (await standin.wait_for("sendMessage", 3))[2]
    assert "Douches · Paris 20e" in there["text"]
    standin.send_text("je veux mourir")  # a danger ends what was asked
    await standin.wait_for("sendMessage", 4)
    standin.send_text("et demain ?")
    alone = (await standin.wait_for("sendMessage", 5))[4]
    assert "Douches" not in alone["text"] and "3114" in alone["text"]


async def test_langue_ar_then_arabic_answers(standin, bot):
    standin.send_text("/langue ar")
    confirm = (await standin.wait_for("sendMessage"))[0]
    assert confirm["text"] == "اللغة: العربية"
    standin.send_text("douche république")
    answer = (await standin.wait_for("sendMessage", 2))[1]
    assert RLM + "<b>🚿 حمامات" in answer["text"]  # after a "nothing open" line at night
    assert all(line.startswith(RLM) for line in answer["text"].splitlines() if line)


async def test_langue_changes_the_command_menu_of_that_chat_and_oubli_resets_it(standin, bot):
    standin.send_text("/langue ar")
    menu = (await standin.wait_for("setMyCommands"))[0]
    assert menu["scope"] == {"type": "chat", "chat_id": 7}
    arabic = [c.to_dict() for c in command_list("ar")]
    assert menu["commands"] == arabic and arabic != [c.to_dict() for c in command_list("fr")]
    standin.send_text("/oubli")
    reset = (await standin.wait_for("deleteMyCommands"))[0]
    assert reset["scope"] == {"type": "chat", "chat_id": 7}


async def test_langue_without_a_code_offers_buttons(standin, bot):
    standin.send_text("/langue")
    offer = (await standin.wait_for("sendMessage"))[0]
    assert {b["callback_data"] for b in buttons(offer)} >= {"lang:uk", "lang:ps", "lang:ti"}
    standin.press("lang:uk")
    assert (await standin.wait_for("sendMessage", 2))[1]["text"] == "Мова: Українська"


async def test_facile_switches_easy_to_read_french(standin, bot):
    standin.send_text("/facile")
    assert "français facile" in (await standin.wait_for("sendMessage"))[0]["text"]
    standin.send_text("douche")
    answer = (await standin.wait_for("sendMessage", 2))[1]
    assert "Les douches de la Ville sont gratuites." in answer["text"]


async def test_oubli_erases_the_only_row_kept(standin, bot, settings):
    standin.send_text("/langue en")
    await standin.wait_for("sendMessage")
    db = sqlite3.connect(settings.data_dir / "preferences.db")
    rows = db.execute("select * from preferences").fetchall()
    assert len(rows) == 1 and rows[0][0] != "7" and len(rows[0][0]) == 64  # an HMAC, not the id
    standin.send_text("/oubli")
    erased = (await standin.wait_for("sendMessage", 2))[1]
    assert erased["text"] == "Erased: I no longer keep anything about you."
    assert db.execute("select count(*) from preferences").fetchone()[0] == 0
    standin.send_text("/oubli")
    assert (await standin.wait_for("sendMessage", 3))[2]["text"] == "Je ne gardais rien sur vous."


async def test_urgence_and_115(standin, bot):
    standin.send_text("/urgence")
    emergency = (await standin.wait_for("sendMessage"))[0]
    assert "<b>15</b>" in emergency["text"] and "<b>112</b>" in emergency["text"]
    standin.send_text("/115")
    shelter = (await standin.wait_for("sendMessage", 2))[1]
    assert shelter["text"].startswith("🛏️ Pour dormir cette nuit, appelez le 115")


async def test_aide_lists_every_command(standin, bot):
    standin.send_text("/aide")
    text = (await standin.wait_for("sendMessage"))[0]["text"]
    for command in ["/start", "/langue", "/facile", "/urgence", "/115", "/aide", "/oubli"]:
        assert command in text


async def test_deep_link_opens_showers_in_the_18e_in_arabic(standin, bot):
    standin.send_text("/start shower_18_ar")
    welcome, listing = await standin.wait_for("sendMessage", 2)
    assert welcome["text"].startswith("مرحبًا")
    assert "🚿 استحمام" in [b["text"] for b in buttons(welcome)]
    assert "حمامات" in listing["text"] and "18" in listing["text"]
    assert "Ney" in listing["text"] or "Amiraux" in listing["text"]


async def test_a_name_with_html_arrives_intact(standin, make_directory, tmp_path, run_build):
    core = Core(run_build(make_directory("name_with_html")))
    settings = Settings(
        db_path=tmp_path / "x.db",
        data_dir=tmp_path,
        telegram_token=standin.token,
        telegram_api_url=standin.url,
        preferences_key="k",
    )
    application = await running(settings, core)
    try:
        standin.send_text("bagagerie 18e <script>")
        listing = (await standin.wait_for("sendMessage"))[0]
        assert "Bagagerie &amp; Co &lt;Nord&gt;" in listing["text"]
        assert "1 rue &lt;b&gt;du&lt;/b&gt; Test &amp; fils" in listing["text"]
        assert "<script>" not in listing["text"]
    finally:
        await stopping(application)


async def test_an_error_is_logged_and_the_person_told_kindly(standin, bot, caplog):
    standin.fail_next("sendMessage")
    with caplog.at_level(logging.ERROR, logger="bot.telegram"):
        standin.send_text("une douche secrète à barbès")
        sorry = (await standin.wait_for("sendMessage", 2))[1]
    assert sorry["text"].startswith("Désolé, quelque chose n'a pas marché")
    assert any(r.exc_info for r in caplog.records)
    assert "secrète" not in caplog.text


async def test_too_many_requests_waits_and_sends_the_answer_no_apology(standin, bot):
    standin.fail_next("sendMessage", times=2, status=429, retry_after=1)
    standin.send_text("douche barbès")
    sent = await standin.wait_for("sendMessage", 3, timeout=20)
    assert "Douches" in sent[2]["text"]  # two refused, the third delivered
    await asyncio.sleep(0.5)
    assert not any("Désolé" in m["text"] for m in standin.of("sendMessage"))


async def test_telegram_busy_the_answer_is_sent_again(standin, bot):
    standin.fail_next("sendMessage", times=2, status=502)
    standin.send_text("douche barbès")
    sent = await standin.wait_for("sendMessage", 3, timeout=20)
    assert "Douches" in sent[2]["text"]
    await asyncio.sleep(0.5)
    assert len(standin.of("sendMessage")) == 3  # no apology after the answer


async def test_start_up_survives_telegram_refusing_the_command_menus(standin, settings, core):
    standin.fail_next("setMyCommands", times=50, status=502)
    application = await running(settings, core)
    await application.post_init(application)  # what run_polling does once connected
    try:
        standin.send_text("douche barbès")
        answer = (await standin.wait_for("sendMessage", timeout=20))[0]
        assert "Douches" in answer["text"]
    finally:
        await application.post_stop(application)
        await stopping(application)


async def test_a_slow_chat_never_delays_another_and_each_chat_keeps_its_order(standin, bot):
    slow, other = standin.user(user_id=11), standin.user(user_id=12)
    standin.delay_next(11, 3.0)  # Telegram slow for the first answer to chat 11 only
    standin.send_text("douche barbès", user=slow)
    standin.send_text("manger barbès", user=slow)
    standin.send_text("toilettes châtelet", user=other)
    first = await standin.wait_for("sendMessage", 2, timeout=2.5)  # long before 3 s
    assert {int(m["chat_id"]) for m in first} == {11, 12}
    await standin.wait_for("sendMessage", 3, timeout=20)
    for _ in range(50):
        if len(standin.delivered) >= 3:
            break
        await asyncio.sleep(0.1)
    to_slow = [
        p["text"] for m, p in standin.delivered if m == "sendMessage" and int(p["chat_id"]) == 11
    ]
    assert "Douches" in to_slow[0] and "Manger" in to_slow[1]  # in the order asked


async def test_an_edited_live_location_sends_nothing_more(standin, bot):
    update = standin.send_location(48.8566, 2.3522, live_period=600)
    await standin.wait_for("sendMessage")
    standin.inject(
        edited_message={
            **update["message"],
            "edit_date": 1,
            "location": {"latitude": 48.86, "longitude": 2.35},
        }
    )
    standin.send_text("/aide")
    sent = await standin.wait_for("sendMessage", 2)
    assert "/oubli" in sent[1]["text"]
    assert len(standin.of("sendMessage")) == 2


async def test_a_message_not_understood_gets_the_needs_as_buttons_and_the_numbers(standin, bot):
    standin.send_text("???")
    sent = (await standin.wait_for("sendMessage"))[0]
    assert "112" in sent["text"] and "15" in sent["text"]
    needs = [b for b in buttons(sent) if b.get("callback_data", "").startswith("more:")]
    assert len(needs) >= 12
    standin.clear()
    food = next(b["callback_data"] for b in needs if b["callback_data"].startswith("more:food"))
    standin.press(food)
    listing = (await standin.wait_for("sendMessage"))[0]
    assert "Manger" in listing["text"]


async def test_a_suicidal_message_gets_the_3114_first(standin, bot):
    standin.send_text("j'ai plus envie de vivre")
    sent = (await standin.wait_for("sendMessage"))[0]
    numbers = [line for line in sent["text"].splitlines() if line.startswith("☎️")]
    assert "3114" in numbers[0]


# --- every update gets an answer (issue 12) ---------------------------------------------


@pytest.mark.parametrize(
    "fields, said",
    [
        ({"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}}, "écouter"),
        (
            {"video_note": {"file_id": "n", "file_unique_id": "n", "length": 240, "duration": 2}},
            "écouter",
        ),
        ({"photo": [{"file_id": "p", "file_unique_id": "p", "width": 90, "height": 90}]}, "images"),
        (
            {
                "sticker": {
                    "file_id": "s",
                    "file_unique_id": "s",
                    "type": "regular",
                    "width": 512,
                    "height": 512,
                    "is_animated": False,
                    "is_video": False,
                }
            },
            "images",
        ),
        ({"document": {"file_id": "d", "file_unique_id": "d"}}, "fichiers"),
        ({"contact": {"phone_number": "0600000000", "first_name": "Ami"}}, "images"),
    ],
)
async def test_what_the_bot_cannot_read_gets_words_and_the_needs(standin, bot, fields, said):
    standin.inject(message=standin.person_message(standin.user(), **fields))
    sent = (await standin.wait_for("sendMessage"))[0]
    assert said in sent["text"]
    assert "🚿 se laver" in [b["text"] for b in buttons(sent)]


async def test_a_voice_note_is_answered_in_the_person_s_language(standin, bot):
    voice = {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}}
    standin.inject(message=standin.person_message(standin.user(language="ar"), **voice))
    sent = (await standin.wait_for("sendMessage"))[0]
    assert "الرسائل الصوتية" in sent["text"]


async def test_an_edited_message_is_answered_as_new(standin, bot):
    edited = standin.person_message(standin.user(), text="douche barbès", edit_date=1)
    standin.inject(edited_message=edited)
    sent = (await standin.wait_for("sendMessage"))[0]
    assert "Douches" in sent["text"]


async def test_an_unknown_command_gets_the_help(standin, bot):
    standin.send_text("/douche")
    sent = (await standin.wait_for("sendMessage"))[0]
    assert "/urgence" in sent["text"] and "/aide" in sent["text"]


def group_message(standin, text: str) -> dict:
    message = standin.person_message(standin.user(), text=text)
    message["chat"] = {"id": -100, "type": "group", "title": "Maraude Nord"}
    if text.startswith("/"):
        command = text.split()[0]
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return message


async def test_in_a_group_only_commands_and_mentions_without_a_location_keyboard(standin, bot):
    standin.inject(message=group_message(standin, "on se retrouve à 18h"))
    standin.inject(message=group_message(standin, "/aide@autre_bot"))
    standin.inject(message=group_message(standin, "/start@orientation_bot"))
    welcome = (await standin.wait_for("sendMessage"))[0]
    assert welcome["text"].startswith("Bonjour") and not welcome.get("reply_markup")
    standin.clear()
    standin.inject(message=group_message(standin, "@orientation_bot douche barbès"))
    answer = (await standin.wait_for("sendMessage"))[0]
    assert "Douches" in answer["text"]
    assert len(standin.of("sendMessage")) == 1  # the chat and the other bot's command: nothing


async def test_a_channel_post_is_ignored(standin, bot):
    post = {"message_id": 1, "date": 1, "text": "douche", "chat": {"id": -5, "type": "channel"}}
    standin.inject(channel_post=post)
    standin.send_text("/aide")  # answered: the post before it was read and left
    sent = await standin.wait_for("sendMessage")
    assert len(standin.of("sendMessage")) == 1 and "/urgence" in sent[0]["text"]
