// While /today is open: highlight what is due now (class is-due) and, when notifications are allowed, show one
// local notification per item. The server decides what "due" means (app/services/reminders/schedule.py): this
// mirrors its rule with the numbers it sends in GET /api/v1/reminders/prefs, every default already applied
// there. An item is due from `lead_minutes` before its slot until `late_minutes` after it, unless it already
// has a status; wall-clock minutes in the patient's zone. Offline, the worker's saved copy of the prefs is used.
import { lang, notificationWords, t } from "./i18n.js";
import { user } from "./sync.js";

const PREFS = "/api/v1/reminders/prefs";
const SHOWN = "inoplan-due-shown";

function wallNow(timeZone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-CA", {
    timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(new Date()).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const toMinutes = (hm) => (hm ? Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5)) : null);

// schedule.in_quiet_hours: [start, end), wrapping midnight.
function quiet(minutes, prefs) {
  const start = toMinutes(prefs.quiet_start), end = toMinutes(prefs.quiet_end);
  if (start === null || end === null || start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

function shownOn(date) {
  const shown = JSON.parse(localStorage.getItem(SHOWN) || "{}");
  return shown.date === date && Array.isArray(shown.tags) ? shown : { date, tags: [] };
}

async function notify(item, date) {
  if (!("Notification" in window) || Notification.permission !== "granted" || !("serviceWorker" in navigator)) return;
  const tag = `inoplan-${item.dataset.key}-${date}-${item.dataset.slot}`; // the push uses the same tag: no double
  const shown = shownOn(date);
  if (shown.tags.includes(tag)) return;
  shown.tags.push(tag);
  localStorage.setItem(SHOWN, JSON.stringify(shown));
  const title = `${item.dataset.slot} ${item.querySelector("h3")?.textContent.trim() || t("Your routine")}`;
  // The same data as a pushed reminder (app/services/reminders/push.py payload), shown by the worker's own show()
  // (its buttons, in this page's language), so "Done" works the same.
  const data = {
    kind: "item", plan_item_id: Number(item.dataset.planItemId), date, slot: item.dataset.slot, tag, title,
    body: t("It is time for this routine. Tap Done when you have finished."), url: `/today?date=${date}#${item.id}`,
    owner: user ? user.id : null, locale: lang, strings: notificationWords(),
  };
  const registration = await navigator.serviceWorker.ready;
  await new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = resolve;
    registration.active.postMessage({ type: "notify", data }, [channel.port2]);
  });
}

export function markDue(root, prefs) {
  const { date, minutes } = wallNow(root.dataset.timezone);
  const today = date === root.dataset.date;
  const due = [];
  for (const item of document.querySelectorAll("[data-plan-item-id][data-slot]")) {
    const slot = toMinutes(item.dataset.slot);
    const isDue = today && !item.dataset.status && minutes >= slot - prefs.lead_minutes &&
      minutes < slot + prefs.late_minutes;
    item.classList.toggle("is-due", isDue);
    if (isDue) due.push(item);
  }
  if (!quiet(minutes, prefs)) due.forEach((item) => notify(item, date).catch(() => {}));
  return due;
}

// The server's answer, or the copy the service worker saved for offline use; null when neither is there.
async function serverPrefs() {
  if (!navigator.onLine) {
    const saved = "caches" in window ? await caches.match(PREFS, { ignoreVary: true }).catch(() => null) : null;
    return saved ? saved.json() : null;
  }
  try {
    const response = await fetch(PREFS, { credentials: "same-origin", headers: { Accept: "application/json" } });
    return response.ok ? await response.json() : null;
  } catch (error) {
    return null;
  }
}

export async function initDue() {
  const root = document.querySelector("[data-today][data-timezone]");
  if (!root) return;
  const prefs = await serverPrefs();
  if (!prefs?.in_app) return;
  const check = () => markDue(root, prefs);
  check();
  setInterval(check, 30000);
  document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && check());
  new MutationObserver(check).observe(document.querySelector("main"), { subtree: true, attributeFilter: ["data-status"] });
}

initDue().catch((error) => console.warn("Due check stopped:", error.message));
