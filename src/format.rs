//! Display formatting through the browser's own `Intl`, which uses the
//! user's locale and time zone, instead of a date crate in the bundle.

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

thread_local! {
    /// One formatter for every timestamp: building an `Intl.DateTimeFormat`
    /// costs far more than formatting with it, and a list page formats 100.
    static DATE_TIME: Intl::DateTimeFormat = {
        let options = Object::new();
        let _ = Reflect::set(&options, &"dateStyle".into(), &"medium".into());
        let _ = Reflect::set(&options, &"timeStyle".into(), &"short".into());
        Intl::DateTimeFormat::new(&Array::new(), &options)
    };
}

/// Formats an ISO 8601 timestamp as a medium date and short time in the
/// user's locale. Text that is not a date is returned as it is.
pub fn timestamp(iso: &str) -> String {
    let date = Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    DATE_TIME
        .with(|formatter| formatter.format().call1(&JsValue::UNDEFINED, &date).ok())
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

/// Formats a count with comma thousands separators, as in "10,000".
pub fn count(value: usize) -> String {
    let digits = value.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position) % 3 == 0 {
            text.push(',');
        }
        text.push(digit);
    }
    text
}
