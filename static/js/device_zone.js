// "Follow my phone's timezone": when the setting is on and the phone's zone differs from the account's,
// tell the server (PATCH /api/v1/me), so the day, the reminders and the calendar move with the traveller.
const CHECKED = "inoplan-zone-checked";

export async function followDeviceZone() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || !navigator.onLine || !document.querySelector(".bottom-nav") || sessionStorage.getItem(CHECKED) === zone) return;
  const response = await fetch("/api/v1/me", { credentials: "same-origin" });
  if (!response.ok) return;
  const me = await response.json();
  sessionStorage.setItem(CHECKED, zone);
  if (!me.follow_device_timezone || me.timezone === zone) return;
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
  const update = await fetch("/api/v1/me", {
    method: "PATCH", credentials: "same-origin", body: JSON.stringify({ timezone: zone }),
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
  });
  // Today's date and times were drawn in the old zone: draw them again.
  if (update.ok && document.querySelector("[data-today]")) window.location.reload();
}

followDeviceZone().catch((error) => console.warn("Timezone not updated:", error.message));
