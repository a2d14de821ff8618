/* Inoplan service worker, reminders part: loaded by service_worker.js with importScripts (a classic script).
 *
 * Shows each pushed reminder with "Done" and "Snooze 30 min". "Done" writes a completion into the IndexedDB
 * outbox (db "inoplan" v1, store "outbox", keyPath "client_id") and flushes it; "Snooze 30 min" asks the
 * server to push again (POST /api/v1/push/snooze) because a timer in a service worker dies with the worker.
 * A tap opens /today. self.InoplanPush.handleAction() is what a tap runs; tests call it directly.
 */
(() => {
  const DB_NAME = "inoplan";
  const STORE = "outbox";
  const DONE = { action: "done", title: "Done" };
  const SNOOZE = { action: "snooze", title: "Snooze 30 min" };
  const version = typeof VERSION === "string" ? VERSION : "";

  function show(data) {
    return self.registration.showNotification(data.title || "Inoplan", {
      body: data.body || "",
      tag: data.tag || "inoplan",
      data,
      icon: `/static/${version}/icons/icon-192.png`,
      timestamp: Date.now(),
      actions: data.kind === "item" ? [DONE, SNOOZE] : [SNOOZE],
    });
  }

  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE)) {
          request.result.createObjectStore(STORE, { keyPath: "client_id" });
        }
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function withStore(mode, work) {
    const db = await openDb();
    try {
      return await new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = work(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(request instanceof IDBRequest ? request.result : undefined);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  }

  async function csrfToken() {
    const response = await fetch("/api/v1/csrf", { credentials: "same-origin" });
    if (!response.ok) throw new Error(`csrf answered ${response.status}`);
    return (await response.json()).csrf_token;
  }

  async function postJson(path, body) {
    const response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": await csrfToken() },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return response.json();
  }

  // Used only when outbox.js is not loaded in the worker: same contract, one batch.
  async function flushOutbox() {
    const entries = await withStore("readonly", (store) => store.getAll());
    if (!entries.length) return;
    const { results } = await postJson("/api/v1/sync", { items: entries.slice(0, 500) });
    // Every answered entry is settled (created, updated, duplicate, superseded, or rejected for good): drop those.
    const answered = results.map((r) => r.client_id).filter(Boolean);
    await withStore("readwrite", (store) => answered.forEach((id) => store.delete(id)));
  }

  function localIso(date) {
    const offset = -date.getTimezoneOffset();
    const sign = offset >= 0 ? "+" : "-";
    const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, "0");
    const local = new Date(date.getTime() + offset * 60000).toISOString().slice(0, 19);
    return `${local}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
  }

  async function recordDone(data) {
    const now = new Date();
    const entry = {
      type: "completion", client_id: crypto.randomUUID(), plan_item_id: data.plan_item_id, date: data.date,
      slot: data.slot, status: "done", note: "", recorded_at: localIso(now), queued_at: now.toISOString(),
    };
    const outbox = self.InoplanOutbox;
    if (outbox && outbox.add) await outbox.add(entry);
    else await withStore("readwrite", (store) => store.put(entry));
    try {
      if (outbox && outbox.flush) await outbox.flush();
      else await flushOutbox();
    } catch (error) {
      // Offline or logged out: the entry waits in the outbox for the app or Background Sync.
      if (self.registration.sync) await self.registration.sync.register("inoplan-outbox").catch(() => {});
    }
    return entry;
  }

  async function snooze(data) {
    const body = data.kind === "checkin"
      ? { kind: "checkin", date: data.date, slot: data.slot }
      : { plan_item_id: data.plan_item_id, date: data.date, slot: data.slot };
    try {
      return await postJson("/api/v1/push/snooze", body);
    } catch (error) {
      // The server could not be asked (offline?): keep the reminder on screen rather than lose it.
      await show({ ...data, body: "Could not snooze without a connection. " + (data.body || "") });
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

  self.InoplanPush = { show, handleAction, recordDone, flushOutbox };

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
})();
