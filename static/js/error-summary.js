// After a refused form, take keyboard and screen reader users to the list of problems.
// Enhancement only: the summary is at the top of the form and announced as an alert anyway.
(function () {
    "use strict";
    var summary = document.querySelector(".error-summary");
    if (!summary) {
        return;
    }
    if (!summary.hasAttribute("tabindex")) {
        summary.setAttribute("tabindex", "-1");
    }
    summary.focus();
    // Scrolling to a #fragment in the form's address can take focus back to the page:
    // focus again once the page has loaded.
    window.addEventListener("load", function () {
        window.setTimeout(function () {
            summary.focus();
        }, 0);
    });
})();
