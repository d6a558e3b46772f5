//! The SQLite store: schema, rows and the queries the handlers need.
//!
//! Ids are a prefix plus a lowercase ULID from a monotonic generator, so ordering
//! by id is ordering by creation time, and cursor pages walk the primary-key index
//! (`WHERE id < ?cursor ORDER BY id DESC`) without an `OFFSET` scan.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS domains (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    sending_status TEXT NOT NULL,
    receiving_status TEXT NOT NULL,
    region TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY,
    name TEXT,
    secret_hash TEXT NOT NULL UNIQUE,
    short_token TEXT NOT NULL,
    status TEXT NOT NULL,
    permission TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_key_domains (
    api_key_id TEXT NOT NULL REFERENCES api_keys(id),
    domain_id TEXT NOT NULL REFERENCES domains(id),
    PRIMARY KEY (api_key_id, domain_id)
);
CREATE TABLE IF NOT EXISTS emails (
    id TEXT PRIMARY KEY,
    api_key_id TEXT NOT NULL REFERENCES api_keys(id),
    from_address TEXT NOT NULL,
    recipients TEXT NOT NULL,
    subject TEXT NOT NULL,
    created_at TEXT NOT NULL
);
";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Permission {
    FullAccess,
    SendingAccess,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum KeyStatus {
    Enabled,
    Disabled,
    Revoked,
}

impl Permission {
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::FullAccess => "fullAccess",
            Permission::SendingAccess => "sendingAccess",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "fullAccess" => Some(Permission::FullAccess),
            "sendingAccess" => Some(Permission::SendingAccess),
            _ => None,
        }
    }
}

impl KeyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyStatus::Enabled => "enabled",
            KeyStatus::Disabled => "disabled",
            KeyStatus::Revoked => "revoked",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "enabled" => Some(KeyStatus::Enabled),
            "disabled" => Some(KeyStatus::Disabled),
            "revoked" => Some(KeyStatus::Revoked),
            _ => None,
        }
    }
}

/// An API key as read responses show it; the secret hash never leaves this module.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKey {
    pub id: String,
    pub name: Option<String>,
    pub short_token: String,
    pub status: KeyStatus,
    pub created_at: String,
    pub permission: Permission,
    pub domain_ids: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Domain {
    pub id: String,
    pub name: String,
    /// `bootstrapping`, `pending`, `success`, `failed` or `temporary_failure`;
    /// only `success` is verified.
    pub status: String,
    pub sending_status: String,
    pub receiving_status: String,
    pub created_at: String,
    pub region: String,
}

impl Domain {
    pub fn is_verified(&self) -> bool {
        self.status == "success"
    }
}

/// Fields of a key to insert. The caller has validated them.
pub struct NewKey<'a> {
    pub name: Option<&'a str>,
    pub secret_hash: &'a str,
    pub short_token: &'a str,
    pub status: KeyStatus,
    pub permission: Permission,
    pub domain_ids: &'a [String],
}

/// Fields of a domain to insert.
pub struct NewDomain<'a> {
    pub name: &'a str,
    pub status: &'a str,
    pub sending_status: &'a str,
    pub receiving_status: &'a str,
    pub region: &'a str,
}

/// Changes to a key; `None` leaves a field as it is. The caller has validated
/// them against the contract (for example no domains with Full access).
#[derive(Default)]
pub struct KeyUpdate {
    pub name: Option<Option<String>>,
    pub status: Option<KeyStatus>,
    pub permission: Option<Permission>,
    pub domain_ids: Option<Vec<String>>,
}

/// One page of rows, newest first, and the cursor of the next page if any.
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

pub struct Database {
    connection: Connection,
    ids: ulid::Generator,
}

impl Database {
    /// Opens the database file, creating it and its schema when missing.
    pub fn open(path: &Path) -> rusqlite::Result<Self> {
        let connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        connection.execute_batch(SCHEMA)?;
        Ok(Self {
            connection,
            ids: ulid::Generator::new(),
        })
    }

    /// Returns a new id with the given prefix and its creation time (RFC 3339, UTC).
    fn new_id(&mut self, prefix: &str) -> (String, String) {
        let ulid = self
            .ids
            .generate()
            .unwrap_or_else(|_| ulid::Ulid::new());
        let millis = i128::from(ulid.timestamp_ms());
        let created_at = OffsetDateTime::from_unix_timestamp_nanos(millis * 1_000_000)
            .ok()
            .and_then(|time| time.format(&Rfc3339).ok())
            .unwrap_or_default();
        let id = format!("{prefix}{}", ulid.to_string().to_lowercase());
        (id, created_at)
    }

    pub fn is_empty(&self) -> rusqlite::Result<bool> {
        let keys: i64 = self
            .connection
            .query_row("SELECT count(*) FROM api_keys", [], |row| row.get(0))?;
        let domains: i64 = self
            .connection
            .query_row("SELECT count(*) FROM domains", [], |row| row.get(0))?;
        Ok(keys == 0 && domains == 0)
    }

    pub fn insert_domain(&mut self, domain: NewDomain<'_>) -> rusqlite::Result<Domain> {
        let (id, created_at) = self.new_id("dom_");
        self.connection.execute(
            "INSERT INTO domains (id, name, status, sending_status, receiving_status, region, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                domain.name,
                domain.status,
                domain.sending_status,
                domain.receiving_status,
                domain.region,
                created_at
            ],
        )?;
        Ok(Domain {
            id,
            name: domain.name.to_owned(),
            status: domain.status.to_owned(),
            sending_status: domain.sending_status.to_owned(),
            receiving_status: domain.receiving_status.to_owned(),
            created_at,
            region: domain.region.to_owned(),
        })
    }

    pub fn insert_key(&mut self, key: NewKey<'_>) -> rusqlite::Result<ApiKey> {
        let (id, created_at) = self.new_id("apk_");
        let transaction = self.connection.transaction()?;
        transaction.execute(
            "INSERT INTO api_keys (id, name, secret_hash, short_token, status, permission, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                key.name,
                key.secret_hash,
                key.short_token,
                key.status.as_str(),
                key.permission.as_str(),
                created_at
            ],
        )?;
        for domain_id in key.domain_ids {
            transaction.execute(
                "INSERT OR IGNORE INTO api_key_domains (api_key_id, domain_id) VALUES (?1, ?2)",
                params![id, domain_id],
            )?;
        }
        transaction.commit()?;
        Ok(ApiKey {
            id,
            name: key.name.map(str::to_owned),
            short_token: key.short_token.to_owned(),
            status: key.status,
            created_at,
            permission: key.permission,
            domain_ids: key.domain_ids.to_vec(),
        })
    }

    pub fn list_keys(&self, limit: usize, cursor: Option<&str>) -> rusqlite::Result<Page<ApiKey>> {
        // Two statements rather than `(?1 IS NULL OR k.id < ?1)`: SQLite does
        // not seek the primary key through such an OR, and scans instead.
        let items = match cursor {
            Some(cursor) => {
                let sql = keys_after_cursor_sql();
                let mut statement = self.connection.prepare_cached(&sql)?;
                let rows = statement.query_map(params![cursor, limit as i64 + 1], key_from_row)?;
                rows.collect::<rusqlite::Result<Vec<_>>>()?
            }
            None => {
                let sql = format!("{KEY_SELECT} ORDER BY k.id DESC LIMIT ?1");
                let mut statement = self.connection.prepare_cached(&sql)?;
                let rows = statement.query_map(params![limit as i64 + 1], key_from_row)?;
                rows.collect::<rusqlite::Result<Vec<_>>>()?
            }
        };
        Ok(into_page(items, limit, |key| key.id.clone()))
    }

    pub fn get_key(&self, id: &str) -> rusqlite::Result<Option<ApiKey>> {
        let sql = format!("{KEY_SELECT} WHERE k.id = ?1");
        self.connection
            .query_row(&sql, params![id], key_from_row)
            .optional()
    }

    pub fn key_by_secret_hash(&self, secret_hash: &str) -> rusqlite::Result<Option<ApiKey>> {
        let sql = format!("{KEY_SELECT} WHERE k.secret_hash = ?1");
        self.connection
            .query_row(&sql, params![secret_hash], key_from_row)
            .optional()
    }

    /// Applies an update; returns false when no key has that id.
    pub fn update_key(&mut self, id: &str, update: KeyUpdate) -> rusqlite::Result<bool> {
        let transaction = self.connection.transaction()?;
        let exists = transaction
            .query_row("SELECT 1 FROM api_keys WHERE id = ?1", params![id], |_| Ok(()))
            .optional()?
            .is_some();
        if !exists {
            return Ok(false);
        }

        if let Some(name) = update.name {
            transaction.execute("UPDATE api_keys SET name = ?1 WHERE id = ?2", params![name, id])?;
        }
        if let Some(status) = update.status {
            transaction.execute(
                "UPDATE api_keys SET status = ?1 WHERE id = ?2",
                params![status.as_str(), id],
            )?;
        }
        if let Some(permission) = update.permission {
            transaction.execute(
                "UPDATE api_keys SET permission = ?1 WHERE id = ?2",
                params![permission.as_str(), id],
            )?;
        }
        if let Some(domain_ids) = update.domain_ids {
            transaction.execute("DELETE FROM api_key_domains WHERE api_key_id = ?1", params![id])?;
            for domain_id in &domain_ids {
                transaction.execute(
                    "INSERT OR IGNORE INTO api_key_domains (api_key_id, domain_id) VALUES (?1, ?2)",
                    params![id, domain_id],
                )?;
            }
        }
        transaction.commit()?;
        Ok(true)
    }

    pub fn list_domains(&self, limit: usize, cursor: Option<&str>) -> rusqlite::Result<Page<Domain>> {
        let items = match cursor {
            Some(cursor) => {
                let sql = format!("{DOMAIN_SELECT} WHERE id < ?1 ORDER BY id DESC LIMIT ?2");
                let mut statement = self.connection.prepare_cached(&sql)?;
                let rows = statement.query_map(params![cursor, limit as i64 + 1], domain_from_row)?;
                rows.collect::<rusqlite::Result<Vec<_>>>()?
            }
            None => {
                let sql = format!("{DOMAIN_SELECT} ORDER BY id DESC LIMIT ?1");
                let mut statement = self.connection.prepare_cached(&sql)?;
                let rows = statement.query_map(params![limit as i64 + 1], domain_from_row)?;
                rows.collect::<rusqlite::Result<Vec<_>>>()?
            }
        };
        Ok(into_page(items, limit, |domain| domain.id.clone()))
    }

    pub fn get_domain(&self, id: &str) -> rusqlite::Result<Option<Domain>> {
        let sql = format!("{DOMAIN_SELECT} WHERE id = ?1");
        self.connection
            .query_row(&sql, params![id], domain_from_row)
            .optional()
    }

    pub fn domain_by_name(&self, name: &str) -> rusqlite::Result<Option<Domain>> {
        let sql = format!("{DOMAIN_SELECT} WHERE name = ?1 COLLATE NOCASE");
        self.connection
            .query_row(&sql, params![name], domain_from_row)
            .optional()
    }

    /// Inserts `count` generated keys in one transaction, for benchmarks and
    /// large-list tests: varied names, permissions and statuses, with
    /// unguessable hashes that no secret matches.
    pub fn insert_generated_keys(&mut self, count: usize) -> rusqlite::Result<()> {
        let ids: Vec<(String, String)> = (0..count).map(|_| self.new_id("apk_")).collect();
        let transaction = self.connection.transaction()?;
        {
            let mut statement = transaction.prepare(
                "INSERT INTO api_keys (id, name, secret_hash, short_token, status, permission, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (index, (id, created_at)) in ids.iter().enumerate() {
                let status = match index % 10 {
                    0 => KeyStatus::Revoked,
                    1 => KeyStatus::Disabled,
                    _ => KeyStatus::Enabled,
                };
                let permission = if index % 3 == 0 { Permission::FullAccess } else { Permission::SendingAccess };
                let hash = crate::secret::hash(&format!("generated-{id}-{}", crate::secret::generate()));
                let short_token: String = hash.chars().take(6).collect();
                statement.execute(params![
                    id,
                    format!("Generated key {index}"),
                    hash,
                    short_token,
                    status.as_str(),
                    permission.as_str(),
                    created_at
                ])?;
            }
        }
        transaction.commit()
    }

    /// Returns SQLite's query plan for `sql`, one step a line, for tests that
    /// check an index is used.
    pub fn explain(&self, sql: &str) -> rusqlite::Result<String> {
        let mut statement = self.connection.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let nulls = std::iter::repeat_n(rusqlite::types::Null, statement.parameter_count());
        let steps = statement.query_map(rusqlite::params_from_iter(nulls), |row| row.get::<_, String>(3))?;
        Ok(steps.collect::<rusqlite::Result<Vec<_>>>()?.join("\n"))
    }

    /// Records an accepted email and returns its id. Nothing is delivered.
    pub fn insert_email(
        &mut self,
        api_key_id: &str,
        from_address: &str,
        recipients: &[String],
        subject: &str,
    ) -> rusqlite::Result<String> {
        let (id, created_at) = self.new_id("em_");
        let recipients = serde_json::to_string(recipients).unwrap_or_default();
        self.connection.execute(
            "INSERT INTO emails (id, api_key_id, from_address, recipients, subject, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, api_key_id, from_address, recipients, subject, created_at],
        )?;
        Ok(id)
    }
}

const KEY_SELECT: &str = "SELECT k.id, k.name, k.short_token, k.status, k.permission, k.created_at,
    (SELECT json_group_array(d.domain_id) FROM api_key_domains d WHERE d.api_key_id = k.id)
    FROM api_keys k";

/// Returns the statement of a key page after a cursor: `?1` is the cursor,
/// `?2` the row count.
pub fn keys_after_cursor_sql() -> String {
    format!("{KEY_SELECT} WHERE k.id < ?1 ORDER BY k.id DESC LIMIT ?2")
}

const DOMAIN_SELECT: &str =
    "SELECT id, name, status, sending_status, receiving_status, created_at, region FROM domains";

fn key_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ApiKey> {
    let status: String = row.get(3)?;
    let permission: String = row.get(4)?;
    let domain_ids: String = row.get(6)?;
    Ok(ApiKey {
        id: row.get(0)?,
        name: row.get(1)?,
        short_token: row.get(2)?,
        status: KeyStatus::parse(&status).ok_or_else(|| invalid_column(3, &status))?,
        created_at: row.get(5)?,
        permission: Permission::parse(&permission).ok_or_else(|| invalid_column(4, &permission))?,
        domain_ids: serde_json::from_str(&domain_ids).map_err(|_| invalid_column(6, &domain_ids))?,
    })
}

fn domain_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Domain> {
    Ok(Domain {
        id: row.get(0)?,
        name: row.get(1)?,
        status: row.get(2)?,
        sending_status: row.get(3)?,
        receiving_status: row.get(4)?,
        created_at: row.get(5)?,
        region: row.get(6)?,
    })
}

fn invalid_column(index: usize, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        index,
        rusqlite::types::Type::Text,
        format!("unexpected stored value {value:?}").into(),
    )
}

/// Cuts a query result of up to `limit + 1` rows into a page: the extra row only
/// shows that a next page exists.
fn into_page<T>(mut items: Vec<T>, limit: usize, id_of: impl Fn(&T) -> String) -> Page<T> {
    let next_cursor = if items.len() > limit {
        items.truncate(limit);
        items.last().map(id_of)
    } else {
        None
    };
    Page { items, next_cursor }
}
