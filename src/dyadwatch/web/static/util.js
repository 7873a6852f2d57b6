// dyadwatch page helpers: every piece of article text is put in with textContent, never as HTML.
"use strict";
const $ = (id) => document.getElementById(id);
const QUAD = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const QUAD_COLOR = { 1: "#6baed6", 2: "#2171b5", 3: "#fc9272", 4: "#cb181d" };

class ApiError extends Error {}

async function api(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.forEach((x) => url.searchParams.append(k, x));
    else if (v !== "" && v != null && v !== false) url.searchParams.set(k, v);
  }
  let r;
  try { r = await fetch(url, { credentials: "same-origin" }); } catch (e) { throw new ApiError("the server cannot be reached"); }
  if (!r.ok) {
    let detail = r.statusText;
    try {
      const body = await r.json();
      detail = Array.isArray(body.detail) ? body.detail.map((d) => `${(d.loc || []).slice(-1)[0]}: ${d.msg}`).join("; ") : body.detail;
    } catch (e) { /* not JSON */ }
    throw new ApiError(`${r.status}: ${detail}`);
  }
  return r.json();
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text != null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function cell(text, label, cls) { const td = el("td", text, cls); if (label) td.dataset.label = label; return td; }

// a status line: loading, empty, error or a count
function status(id, text, kind = "") { const p = $(id); p.textContent = text; p.className = "status " + kind; }

async function withStatus(id, loading, work) {
  status(id, loading, "loading");
  try { return await work(); } catch (err) { status(id, "Error: " + err.message, "error"); return null; }
}

// spans of the whole word `word` (not inside another word), first one only
function wordSpan(text, word) {
  if (!word) return null;
  const re = new RegExp("(?<![\\p{L}\\p{N}])" + word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?![\\p{L}\\p{N}])", "u");
  const m = re.exec(text);
  return m ? [m.index, m.index + word.length] : null;
}

// every case-insensitive occurrence of `needle`
function allSpans(text, needle, cls) {
  const out = []; const low = text.toLowerCase(), n = needle.toLowerCase();
  if (!n) return out;
  for (let at = low.indexOf(n); at >= 0; at = low.indexOf(n, at + n.length)) out.push([at, at + n.length, cls]);
  return out;
}

// text with [start, end, cls, title] marks, as nodes in `parent`
function marked(parent, text, marks) {
  const kept = [];
  for (const m of [...marks].sort((x, y) => x[0] - y[0])) if (!kept.some((k) => m[0] < k[1] && m[1] > k[0])) kept.push(m);
  let pos = 0;
  for (const [s, e, cls, title] of kept) {
    const mk = el("mark", text.slice(s, e), cls); if (title) mk.title = title;
    parent.append(document.createTextNode(text.slice(pos, s)), mk); pos = e;
  }
  parent.append(document.createTextNode(text.slice(pos)));
  return parent;
}

function eventMarks(e) {
  const marks = []; const sentence = e.sentence || "";
  for (const [word, cls] of [[e.trigger, "trigger"], [e.source_text, "source"], [e.target_text, "target"]]) {
    const span = wordSpan(sentence, word); if (span) marks.push([...span, cls]);
  }
  return marks;
}

function actorLabel(name, code) { return code ? `${name || code} (${code})` : (name || "–"); }

function codeInWords(e) {
  const wrap = el("span");
  wrap.append(el("span", e.cameo, "code"), document.createTextNode(" " + (e.cameo_name || "")));
  const bits = [e.plover_type, QUAD[e.quad_class], e.goldstein != null ? `Goldstein ${Number(e.goldstein).toFixed(1)}` : null].filter(Boolean);
  wrap.append(el("br"), el("span", bits.join(" · "), "small"));
  return wrap;
}

// "1–50 of 120" with previous and next buttons
function pager(id, total, offset, limit, go) {
  const nav = $(id); nav.replaceChildren();
  if (total <= limit && offset === 0) return;
  const prev = el("button", "‹ previous"); prev.type = "button"; prev.disabled = offset <= 0;
  prev.addEventListener("click", () => go(Math.max(0, offset - limit)));
  const next = el("button", "next ›"); next.type = "button"; next.disabled = offset + limit >= total;
  next.addEventListener("click", () => go(offset + limit));
  nav.append(prev, el("span", `${Math.min(total, offset + 1)}–${Math.min(total, offset + limit)} of ${total}`), next);
}

function readButton(label, open) {
  const b = el("button", label, "link"); b.type = "button"; b.addEventListener("click", open); return b;
}
