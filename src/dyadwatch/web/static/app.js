// dyadwatch page: every piece of article text is put in with textContent, never as HTML.
"use strict";
const $ = (id) => document.getElementById(id);

async function api(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params)) if (v !== "" && v != null) url.searchParams.set(k, v);
  const r = await fetch(url, { credentials: "same-origin" });
  if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
  return r.json();
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text != null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

// the sentence with trigger, source and target marked; text nodes only
function highlighted(sentence, marks) {
  const td = el("td");
  const spans = [];
  for (const [word, cls] of marks) {
    if (!word) continue;
    const at = sentence.indexOf(word);
    if (at >= 0 && !spans.some(([s, e]) => at < e && at + word.length > s)) spans.push([at, at + word.length, cls]);
  }
  spans.sort((x, y) => x[0] - y[0]);
  let pos = 0;
  for (const [s, e, cls] of spans) {
    td.append(document.createTextNode(sentence.slice(pos, s)), el("mark", sentence.slice(s, e), cls));
    pos = e;
  }
  td.append(document.createTextNode(sentence.slice(pos)));
  return td;
}

function link(url, label) {
  if (!url || !/^https?:\/\//.test(url)) return el("td", label);
  const td = el("td"); const a = el("a", label); a.href = url; a.rel = "noopener noreferrer"; td.append(a);
  return td;
}

async function loadEvents(params) {
  const rows = await api("/api/events", { limit: 100, ...params });
  const body = $("events").querySelector("tbody");
  body.replaceChildren();
  for (const e of rows) {
    const tr = el("tr");
    tr.append(el("td", e.day), el("td", `${e.source_name || e.source_text} (${e.source_code})`),
      el("td", e.cameo), el("td", e.target_code ? `${e.target_name || e.target_text} (${e.target_code})` : "-"),
      highlighted(e.sentence, [[e.trigger, "trigger"], [e.source_text, "source"], [e.target_text, "target"]]),
      link(e.url, e.doc_id));
    body.append(tr);
  }
  if (!rows.length) body.append(el("tr")).append(el("td", "no events"));
}

function periodEnd(start, by) {
  const d = new Date(start + "T00:00:00Z");
  const add = { day: [0, 0, 1], week: [0, 0, 7], month: [0, 1, 0], quarter: [0, 3, 0], year: [1, 0, 0] }[by];
  d.setUTCFullYear(d.getUTCFullYear() + add[0], d.getUTCMonth() + add[1], d.getUTCDate() + add[2] - 1);
  return d.toISOString().slice(0, 10);
}

async function showDyad() {
  const a = ($("a").value || $("dyad").value.split("-")[0] || "").toUpperCase();
  const b = ($("b").value || $("dyad").value.split("-")[1] || "").toUpperCase();
  if (!a || !b) return;
  const by = $("by").value, directed = $("directed").checked;
  const rows = await api("/api/relations", { a, b, by, directed });
  const x = rows.map((r) => r.period);
  const bar = (name, vals, color) => ({ type: "bar", name, x, y: vals, marker: { color } });
  const traces = [
    bar("verbal cooperation", rows.map((r) => r.verbal_coop), "#6baed6"),
    bar("material cooperation", rows.map((r) => r.material_coop), "#2171b5"),
    bar("verbal conflict", rows.map((r) => -r.verbal_conflict), "#fc9272"),
    bar("material conflict", rows.map((r) => -r.material_conflict), "#cb181d"),
    { type: "scatter", mode: "lines+markers", name: "Goldstein mean", x, y: rows.map((r) => r.goldstein_mean), yaxis: "y2", line: { color: "black" } },
  ];
  const layout = { barmode: "relative", title: { text: `${a} ${directed ? "→" : "↔"} ${b}` },
    yaxis: { title: { text: "events (conflict below)" } }, yaxis2: { overlaying: "y", side: "right", range: [-10, 10], title: { text: "Goldstein" } },
    margin: { t: 40, r: 60 }, legend: { orientation: "h" } };
  await Plotly.newPlot("chart", traces, layout, { displaylogo: false, responsive: true });
  $("chart").on("plotly_click", (ev) => {
    const start = String(ev.points[0].x).slice(0, 10);
    $("f-source").value = a; $("f-target").value = b;
    loadEvents({ source: a, target: b, dyad: !directed, since: start, until: periodEnd(start, by) });
  });
  $("f-source").value = a; $("f-target").value = b;
  await loadEvents({ source: a, target: b, dyad: !directed });
}

async function loadQuotes() {
  const rows = await api("/api/quotes", { speaker: $("speaker").value, limit: 50 });
  const body = $("quotes").querySelector("tbody");
  body.replaceChildren();
  for (const q of rows) {
    const tr = el("tr");
    tr.append(el("td", `${q.speaker_name || q.speaker_text || "?"}`), el("td", `“${q.text}”`), el("td", q.kind, "muted"));
    body.append(tr);
  }
}

async function loadNetwork() {
  const net = await api("/api/network", { limit: 40 });
  const n = net.nodes.length, pos = {};
  net.nodes.forEach((id, i) => { pos[id] = [Math.cos(2 * Math.PI * i / n), Math.sin(2 * Math.PI * i / n)]; });
  const max = Math.max(1, ...net.edges.map((e) => e.weight));
  const traces = net.edges.map((e) => ({ type: "scatter", mode: "lines", hoverinfo: "text",
    text: `${e.source} → ${e.target}: ${e.weight}`, x: [pos[e.source][0], pos[e.target][0]], y: [pos[e.source][1], pos[e.target][1]],
    line: { width: 1 + 6 * e.weight / max, color: e.goldstein < 0 ? "#cb181d" : "#2171b5" }, showlegend: false }));
  traces.push({ type: "scatter", mode: "markers+text", text: net.nodes, textposition: "top center",
    x: net.nodes.map((id) => pos[id][0]), y: net.nodes.map((id) => pos[id][1]), marker: { size: 9, color: "#333" }, showlegend: false });
  await Plotly.newPlot("network", traces, { xaxis: { visible: false }, yaxis: { visible: false }, margin: { t: 10, b: 10, l: 10, r: 10 } }, { displaylogo: false });
}

async function search() {
  const q = $("q").value.trim();
  if (q.length < 2) return;
  const rows = await api("/api/search", { q, limit: 50 });
  const body = $("hits").querySelector("tbody");
  body.replaceChildren();
  for (const h of rows) {
    const tr = el("tr");
    tr.append(highlighted(h.text, [[q, "trigger"]]), link(h.url, h.doc_id));
    body.append(tr);
  }
}

async function start() {
  const s = await api("/api/summary");
  $("summary").textContent = `${s.documents} articles, ${s.events} event mentions, ${s.quotes} quotes, ${s.first_day || "?"} to ${s.last_day || "?"}`;
  for (const d of await api("/api/dyads", { limit: 50 })) {
    const o = el("option", `${d.a} – ${d.b} (${d.events})`); o.value = `${d.a}-${d.b}`; $("dyad").append(o);
  }
  const none = el("option", "everyone"); none.value = ""; $("speaker").append(none);
  for (const sp of await api("/api/speakers", { limit: 50 })) {
    const o = el("option", `${sp.speaker} (${sp.quotes})`); o.value = sp.speaker; $("speaker").append(o);
  }
  $("show").addEventListener("click", showDyad);
  $("dyad").addEventListener("change", () => { $("a").value = ""; $("b").value = ""; showDyad(); });
  $("filter").addEventListener("click", () => loadEvents({ source: $("f-source").value, target: $("f-target").value,
    root: $("f-root").value, quad_class: $("f-quad").value, since: $("f-since").value, until: $("f-until").value }));
  $("speaker").addEventListener("change", loadQuotes);
  $("search").addEventListener("click", search);
  await Promise.all([showDyad(), loadQuotes(), loadNetwork()]);
  document.body.dataset.ready = "1";
}

start().catch((err) => { $("summary").textContent = "error: " + err.message; });
