// The chat page: one simulated LINE user talking 1:1 with the bot through linesim.
// The sim is the truth for what the bot sent; localStorage keeps what the user sent (the sim
// does not echo it back), which user was picked, and whether that user blocked the bot.
import * as api from "./api.js";
import {
  closeAttach, openPlaces, pickDatetime, pickImage, setComposerEnabled, wireComposer,
} from "./compose.js";
import { el, fillAvatar } from "./dom.js";
import { showRichMenu } from "./richmenu.js";
import { Timeline, banner, toast } from "./timeline.js";

const $ = (id) => document.getElementById(id);
const KEY_CURRENT = "linesim.currentUser";
const KEY_PROFILES = "linesim.profiles";
const sentKey = (userId) => `linesim.sent.${userId}`;
const blockedKey = (userId) => `linesim.blocked.${userId}`;
const MAX_KEPT = 200;
const wide = window.matchMedia("(min-width: 1000px)");

const saved = {
  get(key, fallback) {
    try {
      const raw = localStorage.getItem(key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch {
      return fallback;
    }
  },
  set(key, value) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or disabled: the history simply stays in memory for this visit.
    }
  },
};

const state = {
  user: null,
  users: [],
  items: [],            // the timeline, oldest first: bot deliveries and the user's own acts
  seen: new Set(),      // delivery seqs already shown
  lastSeq: 0,
  stream: null,
  streamOpen: null,     // resolves once the current stream is connected
  historyLoaded: false,
  pending: [],          // deliveries the stream brought while the history was loading
  loadToken: 0,
  blocked: false,
  nextLocalId: 1,
};

const timeline = new Timeline(handleAction);

/** Why a /_sim/send did not reach the bot, in Thai; null when it did. */
function deliveryProblem(delivery) {
  if (!delivery) return null;
  const { error, status } = delivery;
  if (!error && (status === null || (status >= 200 && status < 300))) return null;
  if (!error) return `บอทตอบกลับด้วยสถานะ ${status}`;
  if (error === "no webhook url") return "ยังไม่ได้ตั้งค่า webhook ของบอท";
  if (error === "timeout" || error.startsWith("connection error")) return "บอทไม่ตอบ";
  const code = /^status (\d+)$/.exec(error);
  return code ? `บอทตอบกลับด้วยสถานะ ${code[1]}` : error;
}

// ---------------------------------------------------------------- what the bot sends

function toBotItem(delivery) {
  return {
    kind: "bot",
    seq: delivery.seq,
    time: delivery.time || Date.now(),
    endpoint: delivery.endpoint || "reply",
    messages: Array.isArray(delivery.messages) ? delivery.messages : [],
  };
}

function updateQuickReplies() {
  // As in LINE: only the newest message's quick replies, and only while it is the last thing.
  // The page's own notices ("you unblocked the bot") are not turns in the chat: a notice drawn
  // after the bot's message never takes its choices away.
  const turns = state.items.filter((item) => !(item.kind === "user" && item.type === "system"));
  const last = turns[turns.length - 1];
  if (!last || last.kind !== "bot" || state.blocked) timeline.hideQuickReplies();
  else timeline.showQuickReplies(last.messages[last.messages.length - 1]);
}

function addDelivery(delivery) {
  if (!delivery || state.seen.has(delivery.seq)) return;
  state.seen.add(delivery.seq);
  state.lastSeq = Math.max(state.lastSeq, delivery.seq || 0);
  const item = toBotItem(delivery);
  state.items.push(item);
  timeline.hideTyping();
  timeline.show(item);
  updateQuickReplies();
}

async function catchUp(after) {
  const userId = state.user && state.user.userId;
  if (!userId) return;
  try {
    const found = await api.messagesFor(userId, after);
    if (state.user && state.user.userId === userId) found.forEach(addDelivery);
  } catch {
    // The stream will bring them, or the banner already says the sim is unreachable.
  }
}

function connectStream(userId) {
  if (state.stream) state.stream.close();
  const stream = api.openStream(userId);
  state.stream = stream;
  let opened;
  state.streamOpen = new Promise((resolve) => {
    opened = resolve;
  });
  let everOpen = false;
  stream.addEventListener("open", () => {
    banner("");
    opened();
    // After a reconnect, fetch whatever was sent while we were away.
    if (everOpen && state.historyLoaded) catchUp(state.lastSeq);
    everOpen = true;
  });
  stream.addEventListener("message", (event) => {
    let delivery;
    try {
      delivery = JSON.parse(event.data);
    } catch {
      return;
    }
    if (state.historyLoaded) addDelivery(delivery);
    else state.pending.push(delivery);
  });
  stream.addEventListener("typing", (event) => {
    let seconds = 20;
    try {
      seconds = JSON.parse(event.data).loadingSeconds;
    } catch {
      // A malformed frame still means "typing".
    }
    timeline.showTyping(seconds);
  });
  stream.addEventListener("error", () => {
    if (state.stream !== stream) return;
    banner("ขาดการเชื่อมต่อกับ linesim กำลังเชื่อมต่อใหม่…");
    if (stream.readyState === EventSource.CLOSED) {
      setTimeout(() => {
        if (state.stream === stream && state.user) connectStream(state.user.userId);
      }, 3000);
    }
  });
}

// ---------------------------------------------------------------- what the user does

function persistSent() {
  if (!state.user) return;
  const mine = state.items
    .filter((item) => item.kind === "user")
    .slice(-MAX_KEPT)
    .map(({ node, ...rest }) => rest);
  saved.set(sentKey(state.user.userId), mine);
}

function addUserItem(fields) {
  const id = `${Date.now()}-${state.nextLocalId++}`;
  const item = { kind: "user", id, time: Date.now(), ...fields };
  state.items.push(item);
  timeline.show(item);
  persistSent();
  return item;
}

/** Make the user do something (POST /_sim/send); `local` is what their bubble shows. */
async function act(payload, local) {
  if (!state.user) {
    openPanel();
    toast("เลือกหรือสร้างผู้ใช้ก่อนนะคะ");
    return null;
  }
  timeline.hideQuickReplies();
  const item = local ? addUserItem({ ...local, status: "sending" }) : null;
  const mark = (status) => {
    if (!item) return;
    item.status = status;
    timeline.refreshMeta(item);
    persistSent();
  };
  try {
    const answer = await api.send(state.user.userId, payload);
    const problem = deliveryProblem(answer.delivery);
    mark(problem ? "failed" : "read");
    if (problem) toast(`ส่งไม่สำเร็จ: ${problem}`, "error");
    // The webhook has answered by now, so whatever the bot sent is stored, even if the stream
    // has not brought it yet.
    catchUp(Math.min(answer.lastSeq ?? state.lastSeq, state.lastSeq));
    return answer;
  } catch (error) {
    mark("failed");
    toast(`ส่งไม่สำเร็จ: ${error.status ? error.message : "ติดต่อ linesim ไม่ได้"}`, "error");
    return null;
  }
}

function sendText(text) {
  const value = String(text ?? "");
  if (value.trim()) act({ type: "text", text: value }, { type: "text", text: value });
}

function sendPostback(data, params, displayText) {
  const payload = { type: "postback", data: data ?? "" };
  if (params) payload.params = params;
  act(payload, displayText ? { type: "text", text: displayText } : null);
}

function sendLocation(spot) {
  const { title, address, latitude, longitude } = spot;
  const fields = { title, address, latitude, longitude };
  act({ type: "location", ...fields }, { type: "location", ...fields });
}

function sendSticker({ packageId, stickerId }) {
  act({ type: "sticker", packageId, stickerId }, { type: "sticker", packageId, stickerId });
}

function sendImage({ contentBase64, contentType, preview }) {
  act({ type: "image", contentBase64, contentType }, { type: "image", src: preview });
}

function openUri(uri) {
  let url = null;
  try {
    url = new URL(uri, window.location.href);
  } catch {
    url = null;
  }
  if (url && ["http:", "https:", "tel:", "mailto:"].includes(url.protocol)) {
    window.open(url.href, "_blank", "noopener,noreferrer");
  } else {
    toast(`ลิงก์นี้เปิดในโปรแกรมจำลองไม่ได้: ${uri || ""}`);
  }
}

/** A LINE action object, from a button, a quick reply, a Flex component or an imagemap. */
function handleAction(action) {
  if (!action || !action.type) return;
  switch (action.type) {
    case "message":
      sendText(action.text);
      break;
    case "postback":
      // `text` is the deprecated spelling of displayText.
      sendPostback(action.data, null, action.displayText || action.text);
      break;
    case "uri":
      openUri(action.uri || (action.altUri && action.altUri.desktop));
      break;
    case "datetimepicker":
      pickDatetime(action, (params) => sendPostback(action.data, params));
      break;
    case "camera":
    case "cameraRoll":
      pickImage();
      break;
    case "location":
      openPlaces();
      break;
    case "clipboard":
      navigator.clipboard?.writeText(action.clipboardText || "").then(
        () => toast("คัดลอกแล้วค่ะ"),
        () => toast("คัดลอกไม่ได้ค่ะ", "error"),
      );
      break;
    case "richmenuswitch":
      sendPostback(action.data, { newRichMenuAliasId: action.richMenuAliasId, status: "SUCCESS" });
      break;
    default:
      toast(`ยังไม่รองรับการกระทำชนิด ${action.type}`);
  }
}

// ---------------------------------------------------------------- users

function rememberProfile(user) {
  const profiles = saved.get(KEY_PROFILES, {});
  profiles[user.userId] = { displayName: user.displayName, pictureUrl: user.pictureUrl || undefined };
  saved.set(KEY_PROFILES, profiles);
}

function renderUsers() {
  const list = $("user-list");
  list.replaceChildren();
  if (!state.users.length) {
    const hint = "ยังไม่มีผู้ใช้ สร้างคนแรกได้ด้านล่างค่ะ";
    list.append(el("li", { className: "user-list__empty", textContent: hint }));
    return;
  }
  for (const user of state.users) {
    const avatar = el("span", { className: "avatar avatar--sm", "aria-hidden": "true" });
    fillAvatar(avatar, user);
    const button = el("button", { type: "button", className: "user-item" }, [
      avatar,
      el("span", { className: "user-item__text" }, [
        el("span", { className: "user-item__name", textContent: user.displayName || "(ไม่มีชื่อ)" }),
        el("span", { className: "user-item__id", textContent: user.userId }),
      ]),
    ]);
    const current = Boolean(state.user && state.user.userId === user.userId);
    button.setAttribute("aria-current", String(current));
    button.addEventListener("click", () => {
      selectUser(user);
      closePanel();
    });
    list.append(el("li", {}, [button]));
  }
}

async function refreshUsers() {
  // Users made elsewhere (a test's SimClient, another tab) show up when the panel opens.
  try {
    state.users = await api.listUsers();
    renderUsers();
  } catch {
    // Keep the list we have; the banner reports an unreachable sim.
  }
}

function applyBlocked() {
  const { blocked, user } = state;
  $("blocked-bar").hidden = !blocked || !user;
  setComposerEnabled(Boolean(user) && !blocked);
  $("follow-box").hidden = !user;
  $("block-btn").disabled = blocked || !user;
  $("follow-btn").disabled = !blocked || !user;
  $("follow-status").textContent = blocked ? "บล็อกอาสาบอทอยู่" : "เป็นเพื่อนกับอาสาบอทแล้ว";
  updateQuickReplies();
}

async function selectUser(user) {
  const token = ++state.loadToken;
  state.user = user;
  saved.set(KEY_CURRENT, user.userId);
  rememberProfile(user);
  showRichMenu(user.userId, handleAction);
  renderUsers();
  $("current-user-line").textContent = `คุยในฐานะ ${user.displayName || user.userId}`;
  fillAvatar($("me-avatar"), user);
  state.blocked = saved.get(blockedKey(user.userId), false);
  // A send cut short by closing the page never got its answer.
  state.items = saved
    .get(sentKey(user.userId), [])
    .map((item) => (item.status === "sending" ? { ...item, status: "failed" } : item));
  state.seen = new Set();
  state.lastSeq = 0;
  state.historyLoaded = false;
  state.pending = [];
  timeline.clear();
  applyBlocked();
  // Subscribe first, then read the history, so nothing sent in between is lost.
  connectStream(user.userId);
  let history = [];
  try {
    history = await api.messagesFor(user.userId);
  } catch {
    banner("อ่านประวัติแชตจาก linesim ไม่ได้");
  }
  if (token !== state.loadToken) return;
  for (const delivery of history) {
    state.seen.add(delivery.seq);
    state.lastSeq = Math.max(state.lastSeq, delivery.seq || 0);
    state.items.push(toBotItem(delivery));
  }
  state.items.sort((a, b) => a.time - b.time);
  state.items.forEach((item) => timeline.show(item));
  state.historyLoaded = true;
  state.pending.splice(0).forEach(addDelivery);
  updateQuickReplies();
}

async function createUser(displayName, pictureUrl) {
  const profile = { displayName, language: "th" };
  if (pictureUrl) profile.pictureUrl = pictureUrl;
  const user = await api.saveUser(profile);
  state.users.push(user);
  await selectUser(user);
  // A new friend: LINE sends `follow`, and the bot greets. Let the stream connect first.
  await Promise.race([state.streamOpen, new Promise((resolve) => setTimeout(resolve, 2000))]);
  await act({ type: "follow" }, null);
}

function removeUserItem(item) {
  state.items = state.items.filter((other) => other !== item);
  if (item.node) item.node.remove();
  persistSent();
}

async function setBlocked(blocked) {
  if (!state.user) return;
  const payload = blocked ? { type: "unfollow" } : { type: "follow", isUnblocked: true };
  // Unblocking makes the bot greet: the notice goes first so the welcome lands under it, live
  // and after a reload alike. It is taken back if the follow never reached the bot.
  const unblocked = blocked ? null : addUserItem({ type: "system", text: "คุณเลิกบล็อกอาสาบอทแล้ว" });
  if (!(await act(payload, null))) {
    if (unblocked) removeUserItem(unblocked);
    return;
  }
  state.blocked = blocked;
  saved.set(blockedKey(state.user.userId), blocked);
  if (blocked) addUserItem({ type: "system", text: "คุณบล็อกอาสาบอทแล้ว" });
  applyBlocked();
}

// ---------------------------------------------------------------- the users panel

function openPanel() {
  refreshUsers();
  if (wide.matches) {
    $("new-user-name").focus();
    return;
  }
  $("user-panel").classList.add("is-open");
  $("panel-backdrop").hidden = false;
  $("open-users").setAttribute("aria-expanded", "true");
  ($("user-panel").querySelector('.user-item[aria-current="true"]') || $("new-user-name")).focus();
}

function closePanel() {
  if (wide.matches) return;
  $("user-panel").classList.remove("is-open");
  $("panel-backdrop").hidden = true;
  $("open-users").setAttribute("aria-expanded", "false");
}

function wirePanel() {
  $("open-users").addEventListener("click", openPanel);
  $("me-button").addEventListener("click", openPanel);
  $("close-users").addEventListener("click", closePanel);
  $("panel-backdrop").addEventListener("click", closePanel);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closePanel();
  });
  $("new-user-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = $("new-user-name").value.trim();
    if (!name) return;
    const button = $("create-user");
    button.disabled = true;
    try {
      await createUser(name, $("new-user-picture").value.trim());
      $("new-user-form").reset();
      closePanel();
      $("message-input").focus();
    } catch (error) {
      toast(`สร้างผู้ใช้ไม่สำเร็จ: ${error.message}`, "error");
    } finally {
      button.disabled = false;
    }
  });
  $("block-btn").addEventListener("click", () => setBlocked(true));
  $("follow-btn").addEventListener("click", () => setBlocked(false));
  $("unblock-btn").addEventListener("click", () => setBlocked(false));
}

async function start() {
  wireComposer({
    onText: sendText, onLocation: sendLocation, onSticker: sendSticker, onImage: sendImage,
  });
  wirePanel();
  applyBlocked();
  try {
    state.users = await api.listUsers();
  } catch {
    banner("ติดต่อ linesim ไม่ได้ ลองรีเฟรชหน้านี้อีกครั้งนะคะ");
  }
  const currentId = saved.get(KEY_CURRENT, null);
  let user = state.users.find((u) => u.userId === currentId);
  const profile = currentId && saved.get(KEY_PROFILES, {})[currentId];
  if (!user && profile) {
    // linesim was restarted and forgot its users: bring ours back under the same id.
    try {
      user = await api.saveUser({ userId: currentId, ...profile });
      state.users.push(user);
    } catch {
      user = null;
    }
  }
  renderUsers();
  if (user) await selectUser(user);
  else openPanel();
  closeAttach();
  document.body.dataset.ready = "true";
}

start();
