"""A real browser: JupyterLab (from PyPI) with the Keyton kernel, examples/plot.ipynb
opened in headless Chromium (Debian's package, driven by Playwright with the system
browser: nothing is downloaded at run time), every cell run from the Run menu, and the
page checked for the rendered SVG chart, the HTML table and the text output. A
screenshot is kept at target/browser/plot.png. scripts/test.sh installs chromium,
jupyterlab and playwright."""
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]
CHROMIUM = os.environ.get("KAYTON_CHROMIUM", "/usr/bin/chromium")
# As root, and on a machine with no way out: no sandbox, no background connections.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def lab():
    if not pathlib.Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test.sh installs Debian's chromium")
    root = pathlib.Path(tempfile.mkdtemp(prefix="keyton-lab-"))
    shutil.copy(REPO / "examples" / "plot.ipynb", root / "plot.ipynb")
    port, token = free_port(), uuid.uuid4().hex
    log = open(root / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
         "--ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--ServerApp.allow_root=True", "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        stdout=log, stderr=subprocess.STDOUT, cwd=root,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("JupyterLab did not start:\n" + (root / "lab.log").read_text()[-3000:])
            time.sleep(0.5)
    yield base, token
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(root, ignore_errors=True)


def accept_kernel_dialog(page, wait_s=5.0):
    """Accept a "Select Kernel" dialog (its choice is the notebook's Keyton) if one
    shows within `wait_s` seconds."""
    dialog = page.locator(".jp-Dialog:has-text('Select Kernel')")
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if dialog.count() > 0:
            dialog.get_by_role("button", name="Select", exact=True).click()
            page.wait_for_selector(".jp-Dialog", state="detached", timeout=30_000)
            return
        time.sleep(0.25)


def test_plot_notebook_renders_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright

    base, token = lab
    shots = REPO / "target" / "browser"
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 2000})
        try:
            page.goto(f"{base}/lab/tree/plot.ipynb?token={token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
            # The kernel is up when the toolbar's kernel status says so.
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                                   timeout=120_000)
            # JupyterLab may ask which kernel to start (when it opened the notebook before
            # the kernelspecs arrived): Keyton is its proposal.
            accept_kernel_dialog(page)
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_text("Run All Cells", exact=True).click()
            accept_kernel_dialog(page)
            # The chart (image/svg+xml), the table (text/html), printed text, the last chart.
            page.wait_for_selector(".jp-RenderedSVG", timeout=300_000)
            page.wait_for_selector(".jp-RenderedHTMLCommon table th:text('pdf')", timeout=300_000)
            page.wait_for_selector(".jp-OutputArea-output:has-text('peak at x = 0')",
                                   timeout=300_000)
            page.wait_for_function("document.querySelectorAll('.jp-RenderedSVG').length >= 3",
                                   timeout=300_000)
            svgs = page.locator(".jp-RenderedSVG")
            first = svgs.first.bounding_box()
            assert first and first["width"] > 200 and first["height"] > 100, first
            assert page.locator(".jp-RenderedHTMLCommon td:text('0.3989')").count() == 1
            assert page.locator(".jp-RenderedHTMLCommon b:text('symmetric')").count() == 1
            assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
        finally:
            page.screenshot(path=str(shots / "plot.png"), full_page=True)
            browser.close()
