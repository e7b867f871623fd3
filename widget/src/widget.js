// Web chat widget of the Parkeerloket Assistent: talks to Rasa's socket.io channel.
//
// Embed on any page with one tag:
//   <script src="https://BACKEND/static/widget.js" data-municipality="Deventer" defer></script>
// Optional attributes: data-rasa-url (else asked from BACKEND/chat/widget-config) and
// data-container (id of an element to show the chat in; else a "Chat" button opens it).
import { io } from "socket.io-client";
import { CSS } from "./style.js";
import { el, linkify } from "./dom.js";

const SCRIPT = document.currentScript || document.querySelector('script[src*="widget.js"]');
const STORE_KEY = "parkeerloket-chat";
const TEXT = {
  title: (m) => `Chat met gemeente ${m}`,
  intro: (m) => `Welkom bij de Parkeerloket-assistent van gemeente ${m}. Stel uw vraag, `
    + "bijvoorbeeld: Ik wil een bewonersvergunning aanvragen.",
  log: "Gesprek",
  you: "U: ",
  bot: "Assistent: ",
  choices: "Kies een antwoord",
  input: "Uw bericht",
  send: "Versturen",
  restart: "Opnieuw beginnen",
  restarted: "U bent een nieuw gesprek begonnen.",
  typing: "De assistent schrijft een antwoord…",
  slow: "Het antwoord duurt langer dan normaal. Probeer het zo nog eens.",
  connecting: "Verbinding maken…",
  offline: "Geen verbinding met de assistent. We proberen het opnieuw.",
  download: "Download",
  open: "Chat met de gemeente",
  close: "Chat sluiten",
  empty: "Typ eerst uw bericht.",
};

function newSessionId() {
  // Same form as the backend's chat senders: "web-" and 32 hex digits.
  const hex = crypto.randomUUID ? crypto.randomUUID().replace(/-/g, "")
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  return `web-${hex}`;
}

function loadState() {
  try {
    const s = JSON.parse(sessionStorage.getItem(STORE_KEY) || "null");
    if (s && /^web-[a-f0-9]{32}$/.test(s.sessionId) && Array.isArray(s.messages)) return s;
  } catch (e) { /* unreadable: start again */ }
  return { sessionId: newSessionId(), messages: [], botCount: 0, open: false };
}

async function configFrom(script) {
  const d = script ? script.dataset : {};
  const origin = new URL(script.src, location.href).origin;      // the backend
  const cfg = { backend: origin, rasaUrl: d.rasaUrl, municipality: d.municipality, container: d.container };
  if (!cfg.rasaUrl || !cfg.municipality) {
    const r = await fetch(`${origin}/chat/widget-config`);
    const remote = await r.json();
    cfg.rasaUrl = cfg.rasaUrl || remote.rasa_url;
    cfg.municipality = cfg.municipality || remote.municipality;
  }
  return cfg;
}

class ChatWidget {
  constructor(cfg) {
    this.cfg = cfg;
    this.state = loadState();
    this.ready = false;        // session confirmed by Rasa
    this.queue = [];           // messages typed before that
    this.typingTimer = null;
    this.build();
    this.state.messages.forEach((m) => this.render(m));   // before it is on the page: not read out again
    this.updateChoices();
    this.mount();
    this.connect();
  }

  build() {
    if (!document.getElementById("plw-style")) {
      document.head.appendChild(el("style", { id: "plw-style" }, CSS));
    }
    const m = this.cfg.municipality;
    this.log = el("div", { class: "plw-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
      "aria-label": TEXT.log, tabindex: "0" });
    this.typing = el("p", { class: "plw-typing", role: "status" });
    this.status = el("p", { class: "plw-status", role: "status" });
    this.input = el("input", { id: "plw-input", class: "plw-input", type: "text", autocomplete: "off",
      maxlength: "1000" });
    this.form = el("form", { class: "plw-form" },
      el("label", { for: "plw-input" }, TEXT.input),
      el("div", { class: "plw-row" }, this.input, el("button", { type: "submit", class: "plw-send" }, TEXT.send)));
    this.restartButton = el("button", { type: "button", class: "plw-restart" }, TEXT.restart);
    this.panel = el("section", { id: "plw-panel", class: "plw", lang: "nl", "aria-labelledby": "plw-title" },
      el("div", { class: "plw-head" }, el("h2", { id: "plw-title" }, TEXT.title(m)), this.restartButton),
      el("p", { class: "plw-intro" }, TEXT.intro(m)),
      this.log, this.typing, this.status, this.form);

    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      const text = this.input.value.trim();
      if (!text) { this.setStatus(TEXT.empty); return; }
      this.input.value = "";
      this.send(text, text);
    });
    this.restartButton.addEventListener("click", () => this.restart());
  }

  mount() {
    const container = this.cfg.container && document.getElementById(this.cfg.container);
    if (container) {
      container.appendChild(this.panel);
      return;
    }
    // No place on the page: a button opens the chat in the corner.
    this.panel.classList.add("plw-floating");
    const closeButton = el("button", { type: "button", class: "plw-close", "aria-label": TEXT.close }, "×");
    this.panel.querySelector(".plw-head").appendChild(closeButton);
    this.launcher = el("button", { type: "button", class: "plw-launcher", lang: "nl", "aria-expanded": "false",
      "aria-controls": "plw-panel" }, TEXT.open);
    const toggle = (open) => {
      this.panel.hidden = !open;
      this.launcher.setAttribute("aria-expanded", String(open));
      this.state.open = open;
      this.save();
      (open ? this.input : this.launcher).focus();
    };
    this.launcher.addEventListener("click", () => toggle(this.panel.hidden));
    closeButton.addEventListener("click", () => toggle(false));
    this.panel.addEventListener("keydown", (e) => { if (e.key === "Escape") toggle(false); });
    this.panel.hidden = !this.state.open;
    this.launcher.setAttribute("aria-expanded", String(!!this.state.open));
    document.body.append(this.launcher, this.panel);
  }

  connect() {
    this.setStatus(TEXT.connecting);
    this.socket = io(this.cfg.rasaUrl, { path: "/socket.io" });
    this.socket.on("connect", () => {
      this.ready = false;
      this.socket.emit("session_request", { session_id: this.state.sessionId });
    });
    this.socket.on("session_confirm", async (id) => {
      if (id !== this.state.sessionId) return;      // an older request (restart)
      await this.catchUp(id);
      if (id !== this.state.sessionId) return;
      this.ready = true;
      if (this.status.textContent !== TEXT.restarted) this.setStatus("");
      this.queue.splice(0).forEach((text) => this.emit(text));
    });
    this.socket.on("disconnect", () => { this.ready = false; this.setStatus(TEXT.offline); });
    this.socket.on("connect_error", () => this.setStatus(TEXT.offline));
    this.socket.on("bot_uttered", (message) => this.receive(message));
  }

  emit(text) {
    this.socket.emit("user_uttered", { message: text, session_id: this.state.sessionId });
  }

  send(payload, shown) {
    if (this.ready) this.setStatus("");
    this.add({ who: "user", text: shown });
    this.showTyping(true);
    if (this.ready) this.emit(payload); else this.queue.push(payload);
  }

  // What the assistant said while no page was connected (e.g. "betaling ontvangen" after a
  // reload during payment): Rasa only sends to the sockets in the room at that moment. The
  // backend reads the conversation; we split it as Rasa's socket.io channel does and show
  // what comes after the messages this page already got.
  async catchUp(id) {
    try {
      const r = await fetch(`${this.cfg.backend}/chat/updates?sender=${encodeURIComponent(id)}&after=0`);
      if (!r.ok) return;
      const { messages } = await r.json();
      if (id !== this.state.sessionId) return;
      const sent = [];
      (messages || []).forEach((m) => {
        const buttons = m.buttons || [];
        if (m.text || buttons.length) {
          const parts = String(m.text || "").trim().split("\n\n");
          parts.forEach((text, i) => sent.push({ text, quick_replies: i === parts.length - 1 ? buttons : [] }));
        }
        if (m.custom) sent.push({ custom: m.custom });
      });
      sent.slice(this.state.botCount || 0).forEach((m) => this.receive(m));
    } catch (e) { /* the backend is unreachable: new messages still arrive */ }
  }

  receive(message) {
    if (!message || typeof message !== "object") return;
    this.state.botCount = (this.state.botCount || 0) + 1;
    this.save();
    this.showTyping(false);
    const custom = message.custom || {};
    const buttons = (message.quick_replies || message.buttons || [])
      .filter((b) => b && b.title && b.payload)
      .map((b) => ({ title: String(b.title), payload: String(b.payload) }));
    const doc = custom.document;
    const item = { who: "bot", text: String(message.text || custom.text || "") };
    if (buttons.length) item.buttons = buttons;
    if (doc && doc.url) {
      item.document = { url: String(doc.url), filename: String(doc.filename || ""), title: String(doc.title || doc.filename || "") };
    }
    if (item.text || item.buttons || item.document) this.add(item);
  }

  add(item) {
    this.state.messages.push(item);
    this.save();
    this.render(item);
    this.updateChoices();
  }

  render(item) {
    const bubble = el("div", { class: `plw-msg plw-${item.who}` },
      el("span", { class: "plw-sr" }, item.who === "user" ? TEXT.you : TEXT.bot));
    if (item.text) bubble.appendChild(el("p", { class: "plw-text" }, ...linkify(item.text)));
    if (item.document) {
      const d = item.document;
      bubble.appendChild(el("p", { class: "plw-doc" },
        el("a", { href: d.url, download: d.filename || "", target: "_blank", rel: "noopener" },
          `${TEXT.download}: ${d.title}${d.filename && d.filename !== d.title ? ` (${d.filename})` : ""}`)));
    }
    if (item.buttons) {
      const group = el("div", { class: "plw-choices", role: "group", "aria-label": TEXT.choices });
      item.buttons.forEach((b) => {
        const button = el("button", { type: "button", class: "plw-choice" }, b.title);
        button.addEventListener("click", () => {
          this.send(b.payload, b.title);
          this.input.focus();
        });
        group.appendChild(button);
      });
      bubble.appendChild(group);
    }
    this.log.appendChild(bubble);
    this.log.scrollTop = this.log.scrollHeight;
  }

  updateChoices() {
    // Only the choices of the last message can be pressed: older ones are answered.
    const groups = this.log.querySelectorAll(".plw-choices");
    const last = this.log.lastElementChild;
    groups.forEach((g) => {
      const active = g.parentElement === last;
      g.querySelectorAll("button").forEach((b) => { b.disabled = !active; });
    });
  }

  showTyping(on) {
    clearTimeout(this.typingTimer);
    this.typing.textContent = on ? TEXT.typing : "";
    if (on) {
      this.typingTimer = setTimeout(() => { this.typing.textContent = TEXT.slow; }, 30000);
    }
  }

  setStatus(text) {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  restart() {
    this.state = { sessionId: newSessionId(), messages: [], botCount: 0, open: this.state.open };
    this.save();
    this.log.replaceChildren();
    this.showTyping(false);
    this.queue = [];
    this.setStatus(TEXT.restarted);
    this.ready = false;
    if (this.socket.connected) this.socket.emit("session_request", { session_id: this.state.sessionId });
    this.input.focus();
  }

  save() {
    try { sessionStorage.setItem(STORE_KEY, JSON.stringify(this.state)); } catch (e) { /* private mode */ }
  }
}

configFrom(SCRIPT).then((cfg) => {
  const start = () => { window.parkeerloketChat = new ChatWidget(cfg); };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}).catch(() => {
  // Without configuration there is nothing to talk to; the page keeps working.
});
