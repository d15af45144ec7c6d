// The article's writing screen: counters under the title, standfirst and body, the
// rich-text editor in French (toolbar labels, spell-checking) and the cursor after an
// inserted figure. A classic script in the page's head: it listens before the editor's
// modules (deferred) start, so it sees their "prose-editor:ready" event.
(function () {
  "use strict";

  // django-prose-editor 0.28 writes its toolbar titles in English in its code, outside
  // its gettext catalogue: data-name (or the English title) → French.
  var LABELS = {
    paragraph: "Paragraphe",
    heading2: "Intertitre",
    heading3: "Sous-intertitre",
    bulletList: "Liste à puces",
    orderedList: "Liste numérotée",
    blockquote: "Citation",
    figure: "Insérer une figure (image de la photothèque)",
    bold: "Gras",
    italic: "Italique",
    link: "Insérer un lien",
    unlink: "Supprimer le lien",
    "history:undo": "Annuler",
    "history:redo": "Rétablir",
    "html": "Modifier le HTML",
    fullscreen: "Plein écran",
  };
  var ENGLISH = {
    "paragraph": "Style du paragraphe",
    "Heading 2": "Intertitre",
    "Heading 3": "Sous-intertitre",
    "Paragraph": "Paragraphe",
    "unordered list": LABELS.bulletList,
    "ordered list": LABELS.orderedList,
    "blockquote": LABELS.blockquote,
    "figure": LABELS.figure,
    "bold": LABELS.bold,
    "italic": LABELS.italic,
    "insert link": LABELS.link,
    "remove link": LABELS.unlink,
    "undo": LABELS["history:undo"],
    "redo": LABELS["history:redo"],
    "edit HTML": LABELS.html,
  };
  var WORDS_PER_MINUTE = 230;

  function frenchLabel(element) {
    var name = element.getAttribute("data-name");
    var title = element.getAttribute("title");
    if (title && ENGLISH[title]) return ENGLISH[title];
    if (name && LABELS[name] && title !== LABELS[name]) return LABELS[name];
    return null;
  }

  function translateMenu(menubar) {
    menubar.querySelectorAll(".prose-menubar [title], .prose-menubar [data-name]").forEach(function (element) {
      var label = frenchLabel(element);
      if (label && element.getAttribute("title") !== label) {
        element.setAttribute("title", label);
        element.setAttribute("aria-label", label);
      }
    });
    // The block-type picker shows its options as sample text ("Heading 2").
    menubar.querySelectorAll(".prose-menubar__option h2, .prose-menubar__option h3, .prose-menubar__option p")
      .forEach(function (sample) {
        var french = ENGLISH[sample.textContent.trim()];
        if (french) sample.textContent = french;
      });
  }

  function plural(count, one, many) {
    return count + "\u00a0" + (count > 1 ? many : one);
  }

  // "42 caractères — 70 au plus conseillés" under a one-line field or the standfirst.
  function counter(field) {
    var output = document.createElement("p");
    output.className = "writing-desk__count";
    output.id = field.id + "_count";
    output.setAttribute("aria-live", "polite");
    var advice = field.getAttribute("data-count-advice") || "";
    var max = parseInt(field.getAttribute("data-count-max") || "0", 10);
    function update() {
      var length = field.value.length;
      output.textContent = plural(length, "caractère", "caractères") + (advice ? " — " + advice : "");
      output.classList.toggle("writing-desk__count--over", max > 0 && length > max);
    }
    field.insertAdjacentElement("afterend", output);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + output.id);
    field.addEventListener("input", update);
    update();
  }

  function bodyCounter(editor, textarea) {
    var output = document.createElement("p");
    output.className = "writing-desk__count";
    output.id = "id_body_count";
    output.setAttribute("aria-live", "polite");
    editor.view.dom.closest(".prose-editor").insertAdjacentElement("afterend", output);
    function update() {
      var text = editor.state.doc.textBetween(0, editor.state.doc.content.size, " ", " ");
      var words = (text.match(/[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu) || []).length;
      var minutes = Math.max(1, Math.round(words / WORDS_PER_MINUTE));
      output.textContent = plural(words, "mot", "mots") + " — environ " + minutes + "\u00a0min de lecture";
    }
    editor.on("update", update);
    update();
    textarea.setAttribute("aria-describedby", (textarea.getAttribute("aria-describedby") || "") + " id_body_count");
  }

  // After the figure dialog inserts a figure, the editor leaves the cursor at the end of
  // its caption: what is typed next would go there. Move it to a paragraph after it.
  function cursorAfterFigures(editor) {
    editor.on("transaction", function (event) {
      var transaction = event.transaction;
      if (!transaction.docChanged || transaction.getMeta("writingDeskMove")) return;
      var inserted = transaction.steps.some(function (step) {
        var found = false;
        if (step.slice) {
          step.slice.content.descendants(function (node) {
            if (node.type.name === "figure") found = true;
            return !found;
          });
        }
        return found;
      });
      if (!inserted) return;
      var $from = editor.state.selection.$from;
      for (var depth = $from.depth; depth > 0; depth--) {
        if ($from.node(depth).type.name !== "figure") continue;
        var after = $from.after(depth);
        var next = editor.state.doc.nodeAt(after);
        // Outside the transaction being dispatched.
        window.setTimeout(function () {
          var chain = editor.chain();
          if (!next || !next.isTextblock) {
            chain = chain.insertContentAt(after, { type: "paragraph" });
          }
          chain.setTextSelection(after + 1).focus().command(function (props) {
            props.tr.setMeta("writingDeskMove", true);
            return true;
          }).run();
        }, 0);
        return;
      }
    });
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var editor = event.detail.editor;
    var textarea = event.detail.textarea;
    var dom = editor.view.dom;
    // Spell-checking in French (the browser's dictionary), for the text and its language.
    dom.setAttribute("spellcheck", "true");
    dom.setAttribute("lang", "fr");
    dom.setAttribute("aria-label", "Texte de l'article");
    var wrapper = dom.closest(".prose-editor");
    if (wrapper) {
      // The toolbar may be built after this event, and the editor rewrites titles as
      // the selection moves (the block-type button): translate on every change.
      translateMenu(wrapper);
      new MutationObserver(function () { translateMenu(wrapper); })
        .observe(wrapper, { subtree: true, attributes: true, attributeFilter: ["title"], childList: true });
    }
    if (textarea && textarea.id === "id_body") {
      bodyCounter(editor, textarea);
      cursorAfterFigures(editor);
    }
  });

  // The title is a textarea so that a long one shows whole; it stays one line of text.
  function singleLine(field) {
    function grow() {
      field.style.height = "auto";
      field.style.height = field.scrollHeight + 2 + "px";
    }
    field.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
    field.addEventListener("input", function () {
      if (/[\r\n]/.test(field.value)) {
        var at = field.selectionStart;
        field.value = field.value.replace(/\s*[\r\n]+\s*/g, " ");
        field.setSelectionRange(at, at);
      }
      grow();
    });
    grow();
  }

  // Django's inlines write « Ajouter un objet Signature supplémentaire ».
  var ADD_ROW = {
    bylines: "Ajouter une signature",
    resources: "Ajouter une ressource",
    public_updates: "Ajouter une mise à jour ou une correction",
  };
  window.addEventListener("load", function () {
    Object.keys(ADD_ROW).forEach(function (prefix) {
      var group = document.getElementById(prefix + "-group");
      var link = group && group.querySelector(".add-row a");
      if (link) link.textContent = ADD_ROW[prefix];
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    var title = document.querySelector("textarea.writing-desk__title");
    if (title) singleLine(title);
    document.querySelectorAll("[data-count-advice]").forEach(counter);
    ["id_title", "id_standfirst", "id_hero_caption"].forEach(function (id) {
      var field = document.getElementById(id);
      if (field) {
        field.setAttribute("spellcheck", "true");
        field.setAttribute("lang", "fr");
      }
    });
  });
})();
