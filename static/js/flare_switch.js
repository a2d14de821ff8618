// The diary follows the flare-up switch (templates/patient/_mode_switch.html): switching to the flare-up plan
// starts a flare episode, switching back ends the open one, unless the patient unticks the box. Each is its own
// outbox write with its own client id, after the mode write. What is open is the server's episode
// (data-open-flare) with the outbox's waiting flare writes on top, so the switch is right offline and at once.
import { t } from "./i18n.js";
import { outbox, queue } from "./sync.js";

const holder = () => document.querySelector("[data-open-flare]");

function episodeOf(write) {
  return { client_id: write.client_id, start: write.start, triggers: write.triggers || [], helped: write.helped || "",
    note: write.note || "" };
}

// The open episode once the waiting writes (oldest first) are applied; null when none is open.
export async function openFlare() {
  let open = JSON.parse(holder()?.dataset.openFlare || "null");
  for (const write of (await outbox.pending()).filter((e) => e.type === "flare")) {
    if (!write.of && !write.end) open = open || episodeOf(write); // the server keeps one open episode at a time
    else if (write.end && open && (write.of || write.client_id) === open.client_id) open = null;
  }
  return open;
}

// Show the box for the state: "Also start an episode" when none is open, "Also end it" when one is.
export function showFlare(open) {
  document.querySelectorAll("[data-when-flare]").forEach((el) => {
    const shown = (el.dataset.whenFlare === "open") === Boolean(open);
    el.querySelectorAll("input").forEach((input) => {
      if (shown && el.hidden) input.checked = true; // ticked again each time it comes back
      input.disabled = !shown;
    });
    el.hidden = !shown;
  });
}

// After a mode write from the switch: the diary write its ticked box asks for, at the same device time.
export async function followSwitch(mode) {
  const also = mode.also || [];
  const open = await openFlare();
  const at = mode.recorded_at;
  let write = null;
  if (mode.mode === "flare" && also.includes("start_flare") && !open) {
    write = { type: "flare", start: at, end: null, triggers: [], helped: "", note: "", recorded_at: at,
      label: t("Flare-up episode started") };
  } else if (mode.mode === "standard" && also.includes("end_flare") && open) {
    write = { type: "flare", of: open.client_id, start: open.start, end: at, triggers: open.triggers,
      helped: open.helped, note: open.note, recorded_at: at, label: t("Flare-up episode ended") };
  }
  if (!write) return;
  const stored = await queue(write);
  const place = holder();
  if (place) place.dataset.openFlare = JSON.stringify(stored.end ? null : episodeOf(stored));
}
