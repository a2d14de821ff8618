// Every write made on the phone goes to the outbox first: ticks ([data-tick-form]), the check-in
// ([data-checkin-form]) and any form marked data-outbox="<entry type>" (e.g. the flare-up switch).
// Each queued entry is announced as a "inoplan:queued" event on document (detail = the entry).
// Without IndexedDB the form is submitted as plain HTML, as it would be without JavaScript.
import { formatDate, isDate } from "./day.js";
import { t } from "./i18n.js";
import { queue } from "./sync.js";

const WHOLE = new Set(["plan_item_id", "pain_before", "pain_after", "pain", "stiffness", "fatigue", "sleep_quality", "mood"]);
const SKIP = new Set(["csrf_token", "client_id"]);

function typeOf(form) {
  if (form.matches("[data-tick-form]")) return "completion";
  if (form.matches("[data-checkin-form]")) return "checkin";
  if (form.dataset.outboxOffline && !navigator.onLine) return form.dataset.outboxOffline; // else a plain post
  return form.dataset.outbox || null;
}

// Numbers become numbers; anything else stays text so the server can say what is wrong with it.
function value(name, raw) {
  const text = String(raw).trim();
  if (text === "") return name === "note" ? "" : null;
  if (WHOLE.has(name) && /^-?\d+$/.test(text)) return Number(text);
  if (name === "sleep_hours" && /^\d+([.,]\d+)?$/.test(text)) return Number(text.replace(",", "."));
  return text;
}

// Fields marked data-companion ask for a second write (the flare-up switch's "Also start an episode in my diary");
// they are not part of this entry. The ticked ones are named in the "inoplan:queued" event's `also`.
function companions(form) {
  return new Set([...form.querySelectorAll("[data-companion]")].map((input) => input.name));
}

function entryFrom(form, submitter, type) {
  const entry = { type };
  const skip = companions(form);
  for (const [name, raw] of new FormData(form)) if (!SKIP.has(name) && !skip.has(name)) entry[name] = value(name, raw);
  if (submitter?.name) entry[submitter.name] = value(submitter.name, submitter.value);
  return entry;
}

function label(form, entry) {
  const day = isDate(entry.date) ? formatDate(entry.date, { weekday: "short", day: "numeric", month: "short" }) : entry.date;
  if (entry.type === "completion") {
    const title = form.closest("[data-plan-item-id]")?.querySelector("h3")?.textContent.trim() || t("Routine");
    return t("%(title)s, %(day)s at %(time)s", { title, day, time: entry.slot });
  }
  if (entry.type === "checkin") return t("Check-in for %(day)s", { day });
  if (entry.type === "mode") return entry.mode === "flare" ? t("Switch to the flare-up plan") : t("Switch back to the usual plan");
  return entry.type;
}

// Mark a field as invalid the way the server-rendered form does (aria-invalid + a described alert).
function fieldError(form, name, message) {
  const inputs = form.querySelectorAll(`[name=${name}]`);
  const holder = inputs[0]?.closest("fieldset, .field");
  if (!holder) return;
  holder.classList.add("has-error");
  const p = document.createElement("p");
  p.className = "field-error";
  p.id = `${name}-error`;
  p.setAttribute("role", "alert");
  p.dataset.clientError = "";
  p.textContent = message;
  holder.append(p);
  inputs.forEach((input) => {
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", p.id);
  });
}

// The check-in form is novalidate (server messages are friendlier); check the same rules here.
function checkinProblems(form, entry) {
  form.querySelectorAll(".field-error").forEach((p) => {
    p.closest(".has-error")?.classList.remove("has-error");
    p.remove();
  });
  form.querySelectorAll("[aria-invalid]").forEach((input) => input.removeAttribute("aria-invalid"));
  let ok = true;
  if (entry.pain === null || entry.pain === undefined) {
    fieldError(form, "pain", t("Please choose a value."));
    ok = false;
  }
  // The limits come from the server's one definition (app/services/records/limits.py), in data-limits.
  const hours = JSON.parse(form.dataset.limits || "{}").sleep_hours;
  if (hours && entry.sleep_hours !== null && entry.sleep_hours !== undefined &&
      !(typeof entry.sleep_hours === "number" && entry.sleep_hours >= hours.min && entry.sleep_hours <= hours.max)) {
    fieldError(form, "sleep_hours", t("Enter hours from %(lo)s to %(hi)s.", { lo: hours.min, hi: hours.max }));
    ok = false;
  }
  if (!ok) form.querySelector(".has-error input")?.focus();
  return !ok;
}

document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.dataset.plain) return;
  const type = typeOf(form);
  if (!type) return;
  event.preventDefault();
  const submitter = event.submitter;
  const entry = entryFrom(form, submitter, type);
  if (type === "checkin" && checkinProblems(form, entry)) return;
  entry.label = label(form, entry);
  const key = form.closest("[data-key]")?.dataset.key;
  if (key) entry.key = key;
  try {
    const stored = await queue(entry);
    const also = [...form.querySelectorAll("input[type=checkbox][data-companion]:checked:not(:disabled)")].map((i) => i.name);
    document.dispatchEvent(new CustomEvent("inoplan:queued", { detail: { ...stored, also } }));
  } catch (error) {
    console.warn("Outbox unavailable, sending the form directly:", error);
    form.dataset.plain = "yes";
    form.requestSubmit(submitter || undefined);
  }
});
