"""What outreach teams share from the bot: inline mode ('@bot douche 11e' in any chat), a
card's 'Partager' button, and lists that turn their pages in place."""

from telegram_standin import buttons

from bot.content import MENU

BARBES = (48.8839, 2.3494)


async def answer_to(standin, query: str, near=None) -> list[dict]:
    standin.clear()
    standin.inline(query, near=near)
    return (await standin.wait_for("answerInlineQuery"))[0]["results"]


async def test_inline_mode_returns_places_to_share_with_the_time_their_status_was_true(
    standin, bot
):
    results = await answer_to(standin, "douche 11e")
    assert results and results[0]["type"] == "venue"
    assert any("Oberkampf" in r["title"] for r in results)
    assert all("état le " in r["address"] for r in results)  # the message stays in the chat


async def test_inline_mode_uses_the_sender_s_position(standin, bot):
    anywhere = await answer_to(standin, "douche")
    near = await answer_to(standin, "douche", near=BARBES)
    assert "km" not in anywhere[0]["address"] and " m " not in anywhere[0]["address"]
    assert "km" in near[0]["address"] or " m " in near[0]["address"]  # a distance from there
    assert [r["title"] for r in near] != [r["title"] for r in anywhere]


async def test_inline_115_gives_the_number_first(standin, bot):
    results = await answer_to(standin, "115")
    assert results[0]["type"] == "article"
    assert results[0]["title"].startswith("☎️ 115")
    assert "<b>115</b>" in results[0]["input_message_content"]["message_text"]


async def test_inline_empty_query_offers_the_needs(standin, bot):
    results = await answer_to(standin, "")
    titles = [r["title"] for r in results]
    assert len(results) == len(MENU) and "Je n'ai pas compris" not in str(results)
    assert any("doucher" in t or "laver" in t for t in titles)


async def test_a_card_is_shared_whole_with_its_map_pin(standin, bot):
    standin.send_text("douche 11e")
    listing = (await standin.wait_for("sendMessage"))[0]
    card = next(b["callback_data"] for b in buttons(listing) if "card:" in str(b))
    standin.clear()
    standin.press(card)
    shown = (await standin.wait_for("sendMessage"))[0]
    share = next(b for b in buttons(shown) if "switch_inline_query" in b)
    name = shown["text"].split("\n")[0].removeprefix("<b>").split("</b>")[0]
    results = await answer_to(standin, share["switch_inline_query"])
    assert [r["type"] for r in results] == ["venue", "article"]
    assert results[0]["title"] == name
    article = results[1]["input_message_content"]["message_text"]
    assert article.startswith(f"<b>{name}</b>") and "Horaires de la semaine" in article
    assert await answer_to(standin, "#0000000000") == []  # a key no longer in the directory
