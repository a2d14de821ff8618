// The pain diary page: the body map ticks the area list (the list is the accessible control), and each diary
// form is queued in the outbox as one sync entry, so entries made offline are kept and sent later.
import { t } from "./i18n.js";
import { queue } from "./sync.js";

const map = document.querySelector("[data-body-map]");
function boxFor(area) {
  return document.querySelector(`[data-area-box="${area}"]`);
}
function paint() {
  document.querySelectorAll(".body-region").forEach((region) => {
    region.classList.toggle("is-marked", Boolean(boxFor(region.dataset.area)?.checked));
  });
}
map?.addEventListener("click", (event) => {
  const region = event.target.closest(".body-region");
  const box = region && boxFor(region.dataset.area);
  if (!box) return;
  box.checked = !box.checked;
  paint();
  const status = document.querySelector("[data-diary-status]");
  if (status) status.textContent = `${region.querySelector("title")?.textContent || ""}: ${box.checked ? "✓" : "–"}`;
});
document.addEventListener("change", (event) => {
  if (event.target.matches?.("[data-area-box]")) paint();
});

const WHOLE = new Set(["intensity", "effect"]);
const LISTS = new Set(["triggers", "qualities", "areas"]);

function entryFrom(form, submitter) {
  const data = new FormData(form);
  if (submitter?.name) data.append(submitter.name, submitter.value);
  const entry = { type: form.dataset.diaryForm, client_id: data.get("client_id") || crypto.randomUUID(),
    recorded_at: new Date().toISOString() };
  for (const [name, raw] of data) {
    if (name === "csrf_token" || name === "client_id" || name.startsWith("area_") || name === "qualities") continue;
    const text = String(raw).trim();
    if (LISTS.has(name)) (entry[name] ||= []).push(text);
    else entry[name] = WHOLE.has(name) && /^\d+$/.test(text) ? Number(text) : text;
  }
  if (entry.type === "pain_entry") {
    entry.at = entry.recorded_at;
    const qualities = data.getAll("qualities");
    entry.areas = (entry.areas || []).map((area) => {
      const own = data.get(`area_${area}`);
      return { area, intensity: own ? Number(own) : entry.intensity, qualities };
    });
    entry.label = t("Pain %(n)s/10", { n: entry.intensity });
  } else if (entry.type === "flare") {
    if (entry.of) entry.end = entry.recorded_at;
    else entry.start = entry.recorded_at;
    entry.label = t(entry.of ? "End of flare" : "Flare started");
  } else if (entry.type === "treatment") {
    if (!entry.of) entry.at = entry.recorded_at;
    entry.label = entry.name;
  }
  for (const key of Object.keys(entry)) if (entry[key] === "") delete entry[key];
  return entry;
}

document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.diaryForm || form.dataset.plain) return;
  if (form.dataset.diaryForm === "pain_entry" && !form.querySelector("[name=intensity]:checked")) {
    event.preventDefault();
    form.querySelector("[data-diary-status]").textContent = form.dataset.needIntensity || "Choose a number from 0 to 10.";
    form.querySelector("[name=intensity]")?.focus();
    return;
  }
  event.preventDefault();
  const entry = entryFrom(form, event.submitter);
  try {
    await queue(entry);
  } catch (error) {
    console.warn("Outbox unavailable, sending the form directly:", error);
    form.dataset.plain = "yes";
    form.requestSubmit(event.submitter || undefined);
    return;
  }
  // The server page shows the stored entry; offline, the outbox badge counts it and it is sent later.
  if (navigator.onLine) setTimeout(() => location.reload(), 400);
  else {
    form.reset();
    paint();
    const status = form.querySelector("[data-diary-status]") || form;
    status.textContent = form.dataset.savedOffline || "Saved on this phone; it will be sent when you are online.";
  }
});
