"""`python -m bot run` as a separate process: long polling, and webhook mode with its secret."""

import asyncio
import os
import signal
import socket
import sys

import aiohttp
import pytest
from telegram_standin import TelegramStandIn


@pytest.fixture
async def standin():
    server = TelegramStandIn()
    await server.start()
    yield server
    await server.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def start_bot(standin, directory_db, tmp_path, **env):
    environment = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": standin.token,
        "TELEGRAM_API_URL": standin.url,
        "BOT_DB": str(directory_db),
        "BOT_DATA_DIR": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
        **env,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def stop_bot(process) -> bytes:
    process.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(process.communicate(), 20)
    return stderr


async def test_long_polling(standin, directory_db, tmp_path):
    process = await start_bot(standin, directory_db, tmp_path)
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
        standin,
        directory_db,
        tmp_path,
        BOT_WEBHOOK_URL=url,
        BOT_WEBHOOK_SECRET="s3cret",
        BOT_PORT=str(port),
    )
    try:
        webhook = (await standin.wait_for("setWebhook", timeout=30))[0]
        assert webhook["url"] == url and webhook["secret_token"] == "s3cret"
        update = {"update_id": 1, "message": standin.person_message(standin.user(), text="douche")}
        async with aiohttp.ClientSession() as http:
            for _ in range(100):
                try:
                    async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                        if response.status == 200:
                            break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.1)
            headers = {"X-Telegram-Bot-Api-Secret-Token": "wrong"}
            async with http.post(url, json=update, headers=headers) as response:
                assert response.status == 403
            async with http.post(url, json=update) as response:
                assert response.status == 403
            assert standin.of("sendMessage") == []
            headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}
            async with http.post(url, json=update, headers=headers) as response:
                assert response.status == 200
        answer = (await standin.wait_for("sendMessage", timeout=20))[0]
        assert "Douches" in answer["text"]
    finally:
        stderr = await stop_bot(process)
    assert process.returncode == 0, stderr.decode()[-2000:]
