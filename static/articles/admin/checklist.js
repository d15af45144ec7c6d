// The pre-publication checklist, kept up to date as one writes
// (articles/admin/checklist.py). A file, not inline script: the admin's CSP refuses it.
//
// About 1.5 s after the last change, the whole form is posted (never its submit buttons,
// nor files) to the checklist's address, which saves nothing and answers the list.
(function () {
  "use strict";

  var DELAY = 1500;
  var POLL = 2000;
  // Buttons that would mean "save" or "take a transition" to the change view.
  var ACTIONS = ["_transition", "_save", "_continue", "_addanother", "_saveasnew"];

  var box = document.querySelector(".checklist[data-checklist-url]");
  var form = document.getElementById("article_form");
  if (!box || !form || !window.fetch || !window.FormData) {
    return;
  }
  var url = box.getAttribute("data-checklist-url");
  var timer = null;
  var busy = false;
  var again = false;

  function bodyValue() {
    // django-prose-editor writes the document into this textarea on every change.
    var body = document.getElementById("id_body");
    return body ? body.value : "";
  }
  var lastBody = bodyValue();

  function payload() {
    var data = new FormData();
    new FormData(form).forEach(function (value, name) {
      if (ACTIONS.indexOf(name) === -1 && !(window.File && value instanceof File)) {
        data.append(name, value);
      }
    });
    return data;
  }

  function replaceList(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var fresh = template.content;
    var list = box.querySelector(".checklist__list");
    var newList = fresh.querySelector(".checklist__list");
    if (list && newList) {
      list.replaceWith(newList);
    }
    // The live region stays the same element: only its words change, once.
    var summary = box.querySelector(".checklist__summary");
    var newSummary = fresh.querySelector(".checklist__summary");
    if (summary && newSummary) {
      if (summary.textContent !== newSummary.textContent) {
        summary.textContent = newSummary.textContent;
      }
      var blocking = newSummary.getAttribute("data-blocking") || "0";
      summary.setAttribute("data-blocking", blocking);
      var override = box.querySelector(".checklist__override");
      if (override) {
        var ticked = override.querySelector("input[type=checkbox]");
        override.hidden = blocking === "0" && !(ticked && ticked.checked);
      }
    }
  }

  function setStale(stale) {
    var note = box.querySelector(".checklist__stale");
    if (note) {
      note.hidden = !stale;
    }
  }

  function refresh() {
    timer = null;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    fetch(url, {
      method: "POST",
      body: payload(),
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("checklist: " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        replaceList(html);
        setStale(false);
      })
      .catch(function () {
        setStale(true);
      })
      .then(function () {
        busy = false;
        if (again) {
          again = false;
          schedule();
        }
      });
  }

  function schedule() {
    if (timer !== null) {
      clearTimeout(timer);
    }
    timer = setTimeout(refresh, DELAY);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  // Inline rows (bylines) added or removed by the admin's inlines.js.
  document.addEventListener("formset:added", schedule);
  document.addEventListener("formset:removed", schedule);
  // The autocomplete widgets (section, image, authors) announce changes through jQuery.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(form).on("change", "select", schedule);
  }
  // In case the editor updates its textarea without an event.
  setInterval(function () {
    var body = bodyValue();
    if (body !== lastBody) {
      lastBody = body;
      schedule();
    }
  }, POLL);
})();
