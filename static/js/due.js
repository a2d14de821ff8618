// While /today is open: highlight what is due now (class is-due) and, when notifications are allowed,
// show one local notification per item. Same window as the server: from `lead` minutes before the slot
// until an hour after it, unless the item already has a status. Wall-clock minutes in the patient's zone.
const LATE_MINUTES = 60;
const SHOWN = "inoplan-due-shown";

function wallNow(timeZone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-CA", {
    timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(new Date()).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const toMinutes = (hm) => (hm ? Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5)) : null);

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
  const data = {
    kind: "item", plan_item_id: Number(item.dataset.planItemId), date, slot: item.dataset.slot,
    url: `/today?date=${date}#${item.id}`,
  };
  const tag = `inoplan-${item.dataset.key}-${date}-${item.dataset.slot}`; // the push uses the same tag: no double
  const shown = shownOn(date);
  if (shown.tags.includes(tag)) return;
  shown.tags.push(tag);
  localStorage.setItem(SHOWN, JSON.stringify(shown));
  const title = item.querySelector("h3")?.textContent.trim() || "Your routine";
  const registration = await navigator.serviceWorker.ready;
  await registration.showNotification(`${item.dataset.slot} ${title}`, {
    body: "It is time for this routine. Tap Done when you have finished.", tag, data: { ...data, tag },
    actions: [{ action: "done", title: "Done" }, { action: "snooze", title: "Snooze 30 min" }],
  });
}

export function markDue(root, prefs) {
  const { date, minutes } = wallNow(root.dataset.timezone);
  const today = date === root.dataset.date;
  const due = [];
  for (const item of document.querySelectorAll("[data-plan-item-id][data-slot]")) {
    const slot = toMinutes(item.dataset.slot);
    const isDue = today && !item.dataset.status && minutes >= slot - prefs.lead_minutes && minutes < slot + LATE_MINUTES;
    item.classList.toggle("is-due", isDue);
    if (isDue) due.push(item);
  }
  if (!quiet(minutes, prefs)) due.forEach((item) => notify(item, date).catch(() => {}));
  return due;
}

const PREFS = "inoplan-reminder-prefs";

export async function initDue() {
  const root = document.querySelector("[data-today][data-timezone]");
  if (!root) return;
  // The last preferences seen online are kept, so offline the highlights follow the same settings.
  let prefs = JSON.parse(localStorage.getItem(PREFS) || "null") ||
    { in_app: true, lead_minutes: 10, quiet_start: null, quiet_end: null };
  if (navigator.onLine) {
    try {
      const response = await fetch("/api/v1/reminders/prefs", { credentials: "same-origin" });
      if (response.ok) {
        prefs = await response.json();
        localStorage.setItem(PREFS, JSON.stringify(prefs));
      }
    } catch (error) {
      // the network dropped: keep what we had
    }
  }
  if (!prefs.in_app) return;
  const check = () => markDue(root, prefs);
  check();
  setInterval(check, 30000);
  document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && check());
  new MutationObserver(check).observe(document.querySelector("main"), { subtree: true, attributeFilter: ["data-status"] });
}

initDue().catch((error) => console.warn("Due check stopped:", error.message));
