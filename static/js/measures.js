// Answering a questionnaire: one question per screen, answers kept on this phone until saved, the crisis
// contacts shown at once when PHQ-9 item 9 is above 0 (they are in the page already: nothing is fetched),
// and the response queued in the outbox as one "measure" entry (see docs/api.md).
import { queue, user } from "./sync.js";
import { localToday } from "./day.js";

const form = document.querySelector("[data-measure-form]");

function answers(instrument, data) {
  const num = (name) => (data.get(name) === null || data.get(name) === "" ? null : Number(data.get(name)));
  if (instrument === "psfs") {
    return [0, 1, 2, 3, 4].filter((i) => (data.get(`activity${i}`) || "").trim())
      .map((i) => ({ activity: data.get(`activity${i}`).trim(), score: num(`score${i}`) }));
  }
  if (instrument === "wpi_sss") {
    const out = { areas: data.getAll("areas") };
    ["fatigue", "unrefreshed", "cognitive", "headache", "abdominal", "depression"].forEach((k) => { out[k] = num(k); });
    return out;
  }
  const count = { peg: 3, phq9: 9, gad7: 7 }[instrument];
  return Array.from({ length: count }, (_, i) => num(`q${i}`));
}

function setUp(form) {
  const instrument = form.dataset.instrument;
  const draftKey = `inoplan-measure-draft:${form.dataset.user}:${instrument}`;
  const items = [...form.querySelectorAll("[data-m-item]")];
  const crisis = form.querySelector("[data-crisis]");
  const progress = form.querySelector("[data-m-progress]");
  const nav = form.querySelector("[data-m-nav]");
  const submit = form.querySelector("[data-m-submit]");
  let current = 0;

  function showCrisis() {
    if (!crisis) return;
    const item9 = form.querySelector("input[name=q8]:checked");
    crisis.hidden = !(item9 && Number(item9.value) > 0);
  }

  function answered(fieldset) {
    const required = [...fieldset.querySelectorAll("input[required]")];
    return required.every((input) => (input.type === "radio"
      ? fieldset.querySelector(`input[name="${input.name}"]:checked`) : input.value.trim()));
  }

  function show(index, focus = true) {
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach((item, i) => item.classList.toggle("is-current", i === current));
    progress.hidden = false;
    progress.textContent = `${current + 1} / ${items.length}`;
    nav.querySelector("[data-m-back]").disabled = current === 0;
    const last = current === items.length - 1;
    nav.querySelector("[data-m-next]").hidden = last;
    submit.hidden = !last;
    if (crisis) crisis.classList.toggle("is-after-item9", current >= 8);
    if (focus) items[current].querySelector("legend")?.focus();
  }

  function saveDraft() {
    const data = new FormData(form);
    const values = {};
    for (const [name, value] of data.entries()) {
      if (["csrf_token", "client_id", "date"].includes(name)) continue;
      (values[name] ||= []).push(value);
    }
    localStorage.setItem(draftKey, JSON.stringify({ values }));
    form.querySelector("[data-m-draft]").hidden = false;
  }

  function restoreDraft() {
    let draft = null;
    try { draft = JSON.parse(localStorage.getItem(draftKey) || "null"); } catch (error) { draft = null; }
    if (!draft) return 0;
    Object.entries(draft.values || {}).forEach(([name, values]) => {
      form.querySelectorAll(`[name="${name}"]`).forEach((input) => {
        if (input.type === "radio" || input.type === "checkbox") input.checked = values.includes(input.value);
        else input.value = values[0] ?? "";
      });
    });
    form.querySelector("[data-m-draft]").hidden = false;
    const open = items.findIndex((item) => !answered(item));   // back to the first question still open
    return open >= 0 ? open : items.length - 1;
  }

  form.classList.add("is-stepped");
  nav.hidden = false;
  const start = restoreDraft();
  showCrisis();
  show(start, false);

  form.addEventListener("change", (event) => {
    showCrisis();
    saveDraft();
    const item = event.target.closest("[data-m-item]");
    // A tap on a single-choice question moves on; the crisis message stays in view instead when shown.
    if (event.target.type === "radio" && item && answered(item) && items.indexOf(item) < items.length - 1
        && !(crisis && !crisis.hidden && event.target.name === "q8")) {
      show(items.indexOf(item) + 1);
    }
  });
  form.addEventListener("input", saveDraft);
  nav.querySelector("[data-m-back]").addEventListener("click", () => show(current - 1));
  nav.querySelector("[data-m-next]").addEventListener("click", () => show(current + 1));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const missing = items.findIndex((item) => !answered(item));
    if (missing >= 0) { show(missing); return; }
    const data = new FormData(form);
    await queue({ type: "measure", instrument, client_id: data.get("client_id"),
      date: user ? localToday(user.timezone) : data.get("date"),
      answers: answers(instrument, data), label: document.title.split(" · ")[0] });
    localStorage.removeItem(draftKey);
    form.hidden = true;
    const saved = document.querySelector("[data-m-saved]");
    saved.hidden = false;
    saved.querySelector("[data-m-saved-offline]").hidden = navigator.onLine;
    if (crisis && !crisis.hidden) saved.before(crisis);   // the contacts stay on screen after saving
    saved.focus();
  });
}

if (form) setUp(form);
