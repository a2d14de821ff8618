// Interface text for scripts: the server puts the current language's strings in <meta name="inoplan-i18n">
// (empty in English) with the dose rule. Built-in routine titles come keyed by slug; clinicians' own routines keep
// their text.
const meta = document.querySelector('meta[name="inoplan-i18n"]');
const catalog = meta ? JSON.parse(meta.content) : { strings: {}, titles: {} };
export function credit() {
  return catalog.credit || {};
}

export function doseRule() {
  return catalog.dose || { order: [], separator: "", forms: {} };  // every page carries the meta
}

// Fill %(name)s / %(name)d placeholders of an already translated text.
export function format(text, vars = {}) {
  return text.replace(/%\((\w+)\)[sd]/g, (_, name) => String(vars[name] ?? ""));
}

export const lang = document.documentElement.lang || "en";

export function t(text, vars = {}) {
  return format(catalog.strings[text] || text, vars);
}

// The words the service worker puts on a notification's buttons (app/services/reminders/words.py).
export function notificationWords() {
  return catalog.notification || {};
}

// What a person calls a field of a write (app/services/records/labels.py), or the field's own name.
export function fieldLabel(name) {
  return (catalog.fields || {})[name] || name;
}

export function routineTitle(routine) {
  return (routine.slug && catalog.titles[routine.slug]) || routine.title;
}

// A translated sentence split around its placeholders, for building it from DOM nodes: "%(a)s of %(b)s" -> pieces.
export function pieces(text) {
  return (catalog.strings[text] || text).split(/%\(\w+\)[sd]/);
}
