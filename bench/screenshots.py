"""Write a PNG of each page type under docs/screenshots/ (``make screenshots``).

Starts the service on a free port of 127.0.0.1 over the store of the settings (``make build``
first), opens each page in Debian's Chromium (Playwright with the system browser) and saves a
screenshot of the first screen (1200x800, small PNGs meant to be committed).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {  # file name: (path, selector to wait for)
    "home": ("/", "h1"),
    "search": ("/search?q=cress", "ul.hits"),
    "entity": ("/page/organisation/cress", "blockquote.passage"),
    "epci": ("/page/epci/245901160", "p.parts"),
    "document": ("/page/document/apes-decennie-valenciennois", "h1"),
    "list": ("/lists/actors?territory=epci/245901160", "table.list"),
    "editor": ("/query", ".yasqe"),
    "network": ("/network/organisation/apes", "#network[data-ready=true] canvas"),
    "map": ("/map", "#map[data-ready=true] circle.marker"),
    "timeline": ("/timeline/organisation/valenciennes-metropole", "ol.years"),
    "plan": ("/page/plan/valenciennes-metropole-pldess-2021", "ol.plan-tree"),
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "graph_service.app:app_from_environment",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=REPO,
    )
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            tab = browser.new_page(viewport={"width": 1200, "height": 800})
            for name, (path, selector) in PAGES.items():
                tab.goto(base + path)
                tab.wait_for_selector(selector, timeout=20_000)
                if name == "editor":
                    tab.click("button.example[data-name='epci-communes']")
                    tab.wait_for_selector(".yasr tbody tr", timeout=20_000)
                tab.screenshot(path=str(OUT / f"{name}.png"))
                print(f"{OUT / name}.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
