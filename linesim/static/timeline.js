// The chat log as the user sees it: date chips, bot and user rows, typing dots, quick replies,
// plus the page's toasts and banner. It draws; chat.js decides what happens.
import { el, fillAvatar, hhmm, safeUrl } from "./dom.js";
import { imageBubble, locationCard, renderMessage, stickerNode, textBubble } from "./render.js";

const BOT_NAME = "อาสาบอท";
const $ = (id) => document.getElementById(id);

export function toast(text, kind = "info") {
  const node = el("div", { className: `toast toast--${kind}`, textContent: text });
  $("toasts").append(node);
  setTimeout(() => node.remove(), kind === "error" ? 6000 : 3000);
}

export function banner(text) {
  const node = $("conn-banner");
  node.textContent = text || "";
  node.hidden = !text;
}

function dayLabel(ms) {
  const day = new Date(ms);
  const same = (a, b) => a.toDateString() === b.toDateString();
  if (same(day, new Date())) return "วันนี้";
  if (same(day, new Date(Date.now() - 86400000))) return "เมื่อวาน";
  return new Intl.DateTimeFormat("th-TH", { weekday: "short", day: "numeric", month: "short" }).format(day);
}

function meta(time, tag, status) {
  const node = el("div", { className: "meta" });
  if (tag) node.append(el("span", { className: "meta__tag", textContent: tag }));
  if (status === "read") node.append(el("span", { className: "meta__read", textContent: "อ่านแล้ว" }));
  if (status === "failed") node.append(el("span", { className: "meta__failed", textContent: "ส่งไม่สำเร็จ" }));
  node.append(el("time", { dateTime: new Date(time).toISOString(), textContent: hhmm(time) }));
  return node;
}

function botRow(item, onAction) {
  const row = el("div", { className: "msg-row msg-row--bot" });
  row.dataset.seq = item.seq;
  row.dataset.endpoint = item.endpoint;
  // A message may carry its own sender (name and icon), as LINE allows.
  const sender = (item.messages[0] || {}).sender || {};
  const avatar = el("div", { className: "avatar avatar--bot", "aria-hidden": "true", textContent: "อ" });
  if (sender.iconUrl) {
    fillAvatar(avatar, { userId: "bot", displayName: sender.name || "อ", pictureUrl: sender.iconUrl });
  }
  const col = el("div", { className: "msg-col" });
  col.append(el("div", { className: "sender-name", textContent: sender.name || BOT_NAME }));
  item.messages.forEach((message, index) => {
    const line = el("div", { className: "msg-line" });
    const node = renderMessage(message, onAction);
    if (index === 0) node.classList.add("bubble--tail");
    if (node.classList.contains("carousel")) {
      // A carousel runs to the screen's edge with the time below it, as in LINE.
      line.classList.add("msg-line--wide");
      row.classList.add("msg-row--wide");
    }
    line.append(node);
    if (index === item.messages.length - 1) {
      line.append(meta(item.time, item.endpoint === "reply" ? null : item.endpoint));
    }
    col.append(line);
  });
  row.append(el("div", { className: "avatar-slot" }, [avatar]), col);
  return row;
}

function userContent(item) {
  switch (item.type) {
    case "image":
      return imageBubble(item.src);
    case "location":
      return locationCard(item);
    case "sticker":
      return stickerNode(item.packageId, item.stickerId);
    default:
      return textBubble(item.text || "");
  }
}

function userRow(item) {
  if (item.type === "system") {
    return el("div", { className: "date-chip system-note", textContent: item.text });
  }
  const row = el("div", { className: "msg-row msg-row--user" });
  row.dataset.localId = item.id;
  const line = el("div", { className: "msg-line" });
  const node = userContent(item);
  node.classList.add("bubble--tail");
  line.append(node, meta(item.time, null, item.status));
  row.append(el("div", { className: "msg-col" }, [line]));
  return row;
}

export class Timeline {
  /** `onAction(action)` runs when a button, quick reply or tappable area is used. */
  constructor(onAction) {
    this.log = $("chat-log");
    this.typingRow = $("typing");
    this.quickBar = $("quick-replies");
    this.onAction = onAction;
    this.lastDay = null;
    this.typingTimer = null;
  }

  clear() {
    for (const node of [...this.log.children]) {
      if (node.id !== "chat-empty" && node.id !== "typing") node.remove();
    }
    this.lastDay = null;
    $("chat-empty").hidden = false;
    this.hideTyping();
    this.hideQuickReplies();
  }

  scrollToEnd() {
    this.log.scrollTop = this.log.scrollHeight;
  }

  /** Draw one timeline item (a bot delivery or something the user did) at the end. */
  show(item) {
    const node = item.kind === "bot" ? botRow(item, this.onAction) : userRow(item);
    item.node = node;
    const day = new Date(item.time).toDateString();
    if (day !== this.lastDay) {
      this.lastDay = day;
      const chip = el("div", { className: "date-chip", textContent: dayLabel(item.time) });
      this.log.insertBefore(chip, this.typingRow);
    }
    this.log.insertBefore(node, this.typingRow);
    $("chat-empty").hidden = true;
    // Images grow the log once loaded; stay pinned to the newest message.
    for (const img of node.querySelectorAll("img")) {
      img.addEventListener("load", () => this.scrollToEnd(), { once: true });
    }
    this.scrollToEnd();
  }

  /** Redraw a user item's status (sending, read, failed). */
  refreshMeta(item) {
    if (!item.node) return;
    const old = item.node.querySelector(".meta");
    if (old) old.replaceWith(meta(item.time, null, item.status));
    item.node.querySelector(".bubble")?.classList.toggle("bubble--failed", item.status === "failed");
  }

  showTyping(seconds) {
    clearTimeout(this.typingTimer);
    this.typingRow.hidden = false;
    this.scrollToEnd();
    // LINE shows the dots for the requested time (5-60 s) or until the next message.
    const ms = Math.min(Math.max(Number(seconds) || 20, 5), 60) * 1000;
    this.typingTimer = setTimeout(() => this.hideTyping(), ms);
  }

  hideTyping() {
    clearTimeout(this.typingTimer);
    this.typingRow.hidden = true;
  }

  /** The pill buttons of a message's quickReply, above the input; none when absent. */
  showQuickReplies(message) {
    const items = message && message.quickReply && message.quickReply.items;
    this.quickBar.replaceChildren();
    this.quickBar.hidden = !(items && items.length);
    if (this.quickBar.hidden) return;
    for (const entry of items) {
      const action = entry.action || {};
      const button = el("button", { type: "button", className: "qr-btn" });
      const icon = safeUrl(entry.imageUrl);
      if (icon) button.append(el("img", { alt: "", src: icon }));
      button.append(action.label || "");
      button.addEventListener("click", () => this.onAction(action));
      this.quickBar.append(button);
    }
    this.scrollToEnd();
  }

  hideQuickReplies() {
    this.quickBar.hidden = true;
    this.quickBar.replaceChildren();
  }
}
