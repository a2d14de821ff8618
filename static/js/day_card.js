// One routine's card on /today: drawn offline in the markup of templates/patient/_tick_card.html, and its state
// (status toggles with undo, pain shown, an error from the server) kept in step with the outbox.
import { doseText } from "./day.js";
import { routineTitle, t } from "./i18n.js";

const STATUS_TEXT = { done: t("Done"), partial: t("Partly done"), skipped: t("Skipped") };

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "class") el.className = value;
    else if (name === "text") el.textContent = value;
    else el.setAttribute(name, value === true ? "" : value);
  }
  el.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

export function hidden(name, value) {
  return h("input", { type: "hidden", name, value });
}

const TICKS = [["done", "Done"], ["partial", "Partly"], ["skipped", "Skip"]];

function painScale(name, label) {
  const options = Array.from({ length: 11 }, (_, n) => h("label", { class: "scale-option" },
    h("input", { type: "radio", name, value: n }), h("span", { text: String(n) })));
  return h("fieldset", { class: "scale pain-scale" },
    h("legend", {}, `${label} `, h("span", { class: "hint", text: t("0 = no pain, 10 = worst imaginable") })),
    h("div", { class: "scale-options" }, ...options));
}

// The same markup as templates/patient/_tick_card.html; `canTick` false draws the routine without buttons.
export function itemCard(item, date, csrf, canTick) {
  const li = h("li", { class: `item card kind-${item.routine.kind}`, id: `item-${item.plan_item_id}-${item.slot.replace(":", "")}`,
    "data-plan-item-id": item.plan_item_id, "data-key": item.key, "data-slot": item.slot, "data-status": "",
    "data-pain-before": item.pain_before ?? "", "data-pain-after": item.pain_after ?? "" },
  h("div", { class: "item-main" },
    h("time", { class: "slot", text: item.slot }),
    h("div", { class: "item-text" },
      h("h3", {}, h("a", { href: `/library/${item.routine.id}`, text: routineTitle(item.routine) })),
      h("p", { class: "dose", text: doseText(item.dose) }),
      item.notes ? h("p", { class: "item-note", text: item.notes }) : null,
      canTick ? h("a", { class: "btn btn-quiet btn-start", "data-player-link": true, text: `▶ ${t("Start")}`,
        href: `/player/${item.plan_item_id}?date=${date}&slot=${item.slot}` }) : null), // as url_for writes it: one saved copy
    h("p", { class: "status-line" }, h("span", { class: "status-label", "data-status-label": true }), " ",
      h("span", { class: "pain-shown", "data-pain-shown": true }))));
  if (!canTick) return li;
  const button = ([status, label]) => h("button", { type: "submit", name: "status", value: status, class: `tick tick-${status}`,
    "data-action": status, "aria-pressed": "false" }, h("span", { class: "tick-mark", "aria-hidden": "true" }), t(label));
  li.append(h("form", { method: "post", action: "/today/complete", class: "tick-form", "data-tick-form": true },
    hidden("csrf_token", csrf), hidden("client_id", crypto.randomUUID()), hidden("plan_item_id", item.plan_item_id),
    hidden("date", date), hidden("slot", item.slot),
    h("div", { class: "tick-actions", role: "group", "aria-label": routineTitle(item.routine) }, ...TICKS.map(button)),
    h("p", { class: "undo-hint", "data-undo-hint": true, hidden: true, text: t("Tap it again to undo.") }),
    h("details", { class: "tick-more" }, h("summary", { text: t("Pain before / after") }),
      painScale("pain_before", t("Pain before")), painScale("pain_after", t("Pain after")),
      h("label", { class: "block" }, `${t("Note")} `, h("input", { type: "text", name: "note", maxlength: 2000 })),
      h("button", { type: "submit", name: "status", value: "done", class: "btn btn-quiet btn-wide", "data-action": "save-pain",
        hidden: true, text: t("Save pain and note") }))));
  return li;
}

// "history" (before the plan began), "future", or "open" (today and earlier plan days: can be ticked).
export function dayKind(date, today, firstDay) {
  if (date > today) return "future";
  if (date < today && (!firstDay || date < firstDay)) return "history";
  return "open";
}

function painText(before, after) {
  const has = (v) => v !== null && v !== undefined && v !== "";
  if (has(before) && has(after)) return t("Pain %(before)s → %(after)s", { before, after });
  if (has(before)) return t("Pain before: %(n)s", { n: before });
  if (has(after)) return t("Pain after: %(n)s", { n: after });
  return "";
}

// Show one item's status (null = not done); `pending` marks a change still waiting on this phone.
export function showStatus(li, status, pending, pain = {}) {
  li.dataset.status = status || "";
  for (const s of Object.keys(STATUS_TEXT)) li.classList.toggle(`is-${s}`, s === status);
  li.classList.toggle("is-pending", Boolean(pending));
  const label = li.querySelector("[data-status-label]");
  if (label) {
    label.textContent = status ? STATUS_TEXT[status] : "";
    if (status && pending) label.append(h("small", { class: "pending-note", text: t("waiting to send") }));
  }
  const shown = li.querySelector("[data-pain-shown]");
  if (shown) shown.textContent = status ? painText(pain.before, pain.after) : "";
  // The pressed button sends "cleared" when tapped again: a tick can always be undone.
  li.querySelectorAll("[data-tick-form] button.tick").forEach((b) => {
    b.setAttribute("aria-pressed", b.dataset.action === status ? "true" : "false");
    b.value = b.dataset.action === status ? "cleared" : b.dataset.action;
  });
  const undo = li.querySelector("[data-undo-hint]");
  if (undo) undo.hidden = !status;
  const save = li.querySelector("[data-action=save-pain]");
  if (save) {
    save.hidden = !status;
    save.value = status || "done";
  }
}

// Flip everything drawn for one mode (the flare-up switch, the hard-day card's text) to `mode`.
export function showMode(mode) {
  document.querySelectorAll("[data-when-mode]").forEach((el) => {
    el.hidden = el.dataset.whenMode !== mode;
  });
}

// An entry the server refused, shown on the card the patient tapped.
export function showItemError(li, message) {
  const form = li.querySelector("[data-tick-form]");
  let p = li.querySelector("[data-item-error]");
  if (!message) return p?.remove();
  if (!p && form) {
    p = h("p", { class: "field-error item-error", role: "alert", "data-item-error": true });
    form.append(p);
  }
  if (p) p.textContent = message;
}
