// dyadwatch page: where the listed events happened, on an outline map (plotly scattergeo with
// the world outline served from /static, no tiles, nothing from the internet).
"use strict";
const GRAIN = { city: "city", region: "region", country: "country (capital)" };
let mapKey = null;

async function loadMap() {
  const params = { mentions: mentions() };
  for (const k of FILTERS) params[k] = state[k];
  const key = JSON.stringify(params);
  if (key === mapKey) return;  // paging the table does not change the map
  mapKey = key;
  const data = await withStatus("map-status", "Loading places…", () => api("/api/places", params));
  const body = $("places").querySelector("tbody");
  if (!data) { body.replaceChildren(); return; }
  const places = data.places;
  const text = places.length ? `${plural(data.located, noun().slice(0, -1))} placed at ${plural(places.length, "place")}` +
    (data.unlocated ? `; ${data.unlocated} without a place` : "") : `No ${noun()} with a place match these filters.`;
  status("map-status", text);
  body.replaceChildren(...places.map((p) => {
    const tr = el("tr"); const by = [1, 2, 3, 4].map((q) => `${p.by_quad[q] || 0}`);
    tr.append(cell(p.full_name || p.name, "place"), cell(GRAIN[p.granularity] || "", "kind"), cell(String(p.events), noun()), ...by.map((v, i) => cell(v, QUAD[i + 1])));
    return tr;
  }));
  if (!window.Plotly) return;
  if (!places.length) { Plotly.purge("map"); return; }
  const max = Math.max(...places.map((p) => p.events));
  const traces = [1, 2, 3, 4].map((q) => {
    const here = places.filter((p) => p.by_quad[q]);
    return { type: "scattergeo", mode: "markers", name: QUAD[q], lat: here.map((p) => p.latitude), lon: here.map((p) => p.longitude),
      text: here.map((p) => `${p.full_name || p.name}: ${p.by_quad[q]} ${QUAD[q]}`), hovertemplate: "%{text}<extra></extra>",
      marker: { color: QUAD_COLOR[q], opacity: 0.75, line: { width: 0.5, color: "#333" }, size: here.map((p) => 7 + 28 * Math.sqrt(p.by_quad[q] / max)) } };
  });
  const lats = places.map((p) => p.latitude), lons = places.map((p) => p.longitude);
  const pad = 8, wide = Math.max(...lons) - Math.min(...lons) > 150;
  const geo = { projection: { type: "natural earth" }, showland: true, landcolor: "#f3f3f3", showcountries: true, countrycolor: "#b8b8b8",
    coastlinecolor: "#999", showocean: true, oceancolor: "#eef4fa", showframe: false,
    lataxis: { range: wide ? [-60, 85] : [Math.max(-60, Math.min(...lats) - pad), Math.min(85, Math.max(...lats) + pad)] },
    lonaxis: { range: wide ? [-180, 180] : [Math.max(-180, Math.min(...lons) - pad * 2), Math.min(180, Math.max(...lons) + pad * 2)] } };
  await Plotly.react("map", traces, { geo, showlegend: false, margin: { t: 0, r: 0, l: 0, b: 0 } },
    { displayModeBar: false, responsive: true, topojsonURL: "/static/" });
}
