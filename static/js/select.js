// Select the whole invite link on focus or tap, so it copies in one go on a phone.
export function selectOnFocus(root = document) {
  for (const input of root.querySelectorAll("[data-select-on-focus]")) {
    input.addEventListener("focus", () => input.select());
    input.addEventListener("click", () => input.select());
  }
}

selectOnFocus();
