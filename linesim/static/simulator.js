// The chat simulator: pick a persona, talk to the bot through the LINE emulator, render replies.
"use strict";

const POLL_MS = 700;
const SVG_NS = "http://www.w3.org/2000/svg";
const state = { config: null, personas: [], userId: null, next: 0, entries: [], polling: null };
const $ = (id) => document.getElementById(id);

async function api(path, options = {}) {
  const response = await fetch("api/" + path, options);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function postJson(path, body) {
  return api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

// --- personas -------------------------------------------------------------------------------

async function loadPersonas(selectId) {
  state.personas = await api("personas");
  const select = $("persona");
  select.replaceChildren();
  for (const persona of state.personas) {
    const option = el("option", null, `${persona.display_name} (${persona.role})`);
    option.value = persona.user_id;
    option.dataset.role = persona.role;
    select.append(option);
  }
  if (!state.personas.length) {
    await createPersona("ป้าศรี", "villager");
    return;
  }
  select.value = selectId && state.personas.some((p) => p.user_id === selectId) ? selectId : state.personas[0].user_id;
  switchPersona(select.value);
}

async function createPersona(name, role) {
  const persona = await postJson("personas", { display_name: name, role });
  document.querySelector(".new-persona").open = false;
  await loadPersonas(persona.user_id);
}

function switchPersona(userId) {
  state.userId = userId;
  state.next = 0;
  state.entries = [];
  $("chat").replaceChildren();
  $("quick-replies").replaceChildren();
  poll();
}

// --- sending --------------------------------------------------------------------------------

async function send(body) {
  showStatus("กำลังส่ง…");
  try {
    const result = await postJson("send", { user_id: state.userId, ...body });
    showDelivery(result);
  } catch (error) {
    showStatus(String(error));
  }
  $("quick-replies").replaceChildren();
  poll();
}

function showDelivery(result) {
  showStatus(result.status ? `webhook ${result.status} · ${result.latency_s}s` : `webhook failed: ${result.error}`);
}

function showStatus(text) {
  $("status").textContent = text;
}

async function sendPhoto(file) {
  const form = new FormData();
  form.append("user_id", state.userId);
  form.append("photo", file);
  showStatus("กำลังส่งรูป…");
  try {
    showDelivery(await api("send_image", { method: "POST", body: form }));
  } catch (error) {
    showStatus(String(error));
  }
  poll();
}

function runAction(action) {
  switch (action.type) {
    case "message":
      return send({ kind: "text", text: action.text });
    case "postback":
      return send({ kind: "postback", data: action.data, display_text: action.displayText || action.text || "" });
    case "location":
      return openLocationPicker();
    case "datetimepicker":
      return pickDatetime(action);
    case "uri":
      return window.open(action.uri, "_blank", "noopener");
    case "camera":
    case "cameraRoll":
      return $("photo").click();
    default:
      showStatus(`action ${action.type} is not simulated`);
  }
}

function pickDatetime(action) {
  const mode = action.mode || "datetime";
  const hint = { date: "YYYY-MM-DD", time: "HH:mm", datetime: "YYYY-MM-DDTHH:mm" }[mode];
  const value = window.prompt(`${action.label || "เลือกวันเวลา"} (${hint})`, action.initial || "");
  if (value) send({ kind: "postback", data: action.data, params: { [mode]: value } });
}

// --- location picker ---------------------------------------------------------------------------

function openLocationPicker() {
  $("location-dialog").showModal();
}

function sendLocation(lat, lon, title) {
  $("location-dialog").close();
  send({ kind: "location", lat, lon, title: title || "", address: title ? `อ.${title} จ.ลำปาง` : "" });
}

function drawMap() {
  const { map, places } = state.config;
  const container = $("map");
  if (map) {
    const p = map.projection;
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", `0 0 ${p.width} ${p.height}`);
    svg.dataset.testid = "location-map";
    for (const area of map.areas) {
      const path = document.createElementNS(SVG_NS, "path");
      path.setAttribute("d", area.path);
      const title = document.createElementNS(SVG_NS, "title");
      title.textContent = area.name;
      path.append(title);
      svg.append(path);
    }
    for (const place of places) {
      const label = document.createElementNS(SVG_NS, "text");
      label.setAttribute("x", (place.lon - p.west) * p.scale_x);
      label.setAttribute("y", (p.north - place.lat) * p.scale_y);
      label.setAttribute("text-anchor", "middle");
      label.textContent = place.name;
      svg.append(label);
    }
    svg.addEventListener("click", (event) => {
      const point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      const xy = point.matrixTransform(svg.getScreenCTM().inverse());
      const lon = p.west + xy.x / p.scale_x;
      const lat = p.north - xy.y / p.scale_y;
      sendLocation(Number(lat.toFixed(6)), Number(lon.toFixed(6)), "");
    });
    container.append(svg);
  }
  places.forEach((place, index) => {
    const button = el("button", null, place.name);
    button.type = "button";
    button.dataset.testid = `place-${index}`;
    button.addEventListener("click", () => sendLocation(place.lat, place.lon, place.name));
    $("places").append(button);
  });
}

// --- rendering ------------------------------------------------------------------------------

async function poll() {
  const userId = state.userId;
  if (!userId) return;
  try {
    const chat = await api(`chat/${encodeURIComponent(userId)}?after=${state.next}`);
    if (userId !== state.userId) return; // the persona changed while this request was in flight
    // Polls overlap (timer and after-send); keep only entries not rendered yet.
    const fresh = chat.entries.filter((entry) => entry.seq >= state.next);
    if (fresh.length) {
      state.next = fresh[fresh.length - 1].seq + 1;
      for (const entry of fresh) appendEntry(entry);
      renderQuickReplies(fresh[fresh.length - 1]);
      const log = $("chat");
      log.scrollTop = log.scrollHeight;
    }
  } catch (error) {
    showStatus(String(error));
  }
}

function appendEntry(entry) {
  state.entries.push(entry);
  const row = el("div", `row ${entry.from}`);
  row.dataset.testid = entry.from === "user" ? "message-from-user" : "message-from-bot";
  row.dataset.seq = entry.seq;
  row.append(renderMessage(entry));
  if (entry.from === "bot") row.append(el("span", "via", entry.via));
  $("chat").append(row);
}

function renderMessage(entry) {
  const message = entry.message;
  switch (message.type) {
    case "text":
    case "textV2":
      return el("div", "bubble", message.text);
    case "image": {
      const bubble = el("div", "bubble");
      const img = el("img");
      img.alt = "รูปภาพ";
      img.src = message.originalContentUrl || `api/content/${encodeURIComponent(entry.message_id)}`;
      bubble.append(img);
      return bubble;
    }
    case "location":
      return el("div", "bubble", `📍 ${message.title || ""} ${message.address || ""}\n${message.latitude}, ${message.longitude}`.trim());
    case "sticker":
      return el("div", "bubble", "🙂 (สติกเกอร์)");
    case "flex":
      return renderFlex(message.contents);
    case "template":
      return el("div", "bubble", message.altText);
    default:
      return el("div", "bubble", `[${message.type}]`);
  }
}

function renderFlex(contents) {
  if (contents.type === "carousel") {
    const carousel = el("div", "flex-carousel");
    carousel.dataset.testid = "flex-carousel";
    for (const bubble of contents.contents) carousel.append(renderBubble(bubble));
    return carousel;
  }
  return renderBubble(contents);
}

function renderBubble(bubble) {
  const card = el("div", "flex-bubble");
  card.dataset.testid = "flex-bubble";
  for (const part of ["header", "hero", "body", "footer"]) {
    if (!bubble[part]) continue;
    const section = el("div", `flex-section ${part}`);
    const style = (bubble.styles || {})[part] || {};
    if (style.backgroundColor) section.style.background = style.backgroundColor;
    section.append(renderComponent(bubble[part]));
    card.append(section);
  }
  return card;
}

function renderComponent(component) {
  switch (component.type) {
    case "box": {
      const box = el("div", `flex-box ${component.layout || "vertical"}`);
      if (component.backgroundColor) box.style.background = component.backgroundColor;
      if (component.paddingAll) box.style.padding = flexSize(component.paddingAll);
      for (const child of component.contents || []) {
        const node = renderComponent(child);
        if (child.flex !== undefined) node.style.flex = String(child.flex);
        else if (component.layout === "horizontal" || component.layout === "baseline") node.style.flex = "1";
        box.append(node);
      }
      return box;
    }
    case "text": {
      const text = el("div", `flex-text size-${component.size || "md"}${component.weight === "bold" ? " bold" : ""}`);
      text.textContent = component.text || (component.contents || []).map((span) => span.text).join("");
      if (component.color) text.style.color = component.color;
      if (component.align) text.style.textAlign = component.align;
      return text;
    }
    case "button": {
      const button = el("button", `flex-button ${component.style || "link"}`, component.action.label || "");
      button.type = "button";
      button.dataset.testid = "flex-button";
      button.addEventListener("click", () => runAction(component.action));
      return button;
    }
    case "image": {
      const img = el("img", "flex-image");
      img.src = component.url;
      img.alt = "";
      return img;
    }
    case "separator":
      return el("div", "flex-separator");
    case "icon":
      return el("span", null, "•");
    default:
      return el("div");
  }
}

function flexSize(value) {
  const named = { none: "0", xs: "2px", sm: "4px", md: "8px", lg: "12px", xl: "16px", xxl: "20px" };
  return named[value] || value;
}

function renderQuickReplies(lastEntry) {
  const bar = $("quick-replies");
  bar.replaceChildren();
  // LINE shows the quick reply of the last message only, and only until the user answers.
  if (lastEntry.from !== "bot" || !lastEntry.message.quickReply) return;
  lastEntry.message.quickReply.items.forEach((item, index) => {
    const button = el("button", "quick-reply", item.action.label);
    button.type = "button";
    button.dataset.testid = `quick-reply-${index}`;
    button.dataset.label = item.action.label;
    button.addEventListener("click", () => runAction(item.action));
    bar.append(button);
  });
}

// --- wiring ---------------------------------------------------------------------------------

async function start() {
  state.config = await api("config");
  drawMap();
  $("persona").addEventListener("change", (event) => switchPersona(event.target.value));
  $("create-persona").addEventListener("click", () =>
    createPersona($("new-name").value.trim() || "ชาวบ้าน", $("new-role").value));
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("text").value;
    if (!text.trim()) return;
    $("text").value = "";
    send({ kind: "text", text });
  });
  $("text").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  $("location-button").addEventListener("click", openLocationPicker);
  $("photo").addEventListener("change", (event) => {
    const file = event.target.files[0];
    if (file) sendPhoto(file);
    event.target.value = "";
  });
  await loadPersonas();
  state.polling = setInterval(poll, POLL_MS);
}

start().catch((error) => showStatus(String(error)));
