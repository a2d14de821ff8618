// Sending the outbox: on app open, when the network returns, through Background Sync, and from the
// "N waiting" badge (tap = sync now). Shows the offline line, an expired session and rejected changes.
// The pages' way to the outbox: sync.js loads it once and hands it on (`outbox`, `queue`).
import "./outbox.js";
import { localToday } from "./day.js";
import { fieldLabel, pieces, t } from "./i18n.js";
import { keepForOffline } from "./pwa.js";

export const outbox = globalThis.InoplanOutbox;
const meta = document.querySelector("meta[name=inoplan-user]");
export const user = meta?.content ? Object.freeze({ id: Number(meta.content), role: meta.dataset.role,
  timezone: meta.dataset.timezone }) : null;
const isPatient = user?.role === "patient";
// Saved for offline use on every app open and after every sync; today.js adds the day it shows (keepOffline).
const dataUrls = new Set(isPatient ? ["/api/v1/plan", `/api/v1/today?date=${localToday(user.timezone)}`,
  "/api/v1/reminders/prefs"] : []);
const channel = new BroadcastChannel("inoplan-outbox");

// What a rejected change shows: each field the server refused, by the name the person knows it by, then the
// server's reason (the API's words). The outbox keeps the fields only: the service worker that may have sent the
// change has no page to read the language from, so the text is made here, when shown.
export function rejectedText(entry) {
  const fields = entry.rejected?.fields || {};
  const parts = Object.entries(fields).map(([name, why]) => t("%(field)s %(problem)s.", { field: fieldLabel(name), problem: why }));
  return parts.join(" ") || entry.rejected?.message || t("The server could not accept this change.");
}

export function keepOffline(url) {
  if (isPatient) dataUrls.add(url);
}

// A write made on this page: into the outbox for the signed-in account (the outbox sends it).
export async function queue(entry) {
  const stored = await outbox.queue(entry, user ? user.id : null);
  askToPersist();
  return stored;
}

let persistAsked = false;
function askToPersist() {
  if (persistAsked || !navigator.storage?.persist) return;
  persistAsked = true;
  navigator.storage.persisted().then((yes) => yes || navigator.storage.persist()).catch(() => undefined);
}

// Refreshes run one after another, and only the newest one redraws: a copy fetched before the latest
// sync (say, a tick that was undone since) must neither overwrite a newer saved copy nor be shown.
let refreshes = Promise.resolve();
let newestRefresh = 0;
export function refresh() {
  if (!dataUrls.size) return refreshes;
  const ticket = ++newestRefresh;
  refreshes = refreshes.then(async () => {
    if (ticket !== newestRefresh) return;
    await keepForOffline([...dataUrls]);
    if (ticket === newestRefresh) document.dispatchEvent(new CustomEvent("inoplan:refreshed"));
  }).catch(() => undefined);
  return refreshes;
}

function showNetwork(state) {
  const line = document.querySelector("[data-net-status]");
  if (!line) return;
  line.hidden = state === "online";
  line.setAttribute("role", "status");
  line.textContent = state === "unreachable" ? t("Can't reach Inoplan — your changes are saved on this phone")
    : t("Offline — your changes are saved on this phone");
}

async function showWaiting() {
  const badge = document.querySelector("[data-outbox-badge]");
  if (!badge) return;
  const n = await outbox.count();
  badge.hidden = n === 0;
  badge.textContent = t("%(n)s waiting", { n });
  badge.title = t(n === 1 ? "%(n)s change waiting to be sent. Tap to send now." : "%(n)s changes waiting to be sent. Tap to send now.", { n });
  await showRejected();
}

function banner(name, ...children) {
  let el = document.querySelector(`[data-${name}]`);
  if (!el) {
    el = document.createElement("div");
    el.className = "banner banner-warn";
    el.setAttribute(`data-${name}`, "");
    el.setAttribute("role", "alert");
    document.querySelector(".topbar")?.after(el);
  }
  el.replaceChildren(...children);
  return el;
}

function showLoginNeeded(needed) {
  if (!needed) return document.querySelector("[data-session-banner]")?.remove();
  const link = document.createElement("a");
  link.href = `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
  link.textContent = t("Log in again");
  const [before, after] = pieces("Your session has ended. Your changes are safe on this phone. %(link)s to send them.");
  banner("session-banner", before, link, after);
}

async function showRejected() {
  const rejected = (await outbox.all()).filter((e) => e.rejected);
  document.querySelector("[data-rejected]")?.remove();
  if (!rejected.length) return;
  const list = document.createElement("ul");
  list.className = "rejected-list";
  rejected.forEach((e) => {
    const li = document.createElement("li");
    const what = document.createElement("strong");
    what.textContent = `${e.label || e.type}: `;
    li.append(what, rejectedText(e));
    list.append(li);
  });
  const dismiss = document.createElement("button");
  dismiss.type = "button";
  dismiss.className = "btn btn-quiet";
  dismiss.textContent = t("Dismiss");
  dismiss.addEventListener("click", () => outbox.remove(rejected.map((e) => e.client_id)));
  const el = banner("rejected", rejected.length === 1 ? t("This change was not saved:") : t("These changes were not saved:"), list, dismiss);
  el.classList.add("rejected");
}

async function onFlushed(result) {
  if (result.status === "login") showLoginNeeded(true);
  if (result.status === "offline") showNetwork(navigator.onLine ? "unreachable" : "offline");
  if (result.status === "done") {
    showLoginNeeded(false);
    showNetwork("online");
    await refresh();
  }
}

// Many changes in a row (a long outbox being sent) redraw once.
export function coalesced(fn, ms = 50) {
  let timer = null;
  return () => {
    if (timer === null) timer = setTimeout(() => { timer = null; fn(); }, ms);
  };
}

const showWaitingSoon = coalesced(showWaiting);
channel.addEventListener("message", (event) => {
  showWaitingSoon();
  if (event.data?.type === "flushed") onFlushed(event.data);
});
window.addEventListener("online", () => { showNetwork("online"); outbox.flush(); });
window.addEventListener("offline", () => showNetwork("offline"));
document.querySelector("[data-outbox-badge]")?.addEventListener("click", () => outbox.flush());

async function appOpen() {
  showNetwork(navigator.onLine ? "online" : "offline");
  await showWaiting();
  if (!isPatient) return;
  askToPersist();
  if (!navigator.onLine) return;
  const result = await outbox.flush();
  if (result.status !== "done") await refresh(); // a finished flush refreshes through onFlushed
}

appOpen();
