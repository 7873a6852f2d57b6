// dyadwatch page: state in the URL (shareable, the back button works), one count everywhere.
"use strict";
const PAGE = 50;
const FILTERS = ["source", "target", "dyad", "root", "quad_class", "since", "until"];
let state = {};

function readUrl() {
  const p = new URLSearchParams(location.search); const s = {};
  for (const [k, v] of p) if (k !== "token") s[k] = v;
  return s;
}
function writeUrl(push = true) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) if (v !== "" && v != null && v !== false && v !== "0") p.set(k, v);
  const url = location.pathname + (p.toString() ? "?" + p : "");
  if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
}
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const mentions = () => state.mentions === "1";
const noun = () => (mentions() ? "mentions" : "events");

// ---- the dyad chart
function periodEnd(start, by) {
  const d = new Date(start + "T00:00:00Z");
  const add = { day: [0, 0, 1], week: [0, 0, 7], month: [0, 1, 0], quarter: [0, 3, 0], year: [1, 0, 0] }[by];
  d.setUTCFullYear(d.getUTCFullYear() + add[0], d.getUTCMonth() + add[1], d.getUTCDate() + add[2] - 1);
  return d.toISOString().slice(0, 10);
}
const DTICK = { day: 86400000, week: 7 * 86400000, month: "M1", quarter: "M3", year: "M12" };
const DAYS = { day: 1, week: 7, month: 31, quarter: 92, year: 366 };

// the periods holding the bulk of the events; far-off periods are listed, not drawn
function bulk(rows) {
  const total = rows.reduce((n, r) => n + r.events, 0); let seen = 0, lo = null, hi = null;
  for (const r of rows) { seen += r.events; if (lo === null && seen >= total * 0.02) lo = r.period; if (hi === null && seen >= total * 0.98) hi = r.period; }
  const t = (d) => Date.parse(d + "T00:00:00Z"); const span = Math.max(t(hi) - t(lo), 365 * 86400000);
  const inside = (r) => t(r.period) >= t(lo) - span && t(r.period) <= t(hi) + span;
  return [rows.filter(inside), rows.filter((r) => !inside(r))];
}

function drill(period, quad) {
  const by = state.by || "month";
  Object.assign(state, { source: state.a, target: state.b, dyad: state.directed === "1" ? "" : "1",
    quad_class: quad ? String(quad) : "", root: "", since: period, until: periodEnd(period, by), offset: "0" });
  writeUrl(); fillFilterForm(); loadEvents(); loadMovers(period);
  $("events-section").scrollIntoView({ block: "start" });
}

async function showDyad() {
  const a = (state.a || "").toUpperCase(), b = (state.b || "").toUpperCase();
  if (!a || !b) { status("chart-status", "Pick a pair, or type two actor codes."); return; }
  const by = state.by || "month", directed = state.directed === "1";
  const rows = await withStatus("chart-status", "Loading the series…", () => api("/api/relations", { a, b, by, directed, mentions: mentions() }));
  if (!rows) return;
  const body = $("series").querySelector("tbody"); body.replaceChildren();
  $("outliers").textContent = "";
  if (!rows.length) { status("chart-status", `No ${noun()} between ${a} and ${b}.`); if (window.Plotly) Plotly.purge("chart"); return; }
  const [shown, outside] = bulk(rows);
  const n = rows.reduce((k, r) => k + r.events, 0);
  status("chart-status", `${a} ${directed ? "→" : "↔"} ${b}: ${n} ${noun()} in ${rows.length} ${by === "day" ? "days" : by + "s"}`);
  if (outside.length) {
    $("outliers").append(document.createTextNode(`Dated far from the rest, not drawn (${outside.reduce((k, r) => k + r.events, 0)} ${noun()}): `));
    outside.forEach((r, i) => { if (i) $("outliers").append(", "); $("outliers").append(readButton(`${r.period} (${r.events})`, () => drill(r.period, null))); });
  }
  for (const r of rows) {
    const tr = el("tr"); tr.append(cell(r.period, "period"));
    for (const q of [1, 2, 3, 4]) {
      const v = r[["", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict"][q]];
      const td = cell(null, QUAD[q]);
      if (v) { const btn = readButton(String(v), () => drill(r.period, q)); btn.setAttribute("aria-label", `${v} ${QUAD[q]} ${noun()} in ${r.period}`); btn.dataset.period = r.period; btn.dataset.quad = q; td.append(btn); } else td.textContent = "0";
      tr.append(td);
    }
    tr.append(cell(r.goldstein_mean, "Goldstein mean"));
    const m = cell(null, "what moved it"); m.append(readButton("list", () => loadMovers(r.period))); tr.append(m);
    body.append(tr);
  }
  if (!window.Plotly) return;
  const x = shown.map((r) => r.period);
  const bar = (q, key, sign) => ({ type: "bar", name: QUAD[q], meta: q, x, y: shown.map((r) => sign * r[key]), marker: { color: QUAD_COLOR[q] }, hovertemplate: `%{x|%Y-%m-%d}: %{customdata} ${QUAD[q]}<extra></extra>`, customdata: shown.map((r) => r[key]) });
  const traces = [bar(1, "verbal_coop", 1), bar(2, "material_coop", 1), bar(3, "verbal_conflict", -1), bar(4, "material_conflict", -1),
    { type: "scatter", mode: "lines+markers", name: "Goldstein mean", x, y: shown.map((r) => r.goldstein_mean), yaxis: "y2", line: { color: "black" } }];
  const t0 = Date.parse(x[0] + "T00:00:00Z") - DAYS[by] * 43200000, t1 = Date.parse(x[x.length - 1] + "T00:00:00Z") + DAYS[by] * 129600000;
  const span = (t1 - t0) / 86400000, tick = span > DAYS[by] * 24 ? undefined : DTICK[by];
  const layout = { barmode: "relative", showlegend: false, margin: { t: 10, r: 50, l: 50, b: 40 },
    xaxis: { type: "date", range: [new Date(t0).toISOString().slice(0, 10), new Date(t1).toISOString().slice(0, 10)], dtick: tick, tickformat: by === "day" || by === "week" ? "%Y-%m-%d" : by === "year" ? "%Y" : "%Y-%m" },
    yaxis: { title: { text: `${noun()} (conflict below)` }, zeroline: true, tickformat: "d",
      dtick: Math.max(1, Math.ceil(Math.max(...shown.map((r) => Math.max(r.verbal_coop + r.material_coop, r.verbal_conflict + r.material_conflict))) / 5)) },
    yaxis2: { overlaying: "y", side: "right", range: [-10, 10], zeroline: false, showgrid: false, title: { text: "Goldstein" } } };
  await Plotly.react("chart", traces, layout, { displayModeBar: false, responsive: true });
  const chart = $("chart");
  if (!chart.dataset.bound) {
    chart.dataset.bound = "1";
    chart.on("plotly_click", (ev) => { const p = ev.points[0]; if (p.data.type === "bar") drill(String(p.x).slice(0, 10), p.data.meta); });
  }
}

async function loadMovers(period) {
  const by = state.by || "month";
  const data = await withStatus("events-status", "Loading…", () => api("/api/events", { source: state.a, target: state.b, dyad: state.directed !== "1",
    since: period, until: periodEnd(period, by), mentions: mentions(), order: "weight", limit: 5 }));
  if (!data) return;
  $("movers-box").hidden = false;
  $("movers-title").textContent = `What moved ${period}: the ${noun()} that pull the Goldstein mean most`;
  const ol = $("movers"); ol.replaceChildren();
  for (const e of data.rows) {
    const li = el("li"); li.append(el("span", `${e.weight > 0 ? "+" : ""}${e.weight} `, "code"), document.createTextNode(`${e.cameo_name || e.cameo} (${e.goldstein}): `), marked(el("span"), e.sentence, eventMarks(e)), " ", readButton("read", () => openArticle(e.doc_key, { event_id: e.event_id })));
    ol.append(li);
  }
}

// ---- the event table
function fillFilterForm() {
  $("f-source").value = state.source || ""; $("f-target").value = state.target || ""; $("f-dyad").checked = state.dyad === "1";
  $("f-root").value = state.root || ""; $("f-quad").value = state.quad_class || ""; $("f-since").value = state.since || ""; $("f-until").value = state.until || "";
}

function describeFilters() {
  const bits = [];
  if (state.source) bits.push(`source ${state.source}`); if (state.target) bits.push(`target ${state.target}`);
  if (state.dyad === "1") bits.push("either direction"); if (state.root) bits.push(`CAMEO root ${state.root}`);
  if (state.quad_class) bits.push(QUAD[state.quad_class]); if (state.since) bits.push(`from ${state.since}`); if (state.until) bits.push(`to ${state.until}`);
  return bits.length ? "Showing: " + bits.join(", ") : "Showing: all events";
}

function eventRow(e) {
  const tr = el("tr");
  const day = cell(e.day, "day");
  if (e.date_granularity && e.date_granularity !== "day") day.append(el("div", `(${e.date_granularity})`, "small"));
  day.append(el("div", e.date_source === "text" ? "date from the text" : "article's date", "small"));
  if (e.published && e.day > e.published) day.append(el("div", `after its article (${e.published})`, "flag"));
  const ev = cell(null, "event"); ev.append(codeInWords(e));
  const sentence = cell(null, "sentence"); marked(sentence, e.sentence || "", eventMarks(e));
  sentence.append(el("br"), readButton(`read ${e.title || e.doc_id}${e.outlet ? " · " + e.outlet : ""}`, () => openArticle(e.doc_key, { event_id: e.event_id })));
  const reports = cell(null, "reports");
  tr.append(day, cell(actorLabel(e.source_name || e.source_text, e.source_code), "source"), ev, cell(actorLabel(e.target_name || e.target_text, e.target_code), "target"), sentence, reports);
  if (e.group_id) {
    const btn = readButton(`${plural(e.num_mentions, "report")} in ${plural(e.num_sources, "outlet")}`, async () => {
      if (tr.nextSibling && tr.nextSibling.classList.contains("reports")) { tr.nextSibling.remove(); btn.setAttribute("aria-expanded", "false"); return; }
      const rows = await withStatus("events-status", "Loading reports…", () => api(`/api/events/${e.group_id}/reports`)); if (!rows) return;
      status("events-status", $("events-status").dataset.count);
      const sub = el("tr", null, "reports"); const td = el("td"); td.colSpan = 6; const ol = el("ol");
      for (const m of rows) { const li = el("li"); li.append(el("span", `${m.day} ${m.outlet || m.doc_id}: `, "small"), marked(el("span"), m.sentence, eventMarks(m)), " ", readButton("read", () => openArticle(m.doc_key, { event_id: m.event_id }))); ol.append(li); }
      td.append(ol); sub.append(td); tr.after(sub); btn.setAttribute("aria-expanded", "true");
    });
    btn.setAttribute("aria-expanded", "false"); reports.append(btn);
  } else reports.textContent = "1 mention";
  return tr;
}

async function loadEvents() {
  const params = { mentions: mentions(), limit: PAGE, offset: state.offset || 0 };
  for (const k of FILTERS) params[k] = state[k];
  $("active-filters").textContent = describeFilters();
  loadMap().catch((e) => status("map-status", "Error: " + e.message, "error"));
  const body = $("events").querySelector("tbody");
  const data = await withStatus("events-status", "Loading events…", () => api("/api/events", params));
  if (!data) { body.replaceChildren(); return; }
  body.replaceChildren(...data.rows.map(eventRow));
  const c = data.counts;
  const text = !data.total ? `No ${noun()} match these filters.` : mentions() ? plural(data.total, "event mention") : `${plural(c.events, "event")} from ${plural(c.reports, "report")} in ${plural(c.outlets, "outlet")}`;
  status("events-status", text); $("events-status").dataset.count = text;
  pager("events-pager", data.total, data.offset, PAGE, (o) => { state.offset = String(o); writeUrl(); loadEvents(); });
}

// ---- quotes, network, search
async function loadQuotes() {
  const params = { name: state.speaker ? [state.speaker] : [], limit: PAGE, offset: state.qoffset || 0 };
  const body = $("quotes").querySelector("tbody");
  const data = await withStatus("quotes-status", "Loading quotes…", () => api("/api/quotes", params));
  if (!data) { body.replaceChildren(); return; }
  body.replaceChildren(...data.rows.map((q) => {
    const tr = el("tr"); const said = cell(q.kind === "direct" ? `“${q.text}”` : q.text, "said");
    said.append(el("div", q.kind === "direct" ? "direct quote" : `${q.kind} speech, in the reporter's words`, "small"));
    const art = cell(null, "article"); art.append(readButton(`${q.published || "undated"} · ${q.title || q.doc_id}, sentence ${q.sentence_index + 1}`, () => openArticle(q.doc_key, { sentence_index: q.sentence_index })));
    tr.append(cell(q.speaker_name || q.speaker_text || "unknown", "speaker"), said, art); return tr;
  }));
  status("quotes-status", data.total ? `${data.total} quotes` : "No quotes.");
  pager("quotes-pager", data.total, data.offset, PAGE, (o) => { state.qoffset = String(o); writeUrl(); loadQuotes(); });
}

async function loadSpeakers() {
  const data = await api("/api/speakers", { limit: 60 });
  const sel = $("speaker"); const none = el("option", "everyone"); none.value = ""; sel.replaceChildren(none);
  for (const sp of data.speakers) { const o = el("option", `${sp.speaker} (${sp.quotes})`); o.value = sp.speaker; sel.append(o); }
  sel.value = state.speaker || "";
  $("speaker-note").textContent = data.unresolved_quotes ? `${data.unresolved_quotes} quotes whose speaker is only a pronoun ("she", "who") are in "everyone" but not listed as speakers.` : "";
}

async function loadNetwork() {
  const net = await withStatus("network-status", "Loading the network…", () => api("/api/network", { limit: 20 }));
  if (!net) return;
  if (!net.edges.length) { status("network-status", "No actor acts on another yet."); return; }
  status("network-status", `${net.nodes.length} actors, ${net.edges.length} links`);
  const n = net.nodes.length, pos = {};
  net.nodes.forEach((id, i) => { pos[id] = [Math.cos(2 * Math.PI * i / n), Math.sin(2 * Math.PI * i / n)]; });
  const max = Math.max(1, ...net.edges.map((e) => e.weight));
  const arrows = net.edges.map((e) => ({ ax: pos[e.source][0], ay: pos[e.source][1], x: pos[e.target][0] * 0.94, y: pos[e.target][1] * 0.94, xref: "x", yref: "y", axref: "x", ayref: "y",
    showarrow: true, arrowhead: 2, arrowsize: 1, arrowwidth: 1 + 4 * e.weight / max, arrowcolor: e.goldstein < 0 ? "#cb181d" : "#2171b5", opacity: 0.7, text: "" }));
  const nodes = { type: "scatter", mode: "markers+text", text: net.nodes, hovertemplate: "%{text}<extra></extra>",
    textposition: net.nodes.map((id) => (pos[id][1] >= 0 ? "top center" : "bottom center")),
    x: net.nodes.map((id) => pos[id][0]), y: net.nodes.map((id) => pos[id][1]), marker: { size: 11, color: "#333" }, showlegend: false };
  if (!window.Plotly) return;
  await Plotly.react("network", [nodes], { annotations: arrows, xaxis: { visible: false, range: [-1.35, 1.35] }, yaxis: { visible: false, range: [-1.3, 1.3], scaleanchor: "x" }, margin: { t: 10, b: 10, l: 10, r: 10 } }, { displayModeBar: false, responsive: true });
  const chips = $("network-actors"); chips.replaceChildren();
  const pick = (code) => { Object.assign(state, { source: code, target: "", dyad: "", quad_class: "", root: "", since: "", until: "", offset: "0" }); writeUrl(); fillFilterForm(); loadEvents(); $("events-section").scrollIntoView(); };
  for (const id of net.nodes) { const b = el("button", id); b.type = "button"; b.addEventListener("click", () => pick(id)); chips.append(b); }
  const nw = $("network"); if (!nw.dataset.bound) { nw.dataset.bound = "1"; nw.on("plotly_click", (ev) => pick(ev.points[0].text)); }
}

async function search() {
  const q = (state.q || "").trim(); const body = $("hits").querySelector("tbody");
  if (!q) { body.replaceChildren(); status("search-status", ""); return; }
  if (q.length < 2) { status("search-status", "Type at least two characters.", "error"); return; }
  const data = await withStatus("search-status", "Searching…", () => api("/api/search", { q, limit: PAGE, offset: state.soffset || 0 }));
  if (!data) { body.replaceChildren(); return; }
  body.replaceChildren(...data.rows.map((h) => {
    const tr = el("tr"); const art = cell(null, "article");
    art.append(readButton(`${h.published || "undated"} · ${h.title || h.doc_id}`, () => openArticle(h.doc_key, { sentence_index: h.sentence_index, q })));
    tr.append(marked(cell(null, "sentence"), h.text, allSpans(h.text, q, "hit")), art); return tr;
  }));
  status("search-status", data.total ? `${data.total} sentences contain “${q}”` : `No sentence contains “${q}”.`);
  pager("hits-pager", data.total, data.offset, PAGE, (o) => { state.soffset = String(o); writeUrl(); search(); });
}

// ---- wiring
async function loadSummary() {
  const s = await api("/api/summary");
  const counts = mentions() ? `${s.mentions} event mentions` : `${s.events} events from ${s.reports} reports in ${s.outlets} outlets`;
  $("summary").textContent = `${s.documents} articles · ${counts} · ${s.quotes} quotes · ${s.first_day || "?"} to ${s.last_day || "?"}` + (mentions() ? "" : ` (de-duplicated: ${s.criteria})`) + (s.last_updated ? ` · updated ${s.last_updated}` : "");
}

async function applyState() {
  $("mentions").checked = mentions();
  $("a").value = state.a || ""; $("b").value = state.b || ""; $("by").value = state.by || "month"; $("directed").checked = state.directed === "1";
  $("dyad").value = state.a && state.b ? `${state.a}-${state.b}` : ""; $("q").value = state.q || "";
  fillFilterForm();
  await Promise.all([loadSummary().catch((e) => status("summary", "Error: " + e.message, "error")), showDyad(), loadEvents(), loadQuotes(), search()]);
}

function bind() {
  $("dyad-form").addEventListener("submit", (ev) => {
    ev.preventDefault(); const [pa, pb] = ($("dyad").value || "-").split("-");
    Object.assign(state, { a: ($("a").value || pa).trim().toUpperCase(), b: ($("b").value || pb).trim().toUpperCase(), by: $("by").value, directed: $("directed").checked ? "1" : "" });
    Object.assign(state, { source: state.a, target: state.b, dyad: state.directed ? "" : "1", quad_class: "", root: "", since: "", until: "", offset: "0" });
    writeUrl(); fillFilterForm(); showDyad(); loadEvents(); $("movers-box").hidden = true;
  });
  $("dyad").addEventListener("change", () => { $("a").value = ""; $("b").value = ""; $("dyad-form").requestSubmit(); });
  $("filter-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    Object.assign(state, { source: $("f-source").value.trim().toUpperCase(), target: $("f-target").value.trim().toUpperCase(), dyad: $("f-dyad").checked ? "1" : "",
      root: $("f-root").value.trim(), quad_class: $("f-quad").value, since: $("f-since").value, until: $("f-until").value, offset: "0" });
    writeUrl(); loadEvents();
  });
  $("f-clear").addEventListener("click", () => { for (const k of FILTERS) state[k] = ""; state.offset = "0"; writeUrl(); fillFilterForm(); loadEvents(); });
  $("quotes-form").addEventListener("submit", (ev) => { ev.preventDefault(); state.speaker = $("speaker").value; state.qoffset = "0"; writeUrl(); loadQuotes(); });
  $("search-form").addEventListener("submit", (ev) => { ev.preventDefault(); state.q = $("q").value.trim(); state.soffset = "0"; writeUrl(); search(); });
  $("mentions").addEventListener("change", () => { state.mentions = $("mentions").checked ? "1" : ""; state.offset = "0"; writeUrl(); loadSummary(); showDyad(); loadEvents(); });
  window.addEventListener("popstate", () => { state = readUrl(); applyState(); });
}

async function start() {
  bind();
  state = readUrl();
  const dyads = await api("/api/dyads", { limit: 50 }).catch(() => []);
  const pick = el("option", "choose a pair"); pick.value = ""; $("dyad").append(pick);
  for (const d of dyads) { const o = el("option", `${d.a} – ${d.b} (${d.events} mentions)`); o.value = `${d.a}-${d.b}`; $("dyad").append(o); }
  if (!state.a && dyads.length) { state.a = dyads[0].a; state.b = dyads[0].b; writeUrl(false); }
  if (!state.source && !state.target && state.a && !Object.keys(readUrl()).some((k) => FILTERS.includes(k))) Object.assign(state, { source: state.a, target: state.b, dyad: "1" });
  await loadSpeakers().catch((e) => status("quotes-status", "Error: " + e.message, "error"));
  await Promise.all([applyState(), loadNetwork()]);
  document.body.dataset.ready = "1";
}

// the store may be kept current by `dyadwatch watch`: the summary line follows it
setInterval(() => { if (document.visibilityState === "visible") loadSummary().catch(() => {}); }, 60000);
document.addEventListener("DOMContentLoaded", () => start().catch((err) => { status("summary", "Error: " + err.message, "error"); document.body.dataset.ready = "1"; }));
