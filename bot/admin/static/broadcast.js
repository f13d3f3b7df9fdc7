// Compose page: more message boxes, a live LINE-like preview and recipient count.
// Broadcast page: a progress bar that follows the sending until it ends.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const compose = document.getElementById("compose");
  if (compose) setUpCompose(compose);
  const card = document.getElementById("progress-card");
  if (card) followProgress(card);
});

function setUpCompose(form) {
  const preview = document.getElementById("line-preview");
  const fields = [...form.querySelectorAll(".message-field")];
  document.getElementById("add-message").addEventListener("click", () => {
    const next = fields.find((f) => f.hidden);
    if (next) { next.hidden = false; next.querySelector("textarea").focus(); }
  });
  const previewMs = document.getElementById("line-preview-ms");
  const bubble = (box, text) => {
    const made = document.createElement("div");
    made.className = "line-bubble";
    made.textContent = text;
    box.appendChild(made);
  };
  // Malay speakers get each message's Malay text when one is written, its Thai text otherwise.
  const renderPreview = () => {
    [preview, previewMs].forEach((box) => box.querySelectorAll(".line-bubble").forEach((b) => b.remove()));
    fields.forEach((field) => {
      const thai = field.querySelector("textarea[name=text]").value;
      const malay = field.querySelector("textarea[name=text_ms]").value;
      if (!thai.trim()) return;
      bubble(preview, thai);
      bubble(previewMs, malay.trim() ? malay : thai);
    });
  };
  const count = document.getElementById("recipient-count");
  const note = document.getElementById("count-note");
  let pending = null;
  const refreshCount = () => {
    clearTimeout(pending);
    pending = setTimeout(async () => {
      const params = new URLSearchParams();
      form.querySelectorAll("input[name=roles]:checked, input[name=provinces]:checked")
        .forEach((box) => params.append(box.name, box.value));
      [...form.querySelector("select[name=districts]").selectedOptions]
        .forEach((option) => params.append("districts", option.value));
      const response = await fetch(`${form.dataset.countUrl}?${params}`, { headers: { Accept: "application/json" } });
      const data = await response.json();
      count.textContent = data.count === null ? "-" : data.count.toLocaleString("th-TH");
      note.textContent = data.error || "";
    }, 250);
  };
  form.addEventListener("input", (event) => {
    if (event.target.name === "text" || event.target.name === "text_ms") renderPreview(); else refreshCount();
  });
  form.addEventListener("change", refreshCount);
  renderPreview();
  refreshCount();
}

const STATUS_TH = { draft: "ร่าง", scheduled: "ตั้งเวลาแล้ว", sending: "กำลังส่ง", sent: "ส่งแล้ว",
  failed: "ส่งไม่สำเร็จ", cancelled: "ยกเลิก" };

function followProgress(card) {
  const bar = document.getElementById("progress-bar");
  const box = document.getElementById("progress");
  const show = (state) => {
    bar.style.width = `${state.percent}%`;
    box.setAttribute("aria-valuenow", String(state.percent));
    document.getElementById("accepted").textContent = state.accepted;
    document.getElementById("failed").textContent = state.failed;
    document.getElementById("broadcast-status").textContent = STATUS_TH[state.status] || state.status;
    card.dataset.status = state.status;
    // Until sending starts the audience is not frozen (0 so far): the page's estimate stays.
    // Once it starts there is a real count, and nothing left to send or cancel.
    if (!["draft", "scheduled"].includes(state.status)) {
      document.getElementById("recipients").textContent = state.recipients;
      document.getElementById("recipients-note").hidden = true;
      card.querySelectorAll("form").forEach((form) => { form.hidden = true; });
    }
  };
  const poll = async () => {
    const response = await fetch(card.dataset.progressUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const state = await response.json();
    show(state);
    if (state.status === "sending" || state.status === "scheduled") setTimeout(poll, 500);
  };
  poll();
}
