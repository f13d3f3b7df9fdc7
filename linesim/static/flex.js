// Flex Message containers (bubble, carousel) to DOM, approximately as the LINE app draws them.
// Every bot-provided string goes through textContent; colours and sizes through the CSS object
// model (an invalid value is simply ignored); URLs through safeUrl.
import { el, safeUrl, bindAction } from "./dom.js";

const SPACING = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
const TEXT_SIZE = {
  xxs: 11, xs: 13, sm: 14, md: 16, lg: 19, xl: 22, xxl: 29, "3xl": 35, "4xl": 48, "5xl": 74,
};
const IMAGE_SIZE = {
  xxs: 40, xs: 60, sm: 80, md: 100, lg: 120, xl: 140, xxl: 160,
  "3xl": 180, "4xl": 200, "5xl": 220, full: "100%",
};
const BORDER_WIDTH = { none: 0, light: 0.5, normal: 1, medium: 2, "semi-bold": 3, bold: 4 };
const RADIUS = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
const JUSTIFY = {
  "flex-start": "flex-start", center: "center", "flex-end": "flex-end",
  "space-between": "space-between", "space-around": "space-around", "space-evenly": "space-evenly",
};
const GRAVITY = { top: "flex-start", center: "center", bottom: "flex-end" };
const ALIGN_TEXT = { start: "start", center: "center", end: "end" };
const ALIGN_SELF = { start: "flex-start", center: "center", end: "flex-end" };

/** A length from a keyword table, or a literal "12px" / "50%"; undefined when neither. */
function length(value, table = SPACING) {
  if (value === undefined || value === null) return undefined;
  if (Object.hasOwn(table, value)) {
    const v = table[value];
    return typeof v === "number" ? `${v}px` : v;
  }
  return /^\d+(\.\d+)?(px|%)$/.test(String(value)) ? String(value) : undefined;
}

function ratio(value) {
  const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(value || "");
  return m ? `${m[1]} / ${m[2]}` : undefined;
}

/** Render a Flex container: {type: "bubble"} or {type: "carousel"}. */
export function renderFlexContainer(container, onAction) {
  if (container && container.type === "carousel") {
    const row = el("div", { className: "carousel", role: "group" });
    for (const bubble of container.contents || []) row.append(renderBubble(bubble, onAction));
    return row;
  }
  return renderBubble(container || {}, onAction);
}

function renderBubble(bubble, onAction) {
  const node = el("div", { className: `fx-bubble fx-bubble--${bubble.size || "mega"}` });
  if (bubble.direction === "rtl") node.dir = "rtl";
  const styles = bubble.styles || {};
  const blocks = [
    ["header", 20], ["hero", 0], ["body", 20], ["footer", 10],
  ];
  let first = true;
  for (const [name, padding] of blocks) {
    const content = bubble[name];
    if (!content) continue;
    const style = styles[name] || {};
    const block = el("div", { className: `fx-block fx-block--${name}` });
    block.style.padding = "0";
    if (style.backgroundColor) block.style.backgroundColor = style.backgroundColor;
    if (style.separator && !first) {
      block.classList.add("fx-block--sep");
      if (style.separatorColor) block.style.borderTopColor = style.separatorColor;
    }
    // The block's padding is the default padding of its top-level box, as in LINE.
    block.append(renderComponent(content, "vertical", onAction, { padding }));
    if (name === "body" && !bubble.footer) block.style.flex = "1 1 auto";
    if (name === "footer") block.style.marginTop = "auto";
    node.append(block);
    first = false;
  }
  if (bubble.action) bindAction(node, bubble.action, onAction);
  return node;
}

function renderComponent(comp, parentLayout, onAction, defaults = {}) {
  const render = {
    box: renderBox, text: renderText, button: renderButton, image: renderImage,
    icon: renderIcon, separator: renderSeparator, spacer: renderSpacer, filler: renderFiller,
    video: renderVideo, span: renderText,
  }[comp && comp.type];
  if (!render) {
    return el("div", { className: "fx-text", textContent: `[${comp && comp.type}]` });
  }
  const node = render(comp, parentLayout, onAction, defaults);
  applyCommon(node, comp, parentLayout);
  return node;
}

/** flex, gravity, absolute positioning: what any component may carry. */
function applyCommon(node, comp, parentLayout) {
  if (!["separator", "spacer", "filler"].includes(comp.type)) {
    const defaultFlex = parentLayout === "vertical" ? 0 : 1;
    const flex = Number.isFinite(comp.flex) ? comp.flex : defaultFlex;
    if (parentLayout === "vertical") node.style.flex = flex > 0 ? `${flex} 0 auto` : "0 0 auto";
    else node.style.flex = flex > 0 ? `${flex} 0 0` : "0 0 auto";
  }
  if (comp.gravity && GRAVITY[comp.gravity] && parentLayout !== "vertical") {
    node.style.alignSelf = GRAVITY[comp.gravity];
  }
  if (comp.position === "absolute") {
    node.style.position = "absolute";
    node.style.top = length(comp.offsetTop) || "";
    node.style.bottom = length(comp.offsetBottom) || "";
    node.style.insetInlineStart = length(comp.offsetStart) || "";
    node.style.insetInlineEnd = length(comp.offsetEnd) || "";
  } else if (comp.position === "relative" || comp.offsetTop || comp.offsetStart) {
    node.style.position = "relative";
    node.style.top = length(comp.offsetTop) || "";
    node.style.insetInlineStart = length(comp.offsetStart) || "";
  }
}

function renderBox(box, parentLayout, onAction, defaults) {
  const layout = ["horizontal", "vertical", "baseline"].includes(box.layout) ? box.layout : "vertical";
  const node = el("div", { className: `fx-box fx-box--${layout}` });
  const s = node.style;
  if (box.backgroundColor) s.backgroundColor = box.backgroundColor;
  if (box.background && box.background.type === "linearGradient") {
    const b = box.background;
    const middle = b.centerColor ? `, ${b.centerColor} ${b.centerPosition || "50%"}` : "";
    s.backgroundImage = `linear-gradient(${b.angle || "0deg"}, ${b.startColor}${middle}, ${b.endColor})`;
  }
  if (box.borderColor) s.borderColor = box.borderColor;
  const border = length(box.borderWidth, BORDER_WIDTH);
  if (border) { s.borderStyle = "solid"; s.borderWidth = border; }
  const radius = length(box.cornerRadius, RADIUS);
  if (radius) { s.borderRadius = radius; s.overflow = "hidden"; }
  const pad = length(box.paddingAll) || (defaults.padding ? `${defaults.padding}px` : undefined);
  if (pad) s.padding = pad;
  for (const [key, side] of [["paddingTop", "paddingTop"], ["paddingBottom", "paddingBottom"],
    ["paddingStart", "paddingInlineStart"], ["paddingEnd", "paddingInlineEnd"]]) {
    const v = length(box[key]);
    if (v) s[side] = v;
  }
  for (const [key, prop] of [["width", "width"], ["maxWidth", "maxWidth"], ["height", "height"],
    ["maxHeight", "maxHeight"]]) {
    const v = length(box[key], {});
    if (v) s[prop] = v;
  }
  if (JUSTIFY[box.justifyContent]) s.justifyContent = JUSTIFY[box.justifyContent];
  if (JUSTIFY[box.alignItems]) s.alignItems = JUSTIFY[box.alignItems];

  const spacing = length(box.spacing);
  let index = 0;
  for (const child of box.contents || []) {
    const node2 = renderComponent(child, layout, onAction);
    // A child's own margin wins over the parent's spacing; neither applies before the first.
    const gap = child.margin !== undefined ? length(child.margin) : index > 0 ? spacing : undefined;
    if (gap && child.position !== "absolute") {
      if (layout === "vertical") node2.style.marginTop = gap;
      else node2.style.marginInlineStart = gap;
    }
    node.append(node2);
    index += 1;
  }
  if (box.action) bindAction(node, box.action, onAction);
  return node;
}

function applyTextStyle(node, comp) {
  const size = length(comp.size, TEXT_SIZE);
  if (size) node.style.fontSize = size;
  if (comp.weight === "bold") node.style.fontWeight = "700";
  if (comp.color) node.style.color = comp.color;
  if (comp.style === "italic") node.style.fontStyle = "italic";
  if (comp.decoration === "underline" || comp.decoration === "line-through") {
    node.style.textDecoration = comp.decoration;
  }
}

function renderText(comp, parentLayout, onAction) {
  const node = el("div", { className: "fx-text" });
  if (comp.type === "span") {
    node.textContent = comp.text || "";
    applyTextStyle(node, comp);
    return node;
  }
  if (Array.isArray(comp.contents) && comp.contents.length) {
    for (const span of comp.contents) {
      const part = el("span", { textContent: span.text || "" });
      applyTextStyle(part, span);
      node.append(part);
    }
  } else {
    node.textContent = comp.text || "";
  }
  applyTextStyle(node, comp);
  if (comp.wrap) node.classList.add("fx-text--wrap");
  if (Number.isInteger(comp.maxLines) && comp.maxLines > 0) {
    node.classList.add("fx-text--wrap");
    node.style.display = "-webkit-box";
    node.style.webkitBoxOrient = "vertical";
    node.style.webkitLineClamp = String(comp.maxLines);
  }
  if (ALIGN_TEXT[comp.align]) node.style.textAlign = ALIGN_TEXT[comp.align];
  const spacing = length(comp.lineSpacing, {});
  if (spacing) node.style.lineHeight = `calc(1em + ${spacing})`;
  if (comp.action) bindAction(node, comp.action, onAction);
  return node;
}

function renderButton(comp, parentLayout, onAction) {
  const style = ["primary", "secondary", "link"].includes(comp.style) ? comp.style : "link";
  const action = comp.action || {};
  const node = el("button", {
    type: "button",
    className: `fx-button fx-button--${style}${comp.height === "sm" ? " fx-button--sm" : ""}`,
    textContent: action.label || "",
  });
  if (comp.color) {
    if (style === "link") node.style.color = comp.color;
    else node.style.backgroundColor = comp.color;
  }
  node.addEventListener("click", (event) => {
    event.stopPropagation();
    onAction(action);
  });
  return node;
}

function renderImage(comp, parentLayout, onAction) {
  const node = el("div", { className: `fx-image${comp.aspectMode === "fit" ? " fx-image--fit" : ""}` });
  node.style.justifyContent = ALIGN_SELF[comp.align] || "center";
  const frame = el("div");
  frame.style.width = length(comp.size || "md", IMAGE_SIZE) || "100px";
  frame.style.maxWidth = "100%";
  frame.style.aspectRatio = ratio(comp.aspectRatio) || "1 / 1";
  frame.style.flex = "none";
  const img = el("img", { alt: "", loading: "lazy", decoding: "async" });
  const src = safeUrl(comp.url);
  if (src) img.src = src;
  if (comp.backgroundColor) img.style.backgroundColor = comp.backgroundColor;
  frame.append(img);
  node.append(frame);
  if (comp.action) bindAction(node, comp.action, onAction);
  return node;
}

function renderIcon(comp) {
  const img = el("img", { className: "fx-icon", alt: "" });
  const src = safeUrl(comp.url);
  if (src) img.src = src;
  const size = length(comp.size || "md", TEXT_SIZE);
  if (size) {
    img.style.height = size;
    const r = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(comp.aspectRatio || "");
    img.style.width = r ? `calc(${size} * ${r[1]} / ${r[2]})` : size;
  }
  return img;
}

function renderSeparator(comp) {
  const node = el("div", { className: "fx-separator", role: "separator" });
  if (comp.color) node.style.backgroundColor = comp.color;
  return node;
}

function renderSpacer(comp, parentLayout) {
  const node = el("div", { className: "fx-spacer", "aria-hidden": "true" });
  const size = length(comp.size || "md", { ...SPACING, md: 8 }) || "8px";
  if (parentLayout === "vertical") node.style.height = size;
  else node.style.width = size;
  return node;
}

function renderFiller(comp) {
  const node = el("div", { className: "fx-filler", "aria-hidden": "true" });
  if (Number.isFinite(comp.flex)) node.style.flex = `${comp.flex} 0 0`;
  return node;
}

function renderVideo(comp, parentLayout, onAction) {
  // The LINE app falls back to altContent where video is unsupported; do the same.
  if (comp.altContent) return renderComponent(comp.altContent, parentLayout, onAction);
  return el("div", { className: "fx-video-alt", textContent: "วิดีโอ" });
}
