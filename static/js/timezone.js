// On the register form, preselect the browser's own timezone (the server defaults to UTC).
export function preselectTimezone() {
  const select = document.querySelector("select[name=timezone]");
  if (!select || select.dataset.touched) return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && [...select.options].some((o) => o.value === zone) && select.value === "UTC") select.value = zone;
}
