// When a form comes back with errors, move focus to the first invalid field so it (and its message) is read out.
export function focusFirstError() {
  const invalid = document.querySelector('[aria-invalid="true"]');
  if (!invalid) return;
  invalid.focus({ preventScroll: true });
  invalid.scrollIntoView({ block: "center" });
}
