// The per-person live channel (/ws/me/): keeps the notification badge in the header current
// on every open page and announces new notices to screen readers. Without it (no JavaScript,
// or websockets blocked) the badge is simply as fresh as the last page load.
(function () {
  "use strict";
  const link = document.querySelector("[data-notifications-link]");
  if (!link || !("WebSocket" in window)) return;
  const count = link.querySelector("[data-unread-count]");
  const announcer = document.querySelector("[data-live-announcer]");
  const MAX_DELAY_MS = 30000;
  let delay = 1000;

  function render(unread) {
    count.hidden = unread === 0;
    count.textContent = unread === 1 ? link.dataset.one : link.dataset.many.replace("{count}", String(unread));
  }

  function connect() {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(scheme + "://" + window.location.host + "/ws/me/");
    socket.addEventListener("open", function () {
      delay = 1000;
    });
    socket.addEventListener("message", function (event) {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (frame.type !== "notification") return;
      render(frame.unread);
      if (frame.notification && announcer) announcer.textContent = frame.notification.message;
    });
    socket.addEventListener("close", function () {
      // Back off, with jitter so that a restarted worker is not hit by everyone at once.
      const wait = delay * (0.5 + Math.random());
      delay = Math.min(delay * 2, MAX_DELAY_MS);
      window.setTimeout(connect, wait);
    });
  }

  connect();
})();
