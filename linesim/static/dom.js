// Small DOM helpers shared by the renderers. Nothing here ever parses HTML.

/** Create an element; props are DOM properties (textContent, className, ...) or attributes. */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key in node && !key.includes("-")) node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/** Only URLs a chat may load or open: http(s), and data: images (the user's own uploads). */
export function safeUrl(value) {
  if (typeof value !== "string" || !value) return "";
  if (/^data:image\/(png|jpeg|gif|webp);base64,/i.test(value)) return value;
  try {
    const url = new URL(value, window.location.href);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : "";
  } catch {
    return "";
  }
}

/** Make a non-button node behave like a button for an action (click, Enter, Space). */
export function bindAction(node, action, onAction) {
  node.classList.add("fx-clickable");
  node.setAttribute("role", "button");
  node.tabIndex = 0;
  if (action.label) node.setAttribute("aria-label", action.label);
  const fire = (event) => {
    event.stopPropagation();
    onAction(action);
  };
  node.addEventListener("click", fire);
  node.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      fire(event);
    }
  });
}

/** "HH:MM" in the viewer's local time, 24-hour, as LINE shows it. */
export function hhmm(ms) {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/** A colour picked from the id, so each user keeps the same initial-avatar colour. */
const AVATAR_COLOURS = ["#00796b", "#1565c0", "#6a1b9a", "#ad1457", "#c62828", "#ef6c00", "#2e7d32", "#37474f"];
export function avatarColour(id) {
  let hash = 0;
  for (const ch of String(id)) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length];
}

/** Fill an avatar node with a picture, or the first letter of the name on a coloured disc. */
export function fillAvatar(node, user) {
  node.replaceChildren();
  node.style.backgroundColor = avatarColour(user.userId);
  const src = safeUrl(user.pictureUrl);
  if (src) {
    const img = el("img", { alt: "", src });
    img.addEventListener("error", () => {
      img.remove();
      node.textContent = initial(user.displayName);
    });
    node.append(img);
  } else {
    node.textContent = initial(user.displayName);
  }
}

function initial(name) {
  // Thai leading vowels (เ แ โ ใ ไ) are not a name's initial: skip them.
  const chars = Array.from((name || "?").trim());
  const first = chars.find((c) => !/[\u0E40-\u0E44]/.test(c)) || chars[0] || "?";
  return first.toUpperCase();
}
