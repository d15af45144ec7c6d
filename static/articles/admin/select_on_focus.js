// Share links: focusing the read-only address selects it, ready to copy.
// A file, not an onfocus="" attribute: the admin's CSP refuses inline handlers.
document.addEventListener("focusin", function (event) {
  if (event.target.matches && event.target.matches("input[data-select-on-focus]")) {
    event.target.select();
  }
});
