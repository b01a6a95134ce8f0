//! Object keys. New keys are generated here (UUIDv7, so they sort by time and
//! never collide); a key read back from the database is re-checked, so no
//! path trick can reach outside the storage root whatever ends up in a row.

use std::fmt;

use uuid::Uuid;

/// Where new uploads go, and the only prefixes `generate` accepts.
pub const DOCUMENTS: &str = "documents";

/// A validated storage key such as `documents/2026/12/0193…`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct ObjectKey(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid storage key `{key}`: {reason}")]
pub struct InvalidKey {
    pub key: String,
    pub reason: &'static str,
}

impl ObjectKey {
    /// A fresh key under `documents/<year>/<month>/`.
    pub fn generate() -> ObjectKey {
        Self::generate_in(DOCUMENTS)
    }

    /// A fresh key under `<prefix>/<year>/<month>/<uuid>`. The year and month
    /// are the UUID's own timestamp (UTC), so the key is self-consistent.
    /// `prefix` is a compile-time constant, never user input.
    pub fn generate_in(prefix: &'static str) -> ObjectKey {
        let id = Uuid::now_v7();
        let (secs, _) = id.get_timestamp().map(|t| t.to_unix()).unwrap_or_default();
        let when = chrono::DateTime::from_timestamp(secs as i64, 0).unwrap_or_default();
        let dated = format!("{}/{}", when.format("%Y/%m"), id.hyphenated());
        // A bad constant prefix is a programming error; fall back to the
        // default area rather than panic on a request path.
        Self::parse(&format!("{prefix}/{dated}"))
            .unwrap_or_else(|_| ObjectKey(format!("{DOCUMENTS}/{dated}")))
    }

    /// Checks a stored key: relative, `/`-separated segments of
    /// `[A-Za-z0-9._-]`, no empty, `.` or `..` segment, at most 512 bytes.
    pub fn parse(key: &str) -> Result<ObjectKey, InvalidKey> {
        let bad = |reason| {
            Err(InvalidKey {
                key: key.chars().take(80).collect(),
                reason,
            })
        };
        if key.is_empty() {
            return bad("empty");
        }
        if key.len() > 512 {
            return bad("longer than 512 bytes");
        }
        if key.starts_with('/') {
            return bad("starts with `/`");
        }
        if key.contains('\\') {
            return bad("contains a backslash");
        }
        for segment in key.split('/') {
            match segment {
                "" => return bad("has an empty segment"),
                "." | ".." => return bad("has a `.` or `..` segment"),
                s if s.contains("..") => return bad("contains `..`"),
                s if s.starts_with('.') => return bad("has a segment starting with `.`"),
                s if !s
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.') =>
                {
                    return bad("has a character outside [A-Za-z0-9._-]")
                }
                _ => {}
            }
        }
        Ok(ObjectKey(key.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for ObjectKey {
    type Err = InvalidKey;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_are_dated_uuids_and_valid() {
        let a = ObjectKey::generate();
        let b = ObjectKey::generate();
        assert_ne!(a, b);
        let parts: Vec<_> = a.as_str().split('/').collect();
        assert_eq!(parts.len(), 4, "{a}");
        assert_eq!(parts[0], "documents");
        let year: i32 = parts[1].parse().unwrap();
        let month: u32 = parts[2].parse().unwrap();
        let now = chrono::Utc::now();
        use chrono::Datelike;
        // The UUID was made a moment ago: same month (or the one just past).
        assert!((year, month) <= (now.year(), now.month()));
        assert!(year >= now.year() - 1);
        let id = Uuid::parse_str(parts[3]).unwrap();
        assert_eq!(id.get_version_num(), 7);
        assert_eq!(ObjectKey::parse(a.as_str()), Ok(a));
    }

    #[test]
    fn rejects_path_tricks() {
        for key in [
            "",
            "/etc/passwd",
            "documents/../../etc/passwd",
            "..",
            "documents/..",
            "documents/a..b",
            "documents\\2026\\x",
            "documents//x",
            "documents/x/",
            "documents/./x",
            "documents/.hidden",
            "documents/x y",
            "documents/x\0y",
            "documents/ü",
        ] {
            assert!(ObjectKey::parse(key).is_err(), "{key:?} accepted");
        }
        assert!(ObjectKey::parse(&"a".repeat(513)).is_err());
    }

    #[test]
    fn accepts_plain_relative_keys() {
        for key in [
            "documents/2026/12/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
            "reports/x.pdf",
            "a",
        ] {
            assert!(ObjectKey::parse(key).is_ok(), "{key:?} refused");
        }
    }
}
