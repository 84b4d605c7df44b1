// pmreview review page: plain JS, no build step, no third-party code. Talks only to this server's /v1 API
// (the session cookie set by the ?token= URL authenticates every call).
"use strict";

const $ = (id) => document.getElementById(id);
const text = $("text");
const highlights = $("highlights");
const DEBOUNCE_MS = 300;

const state = {
  rules: {}, families: {}, llm: false, fileName: "postmortem.md",
  reviewedText: null, annotations: [], findings: [], seq: 0, timer: null,
  batchStart: null, // performance.now() of the first edit not yet reviewed (paste-to-highlights timing)
};
window.pmreview = { timings: [] }; // read by the browser test

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function status(message) { $("status").textContent = message; }

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(path, { credentials: "same-origin", ...options });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = (data.error && data.error.message) || response.statusText;
    if (response.status === 401 || response.status === 403) {
      throw new Error(`${message}. Open the URL that \`pmreview serve\` printed.`);
    }
    throw new Error(message);
  }
  return data;
}

// ---- highlights ----------------------------------------------------------------------------------------------

// Findings may nest (a word inside a flagged sentence): the text is cut at every finding's start
// and end, and each piece is marked with the most specific (shortest) finding covering it.
function renderHighlights() {
  const source = text.value;
  const marks = state.annotations.filter((a) => a.end > a.start && a.end <= source.length);
  const cuts = [...new Set([0, source.length, ...marks.flatMap((a) => [a.start, a.end])])].sort((x, y) => x - y);
  const parts = [];
  let open = null; // [annotation, start] of the mark being extended
  const flush = (end) => {
    if (open) parts.push(el("mark", { class: `fam-${open[0].family}`, "data-id": open[0].id }, source.slice(open[1], end)));
    open = null;
  };
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    let best = null;
    for (const a of marks) {
      if (a.start <= from && a.end >= to && (!best || a.end - a.start < best.end - best.start)) best = a;
    }
    if (open && open[0] === best) continue;
    flush(from);
    if (best) open = [best, from];
    else parts.push(document.createTextNode(source.slice(from, to)));
  }
  flush(source.length);
  parts.push(document.createTextNode("\n")); // a trailing newline needs a line box
  highlights.replaceChildren(...parts);
  syncScroll();
}

function syncScroll() { highlights.parentElement.scrollTop = text.scrollTop; }

// While the user types, keep highlights that the edit did not touch (shifted), drop the rest.
function shiftAnnotations(before, after) {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const oldEnd = before.length - suffix;
  const delta = after.length - before.length;
  state.annotations = state.annotations.flatMap((a) => {
    if (a.end <= prefix) return [a];
    if (a.start >= oldEnd) return [{ ...a, start: a.start + delta, end: a.end + delta }];
    return [];
  });
}

// ---- review --------------------------------------------------------------------------------------------------

let lastValue = "";
function onInput(event) {
  shiftAnnotations(lastValue, text.value);
  lastValue = text.value;
  renderHighlights();
  if (state.batchStart === null) state.batchStart = performance.now();
  const immediate = event && /^insertFrom(Paste|Drop)/.test(event.inputType || "");
  scheduleReview(immediate ? 0 : DEBOUNCE_MS);
}

function scheduleReview(delay) {
  clearTimeout(state.timer);
  state.timer = setTimeout(review, delay);
}

async function review() {
  const draft = text.value;
  const seq = ++state.seq;
  const started = state.batchStart;
  state.batchStart = null;
  if (!draft.trim()) {
    state.annotations = []; state.findings = []; state.reviewedText = draft;
    renderHighlights(); renderPanel(null); status("Paste or open a Markdown draft.");
    return;
  }
  status("Reviewing…");
  const requested = performance.now();
  let data;
  try {
    data = await api("/v1/review", { text: draft, path: state.fileName, annotations: true });
  } catch (error) {
    status(`Review failed: ${error.message}`);
    return;
  }
  if (seq !== state.seq || text.value !== draft) return; // a newer edit is on its way
  const file = data.report.files[0];
  state.reviewedText = draft;
  state.findings = file.findings;
  state.annotations = data.annotations;
  renderHighlights();
  renderPanel(data);
  const ms = started === null ? null : performance.now() - started;
  if (ms !== null) window.pmreview.timings.push(ms);
  const errors = file.errors.map((e) => e.message).join("; ");
  status(errors ? `Not reviewed: ${errors}` :
    `${file.findings.length} findings · reviewed in ${Math.round(performance.now() - requested)} ms`);
}

// ---- side panel ----------------------------------------------------------------------------------------------

function renderPanel(data) {
  const summary = $("summary");
  const list = $("findings");
  if (!data) { summary.replaceChildren(); list.replaceChildren(); return; }
  const counts = Object.entries(data.summary).filter(([fam, n]) => n > 0 || fam !== "RV");
  summary.replaceChildren(
    el("h2", {}, "Summary"),
    el("ul", { class: "counts" }, counts.map(([fam, n]) =>
      el("li", { class: `chip fam-${fam}`, title: state.families[fam] || fam }, `${state.families[fam] || fam}: ${n}`))),
    el("h2", {}, "Structure checklist"),
    el("ul", { class: "checklist" }, data.checklist.map((c) =>
      el("li", { class: c.present ? "present" : "missing" }, `${c.section.replace("-", " ")}${c.present ? "" : " (missing)"}`))),
  );
  const byFamily = new Map();
  state.findings.forEach((finding, i) => {
    const fam = finding.rule.slice(0, 2);
    if (!byFamily.has(fam)) byFamily.set(fam, []);
    byFamily.get(fam).push([finding, state.annotations[i]]);
  });
  const sections = [];
  for (const fam of Object.keys(state.families)) {
    const items = byFamily.get(fam);
    if (!items) continue;
    sections.push(el("section", { class: "family", "aria-label": state.families[fam] },
      el("h2", {}, `${state.families[fam]} (${items.length})`),
      el("ol", {}, items.map(([finding, ann]) => card(finding, ann)))));
  }
  list.replaceChildren(...(sections.length ? sections : [el("p", { class: "empty" }, "No findings: nothing to change.")]));
  $("apply-safe").disabled = !state.annotations.some((a) => a.safe);
}

function card(finding, ann) {
  const rule = state.rules[finding.rule] || {};
  const fam = finding.rule.slice(0, 2);
  const where = `Line ${finding.range.start.line} · ${finding.rule} ${finding.name}`;
  const node = el("li", { class: `finding ${fam}`, id: `f-${ann.id}`, "data-id": ann.id },
    el("button", { type: "button", class: "locate", title: "Select in the draft", onclick: () => locate(ann) }, where),
    el("p", { class: "message" }, finding.message),
    rule.rationale ? el("details", {}, el("summary", {}, "Why, and what instead"),
      el("p", {}, rule.rationale), rule.guardrail ? el("p", {}, el("strong", {}, "Guardrail: "), rule.guardrail) : null) : null,
  );
  if (ann.kind === "edit") {
    node.append(change("Before", "del", ann.before), change("After", "ins", ann.after),
      el("div", { class: "row" }, el("button", { type: "button", onclick: () => applyFix({ ids: [ann.id] }) }, "Apply")));
  } else if (ann.kind === "proposal") {
    const label = fam === "AC" ? "Proposed guardrail" : ann.refused ? `Suggestion (edit by hand: ${ann.refused})` : "Suggestion";
    node.append(change(label, "ins", finding.suggestion),
      el("div", { class: "row" }, el("button", { type: "button", onclick: () => copy(finding.suggestion) }, "Copy proposal")));
  }
  if (state.llm && (fam === "BL" || fam === "HR")) {
    const result = el("div", { class: "rewrite" });
    node.append(el("div", { class: "row" },
      el("button", { type: "button", onclick: (e) => rewrite(ann, result, e.currentTarget) }, "Rewrite neutrally")), result);
  }
  return node;
}

function change(label, tag, value) {
  return el("div", { class: "change" }, el("span", { class: "label" }, label), el(tag, {}, value || ""));
}

function locate(ann) {
  text.focus();
  text.setSelectionRange(ann.start, ann.end);
  markActive(ann.id);
  // The backdrop lays the text out exactly as the textarea does: scroll to where its mark sits.
  const mark = highlights.querySelector(`mark[data-id="${CSS.escape(ann.id)}"]`);
  if (mark) { text.scrollTop = Math.max(0, mark.offsetTop - text.clientHeight / 3); syncScroll(); }
}

function markActive(id) {
  for (const node of document.querySelectorAll(".active")) node.classList.remove("active");
  if (!id) return;
  const cardNode = document.getElementById(`f-${id}`);
  if (cardNode) { cardNode.classList.add("active"); cardNode.scrollIntoView({ block: "nearest" }); }
  const mark = highlights.querySelector(`mark[data-id="${CSS.escape(id)}"]`);
  if (mark) mark.classList.add("active");
}

function findingAtCaret() {
  if (state.reviewedText !== text.value) return;
  const at = text.selectionStart;
  const hit = state.annotations.find((a) => a.start <= at && at <= a.end && a.end > a.start);
  markActive(hit && hit.id);
}

function step(direction) {
  const marks = state.annotations.filter((a) => a.end > a.start).sort((a, b) => a.start - b.start);
  if (!marks.length) return;
  const at = text.selectionStart;
  const next = direction > 0 ? marks.find((a) => a.start > at) || marks[0]
    : [...marks].reverse().find((a) => a.start < at) || marks[marks.length - 1];
  locate(next);
}

// ---- changing the draft --------------------------------------------------------------------------------------

// Replace the draft but keep the browser's undo history: only the changed middle is inserted.
function replaceDraft(newText) {
  const old = text.value;
  let prefix = 0;
  while (prefix < old.length && prefix < newText.length && old[prefix] === newText[prefix]) prefix++;
  let suffix = 0;
  while (suffix < old.length - prefix && suffix < newText.length - prefix &&
         old[old.length - 1 - suffix] === newText[newText.length - 1 - suffix]) suffix++;
  text.focus();
  text.setSelectionRange(prefix, old.length - suffix);
  const middle = newText.slice(prefix, newText.length - suffix);
  if (!document.execCommand("insertText", false, middle) || text.value !== newText) {
    text.value = newText;
    onInput();
  }
}

async function applyFix(selection) {
  if (state.reviewedText !== text.value) { await review(); }
  try {
    const data = await api("/v1/fix", { text: text.value, path: state.fileName, ...selection });
    replaceDraft(data.text);
    status(`Applied ${data.applied} edit(s)${data.skipped ? `, ${data.skipped} skipped (overlapping)` : ""}.`);
    scheduleReview(0);
  } catch (error) {
    status(`Could not apply: ${error.message}`);
  }
}

async function rewrite(ann, box, button) {
  if (state.reviewedText !== text.value) { status("The draft changed; reviewing again first."); await review(); return; }
  button.disabled = true;
  box.replaceChildren(el("p", { class: "usage" }, "Asking the model…"));
  try {
    const data = await api("/v1/rewrite", { text: text.value, path: state.fileName, id: ann.id });
    const verdict = data.verified
      ? el("span", { class: "verdict ok" }, "✓ Verified: facts kept, no residual blame")
      : el("span", { class: "verdict bad" }, `✗ Not verified: ${data.reason}`);
    const parts = [el("div", { class: "row" }, verdict)];
    if (data.verified) {
      parts.push(change("Rewrite", "ins", data.after), el("div", { class: "row" },
        el("button", { type: "button", onclick: () => applyRewrite(data) }, "Apply rewrite")));
    }
    parts.push(el("p", { class: "usage" }, data.usage));
    box.replaceChildren(...parts);
  } catch (error) {
    box.replaceChildren(el("p", { class: "verdict bad" }, error.message));
  } finally {
    button.disabled = false;
  }
}

function applyRewrite(data) {
  const current = text.value;
  if (current.slice(data.start, data.end) !== data.before) { status("The sentence changed since the rewrite; ask again."); return; }
  replaceDraft(current.slice(0, data.start) + data.after + current.slice(data.end));
  scheduleReview(0);
}

function loadFile(file) {
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => {
    state.fileName = file.name || state.fileName;
    replaceDraft(String(reader.result).replace(/^\uFEFF/, "").replace(/\r\n/g, "\n"));
    state.batchStart = performance.now();
    scheduleReview(0);
  };
  reader.onerror = () => status(`Could not read ${file.name}.`);
  reader.readAsText(file);
}

async function copy(value) {
  try { await navigator.clipboard.writeText(value); status("Copied."); }
  catch { status("Copy failed: select the text and press Ctrl+C."); }
}

function download() {
  const blob = new Blob([text.value], { type: "text/markdown;charset=utf-8" });
  const link = el("a", { href: URL.createObjectURL(blob), download: state.fileName.replace(/\.(markdown|mdx|txt)$/, ".md") });
  document.body.append(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
}

// ---- wiring --------------------------------------------------------------------------------------------------

async function start() {
  text.addEventListener("input", onInput);
  text.addEventListener("scroll", syncScroll);
  for (const type of ["keyup", "click", "select"]) text.addEventListener(type, findingAtCaret);
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); scheduleReview(0); }
    if (e.altKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) { e.preventDefault(); step(e.key === "ArrowDown" ? 1 : -1); }
  });
  new ResizeObserver(renderHighlights).observe(text);
  $("file").addEventListener("change", (e) => loadFile(e.target.files[0]));
  $("apply-safe").addEventListener("click", () => applyFix({ safe: true }));
  $("copy").addEventListener("click", () => copy(text.value));
  $("download").addEventListener("click", download);
  const editor = $("editor");
  editor.addEventListener("dragover", (e) => { e.preventDefault(); editor.classList.add("dragging"); });
  editor.addEventListener("dragleave", () => editor.classList.remove("dragging"));
  editor.addEventListener("drop", (e) => {
    editor.classList.remove("dragging");
    if (e.dataTransfer && e.dataTransfer.files.length) { e.preventDefault(); loadFile(e.dataTransfer.files[0]); }
  });
  try {
    const [health, rules] = await Promise.all([api("/healthz"), api("/v1/rules")]);
    state.llm = health.llm;
    state.families = rules.families;
    for (const rule of rules.rules) state.rules[rule.id] = rule;
    document.body.dataset.ready = "true";
  } catch (error) {
    status(error.message);
    return;
  }
  if (text.value) onInput();
}

start();
