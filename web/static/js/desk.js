// Front desk: results as you type. Without this script the search form still works on submit.
(function () {
  "use strict";

  var DEBOUNCE_MS = 25; // long enough to merge a burst of keys, short enough to feel instant
  var form = document.getElementById("desk-search");
  if (!form || !window.fetch) { return; }

  var input = form.querySelector("input[name=q]");
  var list = document.getElementById("desk-results");
  var status = document.getElementById("desk-status");
  var template = document.getElementById("desk-card-template");
  var names = JSON.parse(document.getElementById("desk-names").textContent);
  var timer = null;
  var controller = null;

  function setField(card, field, value) {
    card.querySelectorAll('[data-field="' + field + '"]').forEach(function (el) {
      el.textContent = value || "";
      if (el.dataset.href === "tel") { el.setAttribute("href", "tel:" + (value || "").replace(/\s/g, "")); }
    });
  }

  function show(card, part, visible) {
    card.querySelectorAll('[data-show="' + part + '"]').forEach(function (el) { el.hidden = !visible; });
  }

  function renderCard(result) {
    var card = template.content.firstElementChild.cloneNode(true);
    card.dataset.staffId = result.id;
    setField(card, "name", result.name);
    setField(card, "title", result.title);
    setField(card, "department", names.departments[result.department] || result.department);
    setField(card, "topics", result.topics.slice(0, 3).map(function (t) { return names.topics[t] || t; }).join(" · "));
    setField(card, "matched", names.topics[result.matched] || result.matched);
    setField(card, "phone", result.phone);
    show(card, "present", result.present);
    show(card, "absent", !result.present);
    show(card, "deputy", !result.present && !!result.deputy);
    show(card, "no-deputy", !result.present && !result.deputy);
    if (result.deputy) {
      setField(card, "deputy.name", result.deputy.name);
      setField(card, "deputy.phone", result.deputy.phone);
    }
    card.querySelectorAll("button[name=staff_id]").forEach(function (button) {
      button.value = button.dataset.value === "deputy.id" ? (result.deputy ? result.deputy.id : "") : result.id;
    });
    return card;
  }

  function render(query, results) {
    var fragment = document.createDocumentFragment();
    results.forEach(function (r) { fragment.appendChild(renderCard(r)); });
    list.replaceChildren(fragment);
    if (!query.trim()) { status.textContent = ""; }
    else if (!results.length) { status.textContent = status.dataset.none; }
    else { status.textContent = status.dataset.some.replace("{n}", results.length); }
  }

  function search(query, startedAt) {
    if (controller) { controller.abort(); }
    if (!query.trim()) { render(query, []); return; }
    controller = new AbortController();
    var url = form.dataset.api + "?q=" + encodeURIComponent(query);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", signal: controller.signal })
      .then(function (response) {
        if (response.status === 401) { window.location.reload(); }  // logged out: let the server say so
        return response.ok ? response.json() : null;
      })
      .then(function (body) {
        if (!body || body.query !== input.value) { return; }  // a newer keystroke has taken over
        render(query, body.results);
        list.dataset.latencyMs = (performance.now() - startedAt).toFixed(1);
        list.dataset.renderedQuery = query;
        window.history.replaceState(null, "", "?q=" + encodeURIComponent(query));
      })
      .catch(function (error) { if (error.name !== "AbortError") { throw error; } });
  }

  // The call log starts with the caller's words as typed into the search, until the desk edits it.
  var callText = document.querySelector("#call-form textarea[name=text]");
  var callQuery = document.querySelector("#call-form input[name=q]");
  var callTextEdited = callText && callText.value !== input.value;
  if (callText) { callText.addEventListener("input", function () { callTextEdited = true; }); }

  function syncCallForm() {
    if (callQuery) { callQuery.value = input.value; }
    if (callText && !callTextEdited) { callText.value = input.value; }
  }

  input.addEventListener("input", function (event) {
    syncCallForm();
    var startedAt = event.timeStamp || performance.now();
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { search(input.value, startedAt); }, DEBOUNCE_MS);
  });
})();
