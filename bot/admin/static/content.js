// The article editor's preview follows the text as it is typed.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const name of ["summary", "body"]) {
    const field = document.getElementById(name);
    const preview = document.getElementById(`${name}-preview`);
    field.addEventListener("input", () => { preview.textContent = field.value; });
  }
});
