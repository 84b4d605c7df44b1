#!/usr/bin/env python
"""docs/review-page.png: the review page in headless Chromium (Debian's chromium + chromedriver)
with an example draft pasted and one suggestion selected.

    .venv/bin/python scripts/screenshot_serve.py [--out docs/review-page.png] [--dark]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "review-page.png"))
    parser.add_argument("--dark", action="store_true", help="prefers-color-scheme: dark")
    args = parser.parse_args()

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.serve.conftest import CHROMEDRIVER, CHROMIUM, DRAFT, running

    with running() as server, tempfile.TemporaryDirectory() as profile:
        opts = webdriver.ChromeOptions()
        opts.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1280,860", "--hide-scrollbars", f"--user-data-dir={profile}"):
            opts.add_argument(arg)
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
        try:
            if args.dark:
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                    "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
            driver.get(f"{server.url}/?token={server.token}")
            WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.body.dataset.ready"))
            driver.find_element(By.ID, "text").click()
            driver.execute_cdp_cmd("Input.insertText", {"text": DRAFT.read_text(encoding="utf-8")})
            WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".finding .change del"))
            card = driver.find_element(By.XPATH, "//li[contains(@class,'finding')][.//del]")
            card.find_element(By.CSS_SELECTOR, "button.locate").click()
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", card)
            driver.save_screenshot(args.out)
        finally:
            driver.quit()
    print(args.out)


if __name__ == "__main__":
    main()
