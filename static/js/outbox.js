// Inoplan outbox, the only code that touches it: every write made on the phone is stored here first, then sent
// to POST /api/v1/sync. One classic script, loaded once by the pages (sync.js imports it) and once by the
// service worker (importScripts), both using globalThis.InoplanOutbox; writes come in through queue().
// IndexedDB "inoplan" v1, store "outbox" keyed by client_id; changes are announced on
// BroadcastChannel("inoplan-outbox") as {type: "changed"} and {type: "flushed", status, ...}.
(function (scope) {
  "use strict";
  const DB_NAME = "inoplan";
  const STORE = "outbox";
  const BATCH = 500;
  // Settled for good: stored now, stored before (duplicate), or valid but outdated by a newer write (superseded).
  const ACKED = new Set(["created", "updated", "duplicate", "superseded"]);
  // Kept on the phone only; never sent to the server.
  const LOCAL = ["queued_at", "owner", "key", "label", "rejected"];
  const channel = "BroadcastChannel" in scope ? new BroadcastChannel("inoplan-outbox") : null;
  let opening = null;
  let chain = Promise.resolve(); // used when navigator.locks is missing

  function open() {
    if (!opening) {
      opening = new Promise((resolve, reject) => {
        const req = indexedDB.open(DB_NAME, 1);
        req.onupgradeneeded = () => {
          if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: "client_id" });
        };
        req.onsuccess = () => {
          const db = req.result;
          db.onversionchange = () => { db.close(); opening = null; };
          resolve(db);
        };
        req.onerror = () => { opening = null; reject(req.error); };
      });
    }
    return opening;
  }

  // Run fn(store) in one transaction; resolves with fn's request result once the transaction commits.
  async function transact(mode, fn) {
    const db = await open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req ? req.result : undefined);
      tx.onabort = tx.onerror = () => reject(tx.error);
    });
  }

  function announce(message) {
    if (channel) channel.postMessage(message);
  }

  function localIso(d = new Date()) {
    const pad = (n, w = 2) => String(Math.abs(n)).padStart(w, "0");
    const off = -d.getTimezoneOffset();
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:` +
      `${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}` +
      `${off < 0 ? "-" : "+"}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
  }

  let lastQueued = 0;
  async function add(entry) {
    lastQueued = Math.max(Date.now(), lastQueued + 1); // strictly increasing, so queue order survives
    const value = { ...entry, client_id: entry.client_id || scope.crypto.randomUUID(),
      recorded_at: entry.recorded_at || localIso(), queued_at: new Date(lastQueued).toISOString() };
    await transact("readwrite", (store) => store.put(value));
    announce({ type: "changed" });
    return value;
  }

  // The one way in for a write, from a page or from the worker (a notification's "Done"): store it for `owner`
  // (the account that made it; flush() sends it only for that account), ask for a Background Sync, and start
  // sending at once when online. Resolves with the stored entry; flush() again to wait for the answer.
  async function queue(entry, owner = null) {
    const stored = await add({ ...entry, owner });
    backgroundSync();
    if (!scope.navigator || scope.navigator.onLine !== false) flush().catch(() => undefined);
    return stored;
  }

  async function backgroundSync() {
    try {
      const inWorker = typeof ServiceWorkerGlobalScope !== "undefined" && scope instanceof ServiceWorkerGlobalScope;
      const registration = inWorker ? scope.registration : await scope.navigator?.serviceWorker?.getRegistration();
      await registration?.sync?.register("inoplan-outbox");
    } catch (error) {
      // No Background Sync (Firefox, Safari): the next app open or `online` event sends it.
    }
  }

  async function all() {
    const rows = await transact("readonly", (store) => store.getAll());
    return rows.sort((a, b) => (a.queued_at || "").localeCompare(b.queued_at || ""));
  }

  // Entries waiting to be sent (rejected ones stay on the phone, flagged, until the person dismisses them).
  async function pending() {
    return (await all()).filter((e) => !e.rejected);
  }

  async function count() {
    return (await pending()).length;
  }

  async function remove(ids) {
    await transact("readwrite", (store) => { ids.forEach((id) => store.delete(id)); return null; });
    announce({ type: "changed" });
  }

  function wire(entry) {
    const out = { ...entry };
    LOCAL.forEach((name) => delete out[name]);
    return out;
  }

  function withLock(work) {
    if (scope.navigator && scope.navigator.locks) return scope.navigator.locks.request("inoplan-outbox-flush", work);
    const run = chain.then(work, work);
    chain = run.catch(() => undefined);
    return run;
  }

  async function getJson(response) {
    try { return await response.json(); } catch (error) { return {}; }
  }

  function report(result) {
    announce({ type: "flushed", ...result });
    return result;
  }

  // Send what waits; only entries the server acknowledged leave the outbox.
  // Resolves {status: "idle"|"done"|"offline"|"login"|"error", sent, rejected, message?}.
  function flush() {
    return withLock(async () => {
      const waiting = await pending();
      if (!waiting.length) return { status: "idle", sent: 0, rejected: 0 };
      if (scope.navigator && scope.navigator.onLine === false) return report({ status: "offline", sent: 0, rejected: 0 });
      let token, userId;
      try {
        const response = await fetch("/api/v1/csrf", { credentials: "same-origin", cache: "no-store",
          headers: { Accept: "application/json" } });
        if (response.status === 401) return report({ status: "login", sent: 0, rejected: 0 });
        if (!response.ok) return report({ status: "error", sent: 0, rejected: 0, message: (await getJson(response)).message });
        ({ csrf_token: token, user_id: userId } = await response.json());
      } catch (error) {
        return report({ status: "offline", sent: 0, rejected: 0 });
      }
      // Entries queued by someone else on this phone wait for that person to log in again.
      const mine = waiting.filter((e) => e.owner == null || e.owner === userId);
      let sent = 0, rejected = 0;
      for (let i = 0; i < mine.length; i += BATCH) {
        const batch = mine.slice(i, i + BATCH);
        let response;
        try {
          response = await fetch("/api/v1/sync", { method: "POST", credentials: "same-origin", cache: "no-store",
            headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": token },
            body: JSON.stringify({ items: batch.map(wire) }) });
        } catch (error) {
          return report({ status: "offline", sent, rejected });
        }
        if (response.status === 401) return report({ status: "login", sent, rejected });
        const body = await getJson(response);
        if (!response.ok || !Array.isArray(body.results)) {
          return report({ status: "error", sent, rejected, message: body.message || `HTTP ${response.status}` });
        }
        const done = [], flagged = [];
        batch.forEach((entry, index) => {
          const result = body.results[index];
          if (!result || (result.client_id && result.client_id !== entry.client_id)) return;
          if (ACKED.has(result.status)) done.push(entry.client_id);
          else if (result.status === "rejected") {
            flagged.push({ ...entry, rejected: { error: result.error, fields: result.fields || {} } });
          }
        });
        await transact("readwrite", (store) => {
          done.forEach((id) => store.delete(id));
          flagged.forEach((entry) => store.put(entry));
          return null;
        });
        sent += done.length;
        rejected += flagged.length;
        announce({ type: "changed" });
      }
      return report({ status: "done", sent, rejected });
    });
  }

  scope.InoplanOutbox = Object.freeze({ queue, add, all, pending, remove, count, flush, BATCH });
})(globalThis);
