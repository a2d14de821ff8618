// Routine images of the patient's plan, and the drawings of its built-in routines, are saved on the phone (the
// worker's media cache) so routines show them offline. Asked once per app open while online; the worker keeps what
// it already has (names never change). Clips get a play/pause button (see templates/media/_images.html).
import { user } from "./sync.js";
import { keepForOffline } from "./pwa.js";
import { t } from "./i18n.js";

async function saveImages() {
  if (user?.role !== "patient" || !navigator.onLine || !navigator.serviceWorker?.controller) return;
  try {
    const response = await fetch("/api/v1/media", { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const body = await response.json();
    const urls = [...body.images.flatMap((i) => (i.clip ? [i.url, i.first_frame_url] : [i.url])), ...body.illustrations];
    if (urls.length) await keepForOffline(urls);
  } catch (error) {
    // offline or logged out: the next app open tries again
  }
}

// A clip loops through its <source> unless the phone asks for less motion; the button removes or restores that
// source, so the <img> shows the first frame or the clip.
function clipControls() {
  const calm = matchMedia("(prefers-reduced-motion: reduce)").matches;
  for (const figure of document.querySelectorAll("[data-clip]")) {
    const source = figure.querySelector("source");
    const picture = figure.querySelector("picture");
    const button = figure.querySelector("[data-clip-toggle]");
    if (!source || !button) continue;
    source.media = "all";
    let playing = !calm;
    const show = () => {
      if (playing && !source.isConnected) picture.prepend(source);
      if (!playing) source.remove();
      button.textContent = playing ? t("Pause the clip") : t("Play the clip");
      button.setAttribute("aria-pressed", String(playing));
    };
    button.addEventListener("click", () => { playing = !playing; show(); });
    button.hidden = false;
    show();
  }
}

clipControls();
saveImages();
