"""Repeat visits to /today in headless Chromium: from the service worker's cache, and from the network."""
from __future__ import annotations

import os
import statistics

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = {"width": 390, "height": 844}
LOAD_TIME = "performance.getEntriesByType('navigation')[0].loadEventEnd"


def repeat_visits(base: str, email: str, password: str, runs: int = 7) -> dict | None:
    """Median load times (ms): network without a worker or HTTP cache, and the worker's cache while offline."""
    if not os.path.exists(CHROMIUM):
        return None
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            context = browser.new_context(viewport=PHONE, service_workers="allow")
            page = context.new_page()
            page.goto(f"{base}/login")
            page.fill("input[name=email]", email)
            page.fill("input[name=password]", password)
            page.click("button[type=submit]")
            page.wait_for_url("**/today")
            page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)
            page.reload(wait_until="load")  # the worker now controls the page and has cached it
            network = _network(browser, context.storage_state(), base, runs)
            context.set_offline(True)
            cached = _timed(page, lambda: page.reload(wait_until="load"), runs, from_worker=True)
            context.close()
        finally:
            browser.close()
    return {"network_ms": network, "worker_ms": cached, "ratio": cached / network}


def _network(browser, state, base: str, runs: int) -> float:
    context = browser.new_context(viewport=PHONE, service_workers="block", storage_state=state)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    page.goto(f"{base}/today", wait_until="load")
    try:
        return _timed(page, lambda: page.goto(f"{base}/today", wait_until="load"), runs, from_worker=False)
    finally:
        context.close()


def _timed(page, visit, runs: int, from_worker: bool) -> float:
    times = []
    for _ in range(runs):
        response = visit()
        if response is None or response.status != 200 or response.from_service_worker != from_worker:
            raise RuntimeError(f"/today was not served {'by the worker' if from_worker else 'by the network'}")
        times.append(page.evaluate(LOAD_TIME))
    return statistics.median(times)
