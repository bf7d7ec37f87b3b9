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
  };
  const EXAMPLE = [
    "The ministry signed the contract in March. The mayor said the budget had doubled.",
    "The company denied that any data had been sold, a spokesman said. Officials dismissed the report as baseless.",
    "Where did the money for the new stadium come from? According to an unnamed official, it is hardly a " +
      "coincidence that the audit was cancelled the week before the vote.",
  ].join(" ");

  let current = null;   // {text, response, toU16, labels, colours}
  let pinned = null;    // the index of the clicked sentence, or null

  // --- small helpers ---------------------------------------------------------------

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k === "style") for (const [p, val] of Object.entries(v)) node.style.setProperty(p, val);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  const pct = (p) => (100 * p).toFixed(1) + "%";
  const signed = (x) => (x >= 0 ? "+" : "−") + Math.abs(x).toFixed(3);
  const human = (kind) => kind.replace(/_/g, " ");
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
        body: JSON.stringify({ text: text, explain: true, top_k: 5 }),
      });
      if (!resp.ok) {
        showError(resp.status, await readDetail(resp));
        return;
      }
      render(text, await resp.json());
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
    current = { text, response, toU16: codePointMap(text), labels, colours: colourFor(labels) };
    pinned = null;
    showModel(response.model);
    renderSummary(response.summary, labels);
    renderText(text, sentences);
    renderSources(response.summary, labels);
    renderDetails(null);
    $("results").hidden = false;
  }

  function labelsOf(response) {
    const first = (response.sentences || [])[0];
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
      out.append(sentenceNode(s));
      pos = Math.max(pos, s.end);
    }
    const total = Array.from(text).length;
    if (pos < total) out.append(document.createTextNode(slice(pos, total)));
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
            class: "source " + (source.named ? "source-named" : "source-anonymous"),
            title: "source: " + source.text + " (" + (source.named ? "named" : "anonymous") + "), verb: " + source.verb,
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
    pinned = pinned === index ? null : index;
    for (const n of document.querySelectorAll(".sentence")) {
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
      el("li", {}, el("mark", { class: "sample cue", style: labelVars("#7F7F7F"), text: "cue word" })),
      el("li", {}, el("span", { class: "sample source", text: "source" })));
  }

  function renderSources(summary, labels) {
    const box = $("sources");
    box.textContent = "";
    const rows = summary.sources || [];
    if (!rows.length) return;
    const head = el("tr", {}, el("th", { text: "Source", scope: "col" }), ...labels.map((l) => el("th", { text: l, scope: "col" })));
    const body = rows.map((r) => el("tr", {},
      el("th", { scope: "row" }, r.source + " ", el("span", { class: "muted", text: r.named ? "named" : "anonymous" })),
      ...labels.map((l) => el("td", { text: String(r[l] || 0) }))));
    box.append(el("h2", { text: "Who said what" }),
      el("div", { class: "scroll" }, el("table", {}, el("thead", {}, head), el("tbody", {}, ...body))));
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
        " = intercept " + signed(ex.intercept) + " + all feature contributions " + signed(ex.contributions_sum) + "." }));
  }

  function sourceNode(src) {
    if (!src) return el("p", { class: "muted", text: "None found: the text speaks in its own voice." });
    return el("p", {},
      el("span", { class: "source", text: src.text }), " ",
      el("span", { class: "tag", text: src.named ? "named" : "anonymous" }),
      " · verb ", el("q", { text: src.verb }),
      src.carried ? el("span", { class: "muted", text: " · carried over from the quote it belongs to" }) : null);
  }

  function featureTable(title, features) {
    const wrap = el("div", { class: "features" }, el("h3", { text: title }));
    if (!features.length) { wrap.append(el("p", { class: "muted", text: "None." })); return wrap; }
    const max = Math.max(...features.map((f) => Math.abs(f.contribution)), 1e-12);
    const rows = features.map((f) => {
      const row = el("tr", { tabindex: 0, title: "Shows where this feature is in the text" },
        el("td", { class: "feature" }, el("code", { text: f.feature }), " ", el("span", { class: "tag", text: f.family })),
        el("td", { class: "contrib" },
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
    document.addEventListener("keydown", (e) => { if (e.key === "Escape" && pinned !== null) pin(pinned); });
    checkModel();
  });
})();
