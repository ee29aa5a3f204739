// After htmx swaps a block, move focus to it so keyboard and screen-reader users
// land where they were working, and announce what happened.
document.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail.elt;
  var focus = target.querySelector("[autofocus], [data-focus]") || target;
  if (!focus.hasAttribute("tabindex") && focus === target) {
    focus.setAttribute("tabindex", "-1");
  }
  focus.focus();
  var announce = target.getAttribute("data-announce") ||
    (target.querySelector("[data-announce]") || {}).dataset?.announce;
  if (announce) {
    document.getElementById("live").textContent = announce;
  }
});
// Confirm destructive actions without inline script (CSP-friendly).
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    // Stop in the capture phase so that htmx's own submit handler never sees it either.
    event.preventDefault();
    event.stopPropagation();
  }
}, true);
