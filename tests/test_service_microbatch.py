"""Micro-batching: small requests waiting in a worker at the same time share one model call,
and each gets exactly the answer it would have got alone."""

from __future__ import annotations

import asyncio

import httpx2
import pytest
from prometheus_client.parser import text_string_to_metric_families

from service import Settings, create_app
from service.microbatch import MicroBatcher

TEXTS = [
    "The ministry signed the contract in March. The company denied that any data had been sold.",
    "Where did the money for the stadium come from? Officials said the audit was fair.",
    "It is hardly a coincidence that the inquiry was cancelled. The mayor refused to comment.",
    "According to an unnamed official, the drones were never deployed.",
    "Critics dismissed the report as a whitewash.",
]


def _model_calls(metrics_text: str) -> tuple[float, float]:
    """(model calls, requests they scored) from /metrics."""
    for family in text_string_to_metric_families(metrics_text):
        if family.name == "stance_model_call_requests":
            values = {s.name: s.value for s in family.samples}
            return values["stance_model_call_requests_count"], values["stance_model_call_requests_sum"]
    raise AssertionError("no stance_model_call_requests in /metrics")


def test_concurrent_requests_share_a_model_call_and_get_their_own_answers(models_dir):
    app = create_app(Settings(models_dir=models_dir, reload_interval=0))

    async def run():
        async with app.router.lifespan_context(app):
            transport = httpx2.ASGITransport(app=app)
            async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
                bodies = [{"text": t, "explain": explain, "top_k": 3} for t in TEXTS for explain in (True, False)]
                alone = [(await client.post("/v1/classify", json=b)).json() for b in bodies]
                calls_before, _ = _model_calls((await client.get("/metrics")).text)
                together = await asyncio.gather(*(client.post("/v1/classify", json=b) for b in bodies))
                calls, scored = _model_calls((await client.get("/metrics")).text)
                batch = await client.post(
                    "/v1/classify/batch",
                    json={
                        "documents": [{"id": str(i), "text": t} for i, t in enumerate(TEXTS)],
                        "top_k": 3,
                        "explain": True,
                    },
                )
                return bodies, alone, together, calls - calls_before, scored, batch

    bodies, alone, together, calls, scored, batch = asyncio.run(run())
    assert [r.status_code for r in together] == [200] * len(bodies)
    assert [r.json() for r in together] == alone  # the same answers, to the last digit
    # Explained and plain requests cannot share a call: at most one call for each kind.
    assert calls <= 2 < len(bodies), (calls, len(bodies))
    assert scored == 2 * len(bodies)  # every request, alone or together, counted once
    assert [d["sentences"] for d in batch.json()["documents"]] == [a["sentences"] for a in alone[::2]]


class _Classifier:
    """Upper-cases texts; fails on a text saying "boom"; records each call's texts."""

    def __init__(self):
        self.calls: list[list[str]] = []

    def classify_many(self, texts, *, explain, top_k):
        self.calls.append(list(texts))
        if any("boom" in t for t in texts):
            raise ValueError("boom")
        return [{"text": t.upper(), "explain": explain, "top_k": top_k} for t in texts]


def _gather(batcher: MicroBatcher, classifier, jobs: list[tuple[list[str], bool]]):
    async def run():
        return await asyncio.gather(
            *(batcher.classify(classifier, texts, explain=explain, top_k=2) for texts, explain in jobs),
            return_exceptions=True,
        )

    return asyncio.run(run())


def test_one_failing_request_fails_alone():
    clf, sizes = _Classifier(), []
    out = _gather(MicroBatcher(10_000, sizes.append), clf, [(["a"], True), (["boom"], True), (["b", "c"], True)])
    assert out[0] == [{"text": "A", "explain": True, "top_k": 2}]
    assert isinstance(out[1], ValueError)
    assert [r["text"] for r in out[2]] == ["B", "C"]
    assert clf.calls == [["a", "boom", "b", "c"], ["a"], ["boom"], ["b", "c"]]  # together, then one by one
    assert sizes == [1, 1]  # the two calls that answered


def test_a_call_takes_at_most_max_chars_and_options_are_not_mixed():
    clf, sizes = _Classifier(), []
    jobs = [(["x" * 40], True), (["y" * 40], True), (["z" * 40], True), (["w" * 10], False)]
    out = _gather(MicroBatcher(100, sizes.append), clf, jobs)
    assert [r[0]["text"][0] for r in out] == ["X", "Y", "Z", "W"]
    assert [r[0]["explain"] for r in out] == [True, True, True, False]
    # 100 characters: the first two (80), then the third with the plain one, in separate calls.
    assert clf.calls == [["x" * 40, "y" * 40], ["z" * 40], ["w" * 10]]
    assert sizes == [2, 1, 1]


def test_a_request_larger_than_max_chars_is_still_scored():
    clf = _Classifier()
    assert _gather(MicroBatcher(5), clf, [(["a long text"], True)])[0][0]["text"] == "A LONG TEXT"


def test_a_cancelled_request_is_not_scored():
    clf = _Classifier()
    batcher = MicroBatcher(1_000)

    async def run():
        gone = asyncio.ensure_future(batcher.classify(clf, ["gone"], explain=True, top_k=2))
        stays = asyncio.ensure_future(batcher.classify(clf, ["stays"], explain=True, top_k=2))
        await asyncio.sleep(0)  # both queued
        gone.cancel()
        return await stays

    assert asyncio.run(run())[0]["text"] == "STAYS"
    assert clf.calls == [["stays"]]


@pytest.mark.parametrize("in_flight", [0, 3])
def test_a_lone_request_does_not_wait_for_company_that_never_comes(in_flight):
    """`in_flight` says more requests are on their way: the batcher waits a bounded number of
    turns for them, then scores what it has."""
    clf = _Classifier()
    batcher = MicroBatcher(1_000, in_flight=lambda: in_flight, max_waits=2)
    assert _gather(batcher, clf, [(["solo"], True)])[0][0]["text"] == "SOLO"
    assert clf.calls == [["solo"]]
