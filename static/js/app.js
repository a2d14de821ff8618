// Inoplan page bootstrap: registers the service worker and wires small enhancements.
import { preselectTimezone } from "./timezone.js";
import "./notifications.js";
import "./due.js";
import "./device_zone.js";

preselectTimezone();

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/service_worker.js", { scope: "/" }).catch((error) => {
    console.warn("Service worker not registered:", error.message);
  });
}
