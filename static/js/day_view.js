// Draws the day on /today in the same markup as templates/patient/today.html (used offline and after syncs).
import { addDays, formatDate } from "./day.js";
import { credit, lang, pieces, t } from "./i18n.js";
import { dayKind, h, itemCard } from "./day_card.js";

export { showItemError, showMode, showStatus } from "./day_card.js";

const PARTS = ["morning", "afternoon", "evening"];
const CHECKIN_FIELDS = ["pain", "stiffness", "fatigue", "sleep_quality", "mood"];

function dayNav(date, today) {
  const title = date === today ? t("Today") : formatDate(date, { weekday: "long" });
  return h("nav", { class: "day-switch", "aria-label": t("Day") },
    h("a", { href: `/today?date=${addDays(date, -1)}`, class: "icon-btn", "aria-label": t("Previous day"), text: "‹" }),
    h("h1", {}, `${title} `, h("small", { text: formatDate(date, { day: "numeric", month: "long", year: "numeric" }) })),
    h("a", { href: `/today?date=${addDays(date, 1)}`, class: "icon-btn", "aria-label": t("Next day"), text: "›" }));
}

function emptyState(day, kind, firstDay) {
  if (kind === "history" && firstDay) {
    return h("section", { class: "empty card" }, h("h2", { text: t("Before your plan began") }),
      h("p", { text: t("Your plan started on %(date)s. Nothing was planned for this day, so there is nothing to tick.",
        { date: formatDate(firstDay, { day: "numeric", month: "long", year: "numeric" }) }) }),
      h("a", { class: "btn btn-quiet", href: "/today", text: t("Go to today") }));
  }
  if (day.unknown) {
    return h("section", { class: "empty card" }, h("h2", { text: t("This day isn't on this phone yet") }),
      h("p", { text: t("Open Inoplan once while you're online and your plan is kept on this phone for offline days.") }));
  }
  if (!day.hasPlan && !day.plan) {
    return h("section", { class: "empty card" }, h("h2", { text: t("Let's set up your plan") }),
      h("p", { text: t("Your physiotherapist can send you a plan, or you can build one yourself from our routine library.") }),
      h("a", { class: "btn", href: "/plan", text: t("Build my plan") }));
  }
  return h("section", { class: "empty card" }, h("h2", { text: t("Nothing planned for this day") }),
    h("p", { text: t("A rest day is part of the plan too. A gentle walk or a few slow breaths still count.") }));
}

// Replace the day on the page with `day` (shape of GET /api/v1/today); the check-in form moves to its date.
export function renderDay(day, { today, csrf }) {
  const head = document.querySelector("[data-today]");
  const checkin = document.getElementById("checkin");
  if (!head || !checkin) return;
  head.dataset.date = day.date;
  head.dataset.planVersion = day.plan ? day.plan.version_id : "";
  const kind = dayKind(day.date, today, head.dataset.firstDay);
  if (kind === "history") day = { ...day, items: [] };
  const children = [dayNav(day.date, today)];
  if (day.items.length) {
    const [before, middle, after] = pieces("%(done)s of %(total)s done");
    children.push(h("p", { class: "progress-line", "data-progress": true }, before,
      h("span", { "data-done-count": true, text: "0" }), middle, h("span", { "data-total-count": true, text: day.items.length }), after),
    h("progress", { class: "bar", max: day.items.length, value: 0, "data-progress-bar": true, "aria-hidden": "true" }));
  }
  if (day.plan?.mode === "flare") children.push(h("p", { class: "pill pill-flare", text: t("Flare-up plan is on: gentler routines today.") }));
  if (kind === "future" && day.items.length) children.push(h("p", { class: "day-note", "data-day-note": true, text: t("Coming up. You can tick these on the day.") }));
  head.replaceChildren(...children);
  checkin.hidden = kind !== "open";
  if (day.date !== today) document.querySelector("[data-quick-checkin]")?.remove();
  document.querySelectorAll("main > section.part, main > section.empty").forEach((el) => el.remove());
  const sections = day.items.length ? PARTS.map((part) => {
    const items = day.items.filter((i) => i.part === part);
    if (!items.length) return null;
    return h("section", { class: "part", "aria-labelledby": `part-${part}` },
      h("h2", { id: `part-${part}`, class: `part-title part-${part}`, text: t(part[0].toUpperCase() + part.slice(1)) }),
      h("ul", { class: "items" }, ...items.map((item) => itemCard(item, day.date, csrf, kind === "open"))));
  }).filter(Boolean) : [emptyState(day, kind, head.dataset.firstDay)];
  (document.querySelector("[data-day-extras]") || checkin).before(...sections);
  day.items.forEach((item) => {
    const li = document.getElementById(`item-${item.plan_item_id}-${item.slot.replace(":", "")}`);
    if (li) li.dataset.serverStatus = item.status || "";
  });
  const form = checkin.querySelector("[data-checkin-form]");
  if (form) {
    // Not form.reset(): that would bring back the values the saved page had for its own day.
    form.querySelectorAll("input:not([type=hidden]), textarea").forEach((input) => {
      if (input.type === "radio" || input.type === "checkbox") input.checked = false;
      else input.value = "";
    });
    form.querySelector("input[name=date]").value = day.date;
    fillCheckin(form, day.checkin);
  }
  checkin.dataset.serverCheckin = day.checkin ? JSON.stringify(day.checkin) : "";
}

function fillCheckin(form, values) {
  if (!values) return;
  CHECKIN_FIELDS.forEach((name) => {
    const input = form.querySelector(`input[name=${name}][value="${values[name]}"]`);
    if (input) input.checked = true;
  });
  const hours = form.querySelector("input[name=sleep_hours]");
  if (hours && values.sleep_hours !== null && values.sleep_hours !== undefined) hours.value = values.sleep_hours;
  const note = form.querySelector("[name=note]");
  if (note && values.note) note.value = values.note;
}

export function showProgress() {
  const items = [...document.querySelectorAll("[data-plan-item-id]")];
  // Partly done counts half, as in every figure (the server's CREDIT, sent in the page's i18n meta).
  const done = items.reduce((sum, li) => sum + (credit()[li.dataset.status] || 0), 0);
  const count = document.querySelector("[data-done-count]");
  const bar = document.querySelector("[data-progress-bar]");
  if (count) count.textContent = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(done);
  if (bar) bar.value = done;
}

const HINT = "Takes ten seconds. Only pain is needed; the rest helps you and your physio see patterns.";

// The line under "Daily check-in": what is saved for the day, or the hint when nothing is.
export function showCheckinSummary(values, pending) {
  const card = document.getElementById("checkin");
  if (!card) return;
  const line = card.querySelector("[data-checkin-summary]") || card.querySelector(":scope > p.hint") ||
    card.querySelector("h2").after(h("p")) || card.querySelector("h2 + p");
  if (!values) {
    line.className = "hint";
    line.removeAttribute("data-checkin-summary");
    line.textContent = t(HINT);
    return;
  }
  const slept = values.sleep_hours !== null && values.sleep_hours !== undefined && values.sleep_hours !== "";
  const vars = { pain: values.pain, hours: slept ? Math.round(Number(values.sleep_hours) * 10) / 10 : "" };
  const where = pending ? "Saved on this phone" : "Saved";
  line.className = pending ? "checkin-summary is-pending" : "checkin-summary";
  line.setAttribute("data-checkin-summary", "");
  line.setAttribute("role", "status");
  line.textContent = `${t(slept ? `${where}: pain %(pain)s/10, slept %(hours)s h.` : `${where}: pain %(pain)s/10.`, vars)} ` +
    t(pending ? "It will be sent when you're online." : "You can update it below.");
}
