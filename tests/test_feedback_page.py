"""Must-show 3, in headless Chromium: the main page's "correct it" buttons and the review
page's keys store corrections in the real store (tests/test_page.py has the browser)."""

from __future__ import annotations

import json

import pytest

from service import Settings, create_app
from training.feedback.store import FeedbackStore

from .conftest import needs_chromium_driver, serve_in_thread
from .test_page import browser, paste_and_analyse, screenshot  # noqa: F401 - fixture

pytestmark = needs_chromium_driver

# Written for this test.
PARAGRAPH = (
    "The council approved the budget on Tuesday. The mayor's office denied that any funds had been moved, "
    "a spokeswoman said. Where did the extra two million come from?"
)
QUEUE = [
    "Some say the audit may not be what it seems.",
    "Officials dismissed the report as baseless.",
    "Who really paid for the new stadium?",
]


@pytest.fixture(scope="module")
def served(models_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("feedback-page")
    queue = folder / "queue.jsonl"
    queue.write_text(
        "".join(
            json.dumps(
                {
                    "rank": i + 1,
                    "text": t,
                    "label": "assertion",
                    "context_before": f"Before {i}.",
                    "context_after": f"After {i}.",
                }
            )
            + "\n"
            for i, t in enumerate(QUEUE)
        ),
        encoding="utf-8",
    )
    settings = Settings(
        models_dir=models_dir,
        feedback_db=folder / "fb.sqlite3",
        review_queue=queue,
        reload_interval=0,
        access_log=False,
    )
    with serve_in_thread(create_app(settings)) as url:
        yield url, folder / "fb.sqlite3"


def _wait(driver, condition, timeout: float = 10):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.02).until(condition)


def test_the_details_panel_buttons_store_a_correction(served, browser):  # noqa: F811 - the fixture
    url, db = served
    browser.get(url + "/")
    paste_and_analyse(browser, PARAGRAPH)
    browser.execute_script(
        "arguments[0].click()", browser.find_element("css selector", '#output .sentence[data-index="1"]')
    )
    buttons = browser.find_elements("css selector", "#details-body .correct-label")
    assert [b.get_attribute("data-label") for b in buttons] == ["assertion", "denial", "insinuation"]
    browser.find_element("id", "correct-note").send_keys("a reported denial")
    browser.find_element("id", "correct-analyst").send_keys("ana")
    browser.execute_script("arguments[0].click()", buttons[1])
    _wait(browser, lambda d: d.find_element("tag name", "body").get_attribute("data-feedback") in ("saved", "error"))
    assert browser.find_element("id", "correct-status").text.startswith("Saved: denial")
    screenshot(browser, "page-correct-it.png")
    with FeedbackStore(db) as store:
        (c,) = [c for c in store.all() if c.analyst == "ana"]
    sentence = "The mayor's office denied that any funds had been moved, a spokeswoman said."
    assert (c.text, c.label, c.note) == (sentence, "denial", "a reported denial")
    assert PARAGRAPH[c.span_start : c.span_end] == sentence
    assert (c.context_before, c.context_after) == (
        "The council approved the budget on Tuesday.",
        "Where did the extra two million come from?",
    )
    assert c.model_id and c.model_label in ("assertion", "denial", "insinuation")


def test_the_review_page_labels_the_queue_with_its_keys(served, browser):  # noqa: F811 - the fixture
    from selenium.webdriver.common.action_chains import ActionChains

    url, db = served
    browser.get(url + "/review")

    def showing(text):
        return lambda d: (
            d.find_element("tag name", "body").get_attribute("data-state") == "ready"
            and d.find_element("id", "review-text").text == text
        )

    def done(d):
        return d.find_element("tag name", "body").get_attribute("data-state") == "done"

    def press(key):
        browser.find_element("tag name", "h1").click()  # focus out of the fields: letters are shortcuts
        ActionChains(browser).send_keys(key).perform()

    _wait(browser, showing(QUEUE[0]))
    assert browser.find_element("id", "before").text == "Before 0."
    assert browser.find_element("id", "guess-label").text in ("assertion", "denial", "insinuation")
    assert "3 of 3 left" in browser.find_element("id", "progress").text
    press("d")
    _wait(browser, showing(QUEUE[1]))
    press("s")
    _wait(browser, showing(QUEUE[2]))
    press("u")  # the skip
    _wait(browser, showing(QUEUE[1]))
    press("u")  # the first answer: taken back from the store
    _wait(browser, showing(QUEUE[0]))
    with FeedbackStore(db) as store:
        assert not [c for c in store.all() if c.text in QUEUE]
    press("i")
    _wait(browser, showing(QUEUE[1]))
    browser.find_element("css selector", '#answers button[data-label="denial"]').click()
    _wait(browser, showing(QUEUE[2]))
    press("a")
    _wait(browser, done)
    screenshot(browser, "review-done.png")
    with FeedbackStore(db) as store:
        assert {c.text: c.label for c in store.all() if c.text in QUEUE} == {
            QUEUE[0]: "insinuation",
            QUEUE[1]: "denial",
            QUEUE[2]: "assertion",
        }
        first = next(c for c in store.all() if c.text == QUEUE[0])
    assert (first.context_before, first.context_after) == ("Before 0.", "After 0.") and first.model_id
    browser.get(url + "/review")  # a reload: nothing left to label
    _wait(browser, done)
