// Renders key rows with the list markup of the plain JavaScript baseline
// (bench/baselines/plain/app.js), in the browser so that dates go through
// the same Intl formatter. Arguments: the keys as the API returns them, and
// [id, name] pairs of the domains. Returns the rows' HTML.
const [keys, domains] = arguments;
const domainNames = new Map(domains);
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
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
return keys
  .map((key) => {
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
  })
  .join("\n");
