"""The review app in a real browser: Playwright driving Debian's Chromium against a real `lixcheck serve`.

Covers the paste flow with live re-checking, one-click replacements, the upload flow (.docx built here), keyboard-only
use with visible focus, the app without JavaScript, and an axe-core scan (vendored in tests/data/axe-core). One browser
and one server for the module. A screenshot of the result page goes to test-artifacts/.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from web_server import ROOT, lixcheck_server

from lixcheck.cli import SAMPLE

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "tests" / "data" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
LETTER = SAMPLE.read_text(encoding="utf-8")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"]
TIMEOUT_MS = 15_000

if not CHROMIUM.exists():
    pytest.skip(f"Debian's Chromium is not installed at {CHROMIUM} (scripts/test.sh installs it)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with lixcheck_server(tmp_path_factory.mktemp("serve")) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.csp_errors = []
    pg.on("console", lambda m: pg.csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    yield pg
    assert pg.csp_errors == [], "the page broke its own Content-Security-Policy"
    context.close()


def wait_for_check(page, previous: str = "") -> str:
    page.wait_for_function("prev => { const s = document.getElementById('status').textContent;"
                           " return s.startsWith('Tjekket') && s !== prev; }", arg=previous)
    return page.locator("#status").text_content()


def axe_violations(page) -> list[dict]:
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated through the devtools protocol, not a <script>
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"]]


def test_paste_flow_live_recheck_and_screenshot(page, server):
    page.goto(server + "/")
    page.fill("#text", LETTER)  # fires "input": the page checks through the JSON API after a short pause
    status = wait_for_check(page)
    assert re.match(r"Tjekket: \d+ fund\. LIX \d+ \(", status), status
    assert page.locator("#results mark").count() > 0
    assert page.locator("#results li.finding").count() == int(re.search(r"(\d+) fund", status).group(1))
    assert page.locator("#lix-meter").count() == 1
    page.locator("#text").press("End")
    page.keyboard.type(" Såfremt De har spørgsmål, bedes De ringe. Dit CPR-nummer er 010203-1234.")
    wait_for_check(page, status)
    findings = page.locator("#results .findings").text_content()
    assert "010203-XXXX" in findings and "010203-1234" not in findings  # finding texts are masked
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-result.png"), full_page=True)


def test_apply_a_replacement_with_one_click(page, server):
    page.goto(server + "/")
    page.fill("#text", LETTER)
    status = wait_for_check(page)
    button = page.locator("#results button.apply").first
    offset, length = int(button.get_attribute("data-offset")), int(button.get_attribute("data-length"))
    replacement = button.get_attribute("data-replacement")
    button.click()
    wait_for_check(page, status)
    value = page.input_value("#text")
    assert value == LETTER[:offset] + replacement + LETTER[offset + length:]


def test_upload_docx(page, server, tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("Afgørelse om hjælp til enkeltudgifter", level=1)
    for para in LETTER.split("\n\n")[2:]:
        d.add_paragraph(para)
    buf = io.BytesIO()
    d.save(buf)
    path = tmp_path / "afgørelse.docx"
    path.write_bytes(buf.getvalue())
    page.goto(server + "/")
    page.set_input_files("#file", str(path))
    page.select_option("#upload-kind", "decision")
    with page.expect_navigation():
        page.click("#upload-form button[type=submit]")
    assert "afgørelse.docx" in page.locator("#results-title").text_content()
    assert page.locator("#results mark").count() > 0
    assert page.locator("#status").text_content().startswith("Tjekket")
    json_button = page.locator(".downloads button[value=json]")
    with page.expect_download() as dl:
        json_button.click()
    assert dl.value.suggested_filename.endswith("-lixcheck.json")
    docx_button = page.locator(".downloads button[value=docx]")
    try:
        import lixcheck.writers.docx_annotate  # noqa: F401
    except ImportError:
        assert docx_button.count() == 0
        return
    with page.expect_download() as dl:
        docx_button.click()
    out = tmp_path / "annoteret.docx"
    dl.value.save_as(out)
    assert out.read_bytes()[:2] == b"PK"


def test_keyboard_only_use_with_visible_focus(page, server):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    for _ in range(12):  # Tab through the menu to the text box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "text":
            break
    assert page.evaluate("document.activeElement.id") == "text"
    page.keyboard.type("Vi skal hermed meddele, at De har fået ret. Såfremt De har spørgsmål, bedes De "
                       "kontakte os. Vi har behandlet sagen i henhold til loven.")
    page.keyboard.press("Tab")  # letter kind
    page.keyboard.press("Tab")  # "Tjek teksten"
    focused = page.evaluate("[document.activeElement.textContent, getComputedStyle(document.activeElement)"
                            ".outlineStyle, getComputedStyle(document.activeElement).outlineWidth]")
    assert focused[0] == "Tjek teksten" and focused[1] != "none" and focused[2] != "0px", focused
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#status").text_content().startswith("Tjekket")
    before = page.input_value("#text")
    for _ in range(60):  # Tab on to the first replacement button and use it with the keyboard
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('apply')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('apply')")
    status = page.locator("#status").text_content()
    page.keyboard.press("Enter")
    wait_for_check(page, status)
    assert page.input_value("#text") != before


def test_works_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        page.goto(server + "/")
        page.fill("#text", LETTER)
        with page.expect_navigation():
            page.click("#paste-form button[type=submit]:not([formaction])")
        assert page.locator("#status").text_content().startswith("Tjekket")
        button = page.locator("#results button.apply").first
        replacement = button.get_attribute("data-replacement")
        with page.expect_navigation():
            button.click()  # a plain form post: the server applies the replacement and checks again
        assert "er erstattet med" in page.locator(".notice").text_content()
        assert replacement in page.input_value("#text")
    finally:
        context.close()


def test_axe_finds_no_serious_or_critical_violations(page, server):
    problems = {}
    for path in ("/", "/om", "/regler"):
        page.goto(server + path)
        problems[path] = axe_violations(page)
    rule_link = page.locator("table.rules a").first
    if rule_link.count():
        rule_link.click()
        problems[page.url] = axe_violations(page)
    page.goto(server + "/")
    page.fill("#text", LETTER)
    wait_for_check(page)
    problems["result (live)"] = axe_violations(page)
    with page.expect_navigation():
        page.click("#paste-form button[type=submit]:not([formaction])")
    problems["result (server)"] = axe_violations(page)
    bad = {where: [v for v in vs if v["impact"] in ("serious", "critical")] for where, vs in problems.items()}
    assert not any(bad.values()), bad


def _rendered(page) -> dict:
    norm = "s => s.replace(/\\s+/g, ' ').trim()"
    return page.evaluate(f"""() => {{
        const norm = {norm};
        const texts = sel => Array.from(document.querySelectorAll(sel), e => norm(e.innerText));
        return {{letter: Array.from(document.querySelectorAll('#letter > div'), e => e.textContent),
                 marks: Array.from(document.querySelectorAll('#letter mark'), e => e.className + '|' + e.dataset.ids),
                 findings: texts('#results li.finding'), checklist: texts('#results .checklist'),
                 lix: texts('#results .lix'), status: norm(document.getElementById('status').textContent)}};
    }}""")


def test_live_and_server_rendered_results_agree(page, server):
    page.goto(server + "/")
    page.select_option("#kind", "decision")
    page.fill("#text", LETTER)
    wait_for_check(page)
    live = _rendered(page)
    with page.expect_navigation():
        page.click("#paste-form button[type=submit]:not([formaction])")
    served = _rendered(page)
    assert live["findings"] and live["marks"] and live["checklist"]
    for key in live:
        assert live[key] == served[key], key
