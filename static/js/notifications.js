// Web Push on this device. Permission is asked only when the person taps the button on /settings/reminders;
// on every app open the existing subscription is sent again, because browsers drop them without telling us.
import { t } from "./i18n.js";

const WANTED = "inoplan-push-wanted"; // "1" turned on here, "0" turned off here
const SENT = "inoplan-push-sent"; // the endpoint already re-sent in this browsing session

const supported = () => "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
const loggedIn = () => Boolean(document.querySelector(".bottom-nav"));
const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content || "";

function keyBytes(base64url) {
  const base64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function sameKey(buffer, base64url) {
  if (!buffer) return true;
  const a = new Uint8Array(buffer), b = keyBytes(base64url);
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

async function send(method, body) {
  const response = await fetch("/api/v1/push/subscriptions", {
    method, credentials: "same-origin", body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
  });
  if (!response.ok && response.status !== 404) {
    const answer = await response.json().catch(() => ({}));
    throw new Error(answer.message || t("The server answered %(status)s.", { status: response.status }));
  }
}

async function subscribe(registration) {
  const response = await fetch("/api/v1/push/key", { credentials: "same-origin" });
  if (!response.ok) throw new Error(t("Could not reach Inoplan."));
  const { public_key: key } = await response.json();
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe(); // made for another server key: it can never deliver
    subscription = null;
  }
  subscription ||= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
  await send("POST", subscription.toJSON());
  sessionStorage.setItem(SENT, subscription.endpoint);
  return subscription;
}

export async function refreshSubscription() {
  if (!supported() || !navigator.onLine || !loggedIn() || Notification.permission !== "granted" ||
      localStorage.getItem(WANTED) === "0") return;
  const registration = await navigator.serviceWorker.ready;
  const existing = await registration.pushManager.getSubscription();
  if (existing && sessionStorage.getItem(SENT) === existing.endpoint) return;
  if (existing || localStorage.getItem(WANTED) === "1") await subscribe(registration);
}

function initCard(card) {
  const state = card.querySelector("[data-push-state]");
  const button = card.querySelector("[data-push-toggle]");
  if (!supported()) {
    state.textContent = t("This browser cannot show notifications from Inoplan. The calendar below still works.");
    return;
  }
  async function render(problem) {
    const registration = await navigator.serviceWorker.ready;
    const subscription = await registration.pushManager.getSubscription();
    const on = Boolean(subscription) && Notification.permission === "granted";
    card.dataset.pushOn = String(on);
    if (Notification.permission === "denied") {
      state.textContent = t("Notifications are blocked for Inoplan. Allow them in your browser's site settings, then come back.");
      button.hidden = true;
      return;
    }
    state.textContent = problem || (on ? t("Notifications are on for this device.") : t("Notifications are off for this device."));
    button.textContent = on ? t("Turn off notifications") : t("Turn on notifications");
    button.hidden = false;
  }
  const shown = (problem) => render(problem).catch((error) => { state.textContent = t("Notifications: %(problem)s", { problem: error.message }); });
  button.addEventListener("click", async () => {
    button.disabled = true;
    let problem = "";
    try {
      const registration = await navigator.serviceWorker.ready;
      if (card.dataset.pushOn === "true") {
        const subscription = await registration.pushManager.getSubscription();
        if (subscription) {
          await send("DELETE", { endpoint: subscription.endpoint });
          await subscription.unsubscribe();
        }
        localStorage.setItem(WANTED, "0");
      } else if ((await Notification.requestPermission()) === "granted") {
        await subscribe(registration);
        localStorage.setItem(WANTED, "1");
      }
    } catch (error) {
      problem = t("That did not work: %(problem)s", { problem: error.message });
    } finally {
      button.disabled = false;
      await shown(problem);
    }
  });
  shown();
}

export function initNotifications() {
  const card = document.querySelector("[data-push-card]");
  if (card) initCard(card);
  refreshSubscription().catch((error) => console.warn("Push subscription not refreshed:", error.message));
}

initNotifications();
