// The linesim inspection API (/_sim/...), as the chat page uses it.

async function json(response) {
  let body = {};
  try {
    body = await response.json();
  } catch {
    // A non-JSON answer (a proxy error page, say) still tells us the status.
  }
  if (!response.ok) {
    const error = new Error(body.error || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function post(path, payload) {
  return fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload),
  }).then(json);
}

export const listUsers = () => fetch("/_sim/users").then(json).then((b) => b.users || []);

export const saveUser = (profile) => post("/_sim/users", profile);

/** Make the user act; resolves with the sim's answer (webhook delivery status included). */
export const send = (userId, payload) => post("/_sim/send", { userId, ...payload });

export const messagesFor = (userId, after = 0) =>
  fetch(`/_sim/messages?to=${encodeURIComponent(userId)}&after=${after}`)
    .then(json)
    .then((b) => b.messages || []);

export const openStream = (userId) => new EventSource(`/_sim/stream?userId=${encodeURIComponent(userId)}`);
