// The photothèque picker, opened in a popup by the body editor's "Parcourir..." button.
// A click hands the image back to django-prose-editor (its CKEditor-style callback:
// URL, then {id, alternative_text, caption}) and closes the popup.
(function () {
  "use strict";

  function editorTools() {
    var opener = window.opener;
    try {
      if (opener && !opener.closed && opener.CKEDITOR && opener.CKEDITOR.tools) {
        return opener.CKEDITOR.tools;
      }
    } catch (error) {
      // Another origin: nothing to call back.
    }
    return null;
  }

  document.addEventListener("click", function (event) {
    var choice = event.target.closest("button[data-image-id]");
    var root = document.querySelector("[data-image-picker]");
    if (!choice || !root) {
      return;
    }
    event.preventDefault();
    var tools = editorTools();
    if (!tools || !root.dataset.funcNum) {
      root.querySelector("[data-picker-error]").hidden = false;
      return;
    }
    tools.callFunction(Number(root.dataset.funcNum), choice.dataset.url, {
      id: choice.dataset.imageId,
      alternative_text: choice.dataset.alt,
      caption: choice.dataset.caption,
    });
    window.close();
  });
})();
