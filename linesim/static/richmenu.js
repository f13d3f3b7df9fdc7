// The rich menu under the chat, as LINE shows it: the menu's image with tappable areas, and a
// chat bar (the menu's chatBarText) that folds it away. Which menu a user sees (their own link,
// else the default) comes from linesim's /_sim/richmenu; it is read again after every tap and
// every few seconds, so a menu the bot links while you chat (say, on registering as a
// volunteer) appears without reloading the page.
// chat.js calls showRichMenu(userId, handleAction) whenever the current user changes.

const POLL_MS = 3000;
const AFTER_TAP_MS = [700, 2000];

const state = {
  userId: null,
  onAction: null,
  shownId: null,     // the rich menu id on screen, so polling re-draws only on change
  open: true,
  aliasMenu: null,   // a menu a richmenuswitch action switched to, until the link changes
  timer: null,
  serial: 0,
};

const container = () => document.getElementById("rich-menu");

async function fetchMenu(query) {
  const response = await fetch(`/_sim/richmenu?${new URLSearchParams(query)}`);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()).richMenu || null;
}

/** Show `userId`'s menu; taps go to `onAction(action)` like any other LINE action. */
export function showRichMenu(userId, onAction) {
  state.userId = userId;
  state.onAction = onAction;
  state.shownId = null;
  state.aliasMenu = null;
  state.open = true;
  refresh();
  if (!state.timer) state.timer = setInterval(refresh, POLL_MS);
}

async function refresh() {
  const userId = state.userId;
  if (!userId) return;
  const serial = ++state.serial;
  let menu = null;
  try {
    menu = await fetchMenu({ userId });
  } catch {
    return; // linesim unreachable: keep what is shown; chat.js already says so
  }
  if (serial !== state.serial || userId !== state.userId) return;
  const linkedId = menu ? menu.richMenuId : null;
  if (state.aliasMenu && state.aliasMenu.linkedId === linkedId) menu = state.aliasMenu.menu;
  else state.aliasMenu = null;
  const id = menu ? menu.richMenuId : null;
  if (id === state.shownId) return;
  state.shownId = id;
  if (menu) state.open = menu.selected !== false;
  render(menu);
}

function render(menu) {
  const root = container();
  if (!root) return;
  root.replaceChildren();
  root.hidden = !menu;
  if (!menu) return;
  root.dataset.richMenuId = menu.richMenuId;

  const panel = document.createElement("div");
  panel.className = "rich-menu__panel";
  panel.id = "rich-menu-panel";
  panel.hidden = !state.open;
  const frame = document.createElement("div");
  frame.className = "rich-menu__frame";
  frame.style.aspectRatio = `${menu.size.width} / ${menu.size.height}`;
  frame.style.maxWidth = `calc(40dvh * ${menu.size.width} / ${menu.size.height})`;
  const image = document.createElement("img");
  image.className = "rich-menu__image";
  image.src = menu.imageUrl;
  image.alt = "";
  image.draggable = false;
  frame.append(image);
  for (const area of menu.areas || []) frame.append(areaButton(area, menu.size));
  panel.append(frame);

  const bar = document.createElement("button");
  bar.type = "button";
  bar.className = "rich-menu__bar";
  bar.setAttribute("aria-controls", panel.id);
  bar.setAttribute("aria-expanded", String(state.open));
  const label = document.createElement("span");
  label.textContent = menu.chatBarText || "เมนู";
  const chevron = document.createElement("span");
  chevron.className = "rich-menu__chevron";
  chevron.setAttribute("aria-hidden", "true");
  bar.append(label, chevron);
  bar.addEventListener("click", () => {
    state.open = !state.open;
    panel.hidden = !state.open;
    bar.setAttribute("aria-expanded", String(state.open));
  });
  root.append(panel, bar);
}

function areaButton(area, size) {
  const { x, y, width, height } = area.bounds;
  const action = area.action || {};
  const button = document.createElement("button");
  button.type = "button";
  button.className = "rich-menu__area";
  button.style.left = `${(100 * x) / size.width}%`;
  button.style.top = `${(100 * y) / size.height}%`;
  button.style.width = `${(100 * width) / size.width}%`;
  button.style.height = `${(100 * height) / size.height}%`;
  // The image carries the words; screen readers and tests read them from the action.
  button.setAttribute("aria-label", action.label || action.displayText || action.text || "เมนู");
  button.addEventListener("click", () => tap(action));
  return button;
}

async function tap(action) {
  if (action.type === "richmenuswitch" && action.richMenuAliasId) {
    try {
      const target = await fetchMenu({ aliasId: action.richMenuAliasId });
      if (target) {
        state.aliasMenu = { menu: target, linkedId: await linkedMenuId() };
        state.shownId = target.richMenuId;
        render(target);
      }
    } catch {
      // The switch failed; LINE would still send the postback.
    }
  }
  if (state.onAction) state.onAction(action);
  for (const delay of AFTER_TAP_MS) setTimeout(refresh, delay);
}

async function linkedMenuId() {
  const menu = await fetchMenu({ userId: state.userId });
  return menu ? menu.richMenuId : null;
}
