// A day's items computed on the phone from the saved plan, as app/services/today.py does on the server.
import { doseRule, format, lang, t } from "./i18n.js";

// The date in a timezone as YYYY-MM-DD.
export function localToday(timezone, now = new Date()) {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" })
      .format(now);
  } catch (error) {
    return new Intl.DateTimeFormat("en-CA").format(now);
  }
}

function asUtcNoon(isoDate) {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d, 12));
}

export function isDate(value) {
  return /^\d{4}-\d{2}-\d{2}$/.test(value || "") && !Number.isNaN(asUtcNoon(value).getTime()) &&
    asUtcNoon(value).toISOString().slice(0, 10) === value;
}

export function addDays(isoDate, n) {
  const d = asUtcNoon(isoDate);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// 0 = Monday, as the plan's days.
export function weekday(isoDate) {
  return (asUtcNoon(isoDate).getUTCDay() + 6) % 7;
}

export function formatDate(isoDate, options) {
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { timeZone: "UTC", ...options }).format(asUtcNoon(isoDate));
}

export function partOfDay(slot) {
  const hour = Number(slot.slice(0, 2));
  return hour < 12 ? "morning" : hour < 17 ? "afternoon" : "evening";
}

// {date, plan, items, checkin} like GET /api/v1/today, from GET /api/v1/plan.
export function dayFromPlan(plan, isoDate, mode = plan?.mode || "standard", saved = null) {
  const version = plan ? plan[mode] || null : null;
  const saves = new Map((saved?.items || []).map((i) => [`${i.key} ${i.slot}`, i]));
  const day = weekday(isoDate);
  const items = [];
  (version?.items || []).forEach((item, position) => {
    if (!item.days.includes(day)) return;
    item.times.forEach((slot) => items.push({
      plan_item_id: item.plan_item_id, key: item.key, slot, part: partOfDay(slot), position,
      routine: { id: item.routine.id, kind: item.routine.kind, title: item.routine.title },
      dose: item.dose, notes: item.notes, status: saves.get(`${item.key} ${slot}`)?.status || null,
      pain_before: saves.get(`${item.key} ${slot}`)?.pain_before ?? null,
      pain_after: saves.get(`${item.key} ${slot}`)?.pain_after ?? null,
    }));
  });
  items.sort((a, b) => a.slot.localeCompare(b.slot) || a.position - b.position);
  return {
    date: isoDate,
    plan: version ? { id: plan.id, version: version.number, version_id: version.id, mode } : null,
    hasPlan: Boolean(plan && plan.id),
    items,
    checkin: saved?.checkin || null,
  };
}

// The server's rule (app/formatting.py dose_text), sent as data: order, separator, and each field's one/other form.
export function doseText(dose) {
  if (!dose) return "";
  const rule = doseRule();
  return rule.order.filter((name) => dose[name])
    .map((name) => format(rule.forms[name][dose[name] === 1 ? 0 : 1], { num: dose[name] }))
    .join(rule.separator);
}
