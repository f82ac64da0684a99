/* Interviews that survive a poor connection (panels/surveys, the interview page).

Progressive enhancement: without this script the form posts as usual and the server answers
with a fresh form. With it, a form sent while offline (navigator.onLine false, or the request
failing on the way) is kept in this browser's localStorage, and sent when the connection
returns ("online", and on every load of an interview page). Each interview carries its
client_id, made on the server for the page and here for every fresh form: the server stores
an interview once however often it is sent, so an item leaves the queue only when the server
has answered that it was received (201) or already had it (200). Nothing is lost and nothing
counts twice.

What is kept on the device is the form as sent: the answers, never anything about the person
beyond them. It is removed as soon as the server has it. */
(function () {
  "use strict";

  var QUEUE_KEY = "kohtaamo.surveys.interviewQueue";
  var DONE = { received: true, already_received: true };
  var flushing = false;

  function newId() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function readQueue() {
    try {
      var items = JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (error) {
      return [];
    }
  }

  function writeQueue(items) {
    localStorage.setItem(QUEUE_KEY, JSON.stringify(items));
  }

  function enqueue(item) {
    var items = readQueue().filter(function (queued) {
      return queued.clientId !== item.clientId;
    });
    items.push(item);
    writeQueue(items);
  }

  function forget(clientId) {
    writeQueue(readQueue().filter(function (item) {
      return item.clientId !== clientId;
    }));
  }

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function say(text, extra) {
    var status = document.getElementById("interview-status");
    if (!status) {
      return;
    }
    status.textContent = text;
    var waiting = readQueue().length;
    if (waiting) {
      var note = document.createElement("p");
      note.textContent = status.dataset.waitingText + " " + waiting;
      status.appendChild(note);
    }
    if (extra) {
      var more = document.createElement("p");
      more.textContent = extra;
      status.appendChild(more);
    }
  }

  /* Sends one queued interview. Resolves "done" (the server has it), "refused" (the server
  will not take it: kept, for the staff to see) or "failed" (no connection: kept). */
  function send(item) {
    var body = new URLSearchParams(item.body);
    // The token of the page in hand: the one saved with the form may be stale by now.
    body.set("csrfmiddlewaretoken", csrfToken());
    return fetch(item.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) {
        // A login page or a CSRF refusal: not an answer about the interview.
        return "failed";
      }
      return response.json().then(function (data) {
        if (response.ok && DONE[data.status]) {
          return "done";
        }
        return response.status >= 500 ? "failed" : "refused";
      });
    }, function () {
      return "failed";
    });
  }

  function flush() {
    if (flushing || !navigator.onLine) {
      return Promise.resolve();
    }
    var items = readQueue();
    if (!items.length) {
      return Promise.resolve();
    }
    flushing = true;
    var sent = 0;
    var refused = 0;
    var chain = Promise.resolve();
    items.forEach(function (item) {
      chain = chain.then(function () {
        return send(item).then(function (result) {
          if (result === "done") {
            forget(item.clientId);
            sent += 1;
          } else if (result === "refused") {
            refused += 1;
          }
        });
      });
    });
    return chain.then(function () {
      flushing = false;
      var status = document.getElementById("interview-status");
      if (!status) {
        return;
      }
      if (refused) {
        say(status.dataset.refusedText);
      } else if (sent) {
        say(status.dataset.flushedText);
      }
    });
  }

  /* An empty form for the next person, with a new interview id. */
  function freshForm(form) {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.type === "hidden" || field.type === "submit" || !field.name) {
        return;
      }
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = false;
      } else if (field.tagName === "SELECT") {
        field.selectedIndex = 0;
      } else {
        field.value = "";
      }
      field.removeAttribute("aria-invalid");
    });
    form.querySelectorAll(".form__errors, .errorlist").forEach(function (node) {
      node.remove();
    });
    form.querySelectorAll(".question--error").forEach(function (node) {
      node.classList.remove("question--error");
    });
    form.querySelector("input[name=client_id]").value = newId();
    var status = document.getElementById("interview-status");
    if (status) {
      status.setAttribute("tabindex", "-1");
      status.focus();
    }
  }

  function onSubmit(event) {
    var form = event.target;
    if (!window.fetch || !window.localStorage) {
      return; // the plain form post
    }
    event.preventDefault();
    var status = document.getElementById("interview-status");
    var item = {
      url: form.getAttribute("action") || window.location.pathname,
      clientId: form.querySelector("input[name=client_id]").value,
      body: new URLSearchParams(new FormData(form)).toString(),
    };
    function keepForLater() {
      if (!form.checkValidity()) {
        // Checked here, since the server cannot check it now: a form the server would
        // refuse must not wait on the device.
        form.reportValidity();
        return;
      }
      enqueue(item);
      freshForm(form);
      say(status.dataset.queuedText);
    }
    if (!navigator.onLine) {
      keepForLater();
      return;
    }
    send(item).then(function (result) {
      if (result === "done") {
        forget(item.clientId);
        freshForm(form);
        say(status.dataset.sentText);
        flush();
      } else if (result === "refused") {
        // The server has something to say about the answers: let it show the page.
        form.removeEventListener("submit", onSubmit);
        form.submit();
      } else {
        keepForLater();
      }
    });
  }

  function start() {
    var form = document.querySelector("form[data-interview-form]");
    if (!form) {
      return;
    }
    form.addEventListener("submit", onSubmit);
    window.addEventListener("online", flush);
    if (readQueue().length) {
      say("");
    }
    flush();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
