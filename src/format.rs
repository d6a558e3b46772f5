//! Display formatting through the browser's own `Intl`, which uses the
//! user's locale and time zone, instead of a date crate in the bundle.

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

/// Formats an ISO 8601 timestamp as a medium date and short time in the
/// user's locale. Text that is not a date is returned as it is.
pub fn timestamp(iso: &str) -> String {
    let date = Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    let options = Object::new();
    let _ = Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = Reflect::set(&options, &"timeStyle".into(), &"short".into());
    let formatter = Intl::DateTimeFormat::new(&Array::new(), &options);
    formatter
        .format()
        .call1(&JsValue::UNDEFINED, &date)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| iso.to_owned())
}

/// Returns the token hint shown for a key: an ellipsis and the last characters of its
/// secret.
pub fn token_hint(short_token: &str) -> String {
    if short_token.is_empty() {
        "…(no hint)".to_owned()
    } else {
        format!("…{short_token}")
    }
}
