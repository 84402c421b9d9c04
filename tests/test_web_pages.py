"""The web chat's other pages and its HTTP manners: a place's page, the guides and their
index, errors in the person's language, headers on every response, the page following the
language the person writes in, filters, the map. Real aiohttp server on loopback."""

import html
import re

import pytest
from test_web import AT

ARABIC_SHOWER = "وين نقدر ندوش قريب من باربس"


async def test_every_response_has_the_headers_and_no_version(server):
    http, url = server
    checks = [
        ("GET", "/", None, 200),
        ("GET", "/nowhere", None, 404),
        ("GET", "/guide/21/shower", None, 404),
        ("DELETE", "/", None, 405),
        ("GET", "/api/nowhere", None, 404),
        ("POST", "/api/ask", b'{"text": "' + b"a" * 20_000 + b'"}', 413),
    ]
    for method, path, data, status in checks:
        async with http.request(method, url + path, data=data) as response:
            assert response.status == status, path
            assert "default-src 'none'" in response.headers["Content-Security-Policy"], path
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["Server"] == "paris-orientation-bot"
            if path.startswith("/api/"):
                assert response.content_type == "application/json", path
                assert (await response.json())["error"]
            elif status >= 400:
                assert response.content_type == "text/html", path
                page = html.unescape(await response.text())
                assert "Cette page n'existe pas." in page or status == 405


async def test_a_wrong_address_gets_a_page_in_the_persons_language(server):
    http, url = server
    async with http.get(url + "/guide/18/pizza?lang=ar") as response:
        page = await response.text()
    assert response.status == 404
    assert '<html lang="ar" dir="rtl">' in page and 'href="tel:112"' in page
    assert 'href="/?lang=ar"' in page  # back to the chat, in the same language


async def test_the_page_follows_the_language_written(server):
    """On a French page, a message in Arabic is answered in Arabic, with the page's words
    to follow; a language the person chose wins."""
    http, url = server
    question = {"text": ARABIC_SHOWER, "page_lang": "fr", "at": AT}
    async with http.post(url + "/api/ask", json=question) as response:
        body = await response.json()
    assert body["language"] == "ar" and body["direction"] == "rtl"
    assert body["labels"]["title"] == "إلى أين تذهب في باريس؟"
    assert body["labels"]["menu.shower"] and "{place}" in body["labels"]["located"]
    assert f"<bdi>{ARABIC_SHOWER}</bdi>" in body["html"]  # the question echoed
    async with http.post(url + "/api/ask", json={**question, "lang": "fr"}) as response:
        chosen = await response.json()
    assert chosen["language"] == "fr" and "labels" not in chosen
    async with http.post(url + "/api/ask", json={"text": "douche", "page_lang": "ar"}) as r:
        assert "labels" not in await r.json()  # a French word on an Arabic page: a hint
    async with http.post(url + "/", data={"text": ARABIC_SHOWER, "page_lang": "fr"}) as r:
        page = await r.text()  # without JavaScript, the whole page turns
    assert '<html lang="ar" dir="rtl">' in page and 'name="page_lang" value="ar"' in page


async def test_the_position_in_words(server):
    http, url = server
    async with http.post(url + "/api/where", json={"lat": 48.8839, "lon": 2.3494}) as r:
        assert await r.json() == {"arrondissement": 18, "label": "Paris 18e"}
    async with http.post(url + "/api/where", json={"lat": 48.80, "lon": 2.47}) as r:
        assert (await r.json())["label"] == "hors de Paris"
    async with http.post(url + "/api/where", json={"lat": "x"}) as r:
        assert r.status == 400


async def test_the_answer_has_a_small_map_matching_the_list(server):
    http, url = server
    question = {"text": "douche barbès", "at": AT}
    async with http.post(url + "/api/ask", json=question) as response:
        body = await response.json()
    svg = re.search(r"<svg class=\"map\".*?</svg>", body["html"], re.S).group(0)
    located = [p for p in body["places"] if p["distance_m"] is not None]
    pins = re.findall(r'font-weight="bold" fill="#fff" text-anchor="middle">(\d+)<', svg)
    assert pins == [str(n) for n in range(len(located), 0, -1)]  # drawn last to first
    assert 'stroke="#c00"' in svg  # the point the distances are from
    assert len(svg.encode()) < 15_000 and "style=" not in svg
    print(f"map: {len(svg.encode())} bytes for {len(pins)} pins")


async def test_filters_narrow_the_list(server):
    http, url = server
    base = {"text": "dormir", "category": "shelter", "at": AT}
    async with http.post(url + "/api/ask", json={**base, "filters": ["woman"]}) as r:
        women = await r.json()
    assert women["profile"] == ["woman"]
    assert all("men" not in p["audience"] or "women" in p["audience"] for p in women["places"])
    moment = {"text": "douche barbès", "at": "2026-11-23T13:30"}  # a Monday: 1 bath open near
    async with http.post(url + "/api/ask", json={**moment, "filters": ["open"]}) as r:
        open_only = await r.json()
    async with http.post(url + "/api/ask", json=moment) as r:
        everything = await r.json()
    assert open_only["places"] and all(p["open"] for p in open_only["places"])
    assert [p["open"] for p in everything["places"]] != [True] * len(everything["places"])
    async with http.post(url + "/api/ask", json={**base, "filters": ["spa"]}) as r:
        assert r.status == 400


async def test_a_place_has_its_own_page_to_share(server):
    http, url = server
    async with http.get(url + "/lieu/bain-douche-meaux?lang=fr") as response:
        page = await response.text()
    assert response.status == 200
    assert "<h1><bdi>Bain-douche Meaux</bdi></h1>" in page
    assert page.count('class="week"') == 7  # its week of hours
    assert '<svg class="map"' in page and '<figure class="qr">' in page
    assert f"{url}/lieu/bain-douche-meaux?lang=fr" in page  # the link to share
    async with http.get(url + "/lieu/no-such-place") as response:
        assert response.status == 404


async def test_the_guides_have_an_index(server):
    http, url = server
    async with http.get(url + "/guide?lang=es") as response:
        page = await response.text()
    assert response.status == 200 and '<html lang="es" dir="ltr">' in page
    assert page.count('href="/guide/') == 20 * 13
    assert 'href="/guide/18/shower?lang=es"' in page


@pytest.mark.parametrize("path", ["/", "/?lang=ar", "/guide", "/lieu/bain-douche-meaux"])
async def test_pages_are_escaped_and_inline_free(server, path):
    http, url = server
    async with http.get(url + path) as response:
        page = await response.text()
    assert "<script>" not in page and "style=" not in page and " on" + "click" not in page
    assert re.search(r'<link rel="stylesheet" href="/static/chat\.[0-9a-f]{10}\.css">', page)


async def test_the_busy_and_error_words_are_in_the_page(server):
    """What the script says while waiting, offline or on an error, in the page's language."""
    http, url = server
    async with http.get(url + "/?lang=uk") as response:
        page = await response.text()
    for key in ("busy", "locating", "located", "denied", "offline", "failed"):
        value = re.search(rf'data-{key}="([^"]*)"', page).group(1)
        assert value and not re.search(r"[éèà]", value), key  # translated, not French
