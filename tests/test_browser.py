"""The review app in a real browser: Playwright driving Debian's Chromium against a real `lixcheck serve`.

The editor (CodeMirror, static/vendor/codemirror.js): typing makes marks appear in the text, a click or F8 + Enter
opens the popover, a fix keeps the scroll position and puts the cursor after the new words, ignoring and filtering,
positions after characters outside the Basic Multilingual Plane; the upload flow into the editor; the page without
JavaScript; axe-core (vendored in tests/data/axe-core); 1366×768 and 390 px wide; print. One browser and one server
for the module; every page is watched for Content-Security-Policy violations. Screenshots of the main states go to
test-artifacts/ (git-ignored).
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
WIDE = {"width": 1366, "height": 768}
NARROW = {"width": 390, "height": 844}
FILLER = ("Vi har fået din ansøgning, og vi ser på den nu. Du hører fra os, når vi er færdige. Har du spørgsmål, "
          "kan du ringe til os på telefon 12 34 56 78 mellem kl. 9 og 15.")

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


def _open(browser, viewport=WIDE, **kwargs):
    context = browser.new_context(viewport=viewport, locale="da-DK", **kwargs)
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.problems = []
    pg.on("console", lambda m: pg.problems.append(m.text) if "Content Security Policy" in m.text else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"script error: {e}"))
    return context, pg


@pytest.fixture()
def page(browser):
    context, pg = _open(browser)
    yield pg
    assert pg.problems == [], "the page broke its own Content-Security-Policy or threw"
    context.close()


@pytest.fixture()
def narrow(browser):
    context, pg = _open(browser, NARROW, is_mobile=True, has_touch=True)
    yield pg
    assert pg.problems == []
    context.close()


def shot(page, name: str, **kwargs) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), **kwargs)


def wait_for_check(page, previous: str = "") -> str:
    page.wait_for_function("prev => { const s = document.getElementById('status');"
                           " return s.textContent.startsWith('Tjekket') && s.textContent !== prev"
                           " && !s.hasAttribute('aria-busy'); }", arg=previous)
    return page.locator("#status").text_content()


def write(page, text: str) -> str:
    """Put text into the empty editor as one insertion (a paste) and wait for the check."""
    page.locator(".cm-content").click()
    page.keyboard.insert_text(text)
    return wait_for_check(page)


def editor(page) -> dict:
    """The editor's text and selection, read from CodeMirror itself."""
    return page.evaluate("""() => {
        const view = LixcheckCM.EditorView.findFromDOM(document.querySelector('.cm-editor'));
        const sel = view.state.selection.main;
        return {text: view.state.doc.toString(), anchor: sel.anchor, head: sel.head};
    }""")


def marks(page) -> list[dict]:
    """The marks in the editor, one per finding: {fid, rule, severity, text} (a mark may be drawn in pieces)."""
    return page.evaluate("""() => {
        const out = new Map();
        for (const el of document.querySelectorAll('.cm-content .lx-mark')) {
            const fid = el.dataset.fid;
            const m = out.get(fid) || {fid: Number(fid), rule: el.dataset.rule,
                                       severity: el.className.match(/lx-(error|warning|suggestion)/)[1], text: ''};
            m.text += el.textContent;
            out.set(fid, m);
        }
        return Array.from(out.values());
    }""")


def visible_cards(page) -> list[dict]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('#results li.finding'))
        .filter(li => li.offsetParent !== null)
        .map(li => ({fid: Number(li.dataset.fid), rule: li.dataset.rule, severity: li.dataset.severity,
                     category: li.dataset.category}))""")


def mark_locator(page, rule: str, text: str):
    return page.locator(f".cm-content .lx-mark[data-rule='{rule}']", has_text=text)


def axe_violations(page) -> list[dict]:
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated through the devtools protocol, not a <script>
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"]]


def test_typing_makes_marks_appear_in_the_editor(page, server):
    page.goto(server + "/")
    assert page.locator("#text").is_hidden() and page.locator(".cm-editor").is_visible()
    status = write(page, LETTER)
    assert re.match(r"Tjekket: \d+ fund\. LIX \d+ \(", status), status
    found = marks(page)
    assert found and all(LETTER.count(m["text"]) for m in found)
    shows = page.locator("#results a.show").count()
    assert len(found) == shows  # every finding the panel can show in the text is marked in it
    assert page.locator("#results li.finding").count() == int(re.search(r"(\d+) fund", status).group(1))
    assert page.locator(".cm-content .lx-sent-hard, .cm-content .lx-sent-very-hard").count() > 0
    assert page.locator("#lix-meter").count() == 1 and "Mål for afgørelse" in page.locator("#lix-live").inner_text()
    shot(page, "editor-marks.png")
    # Typing a new sentence: after the pause, its words are marked where they were typed.
    page.keyboard.press("Control+End")
    page.keyboard.type(" Såfremt De har spørgsmål, ring til os. Dit CPR-nummer er 010203-1234.", delay=5)
    status = wait_for_check(page, status)
    text = editor(page)["text"]
    assert text.endswith("Dit CPR-nummer er 010203-1234.")  # the editor keeps the user's text
    new = [m for m in marks(page) if m["rule"] == "jargon" and m["text"] == "Såfremt"]
    assert len(new) == 2, new
    panel = page.locator("#results").inner_text()
    assert "010203-XXXX" in panel and "010203-1234" not in panel  # the panel shows CPR numbers masked
    shot(page, "editor-typed.png", full_page=True)


def test_click_a_mark_and_apply_a_fix_keeps_the_scroll_position(page, server):
    page.goto(server + "/")
    text = LETTER + "\n" + "\n\n".join([FILLER] * 6) + "\n\nSåfremt du har flere spørgsmål, kan du skrive til os.\n"
    write(page, text)
    target = mark_locator(page, "jargon", "Såfremt").last
    target.evaluate("el => el.scrollIntoView({block: 'center', behavior: 'instant'})")
    y = page.evaluate("window.scrollY")
    assert y > 200
    target.click()
    pop = page.locator(".lx-popover")
    assert pop.is_visible()
    assert "Hvis" in pop.locator("button.fix").all_inner_texts()
    assert pop.locator("button", has_text="Ignorer her").count() == 1
    assert pop.locator("button", has_text="Ignorer reglen i dette brev").count() == 1
    assert "i stedet for" in pop.inner_text()  # the message
    box, mark_box = pop.bounding_box(), target.bounding_box()
    assert abs(box["y"] - (mark_box["y"] + mark_box["height"])) < 40  # at the mark
    shot(page, "popover.png")
    status = page.locator("#status").text_content()
    pop.locator("button.fix", has_text="Hvis").click()
    at = text.rindex("Såfremt")
    expected = text[:at] + "Hvis" + text[at + len("Såfremt"):]
    state = editor(page)
    assert state["text"] == expected
    assert state["anchor"] == state["head"] == at + len("Hvis")  # the cursor after the new words
    assert abs(page.evaluate("window.scrollY") - y) <= 1
    wait_for_check(page, status)
    assert abs(page.evaluate("window.scrollY") - y) <= 1  # the re-check does not move the page …
    assert editor(page)["head"] == at + len("Hvis")  # … or the cursor
    assert page.locator(".lx-popover").count() == 0
    assert not [m for m in marks(page) if m["text"] == "Hvis"]
    shot(page, "after-fix.png")


def test_a_fix_from_a_card_in_the_panel(page, server):
    page.goto(server + "/")
    status = write(page, LETTER)
    button = page.locator("#results button.apply", has_text="Hvis").first
    button.click()
    wait_for_check(page, status)
    assert editor(page)["text"] == LETTER.replace("Såfremt", "Hvis", 1)


def test_keyboard_f8_and_enter_open_the_popover_and_escape_returns_to_the_text(page, server):
    page.goto(server + "/")
    # Tab reaches the editor from the top of the page, with a visible focus.
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cm-content')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('cm-content')")
    page.wait_for_selector(".cm-editor.cm-focused")  # CodeMirror marks its focus a moment after the event
    assert page.evaluate("getComputedStyle(document.querySelector('.cm-editor')).outlineStyle") != "none"
    page.keyboard.insert_text(LETTER)
    wait_for_check(page)
    page.keyboard.press("Control+Home")
    page.keyboard.press("F8")
    state = editor(page)
    first = min(marks(page), key=lambda m: LETTER.index(m["text"]))
    assert LETTER[state["anchor"]:state["head"]] == first["text"]
    announced = page.locator("#mark-live").text_content()
    assert "Tryk Enter" in announced
    page.keyboard.press("Enter")  # on a selected mark: the popover, not a line break
    assert page.evaluate("!!document.activeElement.closest('.lx-popover')")
    assert editor(page)["text"] == LETTER
    page.keyboard.press("Escape")
    assert page.locator(".lx-popover").count() == 0
    assert page.evaluate("document.activeElement.classList.contains('cm-content')")
    # Alt+Enter with the cursor inside a mark; Enter elsewhere is an ordinary line break.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Alt+Enter")
    assert page.locator(".lx-popover").is_visible()
    page.keyboard.press("Escape")
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    assert editor(page)["text"] == LETTER + "\n"


def test_ignore_here_and_ignore_the_rule_in_this_letter(page, server):
    page.goto(server + "/")
    text = ("Såfremt du vil, kan du ringe til os. Såfremt du ikke vil, kan du skrive til os.\n\n"
            "Vi skal hermed meddele dig, at du har fået ret.")
    status = write(page, text)
    before = visible_cards(page)
    assert len([m for m in marks(page) if m["text"] == "Såfremt"]) == 2
    mark_locator(page, "jargon", "Såfremt").first.click()
    page.locator(".lx-popover button", has_text="Ignorer her").click()
    left = [m for m in marks(page) if m["text"] == "Såfremt"]
    assert len(left) == 1 and len(visible_cards(page)) == len(before) - 1
    assert page.locator(".ignored-note").inner_text().startswith("1 fund er ignoreret")
    # still ignored after the next check, at its place (the text before it changed)
    page.locator(".cm-content").click()
    page.keyboard.press("Control+Home")
    page.keyboard.type("Kære Anna. ")
    status = wait_for_check(page, status)
    assert [m["text"] for m in marks(page)].count("Såfremt") == 1
    assert editor(page)["text"].index("Såfremt", 20) > 0  # the second one is the one still marked
    mark_locator(page, "jargon", "meddele").click()
    page.locator(".lx-popover button", has_text="Ignorer reglen i dette brev").click()
    assert not [m for m in marks(page) if m["rule"] == "jargon"]
    assert not [c for c in visible_cards(page) if c["rule"] == "jargon"]
    warnings = [c for c in visible_cards(page) if c["severity"] == "warning"]
    assert page.locator("label[for=show-warning] .n").text_content() == str(len(warnings))  # counts what is left
    shot(page, "ignored.png")
    page.locator(".ignored-note button", has_text="Vis dem igen").click()
    assert len([m for m in marks(page) if m["text"] == "Såfremt"]) == 2


def test_filter_by_severity_and_category(page, server):
    page.goto(server + "/")
    status = write(page, LETTER)
    assert {m["severity"] for m in marks(page)} >= {"warning", "suggestion"}
    page.locator("#show-warning").uncheck()
    assert "warning" not in {m["severity"] for m in marks(page)}
    assert "warning" not in {c["severity"] for c in visible_cards(page)}
    page.select_option("#show-category", "passive")
    cards = visible_cards(page)
    assert cards and {c["category"] for c in cards} == {"passive"}
    assert {m["fid"] for m in marks(page)} == {c["fid"] for c in cards if c["fid"] in {m["fid"] for m in marks(page)}}
    assert page.locator("details.group[data-category='passive'] .count").text_content() == str(len(cards))
    shot(page, "filtered.png")
    # a re-check keeps the filters
    page.locator(".cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Tak.")
    wait_for_check(page, status)
    assert not page.locator("#show-warning").is_checked()
    assert page.locator("#show-category").input_value() == "passive"
    assert {c["category"] for c in visible_cards(page)} == {"passive"}


def test_marks_after_characters_outside_the_basic_multilingual_plane(page, server):
    page.goto(server + "/")
    text = ("Hej 😀 og 👍🏽! Såfremt du vil, kan du ringe til os. Vi har behandlet sagen i henhold til loven "
            "om 🏠 boligstøtte, og vi skal hermed meddele dig svaret.")
    write(page, text)
    found = {m["text"] for m in marks(page) if m["rule"] == "jargon"}
    assert {"Såfremt", "i henhold til", "hermed", "meddele"} <= found, found
    mark_locator(page, "jargon", "meddele").click()
    page.locator(".lx-popover button.fix").first.click()
    replacement = editor(page)["text"]
    assert replacement.startswith(text[:text.index("meddele")]) and replacement.endswith(" dig svaret.")
    assert "meddele" not in replacement


def test_upload_a_word_file_then_rewrite_it_in_the_editor(page, server, tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Eksempelby Kommune, Borgerservice"
    for line in ("Jens Hansen", "Vejen 2", "9999 Eksempelby"):
        d.add_paragraph(line)
    d.add_heading("Afgørelse om hjælp til enkeltudgifter", level=1)
    for para in LETTER.split("\n\n")[2:]:
        d.add_paragraph(para)
    buf = io.BytesIO()
    d.save(buf)
    path = tmp_path / "afgørelse.docx"
    path.write_bytes(buf.getvalue())
    page.goto(server + "/")
    page.locator("details.upload > summary").click()
    page.set_input_files("#file", str(path))
    page.select_option("#upload-kind", "decision")
    with page.expect_navigation():
        page.click("#upload-form button[type=submit]")
    assert "afgørelse.docx" in page.locator("#results-title").text_content()
    assert page.locator("#letter mark").count() > 0
    assert page.locator(".para-lix").first.text_content().startswith("Afsnit 1:")
    assert page.locator("#status").text_content().startswith("Tjekket")
    shot(page, "upload.png")
    with page.expect_download() as dl:
        page.locator(".downloads button[value=json]").click()
    assert dl.value.suggested_filename.endswith("-lixcheck.json")
    try:
        import lixcheck.writers.docx_annotate  # noqa: F401
    except ImportError:
        assert page.locator(".downloads button[value=docx]").count() == 0
    else:
        with page.expect_download() as dl:
            page.locator(".downloads button[value=docx]").click()
        out = tmp_path / "annoteret.docx"
        dl.value.save_as(out)
        assert out.read_bytes()[:2] == b"PK"
    with page.expect_navigation():
        page.locator("button", has_text="Ret teksten i editoren").click()
    wait_for_check(page)
    text = editor(page)["text"]
    assert text.startswith("Eksempelby Kommune, Borgerservice") and "Undertegnede skal hermed meddele" in text
    assert marks(page) and page.locator("#letter-section").is_hidden()
    assert page.locator("#kind").input_value() == "decision"


def test_works_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport=WIDE)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        page.goto(server + "/")
        page.fill("#text", LETTER)
        with page.expect_navigation():
            page.click("#paste-form button[type=submit]:not([formaction])")
        assert page.locator("#status").text_content().startswith("Tjekket")
        assert page.locator("#letter mark").count() > 0 and page.locator("#letter .sent").count() > 0
        assert page.locator(".filters").is_hidden()  # needs the script
        shot(page, "no-javascript.png", full_page=True)
        button = page.locator("#results button.apply").first
        replacement = button.get_attribute("data-replacement")
        with page.expect_navigation():
            button.click()  # a plain form post: the server applies the replacement and checks again
        assert "er erstattet med" in page.locator(".notice").text_content()
        assert replacement in page.input_value("#text")
        # the sentence colours switch off without a script too (CSS :has)
        page.locator("#colour-sentences").uncheck()
        assert page.locator("#letter .sent-hard, #letter .sent-very-hard").first.evaluate(
            "el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    finally:
        context.close()


def test_the_editor_styles_pass_the_csp_through_the_nonce(page, server):
    page.goto(server + "/")
    nonce = page.locator("meta[name='lixcheck-style-nonce']").get_attribute("content")
    styles = page.evaluate("() => Array.from(document.querySelectorAll('style'), s => s.nonce)")
    assert styles == [nonce]  # CodeMirror's one <style>, allowed by the nonce (the fixture sees no CSP error)
    assert page.locator(".cm-editor").evaluate("el => getComputedStyle(el).display") == "flex"  # its styles apply


def test_sentence_colours_switch_off(page, server):
    page.goto(server + "/")
    write(page, LETTER)
    hard = page.locator(".cm-content .lx-sent-hard, .cm-content .lx-sent-very-hard").first
    assert hard.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.locator("#colour-sentences").uncheck()
    assert hard.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"


def test_usable_390_px_wide(narrow, server):
    page = narrow
    page.goto(server + "/")
    write(page, LETTER)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    editor_box = page.locator(".cm-editor").bounding_box()
    assert editor_box["x"] >= 0 and editor_box["x"] + editor_box["width"] <= NARROW["width"]
    shot(page, "narrow.png")
    target = mark_locator(page, "jargon", "meddele")
    target.scroll_into_view_if_needed()
    target.tap()
    box = page.locator(".lx-popover").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"]
    shot(page, "narrow-popover.png")
    page.locator(".lx-popover button.fix").first.tap()
    assert "meddele" not in editor(page)["text"]
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


def test_print_view_has_the_letter_with_marks_and_the_checklist(page, server):
    page.goto(server + "/")
    write(page, LETTER)
    page.emulate_media(media="print")
    for hidden in (".upload", ".filters", ".findings", "#kind", "header.top"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator(".cm-content").is_visible() and page.locator(".checklist").is_visible()
    assert page.locator(".cm-content .lx-mark").first.evaluate("el => getComputedStyle(el).borderBottomStyle") != "none"
    shot(page, "print.png", full_page=True)


def test_axe_finds_no_serious_or_critical_violations(browser, page, server):
    problems = {}
    for path in ("/", "/om", "/regler"):
        page.goto(server + path)
        problems[path] = axe_violations(page)
    page.locator("table.rules a").first.click()
    problems[page.url] = axe_violations(page)
    page.goto(server + "/")
    write(page, LETTER)
    problems["live result"] = axe_violations(page)
    mark_locator(page, "jargon", "Såfremt").click()
    problems["popover"] = axe_violations(page)
    page.goto(server + "/")
    page.locator("details.upload > summary").click()
    page.set_input_files("#file", files=[{"name": "brev.txt", "mimeType": "text/plain", "buffer": LETTER.encode()}])
    with page.expect_navigation():
        page.click("#upload-form button[type=submit]")
    problems["upload result"] = axe_violations(page)
    context, small = _open(browser, NARROW, is_mobile=True)
    try:
        small.goto(server + "/")
        write(small, LETTER)
        problems["390 px"] = axe_violations(small)
    finally:
        context.close()
    bad = {where: [v for v in vs if v["impact"] in ("serious", "critical")] for where, vs in problems.items()}
    assert not any(bad.values()), bad
