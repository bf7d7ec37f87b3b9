// The review page: GET /v1/review/queue, then one sentence at a time with its context,
// the model's guess and why (POST /v1/classify); a / d / i answer (each answer is a
// correction: POST /v1/feedback), s skips, u undoes the last answer (DELETE, or the
// correction it replaced stored again). All text enters the DOM as text, never markup.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const ANALYST = "stancewatch.analyst", KEY = "stancewatch.api-key";
  const LETTERS = { assertion: "a", denial: "d", insinuation: "i" };
  const COLOURS = { assertion: "#0072B2", denial: "#D55E00", insinuation: "#CC79A7" };
  const SPARE = ["#009E73", "#E69F00", "#56B4E9", "#7F7F7F"];

  let items = [], at = 0, total = 0, done = 0, labels = [];
  const history = [];  // {index, answer|null}
  let shown = null;    // {label, model} of the sentence on screen
  let busy = false;

  const el = window.stanceDom.el;  // dom.js

  const pct = (p) => (100 * p).toFixed(1) + "%";
  const colour = (l) => COLOURS[l] || SPARE[Math.max(0, labels.indexOf(l)) % SPARE.length];
  const vars = (l) => "--lc: " + colour(l) + "; --lbg: " + colour(l) + "26";

  function headers() {
    const h = { "Content-Type": "application/json" };
    const key = $("api-key").value.trim();
    if (key) h["X-API-Key"] = key;
    return h;
  }

  async function call(method, url, body) {
    const resp = await fetch(url, { method, headers: headers(), body: body ? JSON.stringify(body) : undefined });
    let data = null;
    try { data = await resp.json(); } catch (_) { /* no JSON body */ }
    if (!resp.ok) {
      const detail = data && typeof data.detail === "string" ? data.detail : resp.statusText;
      throw new Error(resp.status + ": " + detail);
    }
    return data;
  }

  function fail(message) {
    $("error").textContent = message;
    $("error").hidden = false;
    document.body.dataset.state = "error";
  }

  async function load() {
    $("error").hidden = true;
    try {
      const queue = await call("GET", "/v1/review/queue");
      items = queue.items;
      total = queue.total;
      done = queue.done;
      at = 0;
      await show();
    } catch (e) {
      fail("Could not load the review queue (" + e.message + ").");
    }
  }

  function progress() {
    const left = Math.max(0, items.length - at);
    $("progress").textContent = left + " of " + total + " left" + (done ? " · " + done + " labelled before" : "");
  }

  async function show() {
    progress();
    if (at >= items.length) {
      $("card").hidden = true;
      $("done").hidden = false;
      document.body.dataset.state = "done";
      return;
    }
    const item = items[at];
    document.body.dataset.state = "loading";
    $("done").hidden = true;
    $("card").hidden = false;
    $("before").textContent = item.context_before || "";
    $("after").textContent = item.context_after || "";
    $("review-text").textContent = item.text;
    $("note").value = "";
    let sentence = null, model = { id: item.model_id || null };
    try {
      const answer = await call("POST", "/v1/classify", { text: item.text, explain: true, top_k: 5 });
      sentence = answer.sentences.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
      model = answer.model;
    } catch (_) {  // the queue's own guess, without explanation
      sentence = { label: item.label, confidence: item.confidence, probabilities: item.probabilities || {}, explanation: null };
    }
    labels = Object.keys(sentence.probabilities || {});
    if (!labels.length) labels = Object.keys(LETTERS);
    shown = { label: sentence.label, model: model.id };
    $("review-text").setAttribute("style", vars(sentence.label));
    renderGuess(sentence, model);
    renderAnswers();
    document.body.dataset.state = "ready";
  }

  function renderGuess(s, model) {
    const guess = $("guess");
    guess.textContent = "";
    guess.append("The model says ", el("strong", { id: "guess-label", text: s.label }), " " + pct(s.confidence || 0),
      el("span", { class: "muted", text: " (" + Object.entries(s.probabilities || {}).map(([l, p]) => l + " " + pct(p)).join(", ") +
        (model.id ? "; model " + model.id : "") + ")" }));
    const why = $("why");
    why.textContent = "";
    const ex = s.explanation;
    if (!ex) return;
    const signed = (x) => (x >= 0 ? "+" : "−") + Math.abs(x).toFixed(2);
    const cues = ex.cues.map((c) => el("li", {}, c.kind.replace(/_/g, " ") + " “" + c.text + "” " + signed(c.weight)));
    const towards = ex.features.towards.slice(0, 5).map((f) =>
      "“" + f.feature.replace(/^[a-z]+:/, "").replace(/_/g, " ") + "” " + signed(f.contribution));
    if (cues.length) why.append(el("span", { text: "Cue words:" }), el("ul", {}, ...cues));
    if (towards.length) why.append(el("p", { text: "Pushed towards " + s.label + ": " + towards.join(", ") }));
  }

  function renderAnswers() {
    const box = $("answers");
    box.textContent = "";
    labels.forEach((l, n) => {
      const key = LETTERS[l] || String(n + 1);
      const b = el("button", { type: "button", "data-label": l, "data-key": key, style: vars(l), title: l + " (" + key + ")" },
        l + " ", el("kbd", { text: key }));
      b.addEventListener("click", () => answer(l));
      box.append(b);
    });
  }

  async function answer(label) {
    if (busy || at >= items.length) return;
    busy = true;
    const item = items[at];
    const body = { text: item.text, label, model_id: shown.model || undefined, model_label: shown.label,
                   context_before: item.context_before || undefined, context_after: item.context_after || undefined,
                   domain: item.domain || undefined, register: item.register || undefined };
    const note = $("note").value.trim(), who = $("analyst").value.trim();
    if (note) body.note = note;
    if (who) body.analyst = who;
    document.body.dataset.state = "saving";
    try {
      const saved = await call("POST", "/v1/feedback", body);
      history.push({ index: at, answer: saved });
      status("Saved: " + label + (saved.conflicts.length ? " · other analysts said " +
        saved.conflicts.map((c) => (c.analyst || "anonymous") + ": " + c.label).join(", ") : ""));
      at += 1;
      await show();
    } catch (e) {
      status("Not saved (" + e.message + ")", true);
      document.body.dataset.state = "ready";
    } finally {
      busy = false;
    }
  }

  async function skip() {
    if (busy || at >= items.length) return;
    history.push({ index: at, answer: null });
    status("Skipped");
    at += 1;
    await show();
  }

  async function undo() {
    if (busy) return;
    if (!history.length) { status("Nothing to undo"); return; }
    busy = true;
    const last = history[history.length - 1];
    try {
      if (last.answer) {
        const old = last.answer.replaced, mine = last.answer.correction;
        if (old) {
          const back = {};
          for (const k of ["text", "label", "analyst", "model_id", "model_label", "note", "domain", "register",
                           "context_before", "context_after"]) if (old[k] !== null && old[k] !== "") back[k] = old[k];
          await call("POST", "/v1/feedback", back);
        } else {
          await call("DELETE", "/v1/feedback/" + mine.id);
        }
      }
      history.pop();
      at = last.index;
      status("Undone");
      await show();
    } catch (e) {
      status("Could not undo (" + e.message + ")", true);
    } finally {
      busy = false;
    }
  }

  function status(text, bad) {
    $("status").textContent = text;
    $("status").classList.toggle("fail", !!bad);
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("analyst").value = localStorage.getItem(ANALYST) || "";
    $("api-key").value = sessionStorage.getItem(KEY) || "";
    $("analyst").addEventListener("change", () => localStorage.setItem(ANALYST, $("analyst").value.trim()));
    $("api-key").addEventListener("change", () => { sessionStorage.setItem(KEY, $("api-key").value.trim()); load(); });
    $("skip").addEventListener("click", skip);
    $("undo").addEventListener("click", undo);
    document.addEventListener("keydown", (e) => {
      if (e.target.tagName === "INPUT") { if (e.key === "Escape") e.target.blur(); return; }
      if (e.ctrlKey || e.metaKey || e.altKey || document.body.dataset.state === "loading") return;
      const key = e.key.toLowerCase();
      if (key === "s") skip();
      else if (key === "u") undo();
      else {
        const b = document.querySelector(`#answers button[data-key="${CSS.escape(key)}"]`);
        if (b) answer(b.dataset.label);
      }
    });
    load();
  });
})();
