//! `/domains` handlers.

use std::collections::HashMap;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use serde_json::{Value, json};

use super::PageQuery;
use super::auth::FullAccess;
use super::error::ApiError;
use crate::AppState;
use crate::db::Domain;

pub async fn list(
    State(state): State<AppState>,
    _caller: FullAccess,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let page = PageQuery::parse(query, "dom_")?;
    let result = state.lock_db().list_domains(page.limit, page.cursor.as_deref())?;
    Ok(Json(json!({ "data": result.items, "nextCursor": result.next_cursor })))
}

pub async fn get_one(
    State(state): State<AppState>,
    _caller: FullAccess,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let domain = state
        .lock_db()
        .get_domain(&id)?
        .ok_or_else(|| ApiError::not_found(format!("No domain with id {id}")))?;
    let mut data = serde_json::to_value(&domain).unwrap_or_default();
    data["records"] = dns_records(&domain);
    Ok(Json(json!({ "data": data })))
}

/// Returns the DNS records a domain would publish: SPF, DKIM and a return-path MX.
/// The values are placeholders; nothing here queries DNS.
fn dns_records(domain: &Domain) -> Value {
    let record_status = if domain.is_verified() { "success" } else { "pending" };
    json!([
        {
            "type": "TXT",
            "name": format!("send.{}", domain.name),
            "value": "v=spf1 include:spf.nuntly.example ~all",
            "status": record_status,
        },
        {
            "type": "TXT",
            "name": format!("nuntly._domainkey.{}", domain.name),
            "value": "p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC",
            "status": record_status,
        },
        {
            "type": "MX",
            "name": format!("send.{}", domain.name),
            "value": "10 feedback.nuntly.example",
            "status": record_status,
        },
    ])
}
