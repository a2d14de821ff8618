// Sleep diary: big -/+ steppers, the night's zone from the phone, a live summary, and "saved on this phone".
// The form itself is queued by writes.js (data-outbox="sleep"); on Today, the check-in's sleep fields take
// their values from the diary ([data-sleep-from-diary]) so nothing is entered twice.
const form = document.querySelector("[data-sleep-form]");

function minutes(hm) {
  const m = /^(\d{2}):(\d{2})$/.exec(hm || "");
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
const forward = (a, b) => (((b - a) % 1440) + 1440) % 1440;
const hours = (min) => `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, "0")}`;

function live() {
  const [bed, tried, wake, out] = ["in_bed", "tried_sleep", "final_wake", "out_of_bed"].map((n) => minutes(form.elements[n].value));
  const line = form.querySelector("[data-sleep-live]");
  if (!line || [bed, tried, wake, out].includes(null)) return;
  const inBed = forward(bed, tried) + forward(tried, wake) + forward(wake, out);
  const asleep = forward(tried, wake) - Number(form.elements.latency_min.value || 0) - Number(form.elements.waso_min.value || 0);
  if (inBed <= 0 || asleep < 0 || inBed >= 1440) { line.textContent = ""; return; }
  const lang = document.documentElement.lang || "en";
  const eff = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(Math.round((asleep / inBed) * 1000) / 10);
  const d = line.dataset;
  line.textContent = `${d.labelBed} ${hours(inBed)} · ${d.labelAsleep} ${hours(asleep)} · ${d.labelEff} ${eff} %`;
}

if (form) {
  const zone = form.querySelector("[data-device-zone]");
  if (zone) zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  for (const box of form.querySelectorAll("[data-stepper]")) {
    const input = box.querySelector("input");
    const step = Number(box.dataset.step || 1);
    for (const button of box.querySelectorAll("[data-step-by]")) {
      button.hidden = false;
      button.addEventListener("click", () => {
        const next = Number(input.value || 0) + step * Number(button.dataset.stepBy);
        input.value = String(Math.min(Number(input.max), Math.max(Number(input.min), next)));
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
    }
  }
  form.addEventListener("input", live);
  live();
  document.addEventListener("inoplan:queued", (event) => {
    if (event.detail?.type !== "sleep") return;
    const saved = form.querySelector("[data-sleep-saved]");
    if (saved) saved.hidden = false;
  });
}

const diary = document.querySelector("[data-sleep-from-diary]");
const checkin = document.querySelector("[data-checkin-form]");
if (diary && checkin) {
  const hoursInput = checkin.querySelector("[name=sleep_hours]");
  if (hoursInput) hoursInput.value = diary.dataset.sleepHours;
  const quality = checkin.querySelector(`[name=sleep_quality][value="${diary.dataset.sleepQuality}"]`);
  if (quality) quality.checked = true;
}
