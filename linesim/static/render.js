// LINE message objects (as the bot sent them) to DOM nodes. Text goes through textContent only.
import { el, safeUrl, bindAction } from "./dom.js";
import { renderFlexContainer } from "./flex.js";

const PIN_SVG = '<svg viewBox="0 0 24 24"><path d="M12 21s-7-6.2-7-11.5A7 7 0 0 1 19 9.5C19 14.8 12 21 12 21z"/><circle cx="12" cy="9.5" r="2.5"/></svg>';
const SMILE_SVG = '<svg viewBox="0 0 24 24" width="44" height="44"><circle cx="12" cy="12" r="9"/><path d="M8.5 14.5a4.5 4.5 0 0 0 7 0"/><path d="M9 9.5h.01M15 9.5h.01"/></svg>';

/** Our own constant icon markup (never message data) parsed into an SVG element. */
function icon(markup) {
  const box = document.createElement("span");
  box.innerHTML = markup;
  return box.firstElementChild;
}

/** One message object -> the node that sits in a message line (bubble, card, carousel...). */
export function renderMessage(msg, onAction) {
  switch (msg && msg.type) {
    case "text":
      return textBubble(msg.text, msg.emojis);
    case "textV2":
      return textV2Bubble(msg);
    case "image":
      return imageBubble(msg.previewImageUrl || msg.originalContentUrl, msg.originalContentUrl);
    case "sticker":
      return stickerNode(msg.packageId, msg.stickerId);
    case "location":
      return locationCard(msg);
    case "video":
      return mediaCard("วิดีโอ", msg.originalContentUrl, "video", msg.previewImageUrl);
    case "audio":
      return mediaCard("ข้อความเสียง", msg.originalContentUrl, "audio");
    case "imagemap":
      return imagemapNode(msg, onAction);
    case "template":
      return templateNode(msg.template || {}, msg.altText, onAction);
    case "flex": {
      const node = renderFlexContainer(msg.contents, onAction);
      node.dataset.altText = msg.altText || "";
      node.classList.add("flex-message");
      return node;
    }
    default:
      return el("div", {
        className: "bubble",
        textContent: `[ข้อความชนิด ${msg && msg.type} ที่หน้านี้ยังแสดงไม่ได้]`,
      });
  }
}

export function textBubble(text, emojis) {
  const node = el("div", { className: "bubble bubble--text" });
  const value = String(text ?? "");
  const slots = new Map((emojis || []).map((e) => [e.index, e]));
  if (!slots.size) {
    node.textContent = value;
    return node;
  }
  // LINE puts a "$" at each emoji's index; replace exactly those with an emoji placeholder.
  let buffer = "";
  for (let i = 0; i < value.length; i += 1) {
    const emoji = slots.get(i);
    if (emoji && value[i] === "$") {
      if (buffer) node.append(buffer);
      buffer = "";
      node.append(emojiSlot(emoji));
    } else {
      buffer += value[i];
    }
  }
  if (buffer) node.append(buffer);
  return node;
}

function emojiSlot(emoji) {
  return el("span", {
    className: "emoji-slot",
    role: "img",
    "aria-label": "อีโมจิ LINE",
    title: `LINE emoji ${emoji.productId || ""}/${emoji.emojiId || ""}`,
  });
}

function textV2Bubble(msg) {
  const node = el("div", { className: "bubble bubble--text" });
  const subs = msg.substitution || {};
  // "{name}" placeholders become a mention or an emoji; "{{" and "}}" are literal braces.
  const parts = String(msg.text ?? "").split(/(\{\{|\}\}|\{[A-Za-z0-9_]+\})/);
  for (const part of parts) {
    if (part === "{{") node.append("{");
    else if (part === "}}") node.append("}");
    else if (/^\{[A-Za-z0-9_]+\}$/.test(part) && subs[part.slice(1, -1)]) {
      const sub = subs[part.slice(1, -1)];
      if (sub.type === "emoji") node.append(emojiSlot(sub));
      else {
        const who = sub.mentionee && sub.mentionee.type === "all" ? "ทุกคน" : "ผู้ใช้";
        node.append(el("strong", { textContent: `@${who}` }));
      }
    } else if (part) node.append(part);
  }
  return node;
}

export function imageBubble(src, original) {
  const wrap = el("div", { className: "bubble bubble--image" });
  const url = safeUrl(src);
  const img = el("img", { className: "img-msg", alt: "รูปภาพ", loading: "lazy" });
  const broken = () => wrap.replaceChildren(el("div", { className: "img-msg--broken", textContent: "รูปภาพ (โหลดไม่ได้)" }));
  if (!url) {
    broken();
    return wrap;
  }
  img.src = url;
  img.addEventListener("error", broken);
  const full = safeUrl(original);
  if (full && !full.startsWith("data:")) {
    const link = el("a", { href: full, target: "_blank", rel: "noopener noreferrer" });
    link.append(img);
    wrap.append(link);
  } else {
    wrap.append(img);
  }
  return wrap;
}

export function stickerNode(packageId, stickerId) {
  const wrap = el("div", { className: "bubble bubble--sticker" });
  const tile = el("div", {
    className: "sticker",
    role: "img",
    "aria-label": `สติกเกอร์ ${packageId}/${stickerId}`,
  });
  const face = el("span", { className: "sticker__face", "aria-hidden": "true" });
  face.append(icon(SMILE_SVG));
  tile.append(face, el("span", { textContent: "สติกเกอร์" }), el("span", { textContent: `${packageId}/${stickerId}` }));
  wrap.append(tile);
  return wrap;
}

export function locationCard(msg) {
  const node = el("div", { className: "bubble location-card" });
  const pin = el("span", { className: "location-card__pin", "aria-hidden": "true" });
  pin.append(icon(PIN_SVG));
  const lat = Number(msg.latitude);
  const lng = Number(msg.longitude);
  node.append(
    pin,
    el("span", { className: "location-card__title", textContent: msg.title || "ตำแหน่งที่ตั้ง" }),
    el("span", { className: "location-card__addr", textContent: msg.address || "" }),
    el("span", {
      className: "location-card__coords",
      textContent: Number.isFinite(lat) && Number.isFinite(lng) ? `${lat.toFixed(4)}, ${lng.toFixed(4)}` : "",
    }),
  );
  return node;
}

function mediaCard(label, src, kind, poster) {
  const node = el("div", { className: "bubble media-card" });
  node.append(el("strong", { textContent: label }));
  const url = safeUrl(src);
  if (url) {
    const player = el(kind, { controls: true, preload: "none", src: url });
    if (kind === "video") {
      const p = safeUrl(poster);
      if (p) player.poster = p;
    }
    node.append(player);
  }
  return node;
}

function imagemapNode(msg, onAction) {
  const width = 240;
  const base = msg.baseSize || { width: 1040, height: 1040 };
  const scale = width / (base.width || 1040);
  const wrap = el("div", { className: "bubble bubble--image imagemap" });
  wrap.style.position = "relative";
  wrap.style.width = `${width}px`;
  wrap.style.height = `${Math.round((base.height || 1040) * scale)}px`;
  const src = safeUrl(msg.baseUrl ? `${msg.baseUrl}/1040` : "");
  const img = el("img", { className: "img-msg", alt: msg.altText || "อิมเมจแมป" });
  img.style.width = "100%";
  img.style.height = "100%";
  img.style.maxWidth = "none";
  if (src) img.src = src;
  wrap.append(img);
  for (const area of msg.actions || []) {
    const a = area.area || {};
    // Imagemap actions name their payload differently from ordinary actions.
    const action = area.type === "uri" ? { type: "uri", uri: area.linkUri }
      : area.type === "message" ? { type: "message", text: area.text }
        : { type: area.type, clipboardText: area.clipboardText };
    const hit = el("button", { type: "button", "aria-label": area.label || action.text || action.uri || "ลิงก์" });
    Object.assign(hit.style, {
      position: "absolute", border: 0, background: "transparent", cursor: "pointer",
      left: `${a.x * scale}px`, top: `${a.y * scale}px`,
      width: `${a.width * scale}px`, height: `${a.height * scale}px`,
    });
    hit.addEventListener("click", () => onAction(action));
    wrap.append(hit);
  }
  return wrap;
}

function actionButton(action, onAction) {
  const button = el("button", { type: "button", className: "card__action", textContent: action.label || "" });
  button.addEventListener("click", () => onAction(action));
  return button;
}

function templateCard(column, options, onAction) {
  const card = el("div", { className: "card" });
  const thumb = safeUrl(column.thumbnailImageUrl);
  if (thumb) {
    const img = el("img", { className: "card__image", alt: "", src: thumb });
    if (options.imageAspectRatio === "square") img.classList.add("card__image--square");
    if (options.imageSize === "contain") img.classList.add("card__image--contain");
    if (column.imageBackgroundColor) img.style.backgroundColor = column.imageBackgroundColor;
    card.append(img);
  }
  const body = el("div", { className: "card__body" });
  if (column.title) body.append(el("div", { className: "card__title", textContent: column.title }));
  body.append(el("div", { className: "card__text", textContent: column.text || "" }));
  card.append(body);
  const actions = el("div", { className: "card__actions" });
  for (const action of column.actions || []) actions.append(actionButton(action, onAction));
  card.append(actions);
  if (column.defaultAction) bindAction(body, column.defaultAction, onAction);
  return card;
}

function templateNode(template, altText, onAction) {
  let node;
  if (template.type === "buttons") {
    node = templateCard(template, template, onAction);
  } else if (template.type === "confirm") {
    node = el("div", { className: "card card--confirm" });
    node.append(el("div", { className: "card__body" }, [
      el("div", { className: "card__text", textContent: template.text || "" }),
    ]));
    const row = el("div", { className: "card__actions card__actions--row" });
    for (const action of template.actions || []) row.append(actionButton(action, onAction));
    node.append(row);
  } else if (template.type === "carousel") {
    node = el("div", { className: "carousel", role: "group" });
    for (const column of template.columns || []) node.append(templateCard(column, template, onAction));
  } else if (template.type === "image_carousel") {
    node = el("div", { className: "carousel", role: "group" });
    for (const column of template.columns || []) {
      const action = column.action || {};
      const tile = el("button", { type: "button", className: "image-column" });
      const src = safeUrl(column.imageUrl);
      tile.append(el("img", { alt: "", src: src || undefined }));
      if (action.label) tile.append(el("span", { textContent: action.label }));
      tile.addEventListener("click", () => onAction(action));
      node.append(tile);
    }
  } else {
    node = el("div", { className: "bubble", textContent: altText || "[เทมเพลต]" });
  }
  node.classList.add("template-message");
  node.dataset.altText = altText || "";
  return node;
}
