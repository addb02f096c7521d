// The console's only script: keyboard shortcuts, clickable queue rows, and zoom/rotate of document images.
// Every page works without it (links and forms do the work).
(function () {
  "use strict";
  var page = document.body.getAttribute("data-page");
  var help = document.getElementById("help");
  var helpBtn = document.getElementById("help-open");
  function toggleHelp() {
    if (!help) return;
    if (help.open) help.close(); else help.showModal();
  }
  if (helpBtn) helpBtn.addEventListener("click", toggleHelp);

  // Queue: rows open their case; j/k move the selection, Enter opens it.
  var rows = Array.prototype.slice.call(document.querySelectorAll(".queue tbody tr"));
  var sel = -1;
  function select(i) {
    if (!rows.length) return;
    sel = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r, n) { r.classList.toggle("sel", n === sel); });
    var link = rows[sel].querySelector("a.row-link");
    if (link) link.focus();
  }
  rows.forEach(function (r) {
    r.addEventListener("click", function (e) {
      if (e.target.closest("a")) return;
      window.location.href = r.getAttribute("data-href");
    });
  });

  // Documents: zoom and rotate, per image.
  document.querySelectorAll(".doc").forEach(function (fig) {
    var img = fig.querySelector("img");
    var zoom = 1, turn = 0;
    function apply() {
      img.style.transform = "scale(" + zoom + ") rotate(" + turn + "deg)";
      img.style.transformOrigin = zoom > 1 ? "top left" : "center";
      fig.classList.toggle("zoomed", zoom > 1);
    }
    fig.querySelectorAll("button[data-act]").forEach(function (b) {
      b.addEventListener("click", function () {
        var act = b.getAttribute("data-act");
        if (act === "zoom-in") zoom = Math.min(4, zoom * 1.5);
        if (act === "zoom-out") zoom = Math.max(1, zoom / 1.5);
        if (act === "rotate") turn = (turn + 90) % 360;
        if (act === "reset") { zoom = 1; turn = 0; }
        apply();
      });
    });
  });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
    if (help && help.open && e.key !== "?") return;
    switch (e.key) {
      case "?": e.preventDefault(); toggleHelp(); break;
      case "j":
        if (page === "queue") select(sel + 1);
        else { var next = document.getElementById("next-case"); if (next) window.location.href = next.href; }
        break;
      case "k":
        if (page === "queue") select(sel - 1);
        else { var prev = document.getElementById("prev-case"); if (prev) window.location.href = prev.href; }
        break;
      case "Enter":
        if (page === "queue" && sel >= 0) { e.preventDefault(); window.location.href = rows[sel].getAttribute("data-href"); }
        break;
      case "a":
        var approve = document.getElementById("approve-form");
        if (approve) { e.preventDefault(); approve.requestSubmit(); }
        break;
      case "r":
        var reason = document.getElementById("reject-reason");
        if (reason) { e.preventDefault(); reason.focus(); }
        break;
    }
  });
})();
