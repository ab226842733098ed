/* Proof of work for a form under pressure (apps/core/challenge.py): before the form is
   sent, find a number whose SHA-256 after the signed challenge starts with the asked
   number of zero bits, and send it along. Nothing leaves the browser but the number.
   Without this script (or without Web Crypto) the form says what to do instead. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-challenge]");
  var subtle = window.crypto && window.crypto.subtle;
  if (!form || !subtle || !window.TextEncoder || !window.Promise) { return; }
  var notice = form.querySelector("[data-challenge-no-script]");
  if (notice) { notice.hidden = true; }
  var status = document.getElementById(form.getAttribute("data-challenge-status"));
  var input = form.querySelector('input[name="solution"]');
  var challenge = form.getAttribute("data-challenge");
  var bits = parseInt(form.getAttribute("data-challenge-bits"), 10) || 0;
  var encoder = new TextEncoder();
  var BATCH = 256;
  var solving = false;

  function zeroBits(buffer) {
    var bytes = new Uint8Array(buffer);
    var count = 0;
    for (var i = 0; i < bytes.length; i++) {
      var byte = bytes[i];
      if (byte === 0) { count += 8; continue; }
      while (!(byte & 0x80)) { count += 1; byte <<= 1; }
      return count;
    }
    return count;
  }

  function attempt(from) {
    var digests = [];
    for (var i = 0; i < BATCH; i++) {
      digests.push(subtle.digest("SHA-256", encoder.encode(challenge + ":" + (from + i))));
    }
    return Promise.all(digests).then(function (results) {
      for (var i = 0; i < results.length; i++) {
        if (zeroBits(results[i]) >= bits) { return from + i; }
      }
      return attempt(from + BATCH);
    });
  }

  form.addEventListener("submit", function (event) {
    if (!input || input.value) { return; }
    event.preventDefault();
    if (solving) { return; }
    solving = true;
    if (status) { status.hidden = false; }
    attempt(0).then(function (solution) {
      input.value = String(solution);
      form.submit();  // does not fire "submit" again
    });
  });
})();
