// Benchmark baseline: the dashboard's key list in React 19, with the same
// behaviour and markup as the plain JavaScript baseline (../plain/app.js).
// It reads the secret from `#key=`, then loads config.json, every
// `GET /api-keys?limit=100` cursor page and every page of domains. Search is
// case-insensitive on name, token hint and id, and at most PAGE_SIZE rows show,
// with a pager.
import { memo, useEffect, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";

const PAGE_SIZE = 100;
const LIST_LIMIT = 100;

const secret = new URLSearchParams(location.hash.slice(1)).get("key");
history.replaceState(null, "", location.pathname + location.search);

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const numberFormat = new Intl.NumberFormat();

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
const restrictionText = (key, domainNames) => {
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
const matches = (key, search) =>
  (key.name != null && key.name.toLowerCase().includes(search)) ||
  key.id.toLowerCase().includes(search) ||
  tokenHint(key.shortToken).toLowerCase().includes(search);

const KeyRow = memo(function KeyRow({ apiKey: key, domainNames }) {
  const name = key.name && key.name.trim() ? key.name : null;
  const [permissionClass, permissionLabel] = permissionBadge(key.permission);
  const [statusClass, statusLabel] = statusBadge(key.status);
  return (
    <tr className={key.status === "revoked" ? "key-row revoked" : "key-row"} data-key-id={key.id}>
      <td className="key-name">
        <a className={name ? "key-link" : "key-link unnamed"} id={`key-link-${key.id}`} href={`../../api-keys/${key.id}`}>
          {name ?? "Unnamed key"}
        </a>
      </td>
      <td className="key-token"><code>{tokenHint(key.shortToken)}</code></td>
      <td className="key-permission"><span className={permissionClass}>{permissionLabel}</span></td>
      <td className="key-domains">{restrictionText(key, domainNames)}</td>
      <td className="key-status"><span className={statusClass}>{statusLabel}</span></td>
      <td className="key-created"><time dateTime={key.createdAt}>{formatDate(key.createdAt)}</time></td>
    </tr>
  );
});

async function getJson(url) {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${secret}`, Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url.pathname} failed with ${response.status}`);
  return response.json();
}

function pageUrl(base, path, cursor) {
  const url = new URL(path, base);
  url.searchParams.set("limit", String(LIST_LIMIT));
  if (cursor) url.searchParams.set("cursor", cursor);
  return url;
}

function KeyList() {
  const [keys, setKeys] = useState([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState(null);
  const [domainNames, setDomainNames] = useState(() => new Map());
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const loadKeys = async (base) => {
      let cursor = null;
      do {
        const response = await getJson(pageUrl(base, "api-keys", cursor));
        if (cancelled) return;
        setKeys((keys) => keys.concat(response.data));
        cursor = response.nextCursor;
        setLoading(Boolean(cursor));
      } while (cursor);
    };
    const loadDomains = async (base) => {
      const names = new Map();
      let cursor = null;
      do {
        const response = await getJson(pageUrl(base, "domains", cursor));
        for (const domain of response.data) names.set(domain.id, domain.name);
        cursor = response.nextCursor;
      } while (cursor);
      if (!cancelled) setDomainNames(names);
    };
    const start = async () => {
      if (!secret) throw new Error("no #key= in the URL");
      const config = await (await fetch("../../config.json")).json();
      const base = new URL(config.apiBaseUrl, location.href);
      await Promise.all([loadKeys(base), loadDomains(base)]);
    };
    start().catch((error) => {
      if (cancelled) return;
      setLoading(false);
      setError(String(error.message ?? error));
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const search = query.trim().toLowerCase();
  const filtered = useMemo(() => (search ? keys.filter((key) => matches(key, search)) : keys), [keys, search]);

  const total = keys.length === 1 ? "1 key" : `${keys.length} keys`;
  let countText = search ? `Showing ${filtered.length} of ${total}` : total;
  if (loading && keys.length === 0) countText = "";
  else if (loading) countText = `${countText} loaded, loading more…`;

  const showList = keys.length > 0;
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const currentPage = Math.min(page, pages - 1);
  const start = currentPage * PAGE_SIZE;
  const shown = filtered.slice(start, start + PAGE_SIZE);

  return (
    <main>
      <section className="keys" aria-labelledby="keys-title">
        <div className="page-header">
          <div>
            <h1 id="keys-title">API keys</h1>
            <p className="count" aria-live="polite">{countText}</p>
          </div>
        </div>
        {error ? (
          <p className="loading" role="status" aria-live="polite">{`Loading the API keys failed: ${error}`}</p>
        ) : loading && !showList ? (
          <p className="loading" role="status" aria-live="polite">Loading API keys…</p>
        ) : null}
        {showList ? (
          <>
            <div className="list-controls" role="search">
              <div className="field search-field">
                <label htmlFor="key-search">Search</label>
                <input
                  id="key-search"
                  type="search"
                  placeholder="Name, token hint or id"
                  autoComplete="off"
                  value={query}
                  onChange={(event) => {
                    setQuery(event.target.value);
                    setPage(0);
                  }}
                />
              </div>
            </div>
            {filtered.length > 0 ? (
              <table className="key-table">
                <caption className="visually-hidden">API keys, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Token</th>
                    <th scope="col">Permission</th>
                    <th scope="col">Domains</th>
                    <th scope="col">Status</th>
                    <th scope="col">Created</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((key) => <KeyRow key={key.id} apiKey={key} domainNames={domainNames} />)}
                </tbody>
              </table>
            ) : (
              <p className="empty-filter" role="status">No key matches this search and these filters.</p>
            )}
            {filtered.length > PAGE_SIZE ? (
              <nav className="pager" aria-label="Pages of keys">
                <p className="pager-status">
                  {`Showing ${numberFormat.format(start + 1)}–${numberFormat.format(start + shown.length)} of ${numberFormat.format(filtered.length)}`}
                </p>
                <button type="button" className="pager-previous" disabled={currentPage === 0} onClick={() => setPage(currentPage - 1)}>
                  Previous
                </button>
                <button type="button" className="pager-next" disabled={currentPage >= pages - 1} onClick={() => setPage(currentPage + 1)}>
                  Next
                </button>
              </nav>
            ) : null}
          </>
        ) : null}
      </section>
    </main>
  );
}

createRoot(document.getElementById("app")).render(<KeyList />);
