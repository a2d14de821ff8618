// Inoplan service worker: offline caches, Background Sync of the outbox, and push reminders.
// The server fills in VERSION and SHELL (see app/pwa/routes.py).
const VERSION = "__VERSION__";
const SHELL = ["__SHELL__"];
const SHELL_CACHE = `inoplan-shell-${VERSION}`;
const PAGE_CACHE = "inoplan-pages";
const DATA_CACHE = "inoplan-data";
const MEDIA_CACHE = "inoplan-media"; // routine images and drawings: immutable names, so cache-first
const MAX_MEDIA = 200;
const DATA_PATHS = ["/api/v1/today", "/api/v1/plan", "/api/v1/reminders/prefs"];
const MAX_PAGES = 40;
const MAX_DATA = 30;
const SLOW_MS = 6000; // past this, a page we already have is shown rather than waiting on a weak signal

// The one outbox (static/js/outbox.js), the same script the pages use: self.InoplanOutbox.
importScripts(SHELL.find((path) => path.endsWith("/js/outbox.js")));
const Outbox = self.InoplanOutbox;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll([...SHELL, "/offline"])));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith("inoplan-shell-") && n !== SHELL_CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "skip-waiting") self.skipWaiting();
  if (data.type === "notify") event.waitUntil(show(data.data || {}).finally(() => event.ports[0]?.postMessage({ ok: true })));
  if (data.type === "warm") event.waitUntil(warm(data.urls || []).then((ok) => event.ports[0]?.postMessage({ ok })));
  if (data.type === "forget") {
    generation += 1;
    event.waitUntil(Promise.all([caches.delete(PAGE_CACHE), caches.delete(DATA_CACHE), caches.delete(MEDIA_CACHE)])
      .then(() => event.ports[0]?.postMessage({ ok: true })));
  }
});

self.addEventListener("sync", (event) => {
  if (event.tag === "inoplan-outbox") event.waitUntil(backgroundFlush());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(staticFile(request, url));
  } else if (request.mode === "navigate") {
    event.respondWith(page(request, url));
  } else if (DATA_PATHS.includes(url.pathname)) {
    event.respondWith(data(request));
  } else if (url.pathname.startsWith("/media/")) {
    event.respondWith(caches.open(MEDIA_CACHE).then((c) => c.match(request))
      .then((hit) => hit || fetchAndKeep(request, MEDIA_CACHE, MAX_MEDIA)).catch(() => Response.error()));
  }
});

async function backgroundFlush() {
  const result = await Outbox.flush();
  // Rejecting makes the browser retry the sync later.
  if (result.status === "offline" || result.status === "error") throw new Error(`sync not finished: ${result.status}`);
  if (result.status === "done") await refreshData();
}

async function staticFile(request, url) {
  const hit = await caches.match(request);
  if (hit) return hit;
  try {
    return await fetch(request);
  } catch (error) {
    // A page saved under an older version still finds this version's copy of the same file.
    const current = url.pathname.replace(/^\/static\/[^/]+\//, `/static/${VERSION}/`);
    return (await caches.match(current)) || Response.error();
  }
}

function keep(response) {
  return response.ok && !response.redirected && response.type === "basic";
}

// Bumped on logout, so an answer still on its way from before does not refill the caches.
let generation = 0;

async function fetchAndKeep(request, cacheName, max) {
  const started = generation;
  const response = await fetch(request);
  if (keep(response) && started === generation) {
    const cache = await caches.open(cacheName);
    await cache.put(request, response.clone());
    await trim(cache, max);
  }
  return response;
}

async function trim(cache, max) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - max)).map((key) => cache.delete(key)));
}

// Network first; the saved copy when the network fails, or when it is slow and a copy exists.
async function networkFirst(request, cacheName, max, fallback) {
  const network = fetchAndKeep(request, cacheName, max);
  network.catch(() => undefined); // a late failure after a saved copy was shown is not an error
  const slow = new Promise((resolve) => setTimeout(resolve, SLOW_MS, "slow"));
  try {
    const first = await Promise.race([network, slow]);
    if (first !== "slow") return first;
    return (await fallback()) || (await network);
  } catch (error) {
    return (await fallback()) || null;
  }
}

async function page(request, url) {
  const saved = async () => {
    const cache = await caches.open(PAGE_CACHE);
    let hit = await cache.match(request, { ignoreVary: true });
    // Any saved day can show another day: the page renders it from the saved plan (static/js/today.js).
    if (!hit && url.pathname === "/today") hit = await cache.match("/today", { ignoreSearch: true, ignoreVary: true });
    return hit ? markSaved(hit) : null;
  };
  return (await networkFirst(request, PAGE_CACHE, MAX_PAGES, saved)) || (await caches.match("/offline")) || Response.error();
}

// Tell the page it is a saved copy, so it refreshes what it shows from the outbox and saved data.
async function markSaved(response) {
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  const text = (await response.text()).replace("<html", "<html data-offline-copy");
  return new Response(text, { status: 200, headers });
}

async function data(request) {
  const saved = () => caches.open(DATA_CACHE).then((cache) => cache.match(request, { ignoreVary: true }));
  const answer = await networkFirst(request, DATA_CACHE, MAX_DATA, saved);
  return answer || new Response(JSON.stringify({ error: "offline", message: "Not saved on this phone yet." }),
    { status: 503, headers: { "Content-Type": "application/json" } });
}

// Fetch and save the given same-origin URLs (first visit before this worker took control, app open, after a sync).
async function warm(urls) {
  const results = await Promise.all(urls.map(async (href) => {
    const url = new URL(href, self.location.origin);
    if (url.origin !== self.location.origin) return false;
    const isData = DATA_PATHS.includes(url.pathname);
    const isMedia = url.pathname.startsWith("/media/") || /^\/static\/[^/]+\/illustrations\//.test(url.pathname);
    try {
      const response = await fetchAndKeep(new Request(url, { credentials: "same-origin" }),
        isMedia ? MEDIA_CACHE : isData ? DATA_CACHE : PAGE_CACHE, isMedia ? MAX_MEDIA : isData ? MAX_DATA : MAX_PAGES);
      return keep(response);
    } catch (error) {
      return false;
    }
  }));
  return results.every(Boolean);
}

async function refreshData() {
  const cache = await caches.open(DATA_CACHE);
  const keys = await cache.keys();
  await warm(keys.map((request) => request.url));
}

// Push reminders. A routine's is shown with "Done" and "Snooze 30 min", a check-in's with "Snooze 30 min" only,
// others (sleep, a due questionnaire, messages, the alert digest) with none: they are sent once
// and never snoozed. "Done" queues a completion in the outbox for the reminder's owner and sends
// it; "Snooze 30 min" asks the server to push again (POST /api/v1/push/snooze), because a timer in a service
// worker dies with the worker. A tap opens Today. self.InoplanPush.handleAction() is what a tap runs; tests call
// it directly. The worker has no page to read the language from: the words it adds itself come with the
// notification, in its reader's language (`strings` of the push payload, or of the page's own due-now one).
const ENGLISH = { done: "Done", snooze: "Snooze 30 min", snooze_offline: "Could not snooze without a connection." };

function words(data) {
  return { ...ENGLISH, ...(data.strings || {}) };
}

function show(data) {
  const w = words(data);
  const done = { action: "done", title: w.done };
  const snooze = { action: "snooze", title: w.snooze };
  const actions = { item: [done, snooze], checkin: [snooze] }[data.kind] || [];
  return self.registration.showNotification(data.title || "Inoplan", {
    body: data.body || "", tag: data.tag || "inoplan", data, icon: `/static/${VERSION}/icons/icon-192.png`,
    timestamp: Date.now(), actions, lang: data.locale || "",
  });
}

async function postJson(path, body) {
  const csrf = await fetch("/api/v1/csrf", { credentials: "same-origin", cache: "no-store" });
  if (!csrf.ok) throw new Error(`csrf answered ${csrf.status}`);
  const response = await fetch(path, {
    method: "POST", credentials: "same-origin", body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", "X-CSRFToken": (await csrf.json()).csrf_token },
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

// Offline or logged out, the entry waits in the outbox (Background Sync, or the next app open, sends it).
async function recordDone(data) {
  const entry = await Outbox.queue({ type: "completion", plan_item_id: data.plan_item_id, date: data.date,
    slot: data.slot, status: "done", note: "", label: data.title }, data.owner ?? null);
  await Outbox.flush();
  return entry;
}

async function snooze(data) {
  const body = data.kind === "checkin" ? { kind: "checkin", date: data.date, slot: data.slot }
    : { plan_item_id: data.plan_item_id, date: data.date, slot: data.slot };
  try {
    return await postJson("/api/v1/push/snooze", body);
  } catch (error) {
    // The server could not be asked (offline?): keep the reminder on screen rather than lose it.
    await show({ ...data, body: `${words(data).snooze_offline} ${data.body || ""}` });
    return null;
  }
}

async function openApp(url) {
  const target = new URL(url || "/today", self.location.origin).href;
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of windows) {
    if (new URL(client.url).origin !== self.location.origin) continue;
    await client.focus();
    if (client.url !== target && "navigate" in client) await client.navigate(target).catch(() => {});
    return client;
  }
  return self.clients.openWindow(target);
}

async function handleAction(notification, action) {
  const data = notification.data || {};
  notification.close();
  if (action === "done" && data.kind === "item") return recordDone(data);
  if (action === "snooze") return snooze(data);
  return openApp(data.url);
}

self.InoplanPush = Object.freeze({ show, handleAction });

self.addEventListener("push", (event) => {
  let data;
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = { title: "Inoplan", body: event.data.text() };
  }
  // Every push must show a notification, or browsers revoke the subscription.
  event.waitUntil(show(data));
});

self.addEventListener("notificationclick", (event) => {
  event.waitUntil(handleAction(event.notification, event.action));
});

self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil((async () => {
    const key = event.oldSubscription && event.oldSubscription.options.applicationServerKey;
    if (!key) return; // the page re-subscribes on its next open
    const subscription = await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    await postJson("/api/v1/push/subscriptions", subscription.toJSON());
  })());
});
