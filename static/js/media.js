// Routine images of the patient's plan are saved on the phone (the worker's media cache) so routines show them
// offline. Asked once per app open while online; the worker keeps what it already has (names never change).
import { user } from "./sync.js";
import { keepForOffline } from "./pwa.js";

async function saveImages() {
  if (user?.role !== "patient" || !navigator.onLine || !navigator.serviceWorker?.controller) return;
  try {
    const response = await fetch("/api/v1/media", { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const urls = (await response.json()).images.map((image) => image.url);
    if (urls.length) await keepForOffline(urls);
  } catch (error) {
    // offline or logged out: the next app open tries again
  }
}

saveImages();
