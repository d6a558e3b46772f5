//! Fuzzing the decoders with arbitrary JSON and mangled responses: each must
//! return a value or an error, never panic. The generator is seeded, so a
//! failure repeats; the seed and case are in the panic message.

use nuntly_dashboard::api::{ApiError, ApiKey, CreatedKey, Domain, decode_data, decode_page};
use serde_json::{Map, Value, json};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// xorshift64*: small, seedable, good enough to spread test inputs.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

const FIELD_NAMES: [&str; 14] = [
    "data", "nextCursor", "id", "name", "shortToken", "status", "createdAt", "permission", "domainIds",
    "apiKey", "error", "title", "details", "field",
];

const STRINGS: [&str; 10] = [
    "", "enabled", "revoked", "fullAccess", "sendingAccess", "apk_01jnx372zj49s3zqnn7ew8hzpk", "\u{0}",
    "<script>", "🔑", "2026-01-01T00:00:00Z",
];

fn random_value(random: &mut Random, depth: u32) -> Value {
    let kinds = if depth >= 4 { 5 } else { 7 };
    match random.below(kinds) {
        0 => Value::Null,
        1 => Value::Bool(random.below(2) == 0),
        2 => json!(random.next() as i64),
        3 => json!((random.next() as f64) / 7.0),
        4 => Value::String(STRINGS[random.below(STRINGS.len() as u64) as usize].to_owned()),
        5 => Value::Array((0..random.below(5)).map(|_| random_value(random, depth + 1)).collect()),
        _ => {
            let mut object = Map::new();
            for _ in 0..random.below(6) {
                let key = FIELD_NAMES[random.below(FIELD_NAMES.len() as u64) as usize];
                object.insert(key.to_owned(), random_value(random, depth + 1));
            }
            Value::Object(object)
        }
    }
}

/// Runs every decoder on `text`; a panic fails the test with the case.
fn decode_everything(text: &str) {
    let _ = decode_page::<ApiKey>(text);
    let _ = decode_page::<Domain>(text);
    let _ = decode_data::<ApiKey>(text);
    let _ = decode_data::<Domain>(text);
    let _ = decode_data::<CreatedKey>(text);
    let error = ApiError::from_response(400, text, None, None);
    let _ = error.message();
    let _ = error.field();
}

#[wasm_bindgen_test]
fn arbitrary_json_never_panics() {
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    for _ in 0..5_000 {
        let value = random_value(&mut random, 0);
        decode_everything(&value.to_string());
        // The same value where the decoders look for it.
        decode_everything(&json!({ "data": value, "nextCursor": null }).to_string());
        decode_everything(&json!({ "data": [value], "nextCursor": value }).to_string());
        decode_everything(&json!({ "error": value }).to_string());
    }
}

#[wasm_bindgen_test]
fn mangled_responses_never_panic() {
    let valid = json!({
        "data": [{
            "id": "apk_01jnx372zj49s3zqnn7ew8hzpk", "name": "Prod", "shortToken": "abc123", "status": "enabled",
            "createdAt": "2026-01-01T00:00:00Z", "permission": "sendingAccess", "domainIds": ["dom_1"]
        }],
        "nextCursor": "apk_01jnx372zj49s3zqnn7ew8hzpk"
    })
    .to_string();
    let bytes = valid.as_bytes();
    let mut random = Random(42);
    for case in 0..3_000 {
        let mut mangled = bytes.to_vec();
        match case % 3 {
            0 => mangled.truncate(random.below(bytes.len() as u64) as usize),
            1 => {
                let index = random.below(bytes.len() as u64) as usize;
                mangled[index] = random.below(128) as u8;
            }
            _ => {
                let index = random.below(bytes.len() as u64) as usize;
                let insert = STRINGS[random.below(STRINGS.len() as u64) as usize];
                mangled.splice(index..index, insert.bytes());
            }
        }
        decode_everything(&String::from_utf8_lossy(&mangled));
    }
}
