// The service worker: registration, "Update available", saving data for offline use, forgetting it on logout.
const supported = "serviceWorker" in navigator;
let updateRequested = false;

const registration = supported
  ? navigator.serviceWorker.register("/service_worker.js", { scope: "/" }).catch((error) => {
    console.warn("Service worker not registered:", error.message);
    return null;
  })
  : Promise.resolve(null);

function offerUpdate(worker) {
  const banner = document.querySelector("[data-update-banner]");
  if (!banner) return;
  banner.hidden = false;
  banner.querySelector("[data-update-reload]")?.addEventListener("click", () => {
    updateRequested = true;
    worker.postMessage({ type: "skip-waiting" });
  }, { once: true });
}

async function watchUpdates() {
  const reg = await registration;
  if (!reg) return;
  if (reg.waiting && navigator.serviceWorker.controller) offerUpdate(reg.waiting);
  reg.addEventListener("updatefound", () => {
    const worker = reg.installing;
    worker?.addEventListener("statechange", () => {
      // With no controller this is the first install, which takes over silently.
      if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
    });
  });
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (updateRequested) location.reload();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && navigator.onLine) reg.update().catch(() => undefined);
  });
}

// Ask the active worker to do something and wait for its answer (or give up after a while).
async function ask(message, waitMs = 15000) {
  if (!supported) return { ok: false };
  const reg = await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, waitMs, null))]);
  if (!reg?.active) return { ok: false };
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve({ ok: false }), waitMs);
    channel.port1.onmessage = (event) => { clearTimeout(timer); resolve(event.data); };
    reg.active.postMessage(message, [channel.port2]);
  });
}

// Save these URLs for offline use; the page itself too when the worker did not see it load.
export async function keepForOffline(urls) {
  const list = [...urls];
  if (supported && !navigator.serviceWorker.controller && !document.documentElement.hasAttribute("data-offline-copy")) {
    list.push(location.href);
  }
  const answer = await ask({ type: "warm", urls: list });
  document.documentElement.dataset.offlineReady = answer.ok ? "yes" : "no";
  return answer.ok;
}

// Logging out removes the saved pages and plan from this phone (the outbox stays until it is sent).
function forgetOnLogout() {
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || new URL(form.action).pathname !== "/logout" || form.dataset.forgotten) return;
    event.preventDefault();
    await ask({ type: "forget" }, 3000);
    form.dataset.forgotten = "yes";
    form.submit();
  });
}

watchUpdates();
forgetOnLogout();
