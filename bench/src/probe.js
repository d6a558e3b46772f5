// Measurement probe, injected with Page.addScriptToEvaluateOnNewDocument so
// that it runs before any script of the page. Every time is performance.now(),
// in milliseconds since the navigation started.
//
// "After paint" is the time a MessageChannel message posted from a
// requestAnimationFrame callback arrives: rendering of that frame has run by
// then.
//
// The bench replaces EXPECTED_TOTAL and PAGE_SIZE before injecting.
(() => {
  const expectedTotal = EXPECTED_TOTAL;
  const pageSize = PAGE_SIZE;
  const loadedText = expectedTotal === 1 ? "1 key" : `${expectedTotal} keys`;

  const probe = {
    firstRowPaint: null,
    loadedPaint: null,
    longTasks: [],
    typingStart: null,
    lastKeydown: null,
    pending: null,
    samples: [],
  };
  window.__bench = probe;

  const afterPaint = (callback) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => callback(performance.now());
      channel.port2.postMessage(null);
    });

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: "longtask", buffered: true });

  addEventListener("keydown", (event) => {
    probe.lastKeydown = event.timeStamp;
  }, true);
  addEventListener("input", (event) => {
    const pending = probe.pending;
    if (pending && pending.start === null && event.target && event.target.id === "key-search") {
      pending.start = probe.lastKeydown ?? event.timeStamp;
    }
  }, true);

  const waiters = [];
  const notify = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };

  const countText = () => {
    const count = document.querySelector("p.count");
    return count ? count.textContent.trim() : null;
  };

  // Checks the state a search keystroke should lead to. Only the first
  // pageSize rows are compared with the query, so that the check stays cheap
  // inside the measured time.
  const searchShown = (pending) => {
    const input = document.querySelector("input#key-search");
    if (!input || input.value !== pending.query) return false;
    if (countText() !== pending.countText) return false;
    const body = document.querySelector("table.key-table > tbody");
    const rows = body ? body.children : [];
    const paged = pending.matches > pageSize && rows.length === pageSize;
    if (rows.length !== pending.matches && !paged) return false;
    const needle = pending.query.trim().toLowerCase();
    for (let index = 0; index < Math.min(rows.length, pageSize); index += 1) {
      const row = rows[index];
      const name = row.querySelector(".key-name a");
      const token = row.querySelector(".key-token");
      const found =
        (name && name.textContent.toLowerCase().includes(needle)) ||
        (token && token.textContent.toLowerCase().includes(needle)) ||
        (row.dataset.keyId || "").toLowerCase().includes(needle);
      if (!found) return false;
    }
    return true;
  };

  const check = () => {
    if (probe.firstRowSeen === undefined && document.querySelector("tr.key-row")) {
      probe.firstRowSeen = performance.now();
      afterPaint((time) => {
        probe.firstRowPaint = time;
        notify();
      });
    }
    if (probe.loadedSeen === undefined && countText() === loadedText) {
      probe.loadedSeen = performance.now();
      afterPaint((time) => {
        probe.loadedPaint = time;
        notify();
      });
    }
    const pending = probe.pending;
    if (pending && pending.start !== null && pending.shown === null && searchShown(pending)) {
      pending.shown = performance.now();
      afterPaint((time) => {
        probe.samples.push({ query: pending.query, start: pending.start, shown: pending.shown, paint: time });
        probe.pending = null;
        const resolve = pending.resolve;
        if (resolve) resolve();
      });
    }
  };

  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });

  // Called by the bench before it sends one key to #key-search.
  probe.arm = (query, expectedCountText, matches) => {
    if (probe.typingStart === null) probe.typingStart = performance.now();
    probe.lastKeydown = null;
    probe.pending = { query, countText: expectedCountText, matches, start: null, shown: null, resolve: null };
  };

  // Resolves to true once the armed keystroke's result has been painted, or
  // to false after `limit` milliseconds. The bench calls it again until true.
  probe.sampled = (limit) =>
    new Promise((resolve) => {
      if (probe.pending === null) return resolve(true);
      setTimeout(() => resolve(false), limit);
      probe.pending.resolve = () => resolve(true);
    });

  // Resolves to true once the first row (and with `needAll`, the complete
  // count) has been painted, or to false after `limit` milliseconds.
  probe.loaded = (needAll, limit) =>
    new Promise((resolve) => {
      const ready = () => probe.firstRowPaint !== null && (!needAll || probe.loadedPaint !== null);
      setTimeout(() => resolve(false), limit);
      const wait = () => (ready() ? resolve(true) : waiters.push(wait));
      wait();
    });
})();
