// "แชทกับประชาชน": new lines of the transcript appear as they come (a small JSON poll).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const list = document.getElementById("transcript");
  if (!list) return;
  const who = { person: "ผู้ใช้", officer: "เจ้าหน้าที่", notice: "ระบบ" };
  const what = { image: "[รูปภาพ]", sticker: "[สติกเกอร์]", file: "[ไฟล์]" };
  const lastId = () => {
    const items = list.querySelectorAll("li[data-id]");
    return items.length ? Number(items[items.length - 1].dataset.id) : 0;
  };
  const add = (line) => {
    const item = document.createElement("li");
    item.className = `line line-${line.sender}`;
    item.dataset.id = String(line.id);
    const name = document.createElement("span");
    name.className = "who";
    name.textContent = who[line.sender] || line.sender;
    const body = document.createElement("span");
    body.className = "what";
    body.textContent = line.kind === "text" ? line.text
      : line.kind === "location" ? `[ตำแหน่ง] ${line.text || ""}`
      : line.kind === "article" ? `[บทความ] ${line.text || ""}` : (what[line.kind] || "[ไฟล์]");
    if (line.kind === "image") {
      const link = document.createElement("a");
      link.href = `${list.dataset.photoBase}${line.id}`;
      link.target = "_blank";
      link.textContent = "[รูปภาพ] เปิดดู";
      body.replaceChildren(link);
    }
    const time = document.createElement("time");
    time.textContent = line.at;
    item.append(name, " ", body, " ", time);
    list.append(item);
  };
  const poll = async () => {
    try {
      const response = await fetch(`${list.dataset.pollUrl}?after=${lastId()}`, {
        headers: { Accept: "application/json" }, credentials: "same-origin",
      });
      if (response.ok) {
        const body = await response.json();
        body.lines.forEach(add);
        if (body.status !== list.dataset.status) {
          window.location.reload(); // taken, ended or timed out elsewhere: new buttons
          return;
        }
      }
    } catch (error) {
      // The next poll tries again; the console may be restarting.
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 2000);
  // A canned reply fills the box; the officer may edit it before pressing "ส่ง".
  document.querySelectorAll("button[data-fill]").forEach((button) => {
    button.addEventListener("click", () => {
      const box = document.getElementById("reply-text");
      box.value = button.dataset.fill;
      box.focus();
    });
  });
  // A second press while the first is on its way sends nothing new (the retry key sees to it),
  // and the disabled button says so.
  document.querySelectorAll("form.reply").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelector("button[type=submit]").disabled = true;
    });
  });
});
