// The routine player (/player/<id>) and the pacing timer (/pacing). Loaded only on those pages.
// Time is always computed from timestamps (Date.now() differences), never by counting ticks: a phone that locks
// or a tab the browser suspends comes back to the right phase and the right remaining time.
import { fmt, pacingPhases, position, routinePhases } from "./phases.js";
import { queue } from "./sync.js";

const root = document.querySelector("[data-player]");
const S = root ? JSON.parse(root.dataset.strings) : {};


function clock(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

class Player {
  constructor(el, phases, key) {
    this.el = el;
    this.phases = phases;
    this.key = key;
    this.q = (name) => el.querySelector(`[data-${name}]`);
    const saved = JSON.parse(sessionStorage.getItem(key) || "null");
    this.state = saved && saved.n === phases.length ? saved : { i: 0, startedAt: Date.now(), pausedAt: null, count: 0, n: phases.length };
    this.shown = -1;
    this.lock = null;
    this.q("controls").hidden = false;
    for (const [name, fn] of Object.entries({ next: () => this.next(), back: () => this.back(), pause: () => this.pause(), count: () => this.count() })) {
      this.q(`${name}-btn`)?.addEventListener("click", fn);
    }
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") { this.render(); this.keepAwake(); }
    });
    setInterval(() => this.render(), 250);
    this.render();
    this.keepAwake();
  }

  save() { sessionStorage.setItem(this.key, JSON.stringify(this.state)); }

  go(i) {
    this.state = { ...this.state, i: Math.max(0, Math.min(i, this.phases.length - 1)), startedAt: Date.now(), pausedAt: null, count: 0 };
    this.save();
    this.render();
  }

  next() { this.go(position(this.phases, this.state, Date.now()).i + 1); }
  back() { this.go(position(this.phases, this.state, Date.now()).i - 1); }

  pause() {
    const now = Date.now();
    const { i, startedAt } = position(this.phases, this.state, now);
    if (this.state.pausedAt != null) this.state = { ...this.state, i, startedAt: startedAt + (now - this.state.pausedAt), pausedAt: null };
    else this.state = { ...this.state, i, startedAt, pausedAt: now };
    this.save();
    this.render(true);
  }

  count() {
    const phase = this.phases[position(this.phases, this.state, Date.now()).i];
    this.state.count = Math.min((this.state.count || 0) + 1, phase.reps || 1);
    this.save();
    this.render(true);
    if (this.state.count >= phase.reps) this.announce(fmt(S.setDone, { total: phase.reps }));
  }

  announce(text) {
    const live = this.q("announce");
    live.textContent = "";
    requestAnimationFrame(() => { live.textContent = text; });
  }

  async keepAwake() {
    const finished = this.phases[this.state.i]?.type === "done";
    if (!("wakeLock" in navigator) || document.visibilityState !== "visible" || finished) return;
    try { this.lock = await navigator.wakeLock.request("screen"); this.el.dataset.wakeLock = "on"; } catch { this.el.dataset.wakeLock = "off"; }
  }

  notify(text) {
    if (document.visibilityState === "visible" || !("Notification" in window) || Notification.permission !== "granted") return;
    navigator.serviceWorker?.ready.then((reg) => reg.showNotification("Inoplan", { body: text, tag: "inoplan-player" })).catch(() => undefined);
  }

  render(force = false) {
    const now = Date.now();
    const pos = position(this.phases, this.state, now);
    const phase = this.phases[pos.i];
    if (pos.i !== this.state.i) { this.state = { ...this.state, i: pos.i, startedAt: pos.startedAt, count: 0 }; this.save(); }
    const changed = pos.i !== this.shown;
    if (changed || force) {
      this.q("phase-label").textContent = phase.label;
      this.q("phase-text").textContent = phase.text;
      this.el.dataset.phase = phase.type;
      this.el.dataset.index = String(pos.i);
      this.q("back-btn").disabled = pos.i === 0;
      this.q("next-btn").hidden = phase.type === "done";
      this.q("next-btn").textContent = phase.seconds ? S.skip : S.next;
      this.q("pause-btn").hidden = !phase.seconds;
      this.q("pause-btn").textContent = this.state.pausedAt != null ? S.resume : S.pause;
      this.q("count-btn").hidden = phase.type !== "reps";
      this.q("finish").hidden = phase.type !== "done";
      this.q("heat-stop").hidden = phase.type !== "heat";
    }
    if (phase.type === "reps") this.q("count").textContent = fmt(S.counted, { n: this.state.count || 0, total: phase.reps });
    else this.q("count").textContent = "";
    this.q("clock").textContent = pos.left == null ? "" : clock(pos.left);
    this.q("clock").dataset.leftMs = pos.left == null ? "" : String(Math.round(pos.left));
    const bar = this.q("bar");
    bar.hidden = pos.left == null;
    if (pos.left != null) { bar.max = phase.seconds; bar.value = phase.seconds - pos.left / 1000; }
    if (changed) {
      const sentence = [phase.label, phase.text, phase.seconds ? clock(pos.left) : ""].filter(Boolean)
        .map((part) => part.replace(/[.:]$/, "")).join(". ");
      if (this.shown !== -1) { this.announce(sentence); this.notify(sentence); navigator.vibrate?.(200); }
      this.shown = pos.i;
      if (phase.type === "done") { this.lock?.release().catch(() => undefined); this.lock = null; }
    }
  }
}

function startRoutine() {
  const c = JSON.parse(root.dataset.config);
  root.querySelector("[data-steps-list]")?.setAttribute("hidden", "");
  const player = new Player(root, routinePhases(c, S), `inoplan-player:${c.planItemId}:${c.date}:${c.slot}`);
  const form = root.querySelector("[data-finish]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = (name) => { const v = form.elements[name].value; return v === "" ? null : Number(v); };
    await queue({ client_id: form.elements.client_id.value, type: "completion", plan_item_id: c.planItemId, date: c.date,
      slot: c.slot, status: "done", pain_before: value("pain_before"), pain_after: value("pain_after"), note: "" });
    sessionStorage.removeItem(player.key);
    form.hidden = true;
    root.querySelector("[data-saved]").hidden = false;
    player.announce(S.saved);
    root.dataset.saved = "yes";
  });
}

function startPacing() {
  const form = document.querySelector("[data-pacing-form]");
  const recent = JSON.parse(localStorage.getItem("inoplan-pacing") || "[]");
  if (recent[0]) for (const name of ["name", "activity", "rest", "rounds"]) form.elements[name].value = recent[0][name];
  const begin = (p) => {
    form.hidden = true;
    root.hidden = false;
    const player = new Player(root, pacingPhases(p, S), "inoplan-pacing-run");
    root.querySelector("[data-finish]").addEventListener("submit", (event) => {
      event.preventDefault();
      sessionStorage.removeItem(player.key);
      location.reload();
    });
  };
  const running = sessionStorage.getItem("inoplan-pacing-run") && recent[0];
  if (running) return begin(recent[0]);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const p = { name: form.elements.name.value.trim() || S.defaultActivity, activity: Number(form.elements.activity.value),
      rest: Number(form.elements.rest.value), rounds: Number(form.elements.rounds.value) };
    localStorage.setItem("inoplan-pacing", JSON.stringify([p, ...recent.filter((r) => r.name !== p.name)].slice(0, 5)));
    sessionStorage.removeItem("inoplan-pacing-run");
    begin(p);
  });
}

if (root?.dataset.player === "routine") startRoutine();
if (root?.dataset.player === "pacing") startPacing();
