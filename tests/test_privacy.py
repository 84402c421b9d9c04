"""Nothing that identifies a person is kept: after a conversation with the real bot (text,
a position, buttons, a language choice, an error), no file it wrote and no log line holds
the words written, the position or the Telegram id; the key that protects the preference
rows is not next to them."""

import logging
import os
import stat

from conftest import running, stopping

from bot.cli import set_log_levels
from bot.preferences import load_key
from bot.settings import Settings

USER_ID = 918273645
WORDS = ("zorglub", "xylophonique")
POSITION = (48.87654, 2.34567)


def traces(position: tuple[float, float]) -> list[str]:
    """What would give the person away: their id, their words, their position however
    rounded (4 decimals are 10 m)."""
    lat, lon = position
    return [str(USER_ID), *WORDS, f"{lat:.4f}", f"{lon:.4f}", f"{lat:.3f}", f"{lon:.3f}"]


async def test_no_file_and_no_log_line_holds_a_message_a_position_or_an_id(
    standin, directory_db, core, tmp_path, caplog
):
    set_log_levels()
    caplog.set_level(logging.INFO)
    data, keys = tmp_path / "data", tmp_path / "keys"
    settings = Settings(
        db_path=directory_db,
        data_dir=data,
        telegram_token=standin.token,
        telegram_api_url=standin.url,
        key_file=keys / "preferences.key",
    )
    application = await running(settings, core)
    try:
        user = standin.user(user_id=USER_ID)
        standin.send_text(f"{WORDS[0]} je dors rue {WORDS[1]}, ou manger", user=user)
        standin.send_location(*POSITION, user=user)
        lat, lon = POSITION
        standin.press(f"more:shower:p{lat:.4f},{lon:.4f}:0", user=user)
        standin.press(f"more:shower:p{lat:.4f},{lon}x:zz", user=user)  # forged
        standin.send_text("/langue uk", user=user)
        await standin.wait_for("sendMessage", 4, timeout=20)
        standin.fail_next("sendMessage", times=1, status=400)  # an error, logged
        standin.send_text(f"douche {WORDS[0]}", user=user)
        await standin.wait_for("sendMessage", 6, timeout=20)
    finally:
        await stopping(application)
    assert any(r.levelno >= logging.ERROR for r in caplog.records)  # the error was logged
    written = [p for p in [*data.rglob("*"), *keys.rglob("*")] if p.is_file()]
    assert any(p.name == "preferences.db" for p in written)
    for path in written:
        content = path.read_bytes()
        for trace in traces(POSITION):
            assert trace.encode() not in content, (path.name, trace)
    log = caplog.text
    for trace in traces(POSITION):
        assert trace not in log, trace
    assert not (data / "preferences.key").exists()


def test_the_key_is_made_once_apart_from_the_rows_and_readable_by_the_bot_only(tmp_path):
    data, key_file = tmp_path / "var", tmp_path / "config" / "bot" / "preferences.key"
    data.mkdir()
    key = load_key(key_file, None, data)
    assert load_key(key_file, None, data) == key and len(key) == 64
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(key_file.parent).st_mode) == 0o700
    assert list(data.iterdir()) == []


def test_a_key_left_next_to_the_rows_by_an_older_version_is_moved_not_lost(tmp_path):
    data, key_file = tmp_path / "var", tmp_path / "config" / "preferences.key"
    data.mkdir()
    (data / "preferences.key").write_text("an-old-key\n")
    assert load_key(key_file, None, data) == b"an-old-key"
    assert not (data / "preferences.key").exists() and key_file.exists()
