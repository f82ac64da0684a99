// Live discussion: an idea's thread or a panel meeting's live room. New comments (or room
// messages), changes, presence and support counts appear without a reload. The database is
// the truth: every frame carries the comment id, and after any (re)connection the client asks
// for everything after the last id it has seen. Where websockets cannot connect, it polls the
// same catch-up endpoint over HTTP every 15 s and says so. Without JavaScript the page works
// as before: reload to see.
//
// The page provides, on the element with data-live-thread:
//   data-ws-path, data-catch-up-url, data-last-id, data-since (server time of the render),
//   data-viewer (the viewer's user id, or empty), and translated texts in data-text-*;
// and <template data-actions="own|other"> with the actions this viewer may use, drawn for a
// stand-in comment with id 0 (replaced here with the real comment's and thread's ids); a room
// also has <template data-actions="hidden"> (restoring a hidden message, for those who may).
// A meeting room also has [data-room-state] (its state in words, from data-text-room-open
// and data-text-room-closed) and [data-room-open-only] (shown while the room is open); the
// state comes with the hello and "room" frames, and with every answer when polling. With
// data-text-ended, a page that may no longer follow the room (the socket closes with 4403 or
// 4404, polling gets 404) says so and stops.
//
// A post whose text looks like someone's personal details is answered with an error
// "personal_details" (accounts/oversharing.py): the page shows the question in its
// [data-live-error] alert with the parts in question highlighted (their positions count
// characters of the body as sent) and, unless the server says it cannot be confirmed, a
// "Post anyway" button (data-text-post-anyway) that sends the same post with
// confirm_personal. Editing the text takes that button away: it would post what was warned of.
(function () {
  "use strict";
  const section = document.querySelector("[data-live-thread]");
  if (!section) return;

  const POLL_INTERVAL_MS = 15000;
  const PING_INTERVAL_MS = 25000;
  const MAX_DELAY_MS = 30000;
  const FAILURES_BEFORE_POLLING = 3;
  const text = (name) => section.dataset["text" + name] || "";

  // Catch up from here: every comment at or below it is on the page (see live/catch_up.py).
  let lastId = Number(section.dataset.lastId || 0);
  let since = section.dataset.since || null;
  let socket = null;
  let delay = 1000;
  let failures = 0;
  let everOpened = false;
  let pollTimer = null;
  let pingTimer = null;
  let stopped = false; // no longer ours to follow: neither reconnect nor poll
  // A post sent but not yet acknowledged: after a lost connection it is sent again with the
  // same client_id, which the server saves once however often it arrives.
  let pending = null;

  // Times come with different UTC offsets (the page's, the server's frames): compare instants.
  function later(current, candidate) {
    return !current || Date.parse(candidate) > Date.parse(current) ? candidate : current;
  }

  // --- What people see -------------------------------------------------------------------

  function setState(state) {
    const element = document.querySelector("[data-connection-state]");
    if (!element) return;
    element.dataset.state = state;
    element.textContent = text(
      { live: "Live", connecting: "Connecting", offline: "Offline", polling: "Polling", ended: "Ended" }[state]
    );
    element.hidden = false;
  }

  function announce(message) {
    const region = document.querySelector("[data-live-announcer-thread]");
    if (region) region.textContent = message;
  }

  // The innoagent level beside the role, as accounts/includes/person.html draws it.
  function innoagentBadge(person) {
    const badge = document.createElement("span");
    badge.className = "badge badge--innoagent";
    badge.title = person.innoagent_title;
    badge.textContent = person.innoagent;
    return badge;
  }

  function personElement(author) {
    const wrapper = document.createElement("span");
    wrapper.className = "person";
    const name = document.createElement("span");
    name.className = "person__name";
    const badge = document.createElement("span");
    if (author) {
      name.textContent = author.display_name;
      badge.className = "badge badge--" + author.role;
      badge.textContent = author.role_label;
      wrapper.append(name, " ", badge);
      if (author.innoagent) wrapper.append(" ", innoagentBadge(author));
    } else {
      name.textContent = text("FormerMember");
      wrapper.append(name);
    }
    return wrapper;
  }

  function actionsFor(comment) {
    const own = comment.author && String(comment.author.id) === section.dataset.viewer;
    // A hidden one has no author in the frame; those who may restore it have a template.
    const kind = { public: own ? "own" : "other", hidden: "hidden" }[comment.state];
    const template = kind && document.querySelector('template[data-actions="' + kind + '"]');
    if (!template) return null;
    // The template was drawn for a stand-in comment with id 0.
    const html = template.innerHTML
      .replace(/\/0\//g, "/" + comment.id + "/")
      .replace(/parent=0\b/g, "parent=" + (comment.parent || comment.id));
    const holder = document.createElement("div");
    holder.innerHTML = html; // our own server-rendered template, ids are numbers
    return holder.firstElementChild;
  }

  function commentElement(comment) {
    const article = document.createElement("article");
    article.className = "comment" + (comment.state === "hidden" ? " comment--hidden" : "");
    article.id = "comment-" + comment.id;
    article.setAttribute("aria-label", text("Comment"));
    if (comment.state !== "public") {
      const placeholder = document.createElement("p");
      placeholder.className = "comment__placeholder";
      placeholder.textContent = comment.state === "removed" ? text("Removed") : text("Hidden");
      article.append(placeholder);
      const restore = actionsFor(comment);
      if (restore) article.append(restore);
      return article;
    }
    const meta = document.createElement("p");
    meta.className = "comment__meta";
    const time = document.createElement("time");
    time.dateTime = comment.created_at;
    time.textContent = new Date(comment.created_at).toLocaleString(document.documentElement.lang, {
      dateStyle: "short",
      timeStyle: "short",
    });
    meta.append(personElement(comment.author), " ", time);
    if (comment.edited) meta.append(" ", Object.assign(document.createElement("span"), { textContent: text("Edited") }));
    const body = document.createElement("div");
    body.className = "user-text";
    body.innerHTML = comment.body_html; // escaped and cleaned by the server (accounts_tags.user_text)
    article.append(meta, body);
    const actions = actionsFor(comment);
    if (actions) article.append(actions);
    return article;
  }

  function listFor(comment) {
    if (comment.parent) {
      const parent = document.getElementById("comment-" + comment.parent);
      if (!parent) return null; // the parent arrives first in catch-up order; wait for it
      const item = parent.closest("li");
      let replies = item.querySelector(":scope > ol.comment-list--replies");
      if (!replies) {
        replies = document.createElement("ol");
        replies.className = "comment-list comment-list--replies";
        replies.setAttribute("aria-label", text("Replies"));
        item.append(replies);
      }
      return replies;
    }
    let list = section.querySelector(":scope > ol.comment-list");
    if (!list) {
      const empty = section.querySelector("[data-no-comments]");
      list = document.createElement("ol");
      list.className = "comment-list";
      if (empty) empty.replaceWith(list);
      else section.querySelector("h2").after(list);
    }
    return list;
  }

  function showComment(frame) {
    const comment = frame.comment;
    const existing = document.getElementById("comment-" + comment.id);
    if (existing) {
      // Never twice: a comment already on the page is replaced, not added again.
      if (frame.type === "comment_changed") existing.replaceWith(commentElement(comment));
    } else if (frame.type === "comment") {
      const list = listFor(comment);
      if (list) {
        const item = document.createElement("li");
        item.append(commentElement(comment));
        // In id order, as saved: a comment can arrive after a newer one from another worker.
        const later = Array.from(list.children).find(
          (sibling) => Number((sibling.querySelector(":scope > article") || {}).id?.slice(8)) > comment.id
        );
        list.insertBefore(item, later || null);
        if (comment.state === "public" && comment.author) {
          announce(text("NewComment").replace("{name}", comment.author.display_name));
        }
      }
    }
    if (frame.at) since = later(since, frame.at);
  }

  // Who is here: the whole list once, then only who came and went (live.hub). In a big
  // room the server sends the number alone (people: null) and the list is left empty.
  let present = new Map();

  function showPresence(frame) {
    if (frame.type === "presence") {
      present = new Map((frame.people || []).map((person) => [person.id, person]));
    } else {
      frame.left.forEach((id) => present.delete(id));
      frame.joined.forEach((person) => present.set(person.id, person));
    }
    const list = document.querySelector("[data-presence]");
    if (!list) return;
    const people = Array.from(present.values()).sort(
      (a, b) => a.display_name.toLowerCase().localeCompare(b.display_name.toLowerCase()) || a.id - b.id
    );
    list.replaceChildren(
      ...people.map((person) => {
        const item = document.createElement("li");
        item.append(personElement(person));
        return item;
      })
    );
    list.hidden = frame.type === "presence" && frame.people === null;
    const count = document.querySelector("[data-presence-count]");
    if (count) count.textContent = String(frame.count);
  }

  // A meeting room opens and closes while people are on its page.
  function showRoomState(state, announceIt) {
    const element = document.querySelector("[data-room-state]");
    if (!element || element.dataset.state === state) return;
    element.dataset.state = state;
    const words = text({ open: "RoomOpen", closed: "RoomClosed" }[state]);
    if (words) element.textContent = words;
    setOpenOnlyParts(state === "open", element);
    if (announceIt && words) announce(words);
  }

  // Shows or hides the parts that only an open room has. Hiding the part that holds focus
  // (someone writing when the room closes) would drop focus to the top of the page, so it
  // moves to ``landing``, the sentence that says why the form went away.
  function setOpenOnlyParts(shown, landing) {
    document.querySelectorAll("[data-room-open-only]").forEach(function (part) {
      const hadFocus = !shown && part.contains(document.activeElement);
      part.hidden = !shown;
      if (hadFocus && landing) {
        landing.setAttribute("tabindex", "-1");
        landing.focus();
      }
    });
  }

  // --- Personal details: ask before posting them -----------------------------------------

  function errorBox() {
    return document.querySelector("[data-live-error]");
  }

  function showError(message) {
    const box = errorBox();
    if (box) box.textContent = message;
  }

  // The body with each match in <mark>, followed by what it looks like for those who cannot
  // see the highlight. Positions count code points, as Python does; Array.from does too.
  function highlighted(body, matches) {
    const chars = Array.from(body);
    const quote = document.createElement("blockquote");
    quote.className = "oversharing__text";
    let position = 0;
    matches
      .slice()
      .sort((a, b) => a.start - b.start)
      .forEach(function (match) {
        if (match.start < position) return;
        quote.append(chars.slice(position, match.start).join(""));
        const mark = document.createElement("mark");
        const label = document.createElement("span");
        label.className = "visually-hidden";
        label.textContent = " (" + match.label + ")";
        mark.append(chars.slice(match.start, match.end).join(""), label);
        quote.append(mark);
        position = match.end;
      });
    quote.append(chars.slice(position).join(""));
    return quote;
  }

  function showPersonalDetails(frame, post) {
    const box = errorBox();
    if (!box) return;
    const question = document.createElement("p");
    question.className = "oversharing__question";
    question.textContent = frame.message;
    box.replaceChildren(question);
    if (text("PersonalHelp") && frame.can_confirm) {
      box.append(Object.assign(document.createElement("p"), { textContent: text("PersonalHelp") }));
    }
    box.append(highlighted(post.body, frame.matches || []));
    if (!frame.can_confirm) return;
    const actions = document.createElement("p");
    actions.className = "oversharing__actions";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary";
    button.dataset.postAnyway = "";
    button.textContent = text("PostAnyway") || "OK";
    button.addEventListener("click", function () {
      box.replaceChildren();
      sendPost(Object.assign({}, post, { confirm_personal: true }));
    });
    actions.append(button);
    box.append(actions);
  }

  // What was warned of is no longer what would be posted once the text changes.
  document.addEventListener("input", function (event) {
    if (!event.target.closest("form[data-live-post]")) return;
    const button = document.querySelector("[data-live-error] [data-post-anyway]");
    if (button) button.closest("p").remove();
  });

  function handle(frame) {
    if (frame.type === "comment" || frame.type === "comment_changed") showComment(frame);
    // Said aloud only when it changed: on a reconnection after the room opened or closed.
    else if (frame.type === "hello" && frame.room_state) showRoomState(frame.room_state, true);
    else if (frame.type === "room") showRoomState(frame.state, true);
    else if (frame.type === "caught_up") {
      lastId = Math.max(lastId, frame.resume_after);
      if (pending && socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(pending));
    }
    else if (frame.type === "presence" || frame.type === "presence_changed") showPresence(frame);
    else if (frame.type === "support") {
      const count = document.querySelector("[data-supporters]");
      if (count) {
        count.textContent =
          frame.supporters === 1
            ? count.dataset.one
            : count.dataset.many.replace("{count}", String(frame.supporters));
      }
    } else if (frame.type === "posted") {
      if (pending && frame.client_id === pending.client_id) pending = null;
      const form = document.querySelector("form[data-live-post]");
      if (form) form.reset();
      showError("");
      // A warning drawn by the server (a post sent without the socket) is answered now.
      const warning = document.getElementById("personal-details-warning");
      if (warning) warning.remove();
      announce(text("Posted"));
    } else if (frame.type === "error") {
      const refused = pending && frame.client_id === pending.client_id ? pending : null;
      if (refused) pending = null; // refused: not retried
      if (frame.code === "personal_details" && refused) showPersonalDetails(frame, refused);
      else showError(frame.message);
    }
  }

  // --- Websocket, with catch-up on every (re)connection ---------------------------------

  function failed() {
    failures += 1;
    if (!everOpened && failures >= FAILURES_BEFORE_POLLING) startPolling();
    else setState("offline");
    // Back off, with jitter so that a restarted worker is not hit by everyone at once.
    const wait = delay * (0.5 + Math.random());
    delay = Math.min(delay * 2, MAX_DELAY_MS);
    window.setTimeout(connect, wait);
  }

  function connect() {
    if (stopped) return;
    if (!pollTimer) setState("connecting");
    const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    try {
      socket = new WebSocket(scheme + window.location.host + section.dataset.wsPath);
    } catch (error) {
      // Some proxies and browser policies refuse websockets outright.
      socket = null;
      failed();
      return;
    }
    socket.addEventListener("open", function () {
      everOpened = true;
      failures = 0;
      delay = 1000;
      stopPolling();
      setState("live");
      socket.send(JSON.stringify({ type: "catch_up", after: lastId, since: since }));
      pingTimer = window.setInterval(function () {
        if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "ping" }));
      }, PING_INTERVAL_MS);
    });
    socket.addEventListener("message", function (event) {
      try {
        handle(JSON.parse(event.data));
      } catch (error) {
        /* a frame we cannot read is skipped; catch-up fills any gap */
      }
    });
    socket.addEventListener("close", function (event) {
      window.clearInterval(pingTimer);
      socket = null;
      // Not (or no longer) ours to follow: the thread is gone, or we left the panel (4403).
      if (event.code === 4404 || event.code === 4403) return ended();
      failed();
    });
  }

  // A page that says what that means (data-text-ended) stops, and takes its form away.
  function ended() {
    stopped = true;
    stopPolling();
    if (!text("Ended")) return;
    setState("ended");
    announce(text("Ended"));
    setOpenOnlyParts(false, document.querySelector("[data-connection-state]"));
  }

  // --- HTTP polling where websockets are blocked -----------------------------------------

  function poll() {
    const url = new URL(section.dataset.catchUpUrl, window.location.href);
    url.searchParams.set("after", String(lastId));
    if (since) url.searchParams.set("since", since);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then(function (data) {
        data.frames.forEach(handle);
        // A room's answer says whether it is open, as the socket's "room" frame would.
        if (data.room_state) showRoomState(data.room_state, true);
        lastId = Math.max(lastId, data.resume_after);
        since = later(since, data.at);
      })
      .catch(function (status) {
        if (status === 404) ended();
        else setState("offline");
      });
  }

  function startPolling() {
    if (stopped) return;
    setState("polling");
    if (pollTimer) return;
    poll();
    pollTimer = window.setInterval(poll, POLL_INTERVAL_MS);
  }

  function stopPolling() {
    window.clearInterval(pollTimer);
    pollTimer = null;
  }

  // --- Posting over the socket when it is open (the form works without it) -------------

  document.addEventListener(
    "submit",
    function (event) {
      const form = event.target.closest("form[data-live-post]");
      if (!form || !socket || socket.readyState !== WebSocket.OPEN) return;
      event.preventDefault();
      event.stopPropagation(); // the socket takes the post instead of htmx or a page load
      const body = form.querySelector("[name=body]");
      const parent = form.querySelector("[name=parent]");
      // Ticked on a warning the server drew for a post sent without the socket.
      const confirm = form.querySelector("input[type=checkbox][name=confirm_personal]");
      sendPost({
        type: "post",
        body: body.value,
        parent: parent && parent.value ? Number(parent.value) : null,
        client_id: (window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()),
        confirm_personal: Boolean(confirm && confirm.checked),
      });
    },
    true
  );

  // Sent now if the socket is open; otherwise once it has reconnected and caught up.
  function sendPost(post) {
    pending = post;
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(pending));
  }

  connect();
})();
