// Le menu des petits écrans (templates/base.html) est un <details> : il s'ouvre et se
// ferme sans script, au clavier comme à la souris. Ce script ajoute ce qu'un menu doit
// faire de plus : Échap le ferme et rend le focus au bouton ; un clic ou un focus hors
// du menu le ferme aussi.
(function () {
  "use strict";
  var menu = document.querySelector(".site-menu");
  if (!menu) {
    return;
  }
  var toggle = menu.querySelector("summary");

  function close(giveFocusBack) {
    if (!menu.open) {
      return;
    }
    menu.open = false;
    if (giveFocusBack) {
      toggle.focus();
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open) {
      close(menu.contains(document.activeElement));
    }
  });
  document.addEventListener("click", function (event) {
    if (!menu.contains(event.target)) {
      close(false);
    }
  });
  document.addEventListener("focusin", function (event) {
    if (!menu.contains(event.target)) {
      close(false);
    }
  });
})();
