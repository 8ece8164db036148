// Study page: a copy button beside each citation. Without JavaScript the <pre> is still there to select.
(function () {
  "use strict";

  function copyText(pre, button) {
    var text = pre.textContent;
    var done = function () { button.textContent = "Copied"; };
    var selectInstead = function () {
      // Clipboard refused (an insecure origin or a denied permission): select the text for Ctrl+C.
      var range = document.createRange();
      range.selectNodeContents(pre);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      button.textContent = "Selected: press Ctrl+C";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, selectInstead);
    } else {
      selectInstead();
    }
  }

  // A focused highlight goes back to its row of the key-numbers table on Enter, as the row's link came to it.
  document.addEventListener("keydown", function (event) {
    var mark = event.target;
    if (event.key !== "Enter" || !mark.matches || !mark.matches("mark[data-kind][id]")) {
      return;
    }
    var row = document.getElementById("row-" + mark.id);
    if (row) {
      event.preventDefault();
      location.hash = "row-" + mark.id;
      var link = row.querySelector("a");
      if (link) {
        link.focus();
      }
    }
  });

  document.querySelectorAll("pre[data-copy]").forEach(function (pre) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy the " + pre.getAttribute("data-copy") + " citation");
    button.addEventListener("click", function () { copyText(pre, button); });
    button.addEventListener("blur", function () { button.textContent = "Copy"; });
    pre.parentNode.insertBefore(button, pre);
  });
}());
