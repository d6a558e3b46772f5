//! Bearer authentication. A missing, unknown, disabled or revoked key gets 401;
//! a Sending only key gets 403 everywhere but the sending endpoints.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use super::error::ApiError;
use crate::AppState;
use crate::db::{ApiKey, KeyStatus, Permission};
use crate::secret;

/// The enabled key that authenticated the request, whatever its permission.
pub struct Caller(pub ApiKey);

/// The enabled Full access key that authenticated the request.
pub struct FullAccess(#[allow(dead_code)] pub ApiKey);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .ok_or_else(|| ApiError::unauthorized("Missing API key: send it as `Authorization: Bearer <key>`"))?;
        let token = header
            .to_str()
            .ok()
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or_else(|| ApiError::unauthorized("Invalid Authorization header: expected `Bearer <key>`"))?;

        let hash = secret::hash(token);
        let key = state.lock_db().key_by_secret_hash(&hash)?;
        match key {
            Some(key) if key.status == KeyStatus::Enabled => Ok(Caller(key)),
            Some(key) if key.status == KeyStatus::Disabled => {
                Err(ApiError::unauthorized("This API key is disabled"))
            }
            Some(_) => Err(ApiError::unauthorized("This API key has been revoked")),
            None => Err(ApiError::unauthorized("Invalid API key")),
        }
    }
}

impl FromRequestParts<AppState> for FullAccess {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Caller(key) = Caller::from_request_parts(parts, state).await?;
        if key.permission != Permission::FullAccess {
            return Err(ApiError::forbidden(
                "insufficient_permission",
                "This API key has the Sending only permission; this endpoint needs a Full access key",
            ));
        }
        Ok(FullAccess(key))
    }
}
