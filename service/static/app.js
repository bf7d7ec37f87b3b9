// The analyst's page: send the text to POST /v1/classify and draw the answer over the
// original text. Every piece of text goes into the DOM through textContent or text
// nodes, never innerHTML, so nothing a user pastes can run as markup.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);

  // Okabe-Ito colours, told apart with the common colour-vision deficiencies. The label
  // set is data (a fourth label needs no code change), so unknown labels take the next
  // free colour in order.
  const KNOWN = { assertion: "#0072B2", denial: "#D55E00", insinuation: "#CC79A7" };
  const SPARE = ["#009E73", "#E69F00", "#56B4E9", "#7F7F7F", "#000000", "#F0E442"];
  const REASONS = {
    low_confidence: "low confidence",
    small_margin: "the top two labels are close",
    few_known_words: "few words the model knows",
    words_only: "no cue supports this label: it rests on words alone",
  };
  const EXAMPLE = [
    "The ministry signed the contract in March. The mayor said the budget had doubled.",
    "The company denied that any data had been sold, a spokesman said. Officials dismissed the report as baseless.",
    "Where did the money for the new stadium come from? According to an unnamed official, it is hardly a " +
      "coincidence that the audit was cancelled the week before the vote.",
  ].join(" ");

  let current = null;   // {text, response, toU16, chars, labels, colours, exports}
  let pinned = null;    // the index of the clicked sentence, or null
  const filters = { labels: new Set(), uncertainOnly: false };  // which sentences are shown in full

  // --- small helpers ---------------------------------------------------------------

  const el = window.stanceDom.el;  // dom.js

  const pct = (p) => (100 * p).toFixed(1) + "%";
  const signed = (x) => (x >= 0 ? "+" : "−") + Math.abs(x).toFixed(3);
  const human = (kind) => kind.replace(/_/g, " ");
  const FAMILY = { word: "word", char: "letters", cue: "cue", act: "speech act" };
  const sourceKind = (src) => (src.pronoun ? "pronoun" : src.named ? "named" : "anonymous");
  // Who spoke, as `stance score`'s readable columns say it (training/batch/outputs.py speaker):
  // a pronoun whose speaker was found is that speaker.
  const speakerOf = (src) => (src.refers_to
    ? { text: src.refers_to.text, kind: src.refers_to.named ? "named" : "anonymous" }
    : { text: src.text, kind: sourceKind(src) });
  const slug = (s) => String(s).toLowerCase().replace(/[^a-z0-9_-]+/g, "-");

  // The API counts offsets in code points (Python), the DOM in UTF-16 units: map one to
  // the other so an emoji before a sentence does not shift every highlight after it.
  function codePointMap(text) {
    const map = [0];
    let u = 0;
    for (const ch of text) { u += ch.length; map.push(u); }
    return (cp) => map[Math.max(0, Math.min(cp, map.length - 1))];
  }

  function colourFor(labels) {
    const colours = {};
    let spare = 0;
    for (const l of labels) colours[l] = KNOWN[l] || SPARE[spare++ % SPARE.length];
    return colours;
  }

  function labelVars(colour) {
    // A pale tint for the sentence, a stronger one for its cue words, the full colour
    // for the underline: dark text stays legible on all of them.
    return { "--lc": colour, "--lbg": colour + "26", "--lcue": colour + "59" };
  }

  // --- talking to the service ------------------------------------------------------

  async function readDetail(resp) {
    try {
      const body = await resp.json();
      if (body && typeof body.detail === "string") return body.detail;
      if (body && body.detail) return JSON.stringify(body.detail);
    } catch (_) { /* not JSON: fall through to the status text */ }
    return resp.statusText || "no detail given";
  }

  async function checkModel() {
    try {
      const resp = await fetch("/readyz");
      if (resp.ok) {
        const body = await resp.json();
        showModel(body.model);
      } else {
        $("model-status").textContent = "Not ready: " + (await readDetail(resp));
        $("model-status").classList.add("warn");
      }
    } catch (e) {
      $("model-status").textContent = "Cannot reach the service: " + e.message;
      $("model-status").classList.add("warn");
    }
  }

  function showModel(model) {
    if (!model) return;
    const status = $("model-status");
    status.classList.remove("warn");
    status.textContent = "";
    status.append("Model ", el("code", { text: model.id, title: "sha256 " + model.sha256 }));
    $("model-footer").textContent =
      "Model " + model.id + " (stancewatch " + model.version + ", sha256 " + model.sha256.slice(0, 12) + "…)";
  }

  async function analyse() {
    const text = $("text").value;
    const format = $("format-html").checked ? "html" : "text";
    const button = $("analyse");
    hideError();
    document.body.dataset.state = "loading";
    button.disabled = true;
    button.textContent = "Analysing…";
    $("results").setAttribute("aria-busy", "true");
    try {
      const resp = await fetch("/v1/classify", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ text: text, format: format, explain: true, top_k: 5 }),
      });
      if (!resp.ok) {
        showError(resp.status, await readDetail(resp));
        return;
      }
      const body = await resp.json();
      render(format === "html" ? body.text : text, body);  // for a page, the spans point into its main text
      document.body.dataset.state = "done";
    } catch (e) {
      showError(null, "could not reach the service (" + e.message + ")");
    } finally {
      button.disabled = false;
      button.textContent = "Analyse";
      $("results").removeAttribute("aria-busy");
    }
  }

  const STATUS = { 413: "Too large", 422: "Not accepted", 429: "Too many requests", 503: "Service not ready" };

  function showError(status, detail) {
    const box = $("error");
    box.textContent = "";
    const head = status ? (STATUS[status] || "Error") + " (" + status + "): " : "Error: ";
    box.append(el("strong", { text: head }), document.createTextNode(detail));
    box.hidden = false;
    document.body.dataset.state = "error";
  }

  function hideError() {
    $("error").hidden = true;
    $("error").textContent = "";
  }

  // --- drawing the text --------------------------------------------------------------

  function render(text, response) {
    const sentences = response.sentences || [];
    const labels = labelsOf(response);
    if (current) for (const url of current.exports) URL.revokeObjectURL(url);
    current = { text, response, toU16: codePointMap(text), chars: Array.from(text), labels,
                colours: colourFor(labels), exports: [] };
    pinned = null;
    showModel(response.model);
    renderSummary(response.summary, labels);
    renderText(text, sentences);
    renderSources(response.summary, labels);
    renderToolbar(labels);
    renderExports(text, response, labels);
    renderDetails(null);
    $("results").hidden = false;
  }

  function labelsOf(response) {
    const first = (response.sentences || []).find((s) => s.probabilities);
    const order = first ? Object.keys(first.probabilities) : [];
    for (const l of Object.keys((response.summary || {}).counts || {})) if (!order.includes(l)) order.push(l);
    return order;
  }

  function slice(a, b) {
    return current.text.slice(current.toU16(a), current.toU16(b));
  }

  function renderText(text, sentences) {
    const out = $("output");
    out.textContent = "";
    let pos = 0;
    for (const s of sentences) {
      if (s.start > pos) out.append(document.createTextNode(slice(pos, s.start)));
      out.append(s.skipped ? skippedNode(s) : sentenceNode(s));
      pos = Math.max(pos, s.end);
    }
    const total = Array.from(text).length;
    if (pos < total) out.append(document.createTextNode(slice(pos, total)));
  }

  // A sentence set aside unlabelled (page furniture, another language): greyed, its reason
  // drawn after it by CSS from data-reason (not a text node, so offsets in #output hold).
  function skippedNode(s) {
    const reason = s.skipped === "language" ? "language: " + (s.language || "unknown") : s.skipped;
    return el("span", { class: "skipped", "data-reason": reason, "data-index": s.index,
                        title: "Set aside, not labelled: " + reason, text: slice(s.start, s.end) });
  }

  function sentenceNode(s) {
    const colour = current.colours[s.label];
    const node = el("span", {
      class: "sentence label-" + slug(s.label) + (s.uncertain ? " uncertain" : ""),
      "data-label": s.label,
      "data-index": s.index,
      tabindex: 0,
      role: "button",
      "aria-pressed": "false",
      title: s.label + " " + pct(s.confidence) + (s.uncertain ? " (uncertain)" : "") + " — click for why",
      style: labelVars(colour),
    });
    // Inside the sentence: the source span (if it lies in this sentence) wraps plain text
    // and cue marks; a cue that crosses the source's edge is drawn as two marks.
    const src = s.source && s.source.start >= s.start && s.source.end <= s.end ? s.source : null;
    const cues = inlineCues(s);
    const parts = src ? [[s.start, src.start, null], [src.start, src.end, src], [src.end, s.end, null]] : [[s.start, s.end, null]];
    for (const [a, b, source] of parts) {
      if (b <= a) continue;
      const holder = source
        ? el("span", {
            class: "source source-" + sourceKind(source),
            title: "source: " + source.text + (source.refers_to ? " = " + source.refers_to.text : "") +
              " (" + sourceKind(source) + "), verb: " + source.verb,
          })
        : node;
      appendWithCues(holder, a, b, cues);
      if (source) node.append(holder);
    }
    // Hover and focus preview a sentence; leaving it goes back to the clicked one, if any,
    // and otherwise keeps the preview (so gaps between sentences do not blank the panel).
    const back = () => { if (pinned !== null) renderDetails(pinned); };
    node.addEventListener("mouseenter", () => renderDetails(s.index));
    node.addEventListener("mouseleave", back);
    node.addEventListener("focus", () => renderDetails(s.index));
    node.addEventListener("blur", back);
    node.addEventListener("click", () => pin(s.index));
    node.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pin(s.index); }
    });
    return node;
  }

  // Cues that cover the whole sentence (a rhetorical question) would hide the word-level
  // cues inside it, so they are listed in the details only. The rest may overlap: keep the
  // strongest, then the shortest, and drop any that overlaps one already kept.
  function inlineCues(s) {
    const cues = ((s.explanation || {}).cues || [])
      .map((c) => ({ ...c, start: Math.max(c.start, s.start), end: Math.min(c.end, s.end) }))
      .filter((c) => c.end > c.start && !wholeSentence(c, s));
    cues.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight) || (x.end - x.start) - (y.end - y.start) || x.start - y.start);
    const kept = [];
    for (const c of cues) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
    return kept.sort((x, y) => x.start - y.start);
  }

  function wholeSentence(c, s) {
    const body = s.text.replace(/[\s.!?"”’']+$/u, "");
    return c.start <= s.start && c.end >= s.start + Array.from(body).length;
  }

  function appendWithCues(holder, a, b, cues) {
    let pos = a;
    for (const c of cues) {
      const cs = Math.max(c.start, a), ce = Math.min(c.end, b);
      if (ce <= cs) continue;
      if (cs > pos) holder.append(document.createTextNode(slice(pos, cs)));
      holder.append(el("mark", {
        class: "cue cue-" + slug(c.kind) + (c.weight < 0 ? " cue-against" : ""),
        "data-kind": c.kind,
        title: human(c.kind) + ": “" + c.text + "” " + signed(c.weight) +
          (c.weight < 0 ? " (against the label)" : " (towards the label)"),
        text: slice(cs, ce),
      }));
      pos = ce;
    }
    if (b > pos) holder.append(document.createTextNode(slice(pos, b)));
  }

  function pin(index) {
    select(pinned === index ? null : index);
  }

  function select(index) {
    pinned = index;
    for (const n of document.querySelectorAll("#output .sentence")) {
      const on = Number(n.dataset.index) === pinned;
      n.classList.toggle("selected", on);
      n.setAttribute("aria-pressed", on ? "true" : "false");
    }
    renderDetails(pinned);
  }

  // --- summary, legend, sources ----------------------------------------------------------

  function renderSummary(summary, labels) {
    const line = $("summary-line");
    line.textContent = "";
    const n = summary.sentences;
    line.append(el("strong", { text: n + (n === 1 ? " sentence" : " sentences") }));
    for (const l of labels) {
      line.append(" · ", el("span", { class: "count", "data-label": l, style: labelVars(current.colours[l]) },
        el("span", { class: "swatch", "aria-hidden": "true" }),
        (summary.counts[l] || 0) + " " + l));
    }
    if (summary.uncertain) line.append(" · ", el("span", { class: "count-uncertain", text: summary.uncertain + " uncertain" }));
    if (summary.skipped) {
      const why = Object.entries(summary.skipped_reasons || {}).map(([r, k]) => k + " " + r).join(", ");
      line.append(" · ", el("span", { class: "count-skipped", title: "Not labelled and not counted: " + why,
        text: summary.skipped + " set aside (" + why + ")" }));
    }
    renderDocument(current.response);

    const bar = $("summary-bar");
    bar.textContent = "";
    bar.setAttribute("aria-label", labels.map((l) => l + " " + pct(summary.shares[l] || 0)).join(", "));
    for (const l of labels) {
      const share = summary.shares[l] || 0;
      if (!share) continue;
      bar.append(el("span", {
        class: "segment", style: { flex: String(share), background: current.colours[l] }, title: l + ": " + pct(share),
      }, share >= 0.12 ? el("span", { class: "segment-label", text: l + " " }) : null, share >= 0.12 ? pct(share) : null));
    }

    const legend = $("legend");
    legend.textContent = "";
    for (const l of labels) {
      legend.append(el("li", {}, el("span", { class: "sample sentence", style: labelVars(current.colours[l]), text: l })));
    }
    legend.append(
      el("li", {}, el("span", { class: "sample sentence uncertain", style: labelVars("#7F7F7F"), text: "uncertain" })),
      el("li", {}, el("mark", { class: "sample cue", style: labelVars("#7F7F7F"), text: "cue word" }),
        el("span", { class: "muted", text: " pushes towards the label" })),
      el("li", { "data-legend": "against" },
        el("mark", { class: "sample cue cue-against", style: labelVars("#7F7F7F"), text: "wavy underline" }),
        el("span", { class: "muted", text: " a cue word that pushes against the label" })),
      el("li", {}, el("span", { class: "sample source", text: "source" }),
        el("span", { class: "muted", text: " who said it (hatched: not named)" })));
  }

  // A page's title, author, date and site, when the text was HTML.
  function renderDocument(response) {
    const box = $("document-line");
    box.textContent = "";
    const d = response.document;
    box.hidden = !d;
    if (!d) return;
    const parts = [["title", d.title], ["by", d.author], ["date", d.date], ["site", d.site]].filter(([, v]) => v);
    box.append(el("span", { class: "muted", text: "Page: " }));
    parts.forEach(([k, v], i) => box.append(i ? " · " : "", el("span", { class: "doc-" + k, text: (k === "title" ? "" : k + " ") + v })));
  }

  function renderSources(summary, labels) {
    const box = $("sources");
    box.textContent = "";
    const rows = summary.sources || [];
    if (!rows.length) return;
    const head = el("tr", {}, el("th", { text: "Source", scope: "col" }), ...labels.map((l) => el("th", { text: l, scope: "col" })));
    const body = rows.map((r) => el("tr", {},
      el("th", { scope: "row" }, r.source + " ", el("span", { class: "muted", text: sourceKind(r) })),
      ...labels.map((l) => el("td", { text: String(r[l] || 0) }))));
    box.append(el("h2", { text: "Who said what" }),
      el("div", { class: "scroll" }, el("table", {}, el("thead", {}, head), el("tbody", {}, ...body))));
  }

  // --- filters, going from sentence to sentence, export ------------------------------------

  function renderToolbar(labels) {
    const box = $("label-filters");
    box.textContent = "";
    filters.labels = new Set(labels);
    for (const l of labels) {
      const input = el("input", { type: "checkbox", checked: true, "data-label": l });
      input.checked = true;
      input.addEventListener("change", () => {
        if (input.checked) filters.labels.add(l); else filters.labels.delete(l);
        applyFilters();
      });
      box.append(el("label", { class: "count", style: labelVars(current.colours[l]) },
        input, el("span", { class: "swatch", "aria-hidden": "true" }), l), " ");
    }
    const jump = $("jump-label");
    jump.textContent = "";
    for (const l of labels) jump.append(el("option", { value: "label:" + l, text: l }));
    jump.append(el("option", { value: "uncertain", text: "uncertain" }));
    jump.value = labels.includes("insinuation") ? "label:insinuation" : "label:" + labels[0];
    applyFilters();
  }

  const shownInFull = (s) => filters.labels.has(s.label) && (!filters.uncertainOnly || s.uncertain);

  // Sentences left out by the filters stay in the text (it must read whole) but fade.
  function applyFilters() {
    filters.uncertainOnly = $("only-uncertain").checked;
    const sentences = current.response.sentences || [];
    let shown = 0;
    for (const n of document.querySelectorAll("#output .sentence")) {
      const on = shownInFull(sentences[Number(n.dataset.index)]);
      n.classList.toggle("filtered-out", !on);
      shown += on;
    }
    const labelled = sentences.filter((s) => !s.skipped).length;
    $("filter-count").textContent = shown === labelled ? "" : shown + " of " + labelled + " sentences";
    $("jump-status").textContent = "";
  }

  // The next (step 1) or previous (step -1) sentence of the chosen kind among those shown,
  // from the selected one, going round at the ends.
  function jump(step) {
    if (!current) return;
    const want = $("jump-label").value;
    const sentences = current.response.sentences || [];
    const matches = sentences.filter((s) => shownInFull(s) &&
      (want === "uncertain" ? s.uncertain : "label:" + s.label === want)).map((s) => s.index);
    const name = want === "uncertain" ? "uncertain sentence" : want.slice(6);
    if (!matches.length) { $("jump-status").textContent = "no " + name + " shown"; return; }
    const from = pinned === null ? (step > 0 ? -1 : sentences.length) : pinned;
    let at = step > 0 ? matches.findIndex((i) => i > from) : matches.findLastIndex((i) => i < from);
    if (at < 0) at = step > 0 ? 0 : matches.length - 1;
    select(matches[at]);
    const node = document.querySelector(`#output .sentence[data-index="${matches[at]}"]`);
    node.scrollIntoView({ block: "center" });
    node.focus({ preventScroll: true });
    $("jump-status").textContent = name + " " + (at + 1) + " of " + matches.length;
  }

  function renderExports(text, response, labels) {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
    const name = "stancewatch-" + stamp;
    const files = [
      // The text the spans point into last: a plain-text answer's own `text` is null.
      ["export-json", name + ".json", JSON.stringify({ ...response, text }, null, 2), "application/json"],
      ["export-csv", name + ".csv", toCsv(response, labels), "text/csv;charset=utf-8"],
    ];
    for (const [id, filename, body, type] of files) {
      const url = URL.createObjectURL(new Blob([body], { type }));
      current.exports.push(url);
      const link = $(id);
      link.href = url;
      link.download = filename;
      link.title = "Download the result as " + filename.split(".").pop().toUpperCase() + ": " + filename;
    }
  }

  // One row per sentence, the columns `stance score` writes to CSV. A cell that a
  // spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe.
  function toCsv(response, labels) {
    const head = ["index", "start", "end", "label", "skipped", "language", "confidence", ...labels.map((l) => "p_" + l), "uncertain",
                  "uncertain_reasons", "source_text", "source_kind", "cues", "text", "model_id"];
    const text = (v) => (/^[=+\-@\t\r]/.test(v) ? "'" + v : v);
    const cell = (v) => {
      const s = String(v ?? "");
      return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    };
    const rows = (response.sentences || []).map((s) => [
      s.index, s.start, s.end, s.label, s.skipped, s.language, s.confidence,
      ...labels.map((l) => (s.probabilities ? s.probabilities[l] : "")), s.uncertain,
      s.uncertain_reasons.join("; "), s.source ? text(speakerOf(s.source).text) : "", s.source ? speakerOf(s.source).kind : "",
      text(((s.explanation || {}).cues || []).map((c) => human(c.kind) + ": " + c.text).join("; ")), text(s.text),
      response.model.id]);
    return "\ufeff" + [head, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
  }

  // --- the details panel -------------------------------------------------------------------

  function renderDetails(index) {
    const body = $("details-body");
    const aside = $("details");
    aside.classList.toggle("open", pinned !== null);
    const s = index === null || !current ? null : current.response.sentences[index];
    if (!s) {
      if (index === null && current && body.dataset.index !== undefined) {
        body.textContent = "";
        delete body.dataset.index;
        body.append(el("p", { class: "muted", text: "Hover over a sentence, or click it, to see why it got its label." }));
      }
      clearFeatureHighlight();
      return;
    }
    if (body.dataset.index === String(index)) return;
    body.dataset.index = String(index);
    body.textContent = "";
    const colour = current.colours[s.label];
    body.append(
      el("h2", {},
        el("span", { class: "chip", style: labelVars(colour), text: s.label }),
        " " + pct(s.confidence), el("span", { class: "muted", text: " · sentence " + (s.index + 1) })),
      el("blockquote", { text: s.text }));
    // feedback.js adds its "correct it" box here.
    body.dispatchEvent(new CustomEvent("stance:details", { bubbles: true,
      detail: { sentence: s, model: current.response.model, text: current.text } }));
    if (s.uncertain) {
      body.append(el("p", { class: "uncertain-note",
        text: "Uncertain: " + s.uncertain_reasons.map((r) => REASONS[r] || human(r)).join("; ") + "." }));
    }

    body.append(el("h3", { text: "Probabilities" }));
    const probs = Object.entries(s.probabilities).sort((a, b) => b[1] - a[1]);
    body.append(el("ul", { class: "bars" }, ...probs.map(([l, p]) => el("li", {},
      el("span", { class: "bar-label", text: l }),
      el("span", { class: "bar" }, el("span", { class: "fill", style: { width: (100 * p).toFixed(1) + "%", background: current.colours[l] } })),
      el("span", { class: "bar-value", text: pct(p) })))));

    body.append(el("h3", { text: "Source" }), sourceNode(s.source));
    if (s.explanation && s.explanation.denied) {
      body.append(el("h3", { text: "What it denies" }), el("p", { class: "denied" }, el("q", { text: s.explanation.denied.text })));
    }

    const ex = s.explanation;
    if (!ex) return;
    body.append(el("h3", { text: "Cue words" }));
    if (ex.cues.length) {
      body.append(el("ul", { class: "cues" }, ...ex.cues.map((c) => el("li", {},
        el("span", { class: "kind", text: human(c.kind) }), " ", el("q", { text: c.text }), " ",
        el("span", { class: "weight " + (c.weight < 0 ? "neg" : "pos"), text: signed(c.weight) })))));
    } else {
      body.append(el("p", { class: "muted", text: "No named cue in this sentence." }));
    }
    body.append(featureTable("Pushed towards " + s.label, ex.features.towards),
      featureTable("Pushed against " + s.label, ex.features.against),
      el("p", { class: "muted score" , text: "Decision score for " + ex.label + ": " + ex.score.toFixed(3) +
        " = intercept " + signed(ex.intercept) + " + all feature contributions " + signed(ex.contributions_sum) + "." +
        (ex.adapter_gate == null ? "" : " Your corrections' own weights count " + Math.round(100 * ex.adapter_gate) +
          "% here (the sentence's likeness to the corrected ones); both terms include them.") }));
  }

  function sourceNode(src) {
    if (!src) return el("p", { class: "muted", text: "None found: the text speaks in its own voice." });
    return el("p", {},
      el("span", { class: "source", text: src.text }), " ",
      el("span", { class: "tag", text: sourceKind(src) }),
      " · verb ", el("q", { text: src.verb }),
      src.refers_to ? el("span", { class: "refers-to" }, " · stands for ", el("span", { class: "source", text: src.refers_to.text }))
        : src.pronoun ? el("span", { class: "muted", text: " · no earlier speaker is clearly meant" }) : null,
      src.carried ? el("span", { class: "muted", text: " · carried over from the quote it belongs to" }) : null);
  }

  function featureTable(title, features) {
    const wrap = el("div", { class: "features" }, el("h3", { text: title }));
    if (!features.length) { wrap.append(el("p", { class: "muted", text: "None." })); return wrap; }
    const shown = featureRows(features);
    const max = Math.max(...shown.map((f) => Math.abs(f.contribution)), 1e-12);
    const rows = shown.map((f) => {
      const name = el("td", { class: "feature" }, el("code", { text: f.name }), " ", el("span", { class: "tag", text: f.tag }));
      if (f.grams) {
        name.append(el("span", { class: "grams muted", text: " " + f.grams.map((g) => "“" + g.replace(/ /g, "␣") + "”").join(" ") }));
      }
      const row = el("tr", {
        tabindex: 0, title: "Shows where this feature is in the text", "data-family": f.family,
        "data-grams": f.grams ? JSON.stringify(f.grams) : null,
      }, name, el("td", { class: "contrib" },
        el("span", { class: "mini " + (f.contribution < 0 ? "neg" : "pos"), style: { width: (100 * Math.abs(f.contribution) / max).toFixed(0) + "%" } }),
        el("span", { text: signed(f.contribution) })));
      const on = () => highlightFeature(f.spans);
      row.addEventListener("mouseenter", on);
      row.addEventListener("focus", on);
      row.addEventListener("mouseleave", clearFeatureHighlight);
      row.addEventListener("blur", clearFeatureHighlight);
      return row;
    });
    wrap.append(el("table", {}, el("tbody", {}, ...rows)));
    return wrap;
  }

  // Character n-grams ("hat", " i ") mean little alone: each is shown under the word it
  // was found in, with the group's summed contribution (contributions are exact, so they
  // add up). Word features stay one a row; a cue feature is named in words.
  function featureRows(features) {
    const rows = [], groups = new Map();
    for (const f of features) {
      if (f.family !== "char") {  // "cue:evidence_request" -> "evidence request", tagged "cue"
        const name = f.family === "word" ? f.feature : human(f.feature.replace(/^[a-z]+:/, ""));
        rows.push({ name, tag: FAMILY[f.family] || f.family, family: f.family, contribution: f.contribution, spans: f.spans });
        continue;
      }
      const word = (f.spans || []).length ? wordAround(f.spans[0]) : null;
      const key = word ? word.start + ":" + word.end : "none";
      let group = groups.get(key);
      if (!group) {
        group = { name: word ? word.text : "(between words)", tag: "letters of the word", family: "char-group",
                  contribution: 0, spans: [], grams: [] };
        groups.set(key, group);
        rows.push(group);
      }
      group.contribution += f.contribution;
      group.spans.push(...(f.spans || []));
      group.grams.push(f.feature);
    }
    return rows.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  }

  // The word (letters, digits, inner apostrophes and hyphens) at the first letter of a span,
  // in code points of the submitted text; null for a span of spaces and punctuation.
  function wordAround([a, b]) {
    const chars = current.chars, isWord = (c) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
    let i = a;
    while (i < b && !isWord(chars[i])) i++;
    if (i >= b) return null;
    const joiner = (c) => c === "'" || c === "’" || c === "-";  // inside a word only: "don't", "anti-graft"
    let start = i, end = i + 1;
    while (start > 0 && (isWord(chars[start - 1]) || (joiner(chars[start - 1]) && isWord(chars[start - 2])))) start--;
    while (end < chars.length && (isWord(chars[end]) || (joiner(chars[end]) && isWord(chars[end + 1])))) end++;
    return { start, end, text: chars.slice(start, end).join("") };
  }

  // Feature spans are shown with the CSS Custom Highlight API, which paints ranges without
  // touching the DOM; browsers without it simply show no span.
  function highlightFeature(spans) {
    if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") return;
    const ranges = [];
    for (const [a, b] of spans || []) {
      const start = locate(current.toU16(a)), end = locate(current.toU16(b));
      if (!start || !end) continue;
      const r = document.createRange();
      r.setStart(start.node, start.offset);
      r.setEnd(end.node, end.offset);
      ranges.push(r);
    }
    CSS.highlights.set("feature", new Highlight(...ranges));
  }

  function clearFeatureHighlight() {
    if (window.CSS && CSS.highlights) CSS.highlights.delete("feature");
  }

  function locate(u16) {
    const walker = document.createTreeWalker($("output"), NodeFilter.SHOW_TEXT);
    let pos = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = n.data.length;
      if (u16 <= pos + len) return { node: n, offset: u16 - pos };
      pos += len;
    }
    return null;
  }

  // --- wiring ------------------------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", () => {
    $("form").addEventListener("submit", (e) => { e.preventDefault(); analyse(); });
    $("text").addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); analyse(); }
    });
    $("example").addEventListener("click", () => { $("text").value = EXAMPLE; $("text").focus(); });
    $("details-close").addEventListener("click", () => { if (pinned !== null) pin(pinned); else renderDetails(null); });
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && pinned !== null) pin(pinned);
      // n and p go to the next and previous sentence of the chosen kind, except while typing.
      const typing = /^(TEXTAREA|INPUT|SELECT)$/.test(e.target.tagName);
      if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && !$("results").hidden) {
        if (e.key === "n") jump(1);
        else if (e.key === "p") jump(-1);
      }
    });
    $("only-uncertain").addEventListener("change", applyFilters);
    $("jump-next").addEventListener("click", () => jump(1));
    $("jump-prev").addEventListener("click", () => jump(-1));
    $("jump-label").addEventListener("change", () => { $("jump-status").textContent = ""; });
    checkModel();
  });
})();
