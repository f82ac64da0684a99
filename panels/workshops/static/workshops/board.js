// A workshop board, live (panels/workshops/consumers.py describes the frames). The page is
// drawn by the server and reads without JavaScript; this script keeps it current, shows who
// is here, the facilitator's timer and "come to this board" request, and lets people change
// the board over the socket: drag a note by its handle, or open its actions (keyboard).
//
// The element with data-workshop-board gives data-socket-url, data-live-url (the HTTP
// catch-up) and data-mode: "visual" (this canvas; #workshop-board-config holds the board's
// regions, colours and the viewer's dots) or "structured" (the structured view: only say,
// politely, that the board has changed, with a link that reloads, and who is here). The
// words come translated in [data-workshop-board-texts] (workshops/includes/board_live.html).
//
// Every frame carries the change log id it is current to ("change"); for each note and link
// the frame with the highest change wins, so frames may come twice or late. After every
// (re)connection the hello brings the whole board and the script catches up from its
// "resume_after". Where websockets cannot connect, it polls the catch-up URL every 15 s
// (as live/static/live/live-thread.js does) and says so; changes are then made on the
// structured view.
(function () {
  "use strict";
  const root = document.querySelector("[data-workshop-board]");
  if (!root) return;

  const POLL_INTERVAL_MS = 15000;
  const PING_INTERVAL_MS = 25000;
  const MAX_DELAY_MS = 30000;
  const FAILURES_BEFORE_POLLING = 3;
  const ANNOUNCE_AFTER_MS = 1200;

  const words = document.querySelector("[data-workshop-board-texts]");
  function text(name, values) {
    let result = (words && words.dataset["text" + name]) || "";
    Object.entries(values || {}).forEach(function ([key, value]) {
      result = result.split("{" + key + "}").join(String(value));
    });
    return result;
  }
  const visual = root.dataset.mode !== "structured";
  const configElement = document.getElementById("workshop-board-config");
  const config = visual && configElement ? JSON.parse(configElement.textContent) : {};
  const find = (selector) => root.querySelector(selector);

  // Where to catch up from, and the highest change applied to each thing ("note:3", "link:5",
  // "board", "workshop"); a removed note or link keeps its entry, so a late frame cannot
  // bring it back.
  let resumeAfter = Number(config.resume_after || 0);
  let baseline = root.dataset.change ? Number(root.dataset.change) : null;
  const applied = new Map();
  let socket = null;
  let delay = 1000;
  let failures = 0;
  let everOpened = false;
  let pollTimer = null;
  let pingTimer = null;
  let stopped = false;
  let myVotes = Object.assign({}, config.my_votes || {});
  let votesLeft = config.votes_left || 0;
  let locked = Boolean(config.locked);
  let finished = Boolean(config.finished);
  let sequence = 0;
  const pending = new Map(); // client_id -> what to undo or say when answered

  // --- Saying things -----------------------------------------------------------------------

  let queued = [];
  let announceTimer = null;
  // Several changes in a moment are one sentence, not a stream of interruptions.
  function announce(message) {
    if (!message) return;
    queued.push(message);
    if (announceTimer) return;
    announceTimer = window.setTimeout(function () {
      const region = find("[data-board-announcer]") || document.querySelector("[data-live-announcer]");
      const said = queued.length > 2 ? text("ManyChanges", { count: queued.length }) : queued.join(" ");
      queued = [];
      announceTimer = null;
      if (region) region.textContent = said;
    }, ANNOUNCE_AFTER_MS);
  }

  function showError(message) {
    const box = find("[data-board-error]");
    if (box) box.textContent = message || "";
  }

  function setState(state) {
    const element = find("[data-connection-state]");
    if (!element) return;
    element.dataset.state = state;
    element.textContent = text(
      { live: "Live", connecting: "Connecting", offline: "Offline", polling: "Polling", ended: "Ended" }[state]
    );
  }

  function personName(person) {
    return person ? person.display_name : text("FormerMember");
  }

  function personElement(person) {
    const wrapper = document.createElement("span");
    wrapper.className = "person";
    const name = document.createElement("span");
    name.className = "person__name";
    name.textContent = personName(person);
    wrapper.append(name);
    if (person) {
      const badge = document.createElement("span");
      badge.className = "badge badge--" + person.role;
      badge.textContent = person.role_label;
      wrapper.append(" ", badge);
      if (person.innoagent) {
        // The innoagent level beside the role, as accounts/includes/person.html draws it.
        const level = document.createElement("span");
        level.className = "badge badge--innoagent";
        level.title = person.innoagent_title;
        level.textContent = person.innoagent;
        wrapper.append(" ", level);
      }
    }
    return wrapper;
  }

  // --- Who is here (live.hub) ---------------------------------------------------------------

  let present = new Map();
  function showPresence(frame) {
    if (frame.type === "presence") {
      present = new Map((frame.people || []).map((person) => [person.id, person]));
    } else {
      frame.left.forEach((id) => present.delete(id));
      frame.joined.forEach((person) => present.set(person.id, person));
    }
    let line = find("[data-presence-line]");
    if (!line && !text("OnBoard")) return;
    if (!line) {
      // A page without a place for it: first in the board's element.
      line = document.createElement("p");
      line.className = "board-presence";
      line.dataset.presenceLine = "";
      line.append(text("OnBoard"), " ", Object.assign(document.createElement("span"), { className: "" }));
      line.lastChild.dataset.presence = "";
      root.prepend(line);
    }
    const list = line.querySelector("[data-presence]");
    const people = Array.from(present.values()).sort(
      (a, b) => a.display_name.toLowerCase().localeCompare(b.display_name.toLowerCase()) || a.id - b.id
    );
    if (frame.type === "presence" && frame.people === null) {
      list.textContent = text("PeopleCount", { count: frame.count });
    } else {
      list.textContent = people.map((person) => person.display_name).join(", ") || text("Nobody");
    }
    line.hidden = false;
  }

  // --- Who is on which board of the workshop (consumers.WorkshopSeat) ----------------------

  let everywhere = new Map();
  function showWhoIsWhere(frame) {
    if (frame.type === "workshop_presence") {
      everywhere = new Map((frame.people || []).map((person) => [person.id, person]));
    } else {
      frame.left.forEach((id) => everywhere.delete(id));
      frame.joined.forEach((person) => everywhere.set(person.id, person));
    }
    // Past the names limit only a count comes: the boards' lines then stay as they were.
    if (frame.type === "workshop_presence" && frame.people === null) return;
    root.querySelectorAll("[data-board-people]").forEach(function (line) {
      const names = Array.from(everywhere.values())
        .filter((person) => String(person.board) === line.dataset.boardPeople)
        .map((person) => person.display_name)
        .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
      line.textContent = names.length ? text("HereNow", { names: names.join(", ") }) : "";
    });
  }

  // --- The structured view: say that the board changed, nothing more -----------------------

  function boardChanged() {
    // Without its words (workshops/includes/board_live.html) the page stays as it is.
    if (find("[data-board-changed]") || !text("Changed")) return;
    const notice = document.createElement("p");
    notice.className = "board-changed";
    notice.dataset.boardChanged = "";
    const link = document.createElement("a");
    link.href = window.location.pathname + window.location.search;
    link.textContent = text("Changed");
    notice.append(link);
    root.prepend(notice);
    announce(text("Changed"));
  }

  // --- Notes --------------------------------------------------------------------------------

  const colours = new Map((config.colours || []).map((colour) => [colour.key, colour]));
  const regions = new Map((config.regions || []).map((region) => [region.key, region]));

  function noteElement(id) {
    return document.getElementById("note-" + id);
  }

  function regionList(key) {
    const lists = Array.from(root.querySelectorAll("[data-region-notes]"));
    return lists.find((list) => list.dataset.regionNotes === key) || lists[0] || null;
  }

  function newNoteElement(note) {
    const template = find("template[data-note-template]");
    const element = template.content.firstElementChild.cloneNode(true);
    element.id = "note-" + note.id;
    element.dataset.note = String(note.id);
    const link = element.querySelector("[data-note-structured-link]");
    if (link) link.href = root.dataset.structuredUrl + "#note-" + note.id;
    return element;
  }

  function plural(one, many, count) {
    return count === 1 ? text(one) : text(many, { count: count });
  }

  function fillNote(element, note) {
    const hidden = note.state === "hidden";
    const colour = colours.get(note.colour) || (config.colours || [])[0];
    element.classList.toggle("note--hidden", hidden);
    Object.assign(element.dataset, {
      region: note.region,
      position: String(note.position),
      version: String(note.version),
      state: note.state,
      author: note.author ? String(note.author.id) : "",
      colour: note.colour,
      text: note.text,
    });
    if (colour) {
      element.style.setProperty("--note-bg", colour.background);
      element.style.setProperty("--note-border", colour.border);
      element.querySelector("[data-note-colour]").textContent = colour.label;
    }
    element.querySelector("[data-note-text]").textContent = hidden ? text("Hidden") : note.text;
    const summary = element.querySelector("[data-note-summary-text]");
    if (summary) summary.textContent = ": " + (hidden ? text("Hidden") : note.text.slice(0, 60));
    const author = element.querySelector("[data-note-author]");
    author.replaceChildren(...(hidden ? [] : [personElement(note.author)]));
    element.querySelector("[data-note-votes]").textContent = plural("DotOne", "DotMany", note.votes);
    const mine = myVotes[String(note.id)] || 0;
    element.querySelector("[data-note-mine]").textContent = mine ? " " + text("Yours", { count: mine }) : "";
    const comments = hidden ? 0 : note.comments.filter((item) => item.state === "public").length;
    element.querySelector("[data-note-comments]").textContent = comments
      ? plural("CommentOne", "CommentMany", comments)
      : "";
    const changed =
      !hidden && note.edited_by && (!note.author || note.edited_by.id !== note.author.id)
        ? text("ChangedBy", { name: note.edited_by.display_name })
        : "";
    element.querySelector("[data-note-changed]").textContent = changed;
  }

  // In the region's list by (position, id), as the server orders them.
  function place(element) {
    const list = regionList(element.dataset.region);
    if (!list) return;
    const position = Number(element.dataset.position);
    const id = Number(element.dataset.note);
    const before = Array.from(list.children).find(function (other) {
      if (other === element) return false;
      const otherPosition = Number(other.dataset.position);
      return otherPosition > position || (otherPosition === position && Number(other.dataset.note) > id);
    });
    if (element.parentElement !== list || element.nextElementSibling !== (before || null)) {
      list.insertBefore(element, before || null);
    }
  }

  function applyNote(note, change, quiet) {
    const key = "note:" + note.id;
    if ((applied.get(key) || 0) > change) return;
    applied.set(key, change);
    let element = noteElement(note.id);
    const before = element
      ? { region: element.dataset.region, version: element.dataset.version, state: element.dataset.state }
      : null;
    if (!element) element = newNoteElement(note);
    fillNote(element, note);
    place(element);
    updateTools(element, note, before);
    if (quiet || !before) {
      if (!quiet && !before && !isMine(note.author)) {
        announce(text("NoteAdded", { name: personName(note.author), region: regionLabel(note.region) }));
      }
      return;
    }
    if (isMine(note.edited_by)) return; // the person's own change was answered with "done"
    if (note.state === "hidden" && before.state !== "hidden") announce(text("NoteHidden"));
    else if (before.region !== note.region) announce(text("NoteMoved", { region: regionLabel(note.region) }));
    else if (before.version !== String(note.version)) {
      announce(text("NoteChanged", { name: personName(note.edited_by || note.author) }));
    }
  }

  function removeNote(id, change, quiet) {
    const key = "note:" + id;
    if ((applied.get(key) || 0) > change) return;
    applied.set(key, change);
    const element = noteElement(id);
    if (!element) return;
    if (tools && element.contains(tools)) closeTools();
    element.remove();
    if (!quiet) announce(text("NoteRemoved"));
  }

  function isMine(person) {
    return Boolean(person && config.viewer && person.id === config.viewer);
  }

  function regionLabel(key) {
    return (regions.get(key) || {}).label || key;
  }

  // --- Links: listed in words for everyone, drawn as arrows over the canvas ---------------

  function noteWords(id) {
    const element = noteElement(id);
    if (!element) return "";
    const words = element.dataset.state === "hidden" ? "–" : element.dataset.text;
    return words.length > 60 ? words.slice(0, 59) + "…" : words;
  }

  function linkText(item) {
    const label = item.dataset.label ? " (" + item.dataset.label + ")" : "";
    return noteWords(item.dataset.source) + " → " + noteWords(item.dataset.target) + label;
  }

  function linksList() {
    return find("[data-links-list]");
  }

  function applyLink(link, change, quiet) {
    const key = "link:" + link.id;
    if ((applied.get(key) || 0) > change) return;
    applied.set(key, change);
    const list = linksList();
    if (!list) return;
    let item = document.getElementById("link-" + link.id);
    const isNew = !item;
    if (isNew) {
      item = document.createElement("li");
      item.id = "link-" + link.id;
      item.dataset.link = String(link.id);
      item.append(Object.assign(document.createElement("span"), { className: "" }));
      item.firstChild.dataset.linkText = "";
      const later = Array.from(list.children).find((other) => Number(other.dataset.link) > link.id);
      list.insertBefore(item, later || null);
    }
    Object.assign(item.dataset, { source: String(link.source), target: String(link.target), label: link.label });
    item.querySelector("[data-link-text]").textContent = linkText(item);
    addUnlinkButton(item);
    if (isNew && !quiet) {
      announce(text("LinkAdded", { source: noteWords(link.source), target: noteWords(link.target) }));
    }
  }

  function removeLink(id, change, quiet) {
    const key = "link:" + id;
    if ((applied.get(key) || 0) > change) return;
    applied.set(key, change);
    const item = document.getElementById("link-" + id);
    if (item) {
      item.remove();
      if (!quiet) announce(text("LinkRemoved"));
    }
  }

  function addUnlinkButton(item) {
    if (!config.can_post || item.querySelector("[data-unlink]")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "link-button";
    button.dataset.unlink = item.dataset.link;
    button.dataset.boardOpenOnly = "";
    button.textContent = text("RemoveLink");
    button.setAttribute("aria-label", button.textContent + ": " + linkText(item));
    item.append(" ", button);
  }

  function refreshLinks() {
    const list = linksList();
    if (!list) return;
    list.querySelectorAll("[data-link]").forEach(function (item) {
      item.querySelector("[data-link-text]").textContent = linkText(item);
    });
    const empty = find("[data-no-links]");
    if (empty) empty.hidden = list.children.length > 0;
    scheduleDraw();
  }

  let drawFrame = null;
  function scheduleDraw() {
    if (drawFrame || !visual) return;
    drawFrame = window.requestAnimationFrame(function () {
      drawFrame = null;
      drawLinks();
    });
  }

  // Where the line from (fromX, fromY) to the centre of ``box`` enters the box.
  function edgePoint(box, fromX, fromY) {
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const dx = fromX - cx;
    const dy = fromY - cy;
    if (!dx && !dy) return [cx, cy];
    const scale = Math.min(
      dx ? box.width / 2 / Math.abs(dx) : Infinity,
      dy ? box.height / 2 / Math.abs(dy) : Infinity
    );
    return [cx + dx * Math.min(1, scale), cy + dy * Math.min(1, scale)];
  }

  function drawLinks() {
    const canvas = find("[data-canvas]");
    const svg = find("[data-links-svg]");
    const list = linksList();
    if (!canvas || !svg || !list) return;
    const origin = canvas.getBoundingClientRect();
    const boxOf = function (element) {
      const rect = element.getBoundingClientRect();
      return {
        x: rect.left - origin.left + canvas.scrollLeft,
        y: rect.top - origin.top + canvas.scrollTop,
        width: rect.width,
        height: rect.height,
      };
    };
    svg.setAttribute("width", String(canvas.scrollWidth));
    svg.setAttribute("height", String(canvas.scrollHeight));
    svg.querySelectorAll("g[data-arrow]").forEach((arrow) => arrow.remove());
    const ns = "http://www.w3.org/2000/svg";
    list.querySelectorAll("[data-link]").forEach(function (item) {
      const source = noteElement(item.dataset.source);
      const target = noteElement(item.dataset.target);
      if (!source || !target) return;
      const a = boxOf(source);
      const b = boxOf(target);
      const [x1, y1] = edgePoint(a, b.x + b.width / 2, b.y + b.height / 2);
      const [x2, y2] = edgePoint(b, a.x + a.width / 2, a.y + a.height / 2);
      const group = document.createElementNS(ns, "g");
      group.dataset.arrow = item.dataset.link;
      const line = document.createElementNS(ns, "line");
      Object.entries({ x1: x1, y1: y1, x2: x2, y2: y2, "marker-end": "url(#board-arrow)" }).forEach(
        ([name, value]) => line.setAttribute(name, String(value))
      );
      group.append(line);
      if (item.dataset.label) {
        const label = document.createElementNS(ns, "text");
        label.setAttribute("x", String((x1 + x2) / 2));
        label.setAttribute("y", String((y1 + y2) / 2 - 4));
        label.textContent = item.dataset.label;
        group.append(label);
      }
      svg.append(group);
    });
  }

  // --- The board and the workshop -------------------------------------------------------------

  function applyBoard(board, change, quiet) {
    if ((applied.get("board") || 0) > change) return;
    applied.set("board", change);
    if (board.locked !== locked) {
      locked = board.locked;
      if (!quiet) announce(text(locked ? "Locked" : "Unlocked"));
    }
    if (visual && board.card) {
      // A card's page shows its fields; they change when someone fills it in.
      const fields = find("[data-card-fields]");
      if (fields && board.card_edited_by && !isMine(board.card_edited_by) && !quiet) boardChanged();
    }
    config.vote_budget = board.vote_budget;
    showOpenness();
  }

  let timerEndsAt = null;
  let timerLabel = "";
  let timerTick = null;

  function applyWorkshop(workshop, change, quiet) {
    if ((applied.get("workshop") || 0) > change) return;
    applied.set("workshop", change);
    if (workshop.finished !== finished) {
      finished = workshop.finished;
      if (!quiet && finished) announce(text("Finished"));
    }
    const startedNow = workshop.timer_ends_at && workshop.timer_ends_at !== timerEndsAt;
    timerEndsAt = workshop.timer_ends_at;
    timerLabel = workshop.timer_label || "";
    if (startedNow && !quiet) {
      announce(text("TimerStarted", { minutes: Math.round((Date.parse(timerEndsAt) - Date.now()) / 60000) }));
    }
    showTimer();
    showFocus(workshop.focus_board, quiet);
    showOpenness();
  }

  function showTimer() {
    const element = find("[data-timer]");
    if (!element) return;
    window.clearInterval(timerTick);
    timerTick = null;
    if (!timerEndsAt) {
      element.hidden = true;
      return;
    }
    const tick = function () {
      const left = Math.max(0, Math.round((Date.parse(timerEndsAt) - Date.now()) / 1000));
      const time = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      if (left === 0) {
        element.textContent = (timerLabel ? timerLabel + ": " : "") + text("TimerDone");
        window.clearInterval(timerTick);
        if (timerTick !== null) announce(text("TimerDone"));
        timerTick = null;
        return;
      }
      element.textContent = timerLabel
        ? text("TimerLabel", { label: timerLabel, time: time })
        : text("Timer", { time: time });
    };
    element.hidden = false;
    timerTick = window.setInterval(tick, 1000);
    tick();
  }

  // The request is shown, with a link; nobody is moved or focused anywhere by it.
  function showFocus(focus, quiet) {
    const banner = find("[data-focus-banner]");
    if (!banner) return;
    const wasShown = !banner.hidden;
    if (!focus) {
      banner.hidden = true;
      return;
    }
    if (focus.id === config.board) {
      banner.replaceChildren(text("FocusHere"));
    } else {
      const link = document.createElement("a");
      link.href = focus.url;
      link.textContent = text("FocusLink", { title: focus.title });
      banner.replaceChildren(text("Focus", { title: focus.title }), " ", link);
    }
    banner.hidden = false;
    if (!quiet && !wasShown) announce(banner.firstChild.textContent);
  }

  function canChange() {
    return Boolean(config.can_post) && !locked && !finished && socketOpen();
  }

  function socketOpen() {
    return Boolean(socket && socket.readyState === WebSocket.OPEN);
  }

  function showOpenness() {
    if (!visual) return;
    const lockedBanner = find("[data-locked-banner]");
    if (lockedBanner) lockedBanner.hidden = !locked;
    const finishedBanner = find("[data-finished-banner]");
    if (finishedBanner) finishedBanner.hidden = !finished;
    root.querySelectorAll("[data-board-open-only]").forEach(function (part) {
      part.hidden = locked || finished || !config.can_post;
    });
    root.querySelectorAll('[data-run="board_lock"]').forEach(function (button) {
      button.hidden = (button.dataset.locked === "true") === locked;
    });
    const votes = find("[data-votes-left]");
    if (votes) votes.textContent = text("VotesLeft", { count: votesLeft });
    root.classList.toggle("workshop-board--changeable", canChange());
    if (tools && !tools.hidden) fillTools();
  }

  // --- Frames ---------------------------------------------------------------------------------

  function applyFrame(frame, quiet) {
    const change = frame.change || 0;
    if (!visual) {
      if (baseline !== null && change > baseline) boardChanged();
      return;
    }
    if (frame.type === "note") applyNote(frame.note, change, quiet);
    else if (frame.type === "note_removed") removeNote(frame.note, change, quiet);
    else if (frame.type === "link") applyLink(frame.link, change, quiet);
    else if (frame.type === "link_removed") removeLink(frame.link, change, quiet);
    else if (frame.type === "board") applyBoard(frame.board, change, quiet);
    else if (frame.type === "workshop") applyWorkshop(frame.workshop, change, quiet);
    refreshLinks();
  }

  // The whole board, on every (re)connection: what is not in it has gone.
  function applySnapshot(snapshot) {
    const change = snapshot.change;
    if (!visual) {
      if (baseline === null) baseline = change;
      else if (change > baseline) boardChanged();
      return;
    }
    const notes = new Set(snapshot.notes.map((note) => note.id));
    root.querySelectorAll("[data-note]").forEach(function (element) {
      if (element.closest("template")) return;
      const id = Number(element.dataset.note);
      if (!notes.has(id)) removeNote(id, change, false);
    });
    const links = new Set(snapshot.links.map((link) => link.id));
    root.querySelectorAll("[data-link]").forEach(function (item) {
      const id = Number(item.dataset.link);
      if (!links.has(id)) removeLink(id, change, false);
    });
    const quiet = baseline !== null && change <= baseline;
    snapshot.notes.forEach((note) => applyNote(note, change, quiet));
    snapshot.links.forEach((link) => applyLink(link, change, quiet));
    applyBoard(snapshot.board, change, true);
    applyWorkshop(snapshot.workshop, change, true);
    baseline = Math.max(baseline || 0, change);
    refreshLinks();
  }

  const BOARD_FRAMES = ["note", "note_removed", "link", "link_removed", "board", "workshop"];

  function handle(frame) {
    if (BOARD_FRAMES.includes(frame.type)) applyFrame(frame, false);
    else if (frame.type === "hello") {
      if (visual) {
        config.can_post = frame.can_post;
        config.can_run = frame.can_run;
        myVotes = Object.assign({}, frame.my_votes);
        votesLeft = frame.votes_left;
      }
      applySnapshot(frame.snapshot);
      socket.send(JSON.stringify({ type: "catch_up", after: frame.resume_after }));
      showOpenness();
    } else if (frame.type === "caught_up") resumeAfter = Math.max(resumeAfter, frame.resume_after);
    else if (frame.type === "presence" || frame.type === "presence_changed") showPresence(frame);
    else if (frame.type === "workshop_presence" || frame.type === "workshop_presence_changed") {
      showWhoIsWhere(frame);
    }
    else if (frame.type === "done" || frame.type === "posted") answered(frame);
    else if (frame.type === "overwritten") {
      showNotice(frame.message);
      announce(frame.message);
    } else if (frame.type === "error") refused(frame);
  }

  function answered(frame) {
    const asked = pending.get(frame.client_id);
    pending.delete(frame.client_id);
    showError("");
    if (frame.votes_left !== undefined) {
      votesLeft = frame.votes_left;
      myVotes[String(frame.note)] = frame.my_votes;
      const element = noteElement(frame.note);
      if (element) {
        element.querySelector("[data-note-mine]").textContent = frame.my_votes
          ? " " + text("Yours", { count: frame.my_votes })
          : "";
      }
      showOpenness();
    }
    const said = {
      note_add: () => text("DoneAdd"),
      note_edit: () => text("DoneEdit"),
      note_move: () => text("DoneMove", { region: regionLabel(frame.region) }),
      note_remove: () => text("DoneRemove"),
      link_add: () => text("DoneLink"),
      link_remove: () => text("DoneUnlink"),
      vote: () => text("DoneVote", { count: frame.votes_left }),
      unvote: () => text("DoneUnvote", { count: frame.votes_left }),
      note_hide: () => text("DoneHide"),
      note_restore: () => text("DoneRestore"),
    }[frame.action];
    if (frame.type === "posted") announce(text("DoneComment"));
    else if (said) announce(said());
    if (asked && asked.form) asked.form.reset();
    if (frame.action === "note_edit" && tools && tools.dataset.note === String(frame.note)) {
      tools.dataset.dirty = "";
      tools.dataset.baseVersion = String(frame.version);
    }
  }

  function refused(frame) {
    const asked = pending.get(frame.client_id);
    pending.delete(frame.client_id);
    if (asked && asked.undo) asked.undo();
    showError(frame.message);
    if (frame.code === "personal_details" && asked && frame.can_confirm && asked.frame) {
      // As for comments: the person may post it as it is, once they have seen the question.
      const box = find("[data-board-error]");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button button--secondary";
      button.textContent = text("PostAnyway");
      button.addEventListener("click", function () {
        showError("");
        send(Object.assign({}, asked.frame, { confirm_personal: true }), asked);
      });
      box.append(" ", button);
    }
  }

  function send(frame, asked) {
    if (!socketOpen()) return false;
    sequence += 1;
    const clientId = frame.client_id || "b" + Date.now().toString(36) + "-" + sequence;
    const message = Object.assign({}, frame, { client_id: clientId });
    pending.set(clientId, Object.assign({ frame: message }, asked || {}));
    socket.send(JSON.stringify(message));
    return true;
  }

  // --- One note's tools, moved into the note whose actions are open --------------------------

  const tools = find("[data-note-tools]");

  function closeTools() {
    if (!tools) return;
    tools.hidden = true;
    tools.dataset.note = "";
    root.append(tools);
  }

  function openTools(element) {
    if (!tools) return;
    const slot = element.querySelector("[data-note-tools-slot]");
    root.querySelectorAll("details[data-note-actions][open]").forEach(function (other) {
      if (!element.contains(other)) other.open = false;
    });
    slot.append(tools);
    tools.dataset.note = element.dataset.note;
    tools.dataset.baseVersion = element.dataset.version;
    tools.dataset.dirty = "";
    tools.querySelector("[data-tools-notice]").hidden = true;
    const textField = tools.querySelector("[data-tool-text]");
    if (textField) textField.value = element.dataset.text;
    const colour = tools.querySelector("[data-tool-colour]");
    if (colour) colour.value = element.dataset.colour;
    const region = tools.querySelector("[data-tool-region]");
    if (region) region.value = element.dataset.region;
    const label = tools.querySelector("[data-tool-label]");
    if (label) label.value = "";
    fillTools();
    tools.hidden = false;
  }

  function fillTools() {
    const element = noteElement(tools.dataset.note);
    if (!element) return;
    const hidden = element.dataset.state === "hidden";
    const open = canChange();
    const mayRemove = isMine({ id: Number(element.dataset.author) }) || config.can_run;
    const shown = {
      public: !hidden && open,
      removable: !hidden && open && mayRemove,
      hideable: !hidden && Boolean(config.can_run),
      hidden: hidden && Boolean(config.can_run),
    };
    tools.querySelectorAll("[data-tools-for]").forEach(function (part) {
      part.hidden = !shown[part.dataset.toolsFor];
    });
    const mine = tools.querySelector("[data-tool-my-votes]");
    if (mine) {
      const count = myVotes[element.dataset.note] || 0;
      mine.textContent = text("VotesLeft", { count: votesLeft }) + (count ? " " + text("Yours", { count: count }) : "");
    }
    const target = tools.querySelector("[data-tool-target]");
    if (target) {
      const chosen = target.value;
      const options = Array.from(root.querySelectorAll(".region [data-note]"))
        .filter((other) => other !== element && other.dataset.state !== "hidden")
        .map(function (other) {
          const option = document.createElement("option");
          option.value = other.dataset.note;
          option.textContent = regionLabel(other.dataset.region) + ": " + noteWords(other.dataset.note);
          return option;
        });
      target.replaceChildren(...options);
      if (options.some((option) => option.value === chosen)) target.value = chosen;
    }
  }

  // Someone else changed the note that is open here: their change shows on the note, what
  // the person has typed stays, and they are told that saving replaces it.
  function updateTools(element, note, before) {
    if (!tools || tools.dataset.note !== String(note.id) || !before) return;
    if (before.version !== String(note.version) && !isMine(note.edited_by)) {
      if (tools.dataset.dirty) {
        showNotice(text("EditingChanged", { name: personName(note.edited_by || note.author) }));
      } else {
        const textField = tools.querySelector("[data-tool-text]");
        if (textField) textField.value = note.text;
        const colour = tools.querySelector("[data-tool-colour]");
        if (colour) colour.value = note.colour;
        tools.dataset.baseVersion = String(note.version);
      }
    }
    fillTools();
  }

  function showNotice(message) {
    if (!tools) return;
    const notice = tools.querySelector("[data-tools-notice]");
    notice.textContent = message;
    notice.hidden = false;
  }

  if (tools) {
    root.addEventListener(
      "toggle",
      function (event) {
        const details = event.target;
        if (!details.matches || !details.matches("details[data-note-actions]")) return;
        const element = details.closest("[data-note]");
        if (details.open && socketOpen()) openTools(element);
        else if (!details.open && element.contains(tools)) closeTools();
      },
      true
    );
    tools.addEventListener("input", function (event) {
      if (event.target.matches("[data-tool-text], [data-tool-colour]")) tools.dataset.dirty = "1";
    });
    tools.addEventListener("click", function (event) {
      const button = event.target.closest("[data-tool]");
      if (!button) return;
      const note = Number(tools.dataset.note);
      const value = (selector) => (tools.querySelector(selector) || {}).value;
      const frames = {
        note_move: () => ({ type: "note_move", note: note, region: value("[data-tool-region]") }),
        vote: () => ({ type: "vote", note: note }),
        unvote: () => ({ type: "unvote", note: note }),
        note_edit: () => ({
          type: "note_edit",
          note: note,
          text: value("[data-tool-text]"),
          colour: value("[data-tool-colour]"),
          base_version: Number(tools.dataset.baseVersion),
        }),
        link_add: () => ({
          type: "link_add",
          source: note,
          target: Number(value("[data-tool-target]")),
          label: value("[data-tool-label]") || "",
        }),
        note_remove: () => ({ type: "note_remove", note: note }),
        note_hide: () => ({ type: "note_hide", note: note, reason: value("[data-tool-reason]") || "" }),
        note_restore: () => ({ type: "note_restore", note: note, reason: value("[data-tool-reason]") || null }),
      };
      const build = frames[button.dataset.tool];
      if (build) send(build());
    });
  }

  // --- Adding a note, unlinking, the facilitator's controls ------------------------------------

  root.addEventListener("submit", function (event) {
    const form = event.target.closest("form[data-note-add]");
    if (!form || !socketOpen()) return; // without the socket the form goes to the server
    event.preventDefault();
    const card = form.elements.card && form.elements.card.value;
    send(
      {
        type: "note_add",
        region: form.elements.region.value,
        colour: form.elements.colour.value,
        text: form.elements.text.value,
        card: card ? Number(card) : null,
      },
      { form: form }
    );
  });

  root.addEventListener("click", function (event) {
    const unlink = event.target.closest("[data-unlink]");
    if (unlink) {
      send({ type: "link_remove", link: Number(unlink.dataset.unlink) });
      return;
    }
    const run = event.target.closest("[data-run]");
    if (!run) return;
    if (run.dataset.run === "board_lock") send({ type: "board_lock", locked: run.dataset.locked === "true" });
    else if (run.dataset.run === "focus") {
      send({ type: "focus", board: run.dataset.focusBoard ? Number(run.dataset.focusBoard) : null });
    } else if (run.dataset.run === "timer") {
      const minutes = "stop" in run.dataset ? 0 : Number((find("[data-run-minutes]") || {}).value || 0);
      send({ type: "timer", minutes: Math.max(0, Math.round(minutes)), label: (find("[data-run-label]") || {}).value || "" });
    }
  });

  // --- Dragging a note to another place (pointer events; the actions do the same by keyboard) ---

  let drag = null;
  const INTERACTIVE = "button, a, summary, select, textarea, input, label, [data-note-tools-slot]";

  function regionAt(x, y) {
    const hits = document.elementsFromPoint(x, y);
    for (const hit of hits) {
      if (drag && drag.element.contains(hit)) continue;
      const region = hit.closest("[data-region]");
      if (region && root.contains(region)) return { region: region, over: hit.closest("[data-note]") };
    }
    return null;
  }

  function markTarget(region) {
    root.querySelectorAll(".region--drop").forEach((element) => element.classList.remove("region--drop"));
    if (region) region.classList.add("region--drop");
  }

  root.addEventListener("pointerdown", function (event) {
    const element = event.target.closest(".region [data-note]");
    if (!element || event.button !== 0 || !canChange() || element.dataset.state === "hidden") return;
    const onHandle = Boolean(event.target.closest(".note__handle"));
    if (!onHandle && (event.pointerType !== "mouse" || event.target.closest(INTERACTIVE))) return;
    drag = { element: element, x: event.clientX, y: event.clientY, moved: false };
  });

  document.addEventListener("pointermove", function (event) {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 6) return;
    drag.moved = true;
    event.preventDefault();
    drag.element.classList.add("note--dragging");
    drag.element.style.transform = "translate(" + dx + "px, " + dy + "px)";
    const hit = regionAt(event.clientX, event.clientY);
    markTarget(hit && hit.region);
  });

  function endDrag(event, cancelled) {
    if (!drag) return;
    const current = drag;
    drag = null;
    current.element.classList.remove("note--dragging");
    current.element.style.transform = "";
    markTarget(null);
    if (!current.moved || cancelled) return;
    const hit = regionAt(event.clientX, event.clientY);
    if (!hit) return;
    const region = hit.region.dataset.region;
    const list = regionList(region);
    const others = Array.from(list.children).filter((other) => other !== current.element);
    const over = hit.over && hit.over !== current.element ? others.indexOf(hit.over) : -1;
    if (region === current.element.dataset.region && over < 0) return;
    // Shown in its new place at once; put back if the server says no.
    const home = { parent: current.element.parentElement, next: current.element.nextElementSibling };
    list.insertBefore(current.element, over >= 0 ? others[over] : null);
    scheduleDraw();
    const sent = send(
      { type: "note_move", note: Number(current.element.dataset.note), region: region, position: over >= 0 ? over : null },
      {
        undo: function () {
          home.parent.insertBefore(current.element, home.next && home.next.parentElement === home.parent ? home.next : null);
          scheduleDraw();
        },
      }
    );
    if (!sent) pending.clear(); // the socket closed mid-drag: the next hello puts it back
  }

  document.addEventListener("pointerup", (event) => endDrag(event, false));
  document.addEventListener("pointercancel", (event) => endDrag(event, true));

  window.addEventListener("resize", scheduleDraw);
  const canvas = find("[data-canvas]");
  if (canvas) canvas.addEventListener("scroll", scheduleDraw, { passive: true });
  if (canvas && window.ResizeObserver) new ResizeObserver(scheduleDraw).observe(canvas);

  // --- Websocket, with catch-up on every (re)connection; polling where it is blocked ---------

  function failed() {
    failures += 1;
    if (!everOpened && failures >= FAILURES_BEFORE_POLLING) startPolling();
    else setState("offline");
    const wait = delay * (0.5 + Math.random());
    delay = Math.min(delay * 2, MAX_DELAY_MS);
    window.setTimeout(connect, wait);
  }

  function connect() {
    if (stopped) return;
    if (!pollTimer) setState("connecting");
    const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    try {
      socket = new WebSocket(scheme + window.location.host + root.dataset.socketUrl);
    } catch (error) {
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
      pingTimer = window.setInterval(function () {
        if (socketOpen()) socket.send(JSON.stringify({ type: "ping" }));
      }, PING_INTERVAL_MS);
    });
    socket.addEventListener("message", function (event) {
      try {
        handle(JSON.parse(event.data));
      } catch (error) {
        /* a frame we cannot read is skipped; the next catch-up fills any gap */
      }
    });
    socket.addEventListener("close", function (event) {
      window.clearInterval(pingTimer);
      socket = null;
      pending.clear();
      showOpenness();
      if (event.code === 4404 || event.code === 4403) return ended();
      failed();
    });
  }

  function ended() {
    stopped = true;
    stopPolling();
    setState("ended");
    announce(text("Ended"));
    config.can_post = false;
    config.can_run = false;
    closeTools();
    showOpenness();
    root.querySelectorAll("[data-facilitator-tools]").forEach((part) => (part.hidden = true));
  }

  function poll() {
    const url = new URL(root.dataset.liveUrl, window.location.href);
    url.searchParams.set("after", String(visual ? resumeAfter : baseline || 0));
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then(function (data) {
        if (!visual && baseline === null) {
          baseline = data.last_id;
          return;
        }
        data.frames.forEach((frame) => applyFrame(frame, false));
        resumeAfter = Math.max(resumeAfter, data.resume_after);
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

  if (visual) {
    // What the server drew is current to its change: frames older than that change nothing.
    root.querySelectorAll(".region [data-note]").forEach((element) => applied.set("note:" + element.dataset.note, baseline || 0));
    root.querySelectorAll("[data-link]").forEach(function (item) {
      applied.set("link:" + item.dataset.link, baseline || 0);
      addUnlinkButton(item);
    });
    const timer = find("[data-timer]");
    if (timer && timer.dataset.endsAt) {
      timerEndsAt = timer.dataset.endsAt;
      timerLabel = timer.dataset.label || "";
      showTimer();
    }
    scheduleDraw();
  }
  connect();
})();
