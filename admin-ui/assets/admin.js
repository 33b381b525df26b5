// Progressive enhancement of the story editor: live preview through the real
// content pipeline, autosave every few seconds, a warning before leaving
// unsaved work. Everything works without this file.
(function () {
  "use strict";
  var form = document.getElementById("story-form");
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  if (!form) return;
  var csrf = form.getAttribute("data-csrf");
  var storyId = form.getAttribute("data-story-id") || "new";
  var body = document.getElementById("f-body");
  var preview = document.getElementById("preview");
  var status = document.getElementById("autosave-status");
  var api = "/api/admin/v1";
  var dirty = false, timer = null, lastSaved = "";

  function post(method, path, data) {
    return fetch(api + path, {
      method: method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(data)
    });
  }
  function snapshot() {
    var out = {};
    ["headline", "standfirst", "slug", "body", "section_id", "kind"].forEach(function (name) {
      var el = form.elements[name];
      if (el) out[name] = el.value;
    });
    return out;
  }
  function refreshPreview() {
    post("POST", "/preview", { body: body.value, body_format: "markdown" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) { if (j) preview.innerHTML = j.html; })
      .catch(function () {});
  }
  function autosave() {
    var snap = JSON.stringify(snapshot());
    if (snap === lastSaved) return;
    post("PUT", "/stories/" + storyId + "/autosave", { snapshot: JSON.parse(snap) })
      .then(function (r) {
        if (!r.ok) throw new Error(r.status);
        lastSaved = snap;
        status.textContent = "Draft kept at " + new Date().toLocaleTimeString() + " (not yet saved)";
      })
      .catch(function () { status.textContent = "Could not keep a draft: check the connection"; });
  }
  form.addEventListener("input", function (e) {
    dirty = true;
    if (e.target === body) {
      clearTimeout(timer);
      timer = setTimeout(refreshPreview, 400);
    }
  });
  setInterval(function () { if (dirty) autosave(); }, 4000);
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (e) {
    if (dirty) { e.preventDefault(); e.returnValue = ""; }
  });
  var restore = document.getElementById("restore-autosave");
  if (restore) restore.addEventListener("click", function () {
    fetch(api + "/stories/" + storyId + "/autosave", { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (j) {
        Object.keys(j.snapshot || {}).forEach(function (name) {
          var el = form.elements[name];
          if (el && typeof j.snapshot[name] === "string") el.value = j.snapshot[name];
        });
        dirty = true;
        refreshPreview();
        status.textContent = "Restored the draft from " + j.saved_at + ": save to keep it";
      });
  });
})();
