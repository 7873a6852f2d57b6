// the article view: the stored text, the sentence of an event, quote or hit highlighted
"use strict";

async function openArticle(docKey, focus = {}) {
  const dlg = $("article");
  if (!dlg.open) dlg.showModal();
  $("article-title").textContent = "Article";
  for (const id of ["article-meta", "article-text", "article-events", "article-quotes"]) $(id).replaceChildren();
  const doc = await withStatus("article-status", "Loading the article…", () => api(`/api/documents/${encodeURIComponent(docKey)}`));
  if (!doc) return;
  status("article-status", "");
  $("article-title").textContent = doc.title || doc.doc_id;
  const meta = $("article-meta");
  meta.append(document.createTextNode([doc.outlet, doc.published ? `published ${doc.published}` : "no date", `id ${doc.doc_id}`].filter(Boolean).join(" · ")));
  if (doc.url && /^https?:\/\//.test(doc.url)) { const a = el("a", "original"); a.href = doc.url; a.rel = "noopener noreferrer"; meta.append(" · ", a); }
  const focusEvent = focus.event_id ? doc.events.find((e) => e.event_id === focus.event_id) : null;
  const focusIndex = focusEvent ? focusEvent.sentence_index : focus.sentence_index;
  const text = $("article-text"); let focused = null;
  doc.sentences.forEach((s, i) => {
    const marks = [...(doc.actor_marks[i] || [])];
    if (focusEvent && i === focusIndex) marks.unshift(...focusEvent.marks);
    if (focus.q && i === focusIndex) marks.unshift(...allSpans(s, focus.q, "hit"));
    const p = marked(el("p"), s, marks); p.id = `sentence-${i}`;
    if (i === focusIndex) { p.classList.add("focus"); p.tabIndex = -1; focused = p; }
    text.append(p);
  });
  for (const e of doc.events) {
    const li = el("li"); li.append(el("span", `${e.date} `, "small"), document.createTextNode(`${actorLabel(e.source_name || e.source_text, e.source_code)} → ${actorLabel(e.target_name || e.target_text, e.target_code)}: `), codeInWords(e));
    if (e.negated) li.append(el("span", " (did not happen)", "flag"));
    li.append(" ", readButton(`sentence ${e.sentence_index + 1}`, () => openArticle(docKey, { event_id: e.event_id })));
    $("article-events").append(li);
  }
  if (!doc.events.length) $("article-events").append(el("li", "none"));
  for (const q of doc.quotes) {
    const li = el("li"); li.append(el("strong", q.speaker_name || q.speaker_text || "unknown speaker"), document.createTextNode(q.kind === "direct" ? `: “${q.text}” ` : ` (reported): ${q.text} `));
    li.append(readButton(`sentence ${q.sentence_index + 1}`, () => openArticle(docKey, { sentence_index: q.sentence_index })));
    $("article-quotes").append(li);
  }
  if (!doc.quotes.length) $("article-quotes").append(el("li", "none"));
  if (focused) { focused.scrollIntoView({ block: "center" }); focused.focus({ preventScroll: true }); }
}

document.addEventListener("DOMContentLoaded", () => {
  $("article-close").addEventListener("click", () => $("article").close());
});
