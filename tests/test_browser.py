"""The web chat in a real headless Chromium (Debian's chromium + chromedriver, Selenium)."""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import free_port
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.select import Select
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
    assert len(answer.find_elements(By.CSS_SELECTOR, ".card")) == PAGE_SIZE
    assert answer.find_element(By.CSS_SELECTOR, "a[href^='geo:']")
    assert browser.find_element(By.ID, "log").get_attribute("aria-live") == "polite"
    shot = tmp_path / "chat.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 15_000  # a blank page is a few kilobytes


def test_press_a_menu_button(site, browser):
    browser.get(site + "/")
    browser.find_element(By.CSS_SELECTOR, "button[value='luggage']").click()
    assert "Bagageries et casiers" in answers(browser, 1)[0].text


def test_switch_to_arabic(site, browser):
    browser.get(site + "/")
    Select(browser.find_element(By.ID, "lang")).select_by_value("ar")
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    )
    browser.find_element(By.ID, "text").send_keys("douche", Keys.ENTER)
    answer = answers(browser, 1)[0]
    assert answer.get_attribute("dir") == "rtl" and answer.get_attribute("lang") == "ar"
    assert "حمامات" in answer.text


def test_easy_to_read_french(site, browser):
    browser.get(site + "/")
    browser.find_element(By.ID, "falc").click()
    browser.find_element(By.ID, "text").send_keys("douche", Keys.ENTER)
    assert "Les douches de la Ville sont gratuites." in answers(browser, 1)[0].text


def test_keyboard_only(site, browser):
    browser.get(site + "/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.get_attribute("id") == "text"
    assert focused.value_of_css_property("outline-style") != "none"
    focused.send_keys("manger 18e", Keys.ENTER)
    assert "Manger" in answers(browser, 1)[0].text
    field = browser.find_element(By.ID, "text")
    field.send_keys(Keys.TAB, Keys.TAB, Keys.TAB)  # send, then the first menu buttons
    assert browser.switch_to.active_element.get_attribute("value") == "luggage"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert "Bagageries" in answers(browser, 2)[1].text


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
        assert "Bagagerie 20" in driver.find_element(By.CSS_SELECTOR, ".answer").text
    finally:
        driver.quit()
