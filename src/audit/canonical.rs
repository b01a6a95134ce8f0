//! Canonical JSON: one byte sequence per JSON value, so its SHA-256 can be
//! recomputed by anyone (audit entries, frozen competition rules, results).
//!
//! The form: object keys sorted by Unicode code point (byte order of their
//! UTF-8; for keys inside the Basic Multilingual Plane the same as RFC 8785's
//! UTF-16 order), no whitespace outside strings, text as raw UTF-8 (not
//! `\u` escaped). Strings escape only `"`, `\` and control characters
//! (`\b \f \n \r \t`, other controls as `\u00xx`, lowercase hex). Numbers are
//! written as serde_json writes them; keep hashed documents to integers
//! (money is kopiyky), because other languages format floats differently.
//!
//! Keys are sorted here rather than trusting `serde_json::Map`'s order: a
//! dependency enabling serde_json's `preserve_order` feature anywhere in the
//! build would otherwise silently change every hash.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The canonical JSON text of `value`.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: impl AsRef<[u8]>) -> String {
    hex::encode(Sha256::digest(bytes.as_ref()))
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Map};

    #[test]
    fn sorts_keys_at_every_level_without_whitespace() {
        let v = json!({
            "b": 1,
            "a": {"z": [3, {"y": true, "x": null}], "c": "d"},
            "A": -7
        });
        assert_eq!(
            canonical_json(&v),
            r#"{"A":-7,"a":{"c":"d","z":[3,{"x":null,"y":true}]},"b":1}"#
        );
    }

    #[test]
    fn sorts_regardless_of_insertion_order() {
        // Built in reverse order: with serde_json's preserve_order feature the
        // map would keep this order; the canonical form must not.
        let mut inner = Map::new();
        inner.insert("zeta".into(), json!(1));
        inner.insert("alpha".into(), json!(2));
        let mut outer = Map::new();
        outer.insert("y".into(), Value::Object(inner));
        outer.insert("x".into(), json!([]));
        assert_eq!(
            canonical_json(&Value::Object(outer)),
            r#"{"x":[],"y":{"alpha":2,"zeta":1}}"#
        );
    }

    #[test]
    fn non_ascii_text_is_raw_utf8_and_keys_sort_by_code_point() {
        let v = json!({"назва": "Конкурс «Громада» — 2027 ✓ 🇺🇦", "name": "x", "ґ": 1, "є": 2});
        let s = canonical_json(&v);
        assert_eq!(
            s,
            r#"{"name":"x","назва":"Конкурс «Громада» — 2027 ✓ 🇺🇦","є":2,"ґ":1}"#
        );
        // Code point order (н U+043D < є U+0454 < ґ U+0491), not the
        // alphabet's (ґ < є < н): it is what the spec promises.
        assert!(!s.contains("\\u"));
    }

    #[test]
    fn string_escapes_match_serde_json() {
        for s in [
            "plain",
            "quote \" backslash \\ slash /",
            "controls \u{0}\u{1}\u{8}\u{9}\u{a}\u{c}\u{d}\u{1f} \u{7f}",
            "line sep \u{2028} para \u{2029}",
            "емодзі 🇺🇦 і апостроф ’",
        ] {
            let v = Value::String(s.to_string());
            assert_eq!(
                canonical_json(&v),
                serde_json::to_string(&v).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn scalars_and_round_trip() {
        let v = json!([
            null,
            true,
            false,
            0,
            -1,
            9007199254740993_i64,
            u64::MAX,
            "",
            {},
            []
        ]);
        let s = canonical_json(&v);
        assert_eq!(
            s,
            r#"[null,true,false,0,-1,9007199254740993,18446744073709551615,"",{},[]]"#
        );
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(canonical_json(&back), s);
    }

    #[test]
    fn whitespace_and_order_in_the_input_do_not_matter() {
        let a: Value =
            serde_json::from_str("{ \"b\" : [1, 2],\n \"a\": {\"d\":1,\"c\":2} }").unwrap();
        let b: Value = serde_json::from_str(r#"{"a":{"c":2,"d":1},"b":[1,2]}"#).unwrap();
        assert_eq!(canonical_json(&a), canonical_json(&b));
        assert_eq!(
            sha256_hex(canonical_json(&a)),
            sha256_hex(canonical_json(&b))
        );
    }

    #[test]
    fn sha256_hex_is_lowercase_hex() {
        assert_eq!(
            sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex("{}"),
            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
    }
}
