/* storyline dashboard: hash routes rendered from the REST API with plain DOM and SVG.
 *
 *   #/                       stories and recent reports
 *   #/story/ID               zoomable timeline of a story's events, with their sources
 *   #/report/ID?start=&end=  a report's text, the sentence holding [start, end) highlighted
 *   #/actor/NAME             who the actor acts on / is acted on by (network + matrix), its quotes
 *   #/actors                 actors by mentions
 *   #/disputes[/ID]          conflicting claims of a story (or of the latest stories), side by side
 *   #/search?q=              reports, quotes and actors matching q
 */
"use strict";

// Event type -> { quad, quad_label }, from GET /api/event-types before the first page is drawn.
const EVENT_TYPES = {};
const DAY = 86400000;
const PAD = 40;   // room at the timeline's ends for the first and last date labels
const SVG_NS = "http://www.w3.org/2000/svg";
const view = document.getElementById("view");

// -- small helpers ------------------------------------------------------------------------------
function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

async function api(path) {
  const response = await fetch("/api" + path);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error ? body.error.message : `HTTP ${response.status}`);
  return body;
}

/** Every page of a paginated list (bounded, so a huge story cannot hang the page). */
async function apiAll(path, maxPages = 20) {
  const sep = path.includes("?") ? "&" : "?";
  let items = [];
  for (let page = 1; page <= maxPages; page++) {
    const body = await api(`${path}${sep}per_page=500&page=${page}`);
    items = items.concat(body.items);
    if (page >= body.pages) break;
  }
  return items;
}

function svg(tag, attrs, parent) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (parent) parent.appendChild(el);
  return el;
}

const quadOf = type => (EVENT_TYPES[type] || { quad: 1 }).quad;
// Quad colours are the stylesheet's (--q1 .. --q4); which quad a type is, the API says.
const quadColour = type => getComputedStyle(document.documentElement).getPropertyValue(`--q${quadOf(type)}`).trim();
const badge = type => `<span class="badge q${quadOf(type)}" data-type="${esc(type)}" title="${esc((EVENT_TYPES[type] || {}).quad_label)}">${esc(type)}</span>`;
const actorLink = name => name ? `<a href="#/actor/${encodeURIComponent(name)}">${esc(name)}</a>` : `<span class="muted">unknown</span>`;
// story event mentions and dispute claims carry start/end (the story contract)
const reportLink = (m, label) => `<a class="report-link" href="#/report/${encodeURIComponent(m.report_id)}?start=${m.start}&end=${m.end}">${label}</a>`;
const day = iso => iso ? Date.parse(iso.length === 7 ? iso + "-01" : iso) : NaN;
const isoDay = ms => new Date(ms).toISOString().slice(0, 10);

function render(html) { view.innerHTML = html; window.scrollTo(0, 0); }
function showError(err) { render(`<div class="card error" role="alert">${esc(err.message)}</div>`); }

// -- pages ------------------------------------------------------------------------------------
async function homePage() {
  const [stories, reports] = await Promise.all([api("/stories?per_page=100"), api("/reports?per_page=20")]);
  const storyItems = stories.items.map(s => `<li><a class="story-link" href="#/story/${s.id}">${esc(s.label || "Story " + s.id)}</a>
      <span class="muted small">${esc(s.first_date || "")} – ${esc(s.last_date || "")} · ${s.n_reports} reports · ${s.n_events} events</span></li>`).join("");
  const reportItems = reports.items.map(r => `<li><a href="#/report/${encodeURIComponent(r.id)}">${esc(r.title || r.id)}</a>
      <span class="muted small">${esc(r.outlet || "")} ${esc(r.published || "")} · ${r.n_events} events · ${r.n_quotes} quotes</span></li>`).join("");
  render(`<div class="grid two">
    <section><h1>Stories</h1><ul class="list" id="stories">${storyItems || '<li class="muted">No stories grouped yet.</li>'}</ul></section>
    <section><h1>Recent reports</h1><ul class="list">${reportItems || '<li class="muted">No reports stored.</li>'}</ul></section></div>`);
}

async function storyPage(id) {
  const [story, events] = await Promise.all([api(`/stories/${id}`), apiAll(`/stories/${id}/timeline`)]);
  render(`<h1>${esc(story.label || "Story " + story.id)}</h1>
    <p class="muted">${esc(story.first_date || "")} – ${esc(story.last_date || "")} · ${story.reports.length} reports ·
      ${events.length} events · <a href="#/disputes/${story.id}">disputes</a></p>
    <div class="zoom" role="group" aria-label="Zoom the timeline">
      <label>From <input type="date" id="zoom-from"></label><label>to <input type="date" id="zoom-to"></label>
      <button id="zoom-in" type="button">Zoom in</button><button id="zoom-out" type="button">Zoom out</button>
      <button id="zoom-reset" type="button">All dates</button></div>
    <svg class="timeline-svg" id="timeline" role="img" aria-label="Events by date"></svg>
    <p class="muted small" id="visible-count"></p>
    <div id="events"></div>`);
  new Timeline(events.map(e => ({ ...e, story_id: story.id }))).draw();
}

function mentionItem(m) {
  return `<li>${reportLink(m, esc(m.outlet || m.report_id))} <span class="muted">${esc(m.published || "")}</span>
      ${m.source ? ` · according to ${esc(m.source)}${m.source_type ? ` (${esc(m.source_type)})` : ""}` : ""}
      ${m.modality ? ` · <span class="modality">${esc(m.modality)}</span>` : ""}${m.copy_of ? ` <span class="muted">(copy of ${esc(m.copy_of)})</span>` : ""}
      <blockquote class="statement">${statement(m)}</blockquote></li>`;
}

// What the report says: the sentence of a dispute's claim with the claim marked, or an event's clause
// with its trigger marked
function statement(m) {
  const [whole, part] = m.sentence ? [m.sentence, m.text] : [m.text || m.event_text, m.event_text];
  const at = part ? whole.indexOf(part) : -1;
  return at < 0 ? esc(whole) : `${esc(whole.slice(0, at))}<mark>${esc(part)}</mark>${esc(whole.slice(at + part.length))}`;
}

function eventCard(e) {
  const n = e.corroboration;
  return `<article class="card event" id="event-${e.id}" data-event-id="${e.id}">
    <div class="event-head">${badge(e.event)} <span class="who">${actorLink(e.actor)} → ${actorLink(e.recipient)}</span>
      <span class="muted">${esc(e.date || "undated")}${e.place ? " · " + esc(e.place) : ""} · ${esc(e.status)}</span>
      <span class="count" title="independent reports (a republished copy counts once); ${e.sources_count} distinct sources">${n} report${n === 1 ? "" : "s"}</span>
      ${e.disputed ? `<a class="flag" href="#/disputes/${e.story_id || ""}" title="${esc(e.disputes.join(", "))}">disputed</a>` : ""}</div>
    <ul class="sources">${e.mentions.map(mentionItem).join("")}</ul></article>`;
}

/** The story timeline: dots on a date axis, zoomed by wheel, drag, buttons or the date fields;
 *  the cards below show the events in the visible window (undated events always). */
class Timeline {
  constructor(events) {
    this.events = events;
    this.dated = events.filter(e => !isNaN(day(e.date)));
    const days = this.dated.map(e => day(e.date));
    this.min = days.length ? Math.min(...days) - DAY : Date.now() - 7 * DAY;
    this.max = days.length ? Math.max(...days) + DAY : Date.now();
    [this.from, this.to] = [this.min, this.max];
    this.el = document.getElementById("timeline");
    this.bind();
  }

  bind() {
    const zoomBy = f => { const mid = (this.from + this.to) / 2; this.setWindow(mid - (mid - this.from) * f, mid + (this.to - mid) * f); };
    document.getElementById("zoom-in").onclick = () => zoomBy(0.5);
    document.getElementById("zoom-out").onclick = () => zoomBy(2);
    document.getElementById("zoom-reset").onclick = () => this.setWindow(this.min, this.max);
    document.getElementById("zoom-from").onchange = ev => this.setWindow(day(ev.target.value) || this.min, this.to);
    document.getElementById("zoom-to").onchange = ev => this.setWindow(this.from, (day(ev.target.value) || this.max) + DAY - 1);
    this.el.addEventListener("wheel", ev => {
      ev.preventDefault();
      const at = this.timeAt(ev.offsetX), f = ev.deltaY > 0 ? 1.25 : 0.8;
      this.setWindow(at - (at - this.from) * f, at + (this.to - at) * f);
    }, { passive: false });
    let dragX = null;
    this.el.addEventListener("pointerdown", ev => { dragX = ev.clientX; });
    window.addEventListener("pointerup", () => { dragX = null; });
    this.el.addEventListener("pointermove", ev => {
      if (dragX === null) return;
      const shift = (dragX - ev.clientX) * (this.to - this.from) / this.width();
      dragX = ev.clientX;
      this.setWindow(this.from + shift, this.to + shift);
    });
    window.addEventListener("resize", () => this.draw(), { once: true });
  }

  width() { return this.el.clientWidth || 800; }
  timeAt(x) { return this.from + (x - PAD) / (this.width() - 2 * PAD) * (this.to - this.from); }
  xAt(t) { return PAD + (t - this.from) / (this.to - this.from) * (this.width() - 2 * PAD); }

  setWindow(from, to) {
    if (to - from < DAY) { const mid = (from + to) / 2; [from, to] = [mid - DAY / 2, mid + DAY / 2]; }
    [this.from, this.to] = [from, to];
    this.draw();
  }

  draw() {
    const w = this.width();
    const visible = this.dated.filter(e => day(e.date) >= this.from && day(e.date) <= this.to);
    const levels = {}, stacked = visible.map(e => {   // events on one day stack upwards
      const x = Math.round(this.xAt(day(e.date)));
      return [e, x, levels[x] = (levels[x] || 0) + 1];
    });
    const axis = 30 + 12 * Math.max(4, ...Object.values(levels)), h = axis + 30;
    this.el.setAttribute("viewBox", `0 0 ${w} ${h}`);
    this.el.style.height = `${h}px`;
    this.el.replaceChildren();
    svg("line", { x1: PAD, x2: w - PAD, y1: axis, y2: axis, stroke: "#99a" }, this.el);
    this.drawTicks(w, axis);
    for (const [e, x, level] of stacked) {
      const dot = svg("circle", { cx: x, cy: axis - level * 12, r: 5, fill: quadColour(e.event), "data-event-id": e.id }, this.el);
      svg("title", {}, dot).textContent = `${e.event} ${e.actor || "?"} → ${e.recipient || "?"} (${e.date})`;
      dot.addEventListener("click", () => document.getElementById(`event-${e.id}`)?.scrollIntoView({ behavior: "smooth" }));
    }
    document.getElementById("zoom-from").value = isoDay(this.from);
    document.getElementById("zoom-to").value = isoDay(this.to);
    const undated = this.events.filter(e => isNaN(day(e.date)));
    document.getElementById("visible-count").textContent =
      `${visible.length} of ${this.dated.length} dated events in view` + (undated.length ? `, ${undated.length} undated below` : "");
    document.getElementById("events").innerHTML = visible.concat(undated).map(eventCard).join("");
  }

  drawTicks(w, axis) {
    const span = this.to - this.from, ticks = Math.max(2, Math.floor(w / 110));
    const step = Math.max(DAY, Math.ceil(span / ticks / DAY) * DAY);
    for (let t = Math.ceil(this.from / DAY) * DAY; t <= this.to; t += step) {
      const x = this.xAt(t);
      svg("line", { x1: x, x2: x, y1: axis - 2, y2: axis + 4, stroke: "#99a" }, this.el);
      svg("text", { x, y: axis + 20, "text-anchor": "middle" }, this.el).textContent = isoDay(t);
    }
  }
}

/** The sentence around [start, end): back to the previous sentence end or line break, on to the next. */
function sentenceAround(text, start, end) {
  let from = start;
  while (from > 0 && !/[.!?]\s|\n/.test(text.slice(from - 2, from))) from--;
  const after = text.slice(end).search(/[.!?](\s|$)|\n/);
  return [from, after < 0 ? text.length : end + after + 1];
}

async function reportPage(id, params) {
  const r = await api(`/reports/${encodeURIComponent(id)}`);
  const start = parseInt(params.get("start"), 10), end = parseInt(params.get("end"), 10);
  let body = esc(r.text);
  if (start >= 0 && end > start && end <= r.text.length) {
    const [from, to] = sentenceAround(r.text, start, end);
    body = `${esc(r.text.slice(0, from))}<mark id="highlight">${esc(r.text.slice(from, to))}</mark>${esc(r.text.slice(to))}`;
  }
  const events = r.events.map(e => `<li>${badge(e.event)} ${actorLink(e.actor && e.actor.name)} → ${actorLink(e.recipient && e.recipient.name)}
      <span class="muted">${esc(e.modality)} ${esc(e.date || "")}</span> ${reportLink({ report_id: r.id, start: e.start, end: e.end }, "show")}</li>`).join("");
  const quotes = r.quotes.map(q => `<li><blockquote>“${esc(q.quote)}”</blockquote> — ${actorLink(q.speaker)}
      ${reportLink({ report_id: r.id, start: q.start, end: q.end }, "show")}</li>`).join("");
  render(`<h1 id="report-title">${esc(r.title || r.id)}</h1>
    <p class="muted">${esc(r.outlet || "")} · ${esc(r.published || "undated")}${r.url ? ` · <a href="${esc(r.url)}" rel="noreferrer">original</a>` : ""}
      ${r.story ? ` · story: <a href="#/story/${r.story.id}">${esc(r.story.label)}</a>` : ""}</p>
    <div class="report-text" id="report-text">${body}</div>
    <div class="grid two"><section><h2>Events</h2><ul class="list">${events || '<li class="muted">none</li>'}</ul></section>
    <section><h2>Quotes</h2><ul class="list">${quotes || '<li class="muted">none</li>'}</ul></section></div>`);
  document.getElementById("highlight")?.scrollIntoView({ block: "center" });
}

async function actorsPage() {
  const actors = await api("/actors?per_page=200");
  const rows = actors.items.map(a => `<tr><td>${actorLink(a.name)}</td><td>${esc(a.code || "")}</td><td>${esc(a.sector || "")}</td>
      <td>${esc(a.kind || "")}</td><td>${a.mentions}</td><td>${a.reports}</td></tr>`).join("");
  render(`<h1>Actors</h1><div class="table-wrap"><table class="matrix"><thead><tr><th>Actor</th><th>Code</th><th>Sector</th>
    <th>Kind</th><th>Mentions</th><th>Reports</th></tr></thead><tbody>${rows}</tbody></table></div>`);
}

/** Rows: other actors; columns: event types; cells: how many events link them. */
function matrix(pairs, caption) {
  if (!pairs.length) return `<p class="muted">None in the store.</p>`;
  const types = [...new Set(pairs.map(p => p.event))].sort();
  const names = [...new Set(pairs.map(p => p.name))];
  const cell = (n, t) => pairs.filter(p => p.name === n && p.event === t).reduce((s, p) => s + p.n, 0) || "";
  return `<div class="table-wrap"><table class="matrix"><caption class="muted small">${esc(caption)}</caption>
    <thead><tr><th></th>${types.map(t => `<th>${badge(t)}</th>`).join("")}</tr></thead>
    <tbody>${names.map(n => `<tr><th>${actorLink(n)}</th>${types.map(t => `<td>${cell(n, t)}</td>`).join("")}</tr>`).join("")}</tbody></table></div>`;
}

/** The actor in the middle, its counterparts around it; arrows show who acts on whom. */
function drawNetwork(el, actor) {
  const others = new Map();
  const add = (p, out) => {
    const o = others.get(p.name) || { name: p.name, out: 0, in: 0 };
    o[out ? "out" : "in"] += p.n;
    others.set(p.name, o);
  };
  actor.acts_on.forEach(p => add(p, true));
  actor.acted_on_by.forEach(p => add(p, false));
  const nodes = [...others.values()].slice(0, 24), w = 600, h = 360, cx = w / 2, cy = h / 2;
  el.setAttribute("viewBox", `0 0 ${w} ${h}`);
  const defs = svg("defs", {}, el);
  const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" }, defs);
  svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#778" }, marker);
  nodes.forEach((o, i) => {
    const angle = 2 * Math.PI * i / nodes.length - Math.PI / 2;
    const x = cx + Math.cos(angle) * 140, y = cy + Math.sin(angle) * 130;
    const [sx, sy, ex, ey] = [cx + (x - cx) * 0.15, cy + (y - cy) * 0.15, cx + (x - cx) * 0.85, cy + (y - cy) * 0.85];
    if (o.out) svg("line", { x1: sx, y1: sy, x2: ex, y2: ey, stroke: "#1f5fbf", "stroke-width": Math.min(1 + o.out, 6), "marker-end": "url(#arrow)" }, el);
    if (o.in) svg("line", { x1: ex, y1: ey + 4, x2: sx, y2: sy + 4, stroke: "#c0392b", "stroke-width": Math.min(1 + o.in, 6), "marker-end": "url(#arrow)" }, el);
    const link = svg("a", { href: `#/actor/${encodeURIComponent(o.name)}` }, el);
    svg("circle", { cx: x, cy: y, r: 6, fill: "#5d6677" }, link);
    svg("text", { x, y: y + (y > cy ? 18 : -10), "text-anchor": "middle" }, link).textContent = o.name;
  });
  svg("circle", { cx, cy, r: 9, fill: "#1d2330" }, el);
  svg("text", { x: cx, y: cy - 14, "text-anchor": "middle", "font-weight": "bold" }, el).textContent = actor.name;
}

/** The registry's entries on an actor: each identity, since when, from how many reports; corrections first. */
function evidenceTable(entries) {
  if (!entries || !entries.length) return '<p class="muted" id="actor-evidence">No named evidence in the store.</p>';
  const rows = entries.map(e => `<tr><td>${esc(e.source)}</td><td>${esc(e.code || "")}</td><td>${esc(e.sector || "")}</td>
      <td>${esc(e.role || "")}</td><td>${esc(e.first_seen || "")} – ${esc(e.last_seen || "")}</td><td>${e.reports}</td>
      <td>${e.report_ids.map(id => `<a href="#/report/${encodeURIComponent(id)}">${esc(id)}</a>`).join(" ")}</td>
      <td class="small">${esc(e.aliases.join(" | "))}</td></tr>`).join("");
  return `<div class="table-wrap"><table id="actor-evidence"><thead><tr><th>source</th><th>code</th><th>sector</th>
    <th>role</th><th>seen</th><th>reports</th><th>in</th><th>written as</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

async function actorPage(name) {
  const a = await api(`/actors/${encodeURIComponent(name)}`);
  const quotes = a.quotes.map(q => `<li><span class="muted small">${esc([q.published || "undated", q.outlet].filter(Boolean).join(" · "))}</span>
      <blockquote>“${esc(q.quote)}”</blockquote>${reportLink(q, "in the report")}</li>`).join("");
  render(`<h1 id="actor-name">${esc(a.name)}</h1>
    <p class="muted">${esc([a.code, a.sector, a.kind].filter(Boolean).join(" · "))} · ${a.mentions} mentions in ${a.reports} reports</p>
    <svg class="network-svg" id="network" role="img" aria-label="Who ${esc(a.name)} acts on (blue) and is acted on by (red)"></svg>
    <div class="grid two"><section><h2>Acts on</h2>${matrix(a.acts_on, "events with this actor as actor")}</section>
    <section><h2>Acted on by</h2>${matrix(a.acted_on_by, "events with this actor as recipient")}</section></div>
    <h2>Quotes over time</h2><ul class="list" id="actor-quotes">${quotes || '<li class="muted">No quotes.</li>'}</ul>
    <h2>Who the reports say this is</h2>${evidenceTable(a.evidence)}`);
  drawNetwork(document.getElementById("network"), a);
}

function disputeSide(side) {
  const who = [...side.sources, ...side.outlets].filter(Boolean);
  return `<div class="side card"><h3>${esc(side.claim)} <span class="count">${side.independent} report${side.independent === 1 ? "" : "s"}</span></h3>
    ${who.length ? `<p class="muted small">${esc(who.join(" · "))}</p>` : ""}
    <ul class="sources">${side.mentions.map(mentionItem).join("")}</ul></div>`;
}

async function disputesPage(storyId) {
  const body = await api(storyId ? `/disputes?story=${storyId}` : "/disputes?per_page=20");
  const items = body.items.map(d => `<article class="card dispute">
      <div class="event-head"><span class="badge q3">${esc(d.kind)}</span> <span class="who">${esc(d.about)}</span>
        <a href="#/story/${d.story_id}">${esc(d.story_label || "story " + d.story_id)}</a></div>
      <div class="side-by-side">${d.sides.map(disputeSide).join("")}</div></article>`).join("");
  const scope = !storyId && body.total > body.per_page ? ` Shown for the ${body.per_page} most recent of ${body.total} stories.` : "";
  render(`<h1>Disputes</h1><p class="muted">Conflicting claims within a story: events reported and denied,
    opposite stances of one party, different numbers for the same thing.${esc(scope)}</p>${items || '<p class="muted">No disputes found.</p>'}`);
}

async function searchPage(params) {
  const q = params.get("q") || "";
  document.getElementById("search-input").value = q;
  const r = await api(`/search?q=${encodeURIComponent(q)}&limit=20`);
  const reports = r.reports.map(x => `<li><a href="#/report/${encodeURIComponent(x.id)}">${esc(x.title || x.id)}</a>
      <div class="muted small">…${esc(x.snippet)}…</div></li>`).join("");
  const quotes = r.quotes.map(x => `<li><blockquote>“${esc(x.quote)}”</blockquote> — ${actorLink(x.speaker)} ${reportLink(x, "in the report")}</li>`).join("");
  const actors = r.actors.map(x => `<li>${actorLink(x.name)} <span class="muted small">${x.mentions} mentions</span></li>`).join("");
  const none = '<li class="muted">none</li>';
  render(`<h1>Search: ${esc(q)}</h1><div class="grid two">
    <section><h2>Reports</h2><ul class="list" id="search-reports">${reports || none}</ul></section>
    <section><h2>Actors</h2><ul class="list" id="search-actors">${actors || none}</ul>
      <h2>Quotes</h2><ul class="list" id="search-quotes">${quotes || none}</ul></section></div>`);
}

// -- routing ------------------------------------------------------------------------------------
// Navigations are shown one at a time, in the order they happen: a slow page (the home page's two
// requests) must not cover a later one that answered first (a search made right after loading).
let routing = Promise.resolve();
function route() {
  routing = routing.then(showRoute);
  return routing;
}

async function showRoute() {
  const [path, query] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(query || "");
  const parts = (path || "/").split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === "story" && parts[1]) await storyPage(parts[1]);
    else if (parts[0] === "report" && parts[1]) await reportPage(parts[1], params);
    else if (parts[0] === "actor" && parts[1]) await actorPage(parts[1]);
    else if (parts[0] === "actors") await actorsPage();
    else if (parts[0] === "disputes") await disputesPage(parts[1]);
    else if (parts[0] === "search") await searchPage(params);
    else await homePage();
  } catch (err) {
    showError(err);
  }
}

document.getElementById("search-form").addEventListener("submit", ev => {
  ev.preventDefault();
  const q = document.getElementById("search-input").value.trim();
  if (q.length >= 2) location.hash = `#/search?q=${encodeURIComponent(q)}`;
});
async function start() {
  try {
    for (const t of await api("/event-types")) EVENT_TYPES[t.type] = t;
  } catch (err) {
    showError(err);
    return;
  }
  window.addEventListener("hashchange", route);
  route();
}
start();
