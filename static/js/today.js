// /today as the phone knows it: the server's page when online; offline (or for a day not saved yet) the
// day computed from the saved plan. Changes waiting in the outbox always show at once.
import { dayFromPlan, isDate, localToday } from "./day.js";
import { renderDay, showCheckinSummary, showItemError, showMode, showProgress, showStatus } from "./day_view.js";
import { followSwitch, openFlare, showFlare } from "./flare_switch.js";
import { coalesced, keepOffline, outbox, rejectedText } from "./sync.js";

const head = document.querySelector("[data-today]");

const csrf = () => document.querySelector("meta[name=csrf-token]")?.content || "";
const today = () => localToday(head.dataset.timezone);
const shownDate = () => head.dataset.date;

function wantedDate() {
  const asked = new URLSearchParams(location.search).get("date");
  return isDate(asked) ? asked : today();
}

async function getJson(url, savedFirst = false) {
  const saved = async () => {
    const hit = await caches.match(url, { ignoreVary: true }).catch(() => null);
    return hit ? hit.json() : null;
  };
  // Offline, read the saved copy directly rather than asking the network (and logging a failed request).
  if ((savedFirst || !navigator.onLine) && "caches" in window) {
    const hit = await saved();
    if (hit || !navigator.onLine) return hit;
  }
  try {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (response.ok) return await response.json();
  } catch (error) {
    // offline and not saved by the worker: try the saved copy directly below
  }
  return "caches" in window ? saved() : null;
}

async function pendingMode() {
  const modes = (await outbox.pending()).filter((e) => e.type === "mode");
  return modes.length ? modes[modes.length - 1].mode : null;
}

// The saved plan gives the items; the saved day gives what the server already has for them.
async function loadDay(date, savedFirst = false) {
  const [plan, saved] = await Promise.all([getJson("/api/v1/plan", savedFirst),
    getJson(`/api/v1/today?date=${date}`, savedFirst)]);
  const mode = (await pendingMode()) || plan?.mode;
  if (plan) return dayFromPlan(plan, date, mode, saved?.date === date ? saved : null);
  if (saved?.date === date) return { ...saved, hasPlan: Boolean(saved.plan) };
  return { date, plan: null, hasPlan: true, unknown: true, items: [], checkin: null };
}

function matches(entry, li) {
  if (entry.slot !== li.dataset.slot) return false;
  return entry.key ? entry.key === li.dataset.key : String(entry.plan_item_id) === li.dataset.planItemId;
}

// Both read asynchronously (saved day, outbox), so calls can overlap: only the newest one started may draw, or a
// copy read before a later sync (a tick that was undone since) would land last and show the tick again.
const newest = { overlay: 0, reconcile: 0 };

// Show the server's statuses with the outbox's waiting changes on top.
async function overlay() {
  const ticket = ++newest.overlay;
  const date = shownDate();
  const everything = await outbox.all();
  if (ticket !== newest.overlay) return;
  const waiting = everything.filter((e) => !e.rejected && e.date === date);
  const refused = everything.filter((e) => e.rejected && e.type === "completion" && e.date === date);
  const ticks = waiting.filter((e) => e.type === "completion");
  document.querySelectorAll("[data-plan-item-id]").forEach((li) => {
    if (li.dataset.serverStatus === undefined) {
      li.dataset.serverStatus = li.dataset.status || "";
      li.dataset.serverPain = JSON.stringify({ before: li.dataset.painBefore, after: li.dataset.painAfter });
    }
    const mine = ticks.filter((e) => matches(e, li)).pop();
    const status = mine ? (mine.status === "cleared" ? null : mine.status) : li.dataset.serverStatus || null;
    const pain = mine ? { before: mine.pain_before, after: mine.pain_after } : JSON.parse(li.dataset.serverPain || "{}");
    showStatus(li, status, Boolean(mine), pain);
    const bad = refused.filter((e) => matches(e, li)).pop();
    if (bad || !li.dataset.serverError) showItemError(li, bad ? rejectedText(bad) : null);
  });
  showMode((await pendingMode()) || head.dataset.mode || "standard");
  showFlare(await openFlare());
  showProgress();
  const checkin = waiting.filter((e) => e.type === "checkin").pop();
  const card = document.getElementById("checkin");
  if (checkin) {
    showCheckinSummary(checkin, true);
    document.querySelector("[data-quick-checkin]")?.remove(); // saved on the phone: one check-in a day
  }
  else if (card?.dataset.serverCheckin !== undefined) showCheckinSummary(JSON.parse(card.dataset.serverCheckin || "null"), false);
}

function sameItems(day) {
  const shown = [...document.querySelectorAll("[data-plan-item-id]")].map((li) => `${li.dataset.planItemId} ${li.dataset.slot}`);
  const fresh = day.items.map((i) => `${i.plan_item_id} ${i.slot}`);
  const flare = Boolean(head.querySelector(".pill-flare"));
  return shown.join() === fresh.join() && flare === (day.plan?.mode === "flare");
}

// After a sync or a plan change: redraw if the plan changed, else only take the server's statuses.
async function reconcile() {
  const ticket = ++newest.reconcile;
  const day = await loadDay(shownDate(), true);
  if (day.unknown || ticket !== newest.reconcile) return;
  if (day.plan?.mode) head.dataset.mode = day.plan.mode;
  if (!sameItems(day)) {
    renderDay(day, { today: today(), csrf: csrf() });
  } else {
    day.items.forEach((item) => {
      const li = document.querySelector(`[data-plan-item-id="${item.plan_item_id}"][data-slot="${item.slot}"]`);
      if (!li) return;
      li.dataset.serverStatus = item.status || "";
      if ("pain_before" in item) li.dataset.serverPain = JSON.stringify({ before: item.pain_before, after: item.pain_after });
    });
    const card = document.getElementById("checkin");
    if (card) card.dataset.serverCheckin = day.checkin ? JSON.stringify(day.checkin) : "";
  }
  await overlay();
}

// After Done, tapping a pain value saves it at once (the card's "Save pain and note" does the same).
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "radio") return;
  const form = input.closest("[data-tick-form]");
  const save = form?.querySelector("[data-action=save-pain]");
  if (save && form.closest("[data-plan-item-id]")?.dataset.status) form.requestSubmit(save);
});

async function init() {
  document.querySelectorAll("[data-item-error]").forEach((p) => {
    p.closest("[data-plan-item-id]").dataset.serverError = "yes";
  });
  const wanted = wantedDate();
  keepOffline(`/api/v1/today?date=${wanted}`);
  // A saved copy may be from another day or older than what the phone knows since: draw it again.
  if (document.documentElement.hasAttribute("data-offline-copy") || shownDate() !== wanted) {
    renderDay(await loadDay(wanted), { today: today(), csrf: csrf() });
  }
  await overlay();
  head.dataset.ready = "yes";
}

if (head) {
  init();
  const overlaySoon = coalesced(overlay);
  new BroadcastChannel("inoplan-outbox").addEventListener("message", (event) => {
    if (event.data?.type === "changed") overlaySoon();
  });
  document.addEventListener("inoplan:queued", async (event) => {
    if (event.detail.type !== "mode") return overlay();
    await followSwitch(event.detail); // the diary's flare episode, its own write after the switch
    await overlay(); // the switch shows its new state at once; reconcile then redraws the day for the mode
    return reconcile();
  });
  document.addEventListener("inoplan:refreshed", reconcile);
}
