// Keeps "When to get medical help" and any due questionnaire on this phone, so the call buttons and the
// questions work offline even before they were opened. Runs once per app open for signed-in patients,
// after the app's own data refresh, and leaves that refresh's "offline ready" mark as it was.
import { keepForOffline } from "./pwa.js";
import { user } from "./sync.js";

async function keepHelp() {
  if (user?.role !== "patient" || !navigator.onLine || sessionStorage.getItem("inoplan-help-kept")) return;
  const due = [...document.querySelectorAll("[data-measure-link], [data-player-link]")].map((a) => a.getAttribute("href"));
  const mark = document.documentElement.dataset.offlineReady;
  const ok = await keepForOffline(["/learn/red-flags", ...due]);
  if (mark === undefined) delete document.documentElement.dataset.offlineReady;
  else document.documentElement.dataset.offlineReady = mark;
  if (ok) {
    sessionStorage.setItem("inoplan-help-kept", "1");
    document.documentElement.dataset.helpKept = "yes";
  }
}

document.addEventListener("inoplan:refreshed", keepHelp, { once: true });
