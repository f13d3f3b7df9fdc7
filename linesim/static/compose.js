// The bottom of the chat: the text box, the attach menu (place, image, sticker) and the sheets
// that pick a place, a sticker or a date. It reports what the user chose; chat.js sends it.
import { el } from "./dom.js";
import { PLACES, STICKERS } from "./places.js";
import { stickerNode } from "./render.js";
import { toast } from "./timeline.js";

const $ = (id) => document.getElementById(id);
const MAX_IMAGE_BYTES = 10 * 1024 * 1024; // LINE's limit for an image a user sends

export function openDialog(dialog) {
  closeAttach();
  if (!dialog.open) dialog.showModal();
}

export const openPlaces = () => openDialog($("location-dialog"));
export const pickImage = () => $("image-input").click();

export function closeAttach() {
  $("attach-menu").hidden = true;
  $("attach-toggle").setAttribute("aria-expanded", "false");
}

/** Enable or disable everything a user types or taps to send (blocked bot, no user yet). */
export function setComposerEnabled(enabled) {
  const input = $("message-input");
  for (const node of $("composer").querySelectorAll("button, textarea")) {
    node.disabled = !enabled || (node.id === "send-button" && !input.value.trim());
  }
}

/** A datetimepicker action: the browser's own input, then `onPicked({date|time|datetime})`. */
export function pickDatetime(action, onPicked) {
  const dialog = $("datetime-dialog");
  const field = $("datetime-input");
  const mode = ["date", "time", "datetime"].includes(action.mode) ? action.mode : "datetime";
  field.type = mode === "datetime" ? "datetime-local" : mode;
  field.min = action.min || "";
  field.max = action.max || "";
  field.value = action.initial || "";
  $("datetime-label").textContent = { date: "วันที่", time: "เวลา", datetime: "วันที่และเวลา" }[mode];
  $("datetime-title").textContent = action.label || "เลือกวันเวลา";
  dialog.onclose = () => {
    // LINE's formats match the inputs': 2026-11-21, 13:30, 2026-11-21T13:30.
    if (dialog.returnValue === "ok" && field.value) onPicked({ [mode]: field.value });
  };
  dialog.returnValue = "";
  openDialog(dialog);
}

async function thumbnail(file) {
  // A small copy for the chat history (localStorage is small); the bot gets the original.
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, 480 / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL("image/jpeg", 0.8);
}

/** An image file as /_sim/send wants it, plus a preview; null (after a toast) when unusable. */
async function readImage(file) {
  if (!file.type.startsWith("image/")) {
    toast("เลือกไฟล์รูปภาพนะคะ", "error");
    return null;
  }
  if (file.size > MAX_IMAGE_BYTES) {
    toast("รูปใหญ่เกิน 10 MB ค่ะ", "error");
    return null;
  }
  const dataUrl = await new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
  let preview = dataUrl;
  try {
    preview = await thumbnail(file);
  } catch {
    // A format the browser cannot decode: show the original instead.
  }
  return {
    contentBase64: dataUrl.slice(dataUrl.indexOf(",") + 1),
    contentType: file.type,
    preview,
  };
}

function autosize() {
  const input = $("message-input");
  input.style.height = "auto";
  input.style.height = `${Math.min(input.scrollHeight + 2, 120)}px`;
  $("send-button").disabled = !input.value.trim() || input.disabled;
}

function wirePlaces(onLocation) {
  for (const spot of PLACES) {
    const button = el("button", { type: "button", className: "place-btn" }, [
      el("span", { className: "place-btn__pin", "aria-hidden": "true", textContent: "●" }),
      el("span", { className: "place-btn__name", textContent: spot.title }),
      el("span", {
        className: "place-btn__addr",
        textContent: `${spot.address} · ${spot.latitude.toFixed(4)}, ${spot.longitude.toFixed(4)}`,
      }),
    ]);
    button.addEventListener("click", () => {
      $("location-dialog").close();
      onLocation(spot);
    });
    $("place-list").append(el("li", {}, [button]));
  }
  $("send-custom-location").addEventListener("click", () => {
    const latitude = Number.parseFloat($("loc-lat").value);
    const longitude = Number.parseFloat($("loc-lng").value);
    if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) {
      toast("ใส่ละติจูดและลองจิจูดให้ถูกต้องนะคะ", "error");
      return;
    }
    $("location-dialog").close();
    onLocation({ title: $("loc-title").value.trim() || "ตำแหน่งของฉัน", address: "", latitude, longitude });
  });
}

function wireStickers(onSticker) {
  for (const sticker of STICKERS) {
    const label = `สติกเกอร์ ${sticker.packageId}/${sticker.stickerId}`;
    const button = el("button", { type: "button", "aria-label": label });
    button.append(stickerNode(sticker.packageId, sticker.stickerId).firstElementChild);
    button.addEventListener("click", () => {
      $("sticker-dialog").close();
      onSticker(sticker);
    });
    $("sticker-grid").append(button);
  }
}

/** Hook up the composer; each callback receives what the user chose to send. */
export function wireComposer({ onText, onLocation, onSticker, onImage }) {
  const input = $("message-input");
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    input.value = "";
    autosize();
    closeAttach();
    onText(text);
    input.focus();
  });
  input.addEventListener("input", autosize);
  input.addEventListener("keydown", (event) => {
    // Enter sends, Shift+Enter breaks the line; never while an input method is composing.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });

  $("attach-toggle").addEventListener("click", () => {
    const menu = $("attach-menu");
    menu.hidden = !menu.hidden;
    $("attach-toggle").setAttribute("aria-expanded", String(!menu.hidden));
  });
  $("attach-location").addEventListener("click", openPlaces);
  $("attach-sticker").addEventListener("click", () => openDialog($("sticker-dialog")));
  $("attach-image").addEventListener("click", () => {
    closeAttach();
    pickImage();
  });
  $("image-button").addEventListener("click", pickImage);
  $("image-input").addEventListener("change", (event) => {
    const file = event.target.files && event.target.files[0];
    event.target.value = "";
    if (!file) return;
    readImage(file).then(
      (image) => image && onImage(image),
      () => toast("อ่านไฟล์รูปไม่ได้ค่ะ", "error"),
    );
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeAttach();
  });
  wirePlaces(onLocation);
  wireStickers(onSticker);
}
