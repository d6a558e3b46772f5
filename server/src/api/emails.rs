//! `POST /emails`: accepts and records an email, delivers nothing. It enforces
//! the sending rules: the `from` domain must be a verified, sending-enabled
//! domain of the organization, and a restricted Sending only key may send only
//! from its own domains.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::auth::Caller;
use super::error::ApiError;
use super::{json_object, optional_string};
use crate::AppState;
use crate::db::Permission;

pub async fn send(
    State(state): State<AppState>,
    Caller(key): Caller,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let body = json_object(&body)?;

    let from = optional_string(&body, "from")?
        .ok_or_else(|| ApiError::invalid_field("from", "is required"))?;
    let from_domain = address_domain(from)
        .ok_or_else(|| ApiError::invalid_field("from", "must be an email address such as `Name <name@example.com>`"))?;

    let recipients: Vec<String> = match body.get("to") {
        Some(Value::String(to)) => vec![to.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect::<Option<_>>()
            .ok_or_else(|| ApiError::invalid_field("to", "must be an address or an array of addresses"))?,
        None | Some(Value::Null) => return Err(ApiError::invalid_field("to", "is required")),
        Some(_) => return Err(ApiError::invalid_field("to", "must be an address or an array of addresses")),
    };
    if recipients.is_empty() || recipients.iter().any(|to| address_domain(to).is_none()) {
        return Err(ApiError::invalid_field("to", "must hold at least one valid email address"));
    }

    let subject = optional_string(&body, "subject")?
        .filter(|subject| !subject.trim().is_empty())
        .ok_or_else(|| ApiError::invalid_field("subject", "is required"))?;
    let text = optional_string(&body, "text")?;
    let html = optional_string(&body, "html")?;
    if text.is_none() && html.is_none() {
        return Err(ApiError::invalid_field("text", "give `text`, `html` or both"));
    }

    let mut database = state.lock_db();
    let domain = database
        .domain_by_name(from_domain)?
        .filter(|domain| domain.is_verified() && domain.sending_status == "enabled")
        .ok_or_else(|| {
            ApiError::forbidden(
                "domain_not_verified",
                format!("{from_domain} is not a verified sending domain of this organization"),
            )
        })?;
    if key.permission == Permission::SendingAccess
        && !key.domain_ids.is_empty()
        && !key.domain_ids.contains(&domain.id)
    {
        return Err(ApiError::forbidden(
            "domain_not_allowed",
            format!("This API key may not send from {from_domain}"),
        ));
    }

    let id = database.insert_email(&key.id, from, &recipients, subject)?;
    tracing::info!(email_id = %id, api_key_id = %key.id, "email accepted");
    Ok((StatusCode::ACCEPTED, Json(json!({ "data": { "id": id, "status": "queued" } }))))
}

/// Returns the domain of `name@domain` or `Display Name <name@domain>`.
fn address_domain(address: &str) -> Option<&str> {
    let address = match (address.rfind('<'), address.rfind('>')) {
        (Some(open), Some(close)) if open < close => &address[open + 1..close],
        _ => address,
    };
    let (local, domain) = address.trim().rsplit_once('@')?;
    let valid = !local.is_empty()
        && !domain.is_empty()
        && domain.contains('.')
        && !domain.chars().any(|c| c.is_whitespace() || c == '@');
    valid.then_some(domain)
}

#[cfg(test)]
mod tests {
    use super::address_domain;

    #[test]
    fn address_domain_of_plain_and_named() {
        assert_eq!(address_domain("a@example.com"), Some("example.com"));
        assert_eq!(address_domain("Team <team@mail.example.org>"), Some("mail.example.org"));
    }

    #[test]
    fn address_domain_rejects_malformed() {
        assert_eq!(address_domain("example.com"), None);
        assert_eq!(address_domain("@example.com"), None);
        assert_eq!(address_domain("a@localhost"), None);
        assert_eq!(address_domain("a@exa mple.com"), None);
    }
}
