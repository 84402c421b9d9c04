"""The web chat as a phone sees it on loopback: the time from tapping a need to the answer
drawn (headless Chromium, Debian's chromium and chromedriver), and the first load's size.

    .venv/bin/python bench/bench_web.py [--taps 25]

Prints figures; asserts nothing (speed is measured here, not in timed tests).
"""

import argparse
import gzip
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from bot.content import MENU

ROOT = Path(__file__).parent.parent
TAP_AND_WAIT = """
var done = arguments[arguments.length - 1], need = arguments[0];
var before = document.querySelectorAll('#log .answer').length, start = performance.now();
document.querySelector("button[value='" + need + "']").click();
(function poll() {
  if (document.querySelectorAll('#log .answer').length > before) {
    requestAnimationFrame(function () { done(performance.now() - start); });
  } else { setTimeout(poll, 2); }
})();
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--taps", type=int, default=25)  # the chat allows 30 a minute
    args = parser.parse_args()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env.update(BOT_PORT=str(port), BOT_DB=str(ROOT / "var/directory.db"), BOT_RELOAD_SECONDS="0")
    server = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=ROOT)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=360,800"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        page = urllib.request.urlopen(request).read()
        print(f"page: {len(page)} bytes gzipped, {len(gzip.decompress(page))} plain")
        driver.get(url)
        needs = list(MENU)
        taps = [
            driver.execute_async_script(TAP_AND_WAIT, needs[i % len(needs)])
            for i in range(args.taps)
        ]
        taps.sort()
        print(
            f"tap a need -> answer drawn: median {statistics.median(taps):.0f} ms, "
            f"p90 {taps[int(len(taps) * 0.9)]:.0f} ms, max {taps[-1]:.0f} ms ({len(taps)} taps)"
        )
    finally:
        driver.quit()
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
