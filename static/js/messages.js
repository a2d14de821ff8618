// A patient's message goes through the outbox (type "message"): shown at once as "Waiting to send", sent when
// the network is there, marked "Sent" once the server stored it. Without JavaScript the form posts normally.
import { outbox, queue } from "./sync.js";

const form = document.querySelector("[data-message-form]");
const list = document.querySelector("[data-message-list]");

function bubble(entry) {
  list.querySelector("[data-empty]")?.remove();
  const item = document.createElement("li");
  item.className = "message mine pending";
  item.dataset.clientId = entry.client_id;
  const text = document.createElement("p");
  text.className = "message-text";
  text.textContent = entry.text; // as text, never as markup: it is the user's own
  const state = document.createElement("p");
  state.className = "hint";
  state.dataset.state = "waiting";
  state.textContent = form.dataset.waiting;
  item.append(text, state);
  list.append(item);
  item.scrollIntoView({ block: "nearest" });
}

async function markSent() {
  const waiting = new Set((await outbox.all()).map((e) => e.client_id));
  list.querySelectorAll("li.pending").forEach((item) => {
    if (waiting.has(item.dataset.clientId)) return;
    item.classList.remove("pending");
    const state = item.querySelector("[data-state]");
    state.dataset.state = "sent";
    state.textContent = form.dataset.sent;
  });
}

async function showQueued() {
  const mine = (await outbox.all()).filter((e) => e.type === "message" && e.to === Number(form.dataset.to));
  const shown = new Set([...list.querySelectorAll("li")].map((li) => li.dataset.clientId));
  mine.filter((e) => !shown.has(e.client_id)).forEach(bubble);
}

if (form && list) {
  form.addEventListener("submit", async (event) => {
    if (form.dataset.plain) return;
    const field = form.querySelector("textarea");
    const text = field.value.trim();
    if (!text) return; // the server answers with the message "This field is required."
    event.preventDefault();
    try {
      const stored = await queue({ type: "message", to: Number(form.dataset.to), text });
      bubble(stored);
      field.value = "";
    } catch (error) {
      console.warn("Outbox unavailable, sending the form directly:", error);
      form.dataset.plain = "yes";
      form.requestSubmit();
    }
  });
  new BroadcastChannel("inoplan-outbox").addEventListener("message", () => markSent());
  showQueued();
}
