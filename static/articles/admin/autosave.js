// Autosave of the article form (articles.admin.autosave): the form is posted in the
// background 5 seconds after the last change, at least every 30 seconds while the
// writer keeps typing, and when the page is hidden or left. The server keeps it as an
// autosave revision; the article itself only changes when the writer saves.
// A file, with its settings in data-* attributes: the admin's CSP refuses inline scripts.
(function () {
  "use strict";

  const IDLE_MS = 5000;
  const MAX_MS = 30000;
  const RETRY_MS = 15000;
  // Keys of a real save: the autosave never sends them (the server refuses them).
  const SUBMIT_KEYS = ["_save", "_continue", "_addanother", "_saveasnew", "_transition"];
  const TAB_FIELD = "_autosave_tab";
  const KEEP_FIELD = "_autosave_keep";
  const NOT_IN_FINGERPRINT = ["csrfmiddlewaretoken", TAB_FIELD];

  const status = document.querySelector("[data-autosave-status]");
  const form = document.getElementById("article_form");
  if (!status || !form) {
    return;
  }
  const warning = document.querySelector("[data-autosave-warning]");
  const offer = document.querySelector("[data-autosave-offer]");
  let url = status.dataset.url;
  let adding = status.hasAttribute("data-add");

  // Near the save buttons, where the writer looks before saving.
  const bar = document.querySelector(".writing-desk__actions");
  if (bar) {
    bar.appendChild(status);
  }

  function hiddenInput(name, value) {
    let input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
    return input;
  }

  function randomId() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // This page's id, posted by its autosaves and by its manual save: an autosave that
  // reaches the server after the page's own save is dropped there.
  hiddenInput(TAB_FIELD, randomId());

  function formText() {
    // Text values only: files wait for the manual save.
    const data = new FormData(form);
    const entries = [];
    data.forEach((value, key) => {
      if (typeof value === "string" && !SUBMIT_KEYS.includes(key)) {
        entries.push([key, value]);
      }
    });
    return entries;
  }

  function fingerprint(entries) {
    return JSON.stringify(entries.filter(([key]) => !NOT_IN_FINGERPRINT.includes(key)));
  }

  let lastSent = fingerprint(formText()); // what the server holds (the page as loaded)
  let lastSeen = lastSent;
  let refused = null; // a text the server refused: not sent again until it changes
  let changedAt = 0;
  let dirtySince = 0;
  let retryAt = 0;
  let inFlight = false;
  let submitting = false;
  let stopped = false;

  function setStatus(text, failed) {
    status.textContent = text;
    status.classList.toggle("autosave-status--failed", Boolean(failed));
  }

  function showWarning(message) {
    if (warning && message) {
      warning.textContent = message;
      warning.hidden = false;
    }
  }

  function check() {
    const seen = fingerprint(formText());
    if (seen !== lastSeen) {
      lastSeen = seen;
      changedAt = Date.now();
      dirtySince = dirtySince || changedAt;
    }
    return lastSeen !== lastSent && lastSeen !== refused;
  }

  function payload() {
    const data = new FormData();
    formText().forEach(([key, value]) => data.append(key, value));
    if (offer && offer.isConnected) {
      // Still offered: this page's autosaves must not replace it yet.
      data.append(KEEP_FIELD, offer.dataset.autosaveOffer);
    }
    return data;
  }

  function switchToChangePage(body) {
    // The draft exists now: this page is its change form from here on.
    adding = false;
    url = body.autosave_url;
    status.dataset.ignoreUrl = body.ignore_url;
    form.action = body.change_url;
    hiddenInput("article_version", String(body.version));
    history.replaceState(history.state, "", body.change_url);
  }

  function handle(response, body, sent) {
    if (response.ok && body.saved) {
      lastSent = sent;
      if (body.created) {
        switchToChangePage(body);
      }
      if (body.conflict) {
        showWarning(body.message);
      }
      setStatus("Enregistré automatiquement à " + body.saved_at);
    } else if (response.ok && body.superseded) {
      stopped = true;
    } else if (response.status === 403 || response.status === 404) {
      stopped = true;
      setStatus("Enregistrement automatique impossible : " + body.message, true);
    } else {
      refused = response.status === 400 ? sent : null;
      retryAt = Date.now() + RETRY_MS;
      setStatus("Enregistrement automatique impossible : " + body.message, true);
    }
  }

  function send(leaving) {
    const sent = lastSeen;
    const options = { method: "POST", body: payload(), credentials: "same-origin" };
    inFlight = true;
    dirtySince = 0;
    let request;
    try {
      // keepalive: delivered even if the tab is closing (bodies up to 64 kB).
      request = fetch(url, leaving ? { ...options, keepalive: true } : options);
    } catch {
      request = fetch(url, options);
    }
    request
      .then((response) => {
        const type = response.headers.get("Content-Type") || "";
        if (!type.includes("application/json")) {
          throw new Error(
            "votre session a peut-être expiré ; reconnectez-vous dans un autre onglet.",
          );
        }
        return response.json().then((body) => handle(response, body, sent));
      })
      .catch((error) => {
        retryAt = Date.now() + RETRY_MS;
        dirtySince = dirtySince || Date.now();
        setStatus(
          "Enregistrement automatique impossible : " +
            (error.message || "le serveur ne répond pas."),
          true,
        );
      })
      .finally(() => {
        inFlight = false;
      });
  }

  function ready() {
    if (stopped || submitting || inFlight || Date.now() < retryAt || !check()) {
      return false;
    }
    if (adding && !(form.elements.title && form.elements.title.value.trim())) {
      return false; // nothing to name the draft by yet
    }
    return true;
  }

  function tick() {
    if (!ready()) {
      return;
    }
    const now = Date.now();
    if (now - changedAt >= IDLE_MS || now - dirtySince >= MAX_MS) {
      send(false);
    }
  }

  function flush() {
    retryAt = 0;
    if (ready()) {
      send(true);
    }
  }

  form.addEventListener("input", check);
  form.addEventListener("change", check);
  form.addEventListener("submit", () => {
    // The manual save carries the text; if the page stays (a script stopped the
    // submission), autosaving resumes.
    submitting = true;
    setTimeout(() => {
      submitting = false;
    }, 10000);
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      flush();
    }
  });
  window.addEventListener("pagehide", flush);
  setInterval(tick, 1000);

  const ignore = document.querySelector("[data-autosave-ignore]");
  if (ignore && offer) {
    ignore.addEventListener("click", () => {
      const data = new FormData();
      data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
      data.append("revision", offer.dataset.autosaveOffer);
      fetch(status.dataset.ignoreUrl, { method: "POST", body: data, credentials: "same-origin" })
        .then((response) => {
          if (!response.ok) {
            throw new Error();
          }
          offer.remove();
          setStatus("Le texte enregistré automatiquement a été ignoré.");
        })
        .catch(() => {
          setStatus("Impossible d'ignorer le texte enregistré automatiquement ; réessayez.", true);
        });
    });
  }
})();
