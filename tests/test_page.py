"""The analyst's page in a real browser: headless Chromium (Debian's `chromium` and
`chromium-driver`, installed by .ci/run) drives `GET /` on the real app and a real model.

Screenshots are kept in test-artifacts/ (not committed) for a person to look at."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from service import Settings, create_app

from .conftest import chromium_driver, needs_chromium_driver, serve_in_thread

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

# Written for this test. The emoji checks that the page maps the API's code-point offsets
# to the browser's UTF-16 ones; the markup checks that pasted text stays text.
PARAGRAPH = (
    "The council approved the new budget on Tuesday. \N{PUBLIC ADDRESS LOUDSPEAKER} The mayor's office denied "
    "that any funds had been moved to private accounts, a spokeswoman said.\n"
    "Where did the extra two million come from? According to an official who asked not to be named, it is "
    "hardly a coincidence that the audit was postponed. The report was never published, the minister insisted. "
    'Critics say <img src=x onerror="window.__xss=1"> the figures <b>may</b> be wrong.'
)

pytestmark = needs_chromium_driver


@pytest.fixture(scope="module")
def base_url(models_dir):
    """The real app served by uvicorn on a free loopback port, in a background thread."""
    with serve_in_thread(create_app(Settings(models_dir=models_dir))) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chromium_driver(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


def classify(base_url: str, text: str) -> dict:
    req = urllib.request.Request(
        f"{base_url}/v1/classify",
        method="POST",
        headers={"Content-Type": "application/json"},
        data=json.dumps({"text": text, "explain": True, "top_k": 5}).encode(),
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)


def paste_and_analyse(driver, text: str, *, keyboard: bool = False) -> None:
    """Paste into the text box (CDP insertText, as a paste does; it also takes emoji, which
    typed keys cannot) and press the button, or Ctrl+Enter."""
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    box = driver.find_element("id", "text")
    box.clear()
    box.click()
    driver.execute_cdp_cmd("Input.insertText", {"text": text})
    if keyboard:
        box.send_keys(Keys.CONTROL, Keys.ENTER)
    else:
        driver.find_element("id", "analyse").click()
    WebDriverWait(driver, 10, poll_frequency=0.02).until(
        lambda d: d.find_element("tag name", "body").get_attribute("data-state") in ("done", "error")
    )


def screenshot(driver, name: str, *, full_page: bool = True) -> Path:
    """A PNG of the whole page (or of what the window shows) in test-artifacts/."""
    import base64

    ARTIFACTS.mkdir(exist_ok=True)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": full_page})
    path = ARTIFACTS / name
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def sentences_on_page(driver) -> list[dict]:
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('#output .sentence')).map(s => ({
            index: Number(s.dataset.index), label: s.dataset.label, text: s.textContent,
            cues: Array.from(s.querySelectorAll('mark.cue')).map(m => [m.dataset.kind, m.textContent])}));""")


def test_page_highlights_every_sentence_with_its_label(base_url, browser):
    expected = classify(base_url, PARAGRAPH)
    browser.get(base_url + "/")
    paste_and_analyse(browser, PARAGRAPH)

    assert browser.find_element("tag name", "body").get_attribute("data-state") == "done"
    shown = sentences_on_page(browser)
    assert len(shown) == len(expected["sentences"]) >= 5
    assert [(s["index"], s["label"], s["text"]) for s in shown] == [
        (s["index"], s["label"], s["text"]) for s in expected["sentences"]
    ]
    # The original text is drawn whole, and nothing pasted became markup or ran.
    assert browser.find_element("id", "output").get_attribute("textContent") == PARAGRAPH
    assert browser.execute_script("return document.querySelectorAll('#output img, #output b').length") == 0
    assert browser.execute_script("return window.__xss") is None
    # Each mark is (part of, where a source's edge cuts it) one of that sentence's cues.
    for on_page, api in zip(shown, expected["sentences"], strict=True):
        cues = [(c["kind"], c["text"]) for c in api["explanation"]["cues"]]
        assert all(any(kind == k and text in t for k, t in cues) for kind, text in on_page["cues"]), on_page
    assert any(s["cues"] for s in shown)
    # The summary counts what the API counted, and the model is named.
    counts = browser.find_elements("css selector", "#summary-line .count")
    assert {c.get_attribute("data-label"): int(c.text.split()[0]) for c in counts} == expected["summary"]["counts"]
    assert expected["model"]["id"] in browser.find_element("id", "model-status").text

    # Clicking a sentence shows why: its label, its probabilities and its source.
    denial = next(s for s in expected["sentences"] if s["source"] and s["label"] == "denial")
    browser.find_element("css selector", f'#output .sentence[data-index="{denial["index"]}"]').click()
    details = browser.find_element("id", "details-body").text
    assert denial["label"] in details and denial["source"]["text"] in details
    assert all(label in details for label in denial["probabilities"])
    assert f"{100 * denial['confidence']:.1f}%" in details
    screenshot(browser, "page.png")


def test_page_reports_the_servers_error(base_url, browser):
    browser.get(base_url + "/")
    paste_and_analyse(browser, "   ")
    error = browser.find_element("id", "error")
    assert error.is_displayed()
    assert "422" in error.text and "must contain some non-whitespace text" in error.text


def test_page_fits_a_phone(base_url, browser):
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
    )
    try:
        browser.get(base_url + "/")
        paste_and_analyse(browser, PARAGRAPH, keyboard=True)
        assert len(sentences_on_page(browser)) == len(classify(base_url, PARAGRAPH)["sentences"])
        width = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1] == 390, f"the page is wider than the phone: {width}"
        button = browser.find_element("id", "analyse")
        box = browser.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return [r.left, r.right];", button
        )
        assert button.is_displayed() and 0 <= box[0] and box[1] <= 390
        screenshot(browser, "page-phone.png")
        # On a phone the details open as a sheet over the bottom of the screen.
        sentence = browser.find_element("css selector", '#output .sentence[data-index="1"]')
        browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", sentence)
        sentence.click()
        sheet = browser.execute_script(
            "const r = document.getElementById('details').getBoundingClientRect(); return [r.top, r.bottom, r.right];"
        )
        assert 0 < sheet[0] < sheet[1] <= 844 and sheet[2] <= 390, sheet
        screenshot(browser, "page-phone-details.png", full_page=False)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _click(driver, css: str) -> None:
    """A click by script: the sticky details panel may cover the element in a small window."""
    driver.execute_script("arguments[0].click()", driver.find_element("css selector", css))


def _pinned(driver) -> int | None:
    return driver.execute_script(
        "const n = document.querySelector('#output .sentence.selected'); return n ? Number(n.dataset.index) : null;"
    )


def test_page_explains_in_words(base_url, browser):
    expected = classify(base_url, PARAGRAPH)
    browser.get(base_url + "/")
    paste_and_analyse(browser, PARAGRAPH)
    legend = browser.find_element("id", "legend").text
    assert "wavy underline" in legend and "against the label" in legend
    grouped = 0
    for s in expected["sentences"]:
        _click(browser, f'#output .sentence[data-index="{s["index"]}"]')
        details = browser.find_element("id", "details-body").text
        for cue in s["explanation"]["cues"]:  # kinds in words: "denial verb", not denial_verb
            assert cue["kind"].replace("_", " ") in details
            assert cue["kind"] not in details or "_" not in cue["kind"]
        assert "cue:" not in details and "act:" not in details
        rows = browser.execute_script("""return Array.from(document.querySelectorAll('#details-body .features tr'))
            .map(r => ({family: r.dataset.family, name: r.querySelector('code').textContent,
                        grams: r.dataset.grams ? JSON.parse(r.dataset.grams) : []}));""")
        features = s["explanation"]["features"]["towards"] + s["explanation"]["features"]["against"]
        chars = sorted(f["feature"] for f in features if f["family"] == "char")
        # Every character n-gram is listed under a word of the sentence, never on a row of its own.
        assert all(r["family"] != "char" for r in rows)
        assert sorted(g for r in rows if r["family"] == "char-group" for g in r["grams"]) == chars
        for r in rows:
            if r["family"] == "char-group" and r["name"] != "(between words)":
                assert r["name"] in s["text"] and r["name"].strip() == r["name"]
                grouped += 1
            if r["family"] not in ("word", "char-group"):  # cue kinds (and speech acts) in words
                assert "_" not in r["name"] and ":" not in r["name"]
        assert len([r for r in rows if r["family"] != "char-group"]) == len(features) - len(chars)
    assert grouped, "the paragraph should have character n-grams among its top features"
    screenshot(browser, "page-details-in-words.png")


def test_page_filters_and_goes_to_the_next_insinuation(base_url, browser):
    from selenium.webdriver.common.action_chains import ActionChains

    expected = classify(base_url, PARAGRAPH)["sentences"]
    insinuations = [s["index"] for s in expected if s["label"] == "insinuation"]
    assert insinuations, "the paragraph should hold an insinuation"
    browser.get(base_url + "/")
    paste_and_analyse(browser, PARAGRAPH)
    assert browser.find_element("id", "jump-label").get_attribute("value") == "label:insinuation"
    seen = []
    for _ in range(len(insinuations) + 1):
        _click(browser, "#jump-next")
        seen.append(_pinned(browser))
    assert seen == insinuations + insinuations[:1]  # round from the last to the first
    assert f"insinuation 1 of {len(insinuations)}" in browser.find_element("id", "jump-status").text
    browser.find_element("id", "output").click()  # focus leaves the text box: the keys are shortcuts
    ActionChains(browser).send_keys("p").perform()
    assert _pinned(browser) == insinuations[-1]
    assert insinuations[-1] in [int(x) for x in browser.find_element("id", "details-body").get_attribute("data-index")]

    def faded() -> set[int]:
        return set(
            browser.execute_script(
                "return Array.from(document.querySelectorAll("
                "'#output .sentence.filtered-out')).map(n => Number(n.dataset.index));"
            )
        )

    assert faded() == set()
    _click(browser, '#label-filters input[data-label="assertion"]')
    assert faded() == {s["index"] for s in expected if s["label"] == "assertion"}
    shown = len(expected) - len(faded())
    assert browser.find_element("id", "filter-count").text == f"{shown} of {len(expected)} sentences"
    _click(browser, "#only-uncertain")
    assert faded() == {s["index"] for s in expected if s["label"] == "assertion" or not s["uncertain"]}
    _click(browser, '#label-filters input[data-label="assertion"]')
    _click(browser, "#only-uncertain")
    assert faded() == set()


def test_page_exports_the_result_as_json_and_csv(base_url, browser):
    import csv
    import io

    expected = classify(base_url, PARAGRAPH)
    browser.get(base_url + "/")
    paste_and_analyse(browser, PARAGRAPH)

    def download(link_id: str) -> tuple[str, str]:
        link = browser.find_element("id", link_id)
        body = browser.execute_async_script(
            "fetch(arguments[0]).then(r => r.text()).then(arguments[arguments.length - 1])", link.get_attribute("href")
        )
        return link.get_attribute("download"), body

    name, body = download("export-json")
    data = json.loads(body)
    assert name.startswith("stancewatch-") and name.endswith(".json")
    assert data["text"] == PARAGRAPH and data["model"] == expected["model"]
    assert [(s["index"], s["label"], s["text"]) for s in data["sentences"]] == [
        (s["index"], s["label"], s["text"]) for s in expected["sentences"]
    ]
    name, body = download("export-csv")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert name.endswith(".csv") and len(rows) == len(expected["sentences"])
    for row, s in zip(rows, expected["sentences"], strict=True):
        assert (int(row["index"]), row["label"], row["text"]) == (s["index"], s["label"], s["text"])
        assert float(row["p_denial"]) == s["probabilities"]["denial"]
        assert row["uncertain"] == str(s["uncertain"]).lower()
        speaker = (s["source"]["refers_to"] or s["source"]) if s["source"] else {"text": ""}
        assert row["source_text"] == speaker["text"]
        assert row["cues"] == "; ".join(f"{c['kind'].replace('_', ' ')}: {c['text']}" for c in s["explanation"]["cues"])
        assert row["model_id"] == expected["model"]["id"]
    screenshot(browser, "page-toolbar.png", full_page=False)


def test_page_names_the_speaker_a_pronoun_stands_for(base_url, browser):
    text = "Marta Kellund, the chief executive, denied reports that bills would rise. “That is untrue,” she said."
    expected = classify(base_url, text)
    assert expected["sentences"][1]["source"]["refers_to"]["text"] == "Marta Kellund, the chief executive"
    browser.get(base_url + "/")
    paste_and_analyse(browser, text)
    _click(browser, '#output .sentence[data-index="1"]')
    details = browser.find_element("id", "details-body").text
    assert "she" in details and "stands for Marta Kellund, the chief executive" in details
    sources = browser.find_element("id", "sources").text
    assert "Marta Kellund, the chief executive" in sources and "she" not in sources.split()
    assert expected["sentences"][0]["label"] == "denial"  # and what it denies, from the explanation
    _click(browser, '#output .sentence[data-index="0"]')
    details = browser.find_element("id", "details-body").text
    assert "what it denies" in details.lower() and "reports that bills would rise" in details


def test_page_takes_html_and_greys_what_it_set_aside(base_url, browser):
    from tests.saved_pages import article_page

    browser.get(base_url + "/")
    browser.find_element("id", "format-html").click()
    paste_and_analyse(browser, article_page())
    assert browser.find_element("tag name", "body").get_attribute("data-state") == "done"
    labelled = sentences_on_page(browser)
    assert labelled and all(s["label"] in ("assertion", "denial", "insinuation") for s in labelled)
    skipped = browser.execute_script("""
        return Array.from(document.querySelectorAll('#output .skipped')).map(s => ({
            text: s.textContent, reason: s.dataset.reason, colour: getComputedStyle(s).color,
            shown: getComputedStyle(s, '::after').content}));""")
    by_text = {s["text"]: s for s in skipped}
    assert by_text["Comments are closed."]["reason"] == "not a sentence"
    assert "not a sentence" in by_text["Comments are closed."]["shown"]  # the reason is on the page
    assert all(s["colour"] == "rgb(91, 91, 102)" for s in skipped)  # greyed (--muted)
    output = browser.find_element("id", "output").text
    assert "Subscribe" not in output and "Where did the money" in output  # the page's main text, not its HTML
    summary = browser.find_element("id", "summary-line").text
    assert f"{len(skipped)} set aside" in summary and "not a sentence" in summary
    assert "Jane Okafor" in browser.find_element("id", "document-line").text
    screenshot(browser, "page-html.png")
