"""The web chat in a real headless Chromium (Debian's chromium + chromedriver, Selenium)."""

import base64
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import free_port
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import WebDriverWait

from bot.core import PAGE_SIZE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
    if os.environ.get("BOT_SKIP_BROWSER") == "1":
        pytest.skip("no chromium here (BOT_SKIP_BROWSER=1)", allow_module_level=True)
    raise RuntimeError(
        "chromium and chromedriver are needed: apt-get install chromium "
        "chromium-driver (make test does it), or set BOT_SKIP_BROWSER=1"
    )


@pytest.fixture(scope="module")
def site(directory_db, tmp_path_factory):
    """`python -m bot run` with no token: the web chat, as a person starts it."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env.update(
        BOT_DB=str(directory_db),
        BOT_DATA_DIR=str(tmp_path_factory.mktemp("web")),
        BOT_PORT=str(port),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(20)


def chromium(javascript: bool = True) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=412,915",
    ):
        options.add_argument(flag)
    options.add_argument("--lang=fr-FR")
    prefs = {"intl.accept_languages": "fr-FR,fr"}  # a French phone
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


@pytest.fixture
def browser():
    driver = chromium()
    yield driver
    driver.quit()


def answers(driver, count: int, timeout: float = 15):
    WebDriverWait(driver, timeout).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#log .answer")) >= count
    )
    return driver.find_elements(By.CSS_SELECTOR, "#log .answer")


def test_type_a_message_and_see_places(site, browser, tmp_path):
    browser.get(site + "/")
    field = browser.find_element(By.ID, "text")
    field.send_keys("douche vers république", Keys.ENTER)
    answer = answers(browser, 1)[0]
    assert "Douches · près de République" in answer.text
    assert answer.find_element(By.CSS_SELECTOR, ".asked").text == "douche vers république"
    assert len(answer.find_elements(By.CSS_SELECTOR, ".card")) == PAGE_SIZE
    assert answer.find_element(By.CSS_SELECTOR, "a[href*='openstreetmap.org/?mlat=']")
    assert browser.find_element(By.ID, "log").get_attribute("aria-live") == "polite"
    shot = tmp_path / "chat.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 15_000  # a blank page is a few kilobytes


def test_a_follow_up_asks_the_same_need_again(site, browser):
    browser.get(site + "/")
    field = browser.find_element(By.ID, "text")
    field.send_keys("douche vers république", Keys.ENTER)
    answers(browser, 1)
    field.send_keys("et dans le 20e ?", Keys.ENTER)
    assert "Douches · Paris 20e" in answers(browser, 2)[0].text


def test_press_a_menu_button(site, browser):
    browser.get(site + "/")
    browser.find_element(By.CSS_SELECTOR, "button[value='luggage']").click()
    assert "Bagageries et casiers" in answers(browser, 1)[0].text


def test_choose_arabic_at_the_top(site, browser):
    browser.get(site + "/")
    browser.find_element(By.CSS_SELECTOR, "details.language summary").click()
    browser.find_element(By.CSS_SELECTOR, "a[hreflang='ar']").click()
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    )
    browser.find_element(By.ID, "text").send_keys("douche", Keys.ENTER)
    answer = answers(browser, 1)[0]
    assert answer.get_attribute("dir") == "rtl" and answer.get_attribute("lang") == "ar"
    assert "حمامات" in answer.text
    card = answer.find_element(By.CSS_SELECTOR, ".card")  # no empty band on either side
    places = answer.find_element(By.CSS_SELECTOR, ".places")
    assert card.rect["width"] >= places.rect["width"] - 2


def test_the_page_follows_the_language_written(site, browser):
    browser.get(site + "/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    browser.find_element(By.ID, "text").send_keys("وين نقدر ندوش قريب من باربس", Keys.ENTER)
    assert answers(browser, 1)[0].get_attribute("lang") == "ar"
    html = browser.find_element(By.TAG_NAME, "html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    assert browser.find_element(By.ID, "send").text == "إرسال"
    assert browser.find_element(By.CSS_SELECTOR, ".urgent a[href='tel:112']")
    browser.find_element(By.CSS_SELECTOR, "button[value='food']").click()
    assert answers(browser, 2)[0].get_attribute("lang") == "ar"  # the newest first, in Arabic


def test_easy_to_read_french(site, browser):
    browser.get(site + "/?lang=falc")
    browser.find_element(By.ID, "text").send_keys("douche", Keys.ENTER)
    assert "Les douches de la Ville sont gratuites." in answers(browser, 1)[0].text


def test_keyboard_only(site, browser):
    browser.get(site + "/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    for _ in range(8):  # the language menu, the numbers, near me, then the question
        focused = browser.switch_to.active_element
        assert focused.value_of_css_property("outline-style") != "none"
        if focused.get_attribute("id") == "text":
            break
        focused.send_keys(Keys.TAB)
    assert focused.get_attribute("id") == "text"
    focused.send_keys("manger 18e", Keys.ENTER)
    assert "Manger" in answers(browser, 1)[0].text
    button = browser.find_element(By.CSS_SELECTOR, "button[value='luggage']")
    for _ in range(60):
        if browser.switch_to.active_element == button:
            break
        browser.switch_to.active_element.send_keys(Keys.TAB)
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert "Bagageries" in answers(browser, 2)[0].text


def test_a_slow_network_shows_it_is_busy_and_asks_once(site, browser):
    browser.get(site + "/")
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 1500,
            "downloadThroughput": 50_000,
            "uploadThroughput": 20_000,
        },
    )
    shower = browser.find_element(By.CSS_SELECTOR, "button[value='shower']")
    shower.click()
    assert browser.find_element(By.ID, "log").get_attribute("aria-busy") == "true"
    assert browser.find_element(By.ID, "busy").text == "Recherche en cours…"
    assert not shower.is_enabled()
    browser.execute_script("arguments[0].click(); arguments[0].click();", shower)
    answers(browser, 1)
    time.sleep(2)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#log .answer")) == 1
    assert browser.find_element(By.ID, "busy").text == "" and shower.is_enabled()


def test_offline_is_said_in_the_page_language(site, browser):
    browser.get(site + "/?lang=es")
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    browser.find_element(By.ID, "text").send_keys("ducha", Keys.ENTER)
    notice = WebDriverWait(browser, 10).until(
        seen.presence_of_element_located((By.CSS_SELECTOR, "#log .notice"))
    )
    assert notice.text and "Failed to fetch" not in notice.text
    assert notice.get_attribute("role") == "alert"


def test_near_me_asks_the_position_only_on_click(site, browser):
    browser.execute_cdp_cmd(
        "Browser.grantPermissions", {"origin": site, "permissions": ["geolocation"]}
    )
    browser.execute_cdp_cmd(
        "Emulation.setGeolocationOverride",
        {"latitude": 48.8839, "longitude": 2.3494, "accuracy": 50},
    )
    browser.get(site + "/")
    assert browser.find_element(By.ID, "lat").get_attribute("value") == ""
    browser.find_element(By.ID, "text").send_keys("douche")
    browser.find_element(By.ID, "near").click()
    answer = answers(browser, 1)[0]
    assert "près de vous" in answer.text
    assert re.search(r"· \d+(,\d)? k?m\n", answer.text)  # distances from the position
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.ID, "position").text == "Position trouvée : Paris 18e"
    )
    assert answer.find_element(By.CSS_SELECTOR, "svg.map circle[stroke='#c00']")


def test_without_javascript_the_form_still_answers(site):
    driver = chromium(javascript=False)
    try:
        driver.get(site + "/")
        assert not driver.find_element(By.ID, "near").is_displayed()
        driver.find_element(By.ID, "text").send_keys("bagagerie 20e")
        driver.find_element(By.ID, "send").click()
        WebDriverWait(driver, 10).until(
            seen.presence_of_element_located((By.CSS_SELECTOR, ".answer"))
        )
        assert (
            "Bagageries et casiers · Paris 20e"
            in driver.find_element(By.CSS_SELECTOR, ".answer").text
        )
        first = driver.find_element(By.CSS_SELECTOR, ".answer")
        driver.find_element(By.CSS_SELECTOR, "input[value='open']").click()  # a filter
        driver.find_element(By.ID, "text").send_keys("douche barbès")
        driver.find_element(By.ID, "send").click()
        WebDriverWait(driver, 10).until(seen.staleness_of(first))
        assert driver.find_element(By.CSS_SELECTOR, "input[value='open']").is_selected()
        assert "Douches" in driver.find_element(By.CSS_SELECTOR, ".answer").text
    finally:
        driver.quit()


AXE = Path(__file__).parent.parent / "var/npm/node_modules/axe-core/axe.min.js"


def axe_violations(driver) -> list:
    """axe-core's violations on the page as it is now (make test installs axe-core)."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    return driver.execute_async_script(
        "var done = arguments[0];"
        "axe.run(document).then(function (r) { done(r.violations.map(function (v) {"
        "  return [v.id, v.impact, v.nodes.map(function (n) { return n.html; })]; })); });"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?lang=ar",
        "/?lang=falc",
        "/guide",
        "/guide/18/shower",
        "/lieu/bain-douche-meaux",
        "/lieu/bain-douche-meaux?lang=fa",
        "/nowhere?lang=uk",
    ],
)
def test_no_accessibility_violation(site, browser, path):
    browser.get(site + path)
    assert axe_violations(browser) == []


def test_no_accessibility_violation_in_answers(site, browser):
    browser.get(site + "/")
    for question in ("douche barbès", "وين نقدر ندوش قريب من باربس", "je veux mourir", "???"):
        browser.find_element(By.ID, "text").send_keys(question, Keys.ENTER)
        time.sleep(0.3)
        WebDriverWait(browser, 10).until(
            lambda d: d.find_element(By.ID, "log").get_attribute("aria-busy") == "false"
        )
    assert len(answers(browser, 4)) == 4
    assert axe_violations(browser) == []


def test_everything_tappable_is_44_px(site, browser):
    browser.get(site + "/")
    browser.find_element(By.ID, "text").send_keys("bagagerie 20e", Keys.ENTER)
    answers(browser, 1)
    small = [
        (element.tag_name, element.text, element.rect["height"])
        for element in browser.find_elements(By.CSS_SELECTOR, "a, button, summary, label.filter")
        if element.is_displayed() and element.rect["height"] < 44
    ]
    assert small == []


@pytest.mark.parametrize("guide", ["18/food", "10/shower?lang=ar", "20/luggage?lang=uk"])
def test_a_guide_prints_on_one_a4_page(site, browser, guide):
    """8 places with their week's hours, the numbers and the QR code on one A4 sheet
    (all 260 sheets measured once: 1 page each)."""
    browser.get(f"{site}/guide/{guide}")
    assert len(browser.find_elements(By.CSS_SELECTOR, ".card")) == 8
    pdf = browser.execute_cdp_cmd(
        "Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True}
    )
    pages = re.findall(rb"/Type\s*/Page[^s]", base64.b64decode(pdf["data"]))
    assert len(pages) == 1
    browser.get(site + "/guide")  # the index is longer: the count is real
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    assert len(re.findall(rb"/Type\s*/Page[^s]", base64.b64decode(pdf["data"]))) > 1
