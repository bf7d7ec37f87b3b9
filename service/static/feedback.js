// "Correct it" in the details panel of the main page: one button per label and a note
// field; a click stores a correction (POST /v1/feedback, the sentence sent with its
// document and span, so its context is kept) and the panel says what was saved.
// app.js announces each sentence it shows with a "stance:details" event.
"use strict";

(function () {
  const ANALYST = "stancewatch.analyst";

  const el = window.stanceDom.el;  // dom.js

  function colourOf(label) {
    const chip = document.querySelector(`#summary-line .count[data-label="${CSS.escape(label)}"]`);
    return chip ? chip.getAttribute("style") : null;  // the label's --lc/--lbg, as app.js set them
  }

  async function detailOf(resp) {
    try { const b = await resp.json(); return typeof b.detail === "string" ? b.detail : JSON.stringify(b.detail); }
    catch (_) { return resp.statusText || "no detail given"; }
  }

  function saidWhat(answer) {
    const parts = ["Saved: " + answer.correction.label];
    if (answer.replaced) parts.push("(replaces your earlier " + answer.replaced.label + ")");
    if (answer.conflicts.length) {
      parts.push("· other analysts said " + answer.conflicts.map((c) => (c.analyst || "anonymous") + ": " + c.label).join(", "));
    }
    return parts.join(" ");
  }

  function correctBox(s, model, text) {
    const labels = Object.keys(s.probabilities);
    const status = el("p", { class: "saved", id: "correct-status", "aria-live": "polite" });
    const note = el("input", { class: "note", id: "correct-note", type: "text", maxlength: 2000,
                               placeholder: "Note (optional): why this label", "aria-label": "Note" });
    const who = el("input", { id: "correct-analyst", type: "text", maxlength: 128, placeholder: "your name",
                              "aria-label": "Your name" });
    who.value = localStorage.getItem(ANALYST) || "";
    who.addEventListener("change", () => localStorage.setItem(ANALYST, who.value.trim()));
    const buttons = labels.map((label) => {
      const b = el("button", { type: "button", class: "correct-label", "data-label": label, style: colourOf(label),
                               title: "Store a correction: this sentence is " + (label === "assertion" ? "an " : "a ") + label },
        "this is " + (/^[aeiou]/.test(label) ? "an " : "a ") + label);
      b.addEventListener("click", () => save(label, b));
      return b;
    });

    async function save(label, button) {
      status.classList.remove("fail");
      status.textContent = "Saving…";
      document.body.dataset.feedback = "saving";
      const body = { document: text, start: s.start, end: s.end, label, model_id: model.id, model_label: s.label };
      if (note.value.trim()) body.note = note.value.trim();
      if (who.value.trim()) body.analyst = who.value.trim();
      try {
        const resp = await fetch("/v1/feedback", { method: "POST", headers: { "Content-Type": "application/json" },
                                                   body: JSON.stringify(body) });
        if (!resp.ok) throw new Error(resp.status + ": " + (await detailOf(resp)));
        const answer = await resp.json();
        for (const b of buttons) b.classList.toggle("chosen", b === button);
        status.textContent = saidWhat(answer);
        status.dataset.id = answer.correction.id;
        document.body.dataset.feedback = "saved";
      } catch (e) {
        status.classList.add("fail");
        status.textContent = "Not saved (" + e.message + ")";
        document.body.dataset.feedback = "error";
      }
    }

    return el("section", { class: "correct", "aria-label": "Correct the label" },
      el("h3", { text: "Correct it" }), el("div", { class: "correct-buttons" }, ...buttons), note,
      el("div", { class: "who" }, "as ", who), status);
  }

  document.addEventListener("stance:details", (e) => {
    const { sentence, model, text } = e.detail;
    e.target.append(correctBox(sentence, model, text));
  });
})();
