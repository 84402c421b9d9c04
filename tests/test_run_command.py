"""`python -m bot run` as a separate process: long polling, and webhook mode with its secret."""

import asyncio

import aiohttp
from conftest import free_port, start_bot, stop_bot, wait_until_up


async def test_long_polling(standin, directory_db, tmp_path):
    process = await start_bot(
        directory_db, tmp_path, TELEGRAM_BOT_TOKEN=standin.token, TELEGRAM_API_URL=standin.url
    )
    try:
        commands = await standin.wait_for("setMyCommands", 13, timeout=30)
        arabic = next(c for c in commands if c.get("language_code") == "ar")
        assert {c["command"] for c in arabic["commands"]} >= {"start", "langue", "115", "oubli"}
        standin.send_text("je voudrais une douche très discrète")
        answer = (await standin.wait_for("sendMessage", timeout=20))[0]
        assert "Douches" in answer["text"]
    finally:
        stderr = await stop_bot(process)
    assert process.returncode == 0, stderr.decode()[-2000:]
    assert b"discr" not in stderr  # no message text in the logs
    assert standin.token.encode() not in stderr


async def test_webhook_mode_checks_the_secret(standin, directory_db, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    process = await start_bot(
        directory_db,
        tmp_path,
        TELEGRAM_BOT_TOKEN=standin.token,
        TELEGRAM_API_URL=standin.url,
        BOT_WEBHOOK_URL=url,
        BOT_WEBHOOK_SECRET="s3cret",
        BOT_PORT=str(port),
    )
    try:
        webhook = (await standin.wait_for("setWebhook", timeout=30))[0]
        assert webhook["url"] == url and webhook["secret_token"] == "s3cret"
        update = {"update_id": 1, "message": standin.person_message(standin.user(), text="douche")}
        await wait_until_up(f"http://127.0.0.1:{port}/healthz")
        async with aiohttp.ClientSession() as http:
            headers = {"X-Telegram-Bot-Api-Secret-Token": "wrong"}
            async with http.post(url, json=update, headers=headers) as response:
                assert response.status == 403
            async with http.post(url, json=update) as response:
                assert response.status == 403
            assert standin.of("sendMessage") == []
            headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}
            standin.fail_next("sendMessage", times=2, status=502)  # Telegram busy, twice
            for _ in range(2):  # Telegram delivers it again when it thinks it unanswered
                async with http.post(url, json=update, headers=headers) as response:
                    assert response.status == 200
        answer = (await standin.wait_for("sendMessage", 3, timeout=20))[2]
        assert "Douches" in answer["text"]
        await asyncio.sleep(1)
        assert len(standin.of("sendMessage")) == 3  # tried three times…
        delivered = [m for m, _ in standin.delivered if m == "sendMessage"]
        assert len(delivered) == 1  # …answered once
    finally:
        stderr = await stop_bot(process)
    assert process.returncode == 0, stderr.decode()[-2000:]
    assert b"POST /telegram" not in stderr  # no access-log line per update
