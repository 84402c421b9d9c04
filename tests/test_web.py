"""The web chat's server and JSON API, on loopback with real HTTP."""

import json
import re

import aiohttp
import pytest
from conftest import free_port, run_bot, serve, start_bot, stop_bot, wait_until_up

from bot.core import Core
from bot.settings import Settings
from bot.webassets import FOREVER

AT = "2026-11-24T10:00"


async def test_the_page_is_small_safe_and_french_by_default(server):
    http, url = server
    async with http.get(url + "/") as response:
        page = await response.text()
        headers = response.headers
    assert response.status == 200
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "Set-Cookie" not in headers
    assert '<html lang="fr" dir="ltr">' in page
    assert '<form id="ask" method="post" action="/">' in page
    assert "<script>" not in page and "style=" not in page  # nothing inline: the CSP holds


async def test_the_first_load_is_small_compressed_and_cached(server):
    """First load ≤ 12 KB compressed; static files under a hashed name, kept a year."""
    http, url = server
    async with http.get(url + "/") as response:
        page = await response.text()
    async with aiohttp.ClientSession(auto_decompress=False) as raw:
        gzip = {"Accept-Encoding": "gzip"}
        async with raw.get(url + "/", headers=gzip) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Cache-Control"] == "no-store"
            sizes = [len(await response.read())]
        for asset in re.findall(r'(?:href|src)="(/static/[^"]+)"', page):
            async with raw.get(url + asset, headers=gzip) as response:
                assert response.status == 200
                assert response.headers["Cache-Control"] == FOREVER
                sizes.append(len(await response.read()))
        assert len(sizes) == 4  # the page, its icon, its style, its script
        print(f"first load: {sum(sizes)} bytes compressed ({sizes})")
        assert sum(sizes) <= 12_000
        async with raw.get(url + "/favicon.ico") as response:
            assert response.status == 200 and response.content_type == "image/svg+xml"


async def test_the_page_in_arabic_reads_right_to_left(server):
    http, url = server
    async with http.get(url + "/?lang=ar") as response:
        page = await response.text()
    assert '<html lang="ar" dir="rtl">' in page and "إلى أين تذهب في باريس؟" in page


async def test_the_api_gives_the_same_object_as_ask_json(server, directory_db):
    """The question lists a place with a phone (the 18e's social service)."""
    http, url = server
    async with http.post(url + "/api/ask", json={"text": "assistante sociale 18e", "at": AT}) as r:
        body = await r.json()
    assert r.status == 200
    cli = run_bot("ask", "--db", directory_db, "--json", "--at", AT, "assistante sociale 18e")
    expected = json.loads(cli.stdout)
    assert {k: v for k, v in body.items() if k not in ("html", "direction")} == expected
    assert body["html"].startswith('<article class="answer" lang="fr" dir="ltr">')
    assert 'href="tel:' in body["html"]
    assert "openstreetmap.org/?mlat=" in body["html"]  # the address is a link to the map


async def test_the_api_options(server):
    http, url = server
    question = {"text": "douche", "lang": "ar", "near": {"lat": 48.8839, "lon": 2.3494}, "at": AT}
    async with http.post(url + "/api/ask", json=question) as response:
        body = await response.json()
    assert body["language"] == "ar" and body["direction"] == "rtl"
    assert body["where"]["kind"] == "coordinates"
    assert 'dir="rtl"' in body["html"]
    async with http.post(url + "/api/ask", json={"text": "douche", "falc": True, "at": AT}) as r:
        assert "Les douches de la Ville sont gratuites." in (await r.json())["answer"]
    async with http.post(url + "/api/ask", json={"category": "luggage", "text": "", "at": AT}) as r:
        assert (await r.json())["categories"] == ["luggage"]


@pytest.mark.parametrize(
    "question",
    [
        {"text": "douche", "at": "9999-12-31T23:00"},
        {"text": "douche", "near": {"lat": "nan", "lon": 2.35}},
        {"text": "", "category": "spa"},
    ],
)
async def test_bad_values_get_a_400_with_a_json_error(server, question):
    http, url = server
    async with http.post(url + "/api/ask", json=question) as response:
        assert response.status == 400
        assert "error" in await response.json()


async def test_a_message_not_understood_offers_the_needs_and_the_numbers(server):
    http, url = server
    async with http.post(url + "/api/ask", json={"text": "???", "at": AT}) as response:
        html = (await response.json())["html"]
    assert html.count('name="category"') >= 12 and 'value="food"' in html
    assert 'href="tel:112"' in html and 'href="sms:114"' in html
    form = {"category": "food", "lang": "fr"}
    async with http.post(url + "/", data=form) as response:  # the choice, without JavaScript
        assert "Manger" in await response.text()


async def test_a_long_story_keeps_its_end_where_the_ask_is(server):
    """A message as long as Telegram allows is read whole: the need asked at its end."""
    http, url = server
    story = "Ce matin j'ai pris le bus, puis le métro, puis j'ai marché jusqu'à la gare. " * 45
    text = story + "Bref : où je peux laisser mon sac dans le 13e ?"
    assert 3000 < len(text) <= 4096
    async with http.post(url + "/api/ask", json={"text": text, "at": AT}) as response:
        answer = await response.json()
    assert answer["categories"][0] == "luggage" and answer["where"]["arrondissement"] == 13
    async with http.get(url + "/") as response:
        assert 'maxlength="4096"' in await response.text()


async def test_a_follow_up_sends_back_what_the_last_answer_asked(server):
    """The page keeps the last answer's 'asked' and sends it with the next question: 'et
    demain matin ?' asks for showers near Barbès again; the server keeps nothing."""
    http, url = server
    async with http.post(url + "/api/ask", json={"text": "douche barbès", "at": AT}) as r:
        asked = (await r.json())["asked"]
    assert asked["categories"] == ["shower"] and asked["where"]["kind"] == "station"
    follow_up = {"text": "et demain matin ?", "at": AT, "previous": asked}
    async with http.post(url + "/api/ask", json=follow_up) as r:
        again = await r.json()
    assert again["categories"] == ["shower"] and again["when"]["spec"] == "tomorrow_morning"
    assert again["where"] == asked["where"]
    async with http.post(url + "/api/ask", json={"text": "et demain matin ?", "at": AT}) as r:
        assert (await r.json())["intent"] == "unknown"
    toulouse = {**asked["where"], "lat": 43.6, "lon": 1.44}
    for bad in (
        {"categories": ["spa"]},
        {"categories": ["emergency"]},  # a danger is never carried on
        {"categories": ["shower"], "where": {"kind": "x"}},
        {"categories": ["shower"], "where": {**asked["where"], "kind": "coordinates"}},
        {"categories": ["shower"], "where": toulouse},
        {"categories": ["shower"], "where": {**asked["where"], "arrondissement": True}},
    ):
        async with http.post(url + "/api/ask", json={**follow_up, "previous": bad}) as r:
            assert r.status == 400 and "previous" in (await r.json())["error"], bad


@pytest.mark.parametrize(
    "body, status",
    [
        (b"not json", 400),
        (b"[1, 2]", 400),
        (b'{"text": "x", "near": {"lat": 999, "lon": 2}}', 400),
        (b'{"text": "' + b"a" * 20_000 + b'"}', 413),
    ],
)
async def test_bad_requests_get_a_clear_error(server, body, status):
    http, url = server
    headers = {"Content-Type": "application/json"}
    async with http.post(url + "/api/ask", data=body, headers=headers) as response:
        assert response.status == status


async def test_text_is_escaped(core, tmp_path, make_directory, run_build):
    named = Core(run_build(make_directory("name_with_html")))
    runner, url = await serve(named, Settings(data_dir=tmp_path))
    try:
        async with aiohttp.ClientSession() as http:
            question = {"text": "bagagerie 18e <script>alert(1)</script>"}
            async with http.post(url + "/api/ask", json=question) as response:
                html = (await response.json())["html"]
            async with http.post(url + "/", data={"text": "<img src=x onerror=alert(1)>"}) as r:
                page = await r.text()
    finally:
        await runner.cleanup()
    assert "Bagagerie &amp; Co &lt;Nord&gt;" in html and "<script>" not in html
    assert "1 rue &lt;b&gt;du&lt;/b&gt; Test &amp; fils" in html
    assert "<img src=x" not in page


async def test_the_form_works_without_javascript(server):
    http, url = server
    async with http.post(url + "/", data={"text": "", "category": "shower", "lang": "fr"}) as r:
        page = await r.text()
    assert r.status == 200
    assert 'class="answer"' in page and 'class="card"' in page


async def test_a_client_asking_too_often_is_told_politely(server):
    http, url = server
    limit = Settings().web_rate_limit
    statuses = []
    for _ in range(limit + 1):
        async with http.post(url + "/api/ask", json={"text": "bonjour"}) as response:
            statuses.append(response.status)
            last = await response.json()
    assert statuses[:limit] == [200] * limit and statuses[-1] == 429
    assert last["error"] == "Trop de demandes. Attendez une minute, puis réessayez."


async def test_the_printable_guide(server):
    http, url = server
    async with http.get(url + "/guide/18/shower") as response:
        page = await response.text()
    assert response.status == 200
    assert "<h1>🚿 Douches · Paris 18e</h1>" in page
    assert "Bain-douche Les Amiraux" in page and "<svg" in page
    assert "https://t.me/orientation_bot?start=shower_18_fr" in page
    assert "Numéros utiles" in page and "115" in page
    for bad in ("/guide/21/shower", "/guide/18/pizza", "/guide/x/shower"):
        async with http.get(url + bad) as response:
            assert response.status == 404


async def test_health(server):
    http, url = server
    async with http.get(url + "/healthz") as response:
        assert (response.status, await response.text()) == (200, "ok")


async def test_run_without_a_token_serves_the_chat(directory_db, tmp_path):
    port = free_port()
    process = await start_bot(directory_db, tmp_path, BOT_PORT=str(port))
    try:
        await wait_until_up(f"http://127.0.0.1:{port}/healthz")
        async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{port}/") as r:
            assert "Où aller à Paris ?" in await r.text()
    finally:
        stderr = await stop_bot(process)
    assert process.returncode == 0, stderr.decode()[-2000:]
