// Plan item forms: choosing a routine fills in its usual dose (the server does the same for an empty dose, so
// this is only a convenience). A dose the person typed is kept; one that was the previous routine's usual
// dose, or empty, is replaced.
const FIELDS = ["sets", "reps", "hold_seconds", "minutes"];

export function fillUsualDose(form) {
  const doses = JSON.parse(form.dataset.usualDoses || "{}");
  const select = form.querySelector("select[name=routine_id]");
  if (!select) return;
  let previous = doses[select.value] || {};
  select.addEventListener("change", () => {
    const usual = doses[select.value] || {};
    for (const name of FIELDS) {
      const input = form.querySelector(`input[name=${name}]`);
      if (!input) continue;
      const was = previous[name] == null ? "" : String(previous[name]);
      if (input.value === "" || input.value === was) input.value = usual[name] == null ? "" : usual[name];
    }
    previous = usual;
  });
}

for (const form of document.querySelectorAll("form[data-usual-doses]")) fillUsualDose(form);

// The routine list on "Add several routines" filters as you type (the plain form filters on the server).
export function filterAsYouType(input) {
  const list = document.querySelector(input.dataset.routineFilter);
  if (!list) return;
  input.addEventListener("input", () => {
    const words = input.value.trim().toLowerCase();
    for (const item of list.querySelectorAll("[data-filter-text]")) {
      item.hidden = words !== "" && !item.dataset.filterText.includes(words);
    }
  });
}

for (const input of document.querySelectorAll("[data-routine-filter]")) filterAsYouType(input);
