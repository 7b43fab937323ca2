// Live character count for comment boxes. Enhancement only: the server enforces the limit.
(function () {
    "use strict";

    function setUp(textarea) {
        var counter = document.getElementById(textarea.id + "-count");
        if (!counter) {
            return;
        }
        var limit = parseInt(textarea.getAttribute("maxlength"), 10);
        // Screen readers hear the count once typing pauses, not after every key.
        var announcer = document.createElement("p");
        announcer.className = "visually-hidden";
        announcer.setAttribute("aria-live", "polite");
        counter.parentNode.insertBefore(announcer, counter.nextSibling);
        var timer = null;

        function message() {
            var left = limit - textarea.value.length;
            if (left < 0) {
                return "You have " + (-left).toLocaleString("en-GB") + " characters too many";
            }
            return "You have " + left.toLocaleString("en-GB") + " character" + (left === 1 ? "" : "s") + " left";
        }

        function update() {
            counter.textContent = message();
            counter.classList.toggle("char-count--over", textarea.value.length > limit);
            window.clearTimeout(timer);
            timer = window.setTimeout(function () {
                announcer.textContent = message();
            }, 1000);
        }

        textarea.addEventListener("input", update);
        counter.textContent = message();
    }

    document.querySelectorAll("textarea[data-character-count]").forEach(setUp);

    // After a refused submission, take keyboard and screen reader users to what went wrong.
    var summary = document.querySelector(".error-summary");
    if (summary) {
        summary.focus();
    }
})();
