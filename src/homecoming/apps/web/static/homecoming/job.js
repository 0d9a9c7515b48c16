// Follows a background job on its page: polls the job's API answer every second, moves
// the progress bar and the state text, and reloads the page once the job has finished
// (to show its outcome). Without JavaScript the page refreshes itself (a <noscript> meta).
(function () {
  "use strict";
  var section = document.querySelector("[data-job-url]");
  if (!section || section.getAttribute("data-job-finished") === "1") {
    return;
  }
  var url = section.getAttribute("data-job-url");
  var bar = section.querySelector("[data-job-progress]");
  function field(name, value) {
    var node = section.querySelector('[data-job-field="' + name + '"]');
    if (node && value !== null && value !== undefined) {
      node.textContent = String(value);
    }
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (job) {
        field("state_label", job.state_label);
        field("phase", job.phase);
        field("done", job.done);
        field("total", job.total);
        if (bar) {
          if (job.total) {
            bar.max = job.total;
            bar.value = job.done;
          } else {
            bar.removeAttribute("value");
          }
        }
        if (job.finished_at) {
          window.location.reload();
          return;
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  window.setTimeout(poll, 500);
})();
