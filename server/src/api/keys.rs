//! `/api-keys` handlers.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use super::auth::FullAccess;
use super::error::ApiError;
use super::{PageQuery, json_object, optional_string};
use crate::AppState;
use crate::db::{Database, KeyStatus, KeyUpdate, NewKey, Permission};
use crate::secret;

/// Maximum key name length, in Unicode scalar values.
pub const MAX_NAME_CHARS: usize = 100;

pub async fn list(
    State(state): State<AppState>,
    _caller: FullAccess,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let page = PageQuery::parse(query, "apk_")?;
    let result = state.lock_db().list_keys(page.limit, page.cursor.as_deref())?;
    Ok(Json(json!({ "data": result.items, "nextCursor": result.next_cursor })))
}

pub async fn get_one(
    State(state): State<AppState>,
    _caller: FullAccess,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let key = state.lock_db().get_key(&id)?.ok_or_else(|| key_not_found(&id))?;
    Ok(Json(json!({ "data": key })))
}

pub async fn create(
    State(state): State<AppState>,
    _caller: FullAccess,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let body = json_object(&body)?;
    let name = parse_name(&body)?;
    let permission = match optional_string(&body, "permission")? {
        None => return Err(ApiError::invalid_field("permission", "is required: fullAccess or sendingAccess")),
        Some(raw) => parse_permission(raw)?,
    };
    let status = match optional_string(&body, "status")? {
        None => KeyStatus::Enabled,
        Some(raw) => parse_settable_status(raw)?,
    };

    let mut database = state.lock_db();
    let domain_ids = parse_domain_ids(&body, &database)?.unwrap_or_default();
    check_domains_allowed(permission, &domain_ids)?;

    let secret = secret::generate();
    let key = database.insert_key(NewKey {
        name: name.flatten().as_deref(),
        secret_hash: &secret::hash(&secret),
        short_token: &secret::short_token(&secret),
        status,
        permission,
        domain_ids: &domain_ids,
    })?;
    tracing::info!(api_key_id = %key.id, permission = permission.as_str(), "api key created");

    // The only response that ever carries the secret.
    let data = json!({
        "id": key.id,
        "name": key.name,
        "apiKey": secret,
        "shortToken": key.short_token,
        "status": key.status,
        "createdAt": key.created_at,
        "permission": key.permission,
        "domainIds": key.domain_ids,
    });
    Ok((StatusCode::CREATED, Json(json!({ "data": data }))))
}

pub async fn update(
    State(state): State<AppState>,
    _caller: FullAccess,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = json_object(&body)?;
    let name = parse_name(&body)?;
    let status = optional_string(&body, "status")?.map(parse_settable_status).transpose()?;
    let permission = optional_string(&body, "permission")?.map(parse_permission).transpose()?;

    let mut database = state.lock_db();
    let current = database.get_key(&id)?.ok_or_else(|| key_not_found(&id))?;
    if current.status == KeyStatus::Revoked {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "key_revoked",
            format!("API key {id} is revoked and can no longer be changed"),
        ));
    }

    let mut domain_ids = parse_domain_ids(&body, &database)?;
    let final_permission = permission.unwrap_or(current.permission);
    check_domains_allowed(final_permission, domain_ids.as_deref().unwrap_or_default())?;
    if final_permission == Permission::FullAccess && current.permission == Permission::SendingAccess {
        // A domain restriction exists only for Sending only keys.
        domain_ids = Some(Vec::new());
    }

    database.update_key(
        &id,
        KeyUpdate {
            name,
            status,
            permission,
            domain_ids,
        },
    )?;
    tracing::info!(api_key_id = %id, "api key updated");
    Ok(Json(json!({ "data": { "id": id } })))
}

pub async fn revoke(
    State(state): State<AppState>,
    _caller: FullAccess,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut database = state.lock_db();
    let update = KeyUpdate {
        status: Some(KeyStatus::Revoked),
        ..KeyUpdate::default()
    };
    if !database.update_key(&id, update)? {
        return Err(key_not_found(&id));
    }
    tracing::info!(api_key_id = %id, "api key revoked");
    Ok(Json(json!({ "data": { "id": id } })))
}

fn key_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("No API key with id {id}"))
}

/// Reads `name`: absent is `None`, `null` is `Some(None)` (no name), and a
/// string is trimmed and must be 1 to `MAX_NAME_CHARS` characters.
fn parse_name(body: &Map<String, Value>) -> Result<Option<Option<String>>, ApiError> {
    match body.get("name") {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(name)) => {
            let name = name.trim();
            if name.is_empty() {
                return Err(ApiError::invalid_field("name", "must not be blank"));
            }
            if name.chars().count() > MAX_NAME_CHARS {
                return Err(ApiError::invalid_field(
                    "name",
                    format!("must be at most {MAX_NAME_CHARS} characters"),
                ));
            }
            Ok(Some(Some(name.to_owned())))
        }
        Some(_) => Err(ApiError::invalid_field("name", "must be a string")),
    }
}

fn parse_permission(raw: &str) -> Result<Permission, ApiError> {
    Permission::parse(raw)
        .ok_or_else(|| ApiError::invalid_field("permission", "must be fullAccess or sendingAccess"))
}

/// Reads a status a client may set. Revoking goes through `DELETE`.
fn parse_settable_status(raw: &str) -> Result<KeyStatus, ApiError> {
    match KeyStatus::parse(raw) {
        Some(KeyStatus::Revoked) => Err(ApiError::invalid_field(
            "status",
            "cannot be set to revoked; revoke with DELETE /api-keys/{id}",
        )),
        Some(status) => Ok(status),
        None => Err(ApiError::invalid_field("status", "must be enabled or disabled")),
    }
}

/// Reads `domainIds`: each must name a verified domain of the organization.
/// Duplicates are dropped; absent or `null` is `None`.
fn parse_domain_ids(body: &Map<String, Value>, database: &Database) -> Result<Option<Vec<String>>, ApiError> {
    let items = match body.get("domainIds") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(ApiError::invalid_field("domainIds", "must be an array of domain ids")),
    };

    let mut domain_ids: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let Value::String(id) = item else {
            return Err(ApiError::invalid_field("domainIds", "must be an array of domain ids"));
        };
        let domain = database
            .get_domain(id)?
            .ok_or_else(|| ApiError::invalid_field("domainIds", format!("no domain with id {id}")))?;
        if !domain.is_verified() {
            return Err(ApiError::invalid_field(
                "domainIds",
                format!("domain {} is not verified (status {})", domain.name, domain.status),
            ));
        }
        if !domain_ids.contains(id) {
            domain_ids.push(id.clone());
        }
    }
    Ok(Some(domain_ids))
}

/// Rejects domains with Full access: a restriction exists only for Sending only keys.
fn check_domains_allowed(permission: Permission, domain_ids: &[String]) -> Result<(), ApiError> {
    if permission == Permission::FullAccess && !domain_ids.is_empty() {
        return Err(ApiError::invalid_field(
            "domainIds",
            "applies only to sendingAccess keys; send an empty list with fullAccess",
        ));
    }
    Ok(())
}
