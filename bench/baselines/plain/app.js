// Benchmark baseline: the dashboard's key list in plain JavaScript. It loads
// the keys as the dashboard does: the secret from `#key=`, config.json, then
// every `GET /api-keys?limit=100` cursor page, and every page of domains.
// It renders the dashboard's list markup and searches name, token hint and id
// case-insensitively. It shows at most PAGE_SIZE rows, with a pager.
"use strict";

(() => {
  const PAGE_SIZE = 100;
  const LIST_LIMIT = 100;

  const secret = new URLSearchParams(location.hash.slice(1)).get("key");
  history.replaceState(null, "", location.pathname + location.search);

  const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  const numberFormat = new Intl.NumberFormat();
  const domainNames = new Map();
  const state = { keys: [], loading: true, complete: false, query: "", page: 0, error: null };

  const app = document.getElementById("app");
  app.innerHTML =
    '<main><section class="keys" aria-labelledby="keys-title">' +
    '<div class="page-header"><div><h1 id="keys-title">API keys</h1>' +
    '<p class="count" aria-live="polite"></p></div></div>' +
    '<p class="loading" role="status" aria-live="polite">Loading API keys…</p>' +
    '<div class="list-controls" role="search" hidden><div class="field search-field">' +
    '<label for="key-search">Search</label>' +
    '<input id="key-search" type="search" placeholder="Name, token hint or id" autocomplete="off">' +
    "</div></div>" +
    '<table class="key-table" hidden><caption class="visually-hidden">API keys, newest first</caption>' +
    '<thead><tr><th scope="col">Name</th><th scope="col">Token</th><th scope="col">Permission</th>' +
    '<th scope="col">Domains</th><th scope="col">Status</th><th scope="col">Created</th></tr></thead>' +
    "<tbody></tbody></table>" +
    '<p class="empty-filter" role="status" hidden>No key matches this search and these filters.</p>' +
    '<nav class="pager" aria-label="Pages of keys" hidden><p class="pager-status"></p>' +
    '<button type="button" class="pager-previous">Previous</button>' +
    '<button type="button" class="pager-next">Next</button></nav>' +
    "</section></main>";

  const count = app.querySelector("p.count");
  const loading = app.querySelector("p.loading");
  const controls = app.querySelector(".list-controls");
  const search = app.querySelector("#key-search");
  const table = app.querySelector("table.key-table");
  const tbody = table.querySelector("tbody");
  const emptyFilter = app.querySelector("p.empty-filter");
  const pager = app.querySelector("nav.pager");
  const pagerStatus = pager.querySelector(".pager-status");
  const previous = pager.querySelector(".pager-previous");
  const next = pager.querySelector(".pager-next");

  const escapeHtml = (text) =>
    String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const tokenHint = (shortToken) => (shortToken ? "…" + shortToken : "…(no hint)");
  const permissionBadge = (permission) => {
    switch (permission) {
      case "fullAccess": return ["badge permission-full", "Full access"];
      case "sendingAccess": return ["badge permission-sending", "Sending only"];
      case null: case undefined: return ["badge permission-unknown", "Not reported by the server"];
      default: return ["badge permission-unknown", `unknown (${permission})`];
    }
  };
  const statusBadge = (status) => {
    switch (status) {
      case "enabled": return ["badge status-enabled", "Enabled"];
      case "disabled": return ["badge status-disabled", "Disabled"];
      case "revoked": return ["badge status-revoked", "Revoked"];
      default: return ["badge status-unknown", `unknown (${status})`];
    }
  };
  const restrictionText = (key) => {
    if (key.permission === "fullAccess") return "Not applicable (Full access)";
    if (Array.isArray(key.domainIds) && key.domainIds.length > 0) {
      return key.domainIds.map((id) => domainNames.get(id) ?? id).join(", ");
    }
    if (key.permission === "sendingAccess" && Array.isArray(key.domainIds)) return "All verified domains";
    return "Not reported by the server";
  };
  const formatDate = (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
  };

  const rowHtml = (key) => {
    const name = key.name && key.name.trim() ? key.name : null;
    const [permissionClass, permissionLabel] = permissionBadge(key.permission);
    const [statusClass, statusLabel] = statusBadge(key.status);
    const id = escapeHtml(key.id);
    return (
      `<tr class="key-row${key.status === "revoked" ? " revoked" : ""}" data-key-id="${id}">` +
      `<td class="key-name"><a class="key-link${name ? "" : " unnamed"}" id="key-link-${id}" href="../../api-keys/${id}">${escapeHtml(name ?? "Unnamed key")}</a></td>` +
      `<td class="key-token"><code>${escapeHtml(tokenHint(key.shortToken))}</code></td>` +
      `<td class="key-permission"><span class="${permissionClass}">${escapeHtml(permissionLabel)}</span></td>` +
      `<td class="key-domains">${escapeHtml(restrictionText(key))}</td>` +
      `<td class="key-status"><span class="${statusClass}">${escapeHtml(statusLabel)}</span></td>` +
      `<td class="key-created"><time datetime="${escapeHtml(key.createdAt)}">${escapeHtml(formatDate(key.createdAt))}</time></td>` +
      "</tr>"
    );
  };

  const matches = (key, search) =>
    (key.name != null && key.name.toLowerCase().includes(search)) ||
    key.id.toLowerCase().includes(search) ||
    tokenHint(key.shortToken).toLowerCase().includes(search);

  // The filtered list is recomputed only when the keys or the query change.
  let filtered = [];
  let filteredFor = null;
  let renderedRows = null;

  const render = () => {
    const search = state.query.trim().toLowerCase();
    const filterKey = `${state.keys.length}\u0000${search}`;
    if (filteredFor !== filterKey) {
      filtered = search ? state.keys.filter((key) => matches(key, search)) : state.keys;
      filteredFor = filterKey;
    }

    const total = state.keys.length === 1 ? "1 key" : `${state.keys.length} keys`;
    let text = search ? `Showing ${filtered.length} of ${total}` : total;
    if (state.loading && state.keys.length === 0) text = "";
    else if (state.loading) text = `${text} loaded, loading more…`;
    if (count.textContent !== text) count.textContent = text;

    const showList = state.keys.length > 0;
    loading.hidden = !state.loading || showList;
    if (state.error) {
      loading.hidden = false;
      loading.textContent = `Loading the API keys failed: ${state.error}`;
    }
    controls.hidden = !showList;
    table.hidden = !showList || filtered.length === 0;
    emptyFilter.hidden = !showList || filtered.length > 0;

    const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
    state.page = Math.min(state.page, pages - 1);
    const start = state.page * PAGE_SIZE;
    const shown = filtered.slice(start, start + PAGE_SIZE);
    // A later page of keys only appends older keys, so the rows on screen
    // often stay the same; they are rewritten only when they change.
    const ids = shown.map((key) => key.id).join(" ");
    if (ids !== renderedRows) {
      tbody.innerHTML = shown.map(rowHtml).join("");
      renderedRows = ids;
    }

    pager.hidden = !showList || filtered.length <= PAGE_SIZE;
    if (!pager.hidden) {
      pagerStatus.textContent =
        `Showing ${numberFormat.format(start + 1)}–${numberFormat.format(start + shown.length)} ` +
        `of ${numberFormat.format(filtered.length)}`;
      previous.disabled = state.page === 0;
      next.disabled = state.page >= pages - 1;
    }
  };

  search.addEventListener("input", () => {
    state.query = search.value;
    state.page = 0;
    render();
  });
  previous.addEventListener("click", () => {
    state.page -= 1;
    render();
  });
  next.addEventListener("click", () => {
    state.page += 1;
    render();
  });

  const getJson = async (url) => {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${secret}`, Accept: "application/json" } });
    if (!response.ok) throw new Error(`${url.pathname} failed with ${response.status}`);
    return response.json();
  };
  const pageUrl = (base, path, cursor) => {
    const url = new URL(path, base);
    url.searchParams.set("limit", String(LIST_LIMIT));
    if (cursor) url.searchParams.set("cursor", cursor);
    return url;
  };

  const loadKeys = async (base) => {
    let cursor = null;
    do {
      const page = await getJson(pageUrl(base, "api-keys", cursor));
      state.keys = state.keys.concat(page.data);
      cursor = page.nextCursor;
      state.loading = Boolean(cursor);
      render();
    } while (cursor);
  };
  const loadDomains = async (base) => {
    let cursor = null;
    do {
      const page = await getJson(pageUrl(base, "domains", cursor));
      for (const domain of page.data) domainNames.set(domain.id, domain.name);
      cursor = page.nextCursor;
    } while (cursor);
    // Restriction texts may name domains now; redraw the rows on screen.
    renderedRows = null;
    render();
  };

  const start = async () => {
    if (!secret) throw new Error("no #key= in the URL");
    const config = await (await fetch("../../config.json")).json();
    const base = new URL(config.apiBaseUrl, location.href);
    await Promise.all([loadKeys(base), loadDomains(base)]);
  };
  start().catch((error) => {
    state.loading = false;
    state.error = String(error.message ?? error);
    render();
  });
  render();
})();
