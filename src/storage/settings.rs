//! Storage settings (top-level keys `storage_backend`, `s3_endpoint`, …,
//! part of `Settings`) and their validation.

use std::fmt;

use serde::Deserialize;

use crate::config::ConfigError;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StorageBackend {
    /// Files under `<data_dir>/files/`.
    #[default]
    Local,
    /// An S3-compatible bucket (AWS, MinIO, Ceph, moto, …), path-style.
    S3,
    /// In memory: lost at exit (tests, demos).
    Memory,
}

/// A secret string whose `Debug` does not show it (settings get logged).
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(pub String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"***\"")
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct StorageSettings {
    #[serde(default)]
    pub storage_backend: StorageBackend,
    /// e.g. `https://s3.example.org` or `http://127.0.0.1:9000`; without it,
    /// the AWS endpoint of `s3_region`.
    #[serde(default)]
    pub s3_endpoint: Option<String>,
    #[serde(default = "default_region")]
    pub s3_region: String,
    #[serde(default)]
    pub s3_bucket: Option<String>,
    #[serde(default)]
    pub s3_access_key: Option<String>,
    #[serde(default)]
    pub s3_secret_key: Option<Secret>,
}

fn default_region() -> String {
    "us-east-1".into()
}

impl Default for StorageSettings {
    fn default() -> Self {
        StorageSettings {
            storage_backend: StorageBackend::default(),
            s3_endpoint: None,
            s3_region: default_region(),
            s3_bucket: None,
            s3_access_key: None,
            s3_secret_key: None,
        }
    }
}

/// Everything the S3 backend needs, checked.
#[derive(Debug, Clone)]
pub struct S3Config {
    pub endpoint: Option<String>,
    pub region: String,
    pub bucket: String,
    pub access_key: String,
    pub secret_key: Secret,
}

fn invalid(key: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        key,
        message: message.into(),
    }
}

impl StorageSettings {
    /// Checks the S3 keys when the S3 backend is chosen (others ignore them).
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.storage_backend == StorageBackend::S3 {
            self.s3_config()?;
        }
        Ok(())
    }

    pub fn s3_config(&self) -> Result<S3Config, ConfigError> {
        let required = |key: &'static str, v: Option<&str>| -> Result<String, ConfigError> {
            match v.map(str::trim) {
                Some(v) if !v.is_empty() => Ok(v.to_string()),
                _ => Err(invalid(key, "is required when storage_backend = \"s3\"")),
            }
        };
        let bucket = required("s3_bucket", self.s3_bucket.as_deref())?;
        check_bucket_name(&bucket).map_err(|m| invalid("s3_bucket", m))?;
        let access_key = required("s3_access_key", self.s3_access_key.as_deref())?;
        let secret_key = required(
            "s3_secret_key",
            self.s3_secret_key.as_ref().map(|s| s.0.as_str()),
        )?;
        let region = self.s3_region.trim().to_string();
        if region.is_empty()
            || !region
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(invalid(
                "s3_region",
                format!("`{region}` is not a region name such as us-east-1 or eu-central-1"),
            ));
        }
        let endpoint = match self.s3_endpoint.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(e) => {
                let trimmed = e.trim_end_matches('/');
                let host = trimmed
                    .strip_prefix("https://")
                    .or_else(|| trimmed.strip_prefix("http://"));
                match host {
                    None | Some("") => {
                        return Err(invalid(
                            "s3_endpoint",
                            format!("`{e}` must be an http:// or https:// address such as https://s3.example.org"),
                        ))
                    }
                    Some(h) if h.contains(['/', '?', '#', ' ']) => {
                        return Err(invalid(
                            "s3_endpoint",
                            format!("`{e}` has a path; give the server only (the bucket goes in s3_bucket)"),
                        ))
                    }
                    Some(_) => Some(trimmed.to_string()),
                }
            }
        };
        Ok(S3Config {
            endpoint,
            region,
            bucket,
            access_key,
            secret_key: Secret(secret_key),
        })
    }
}

/// S3's bucket naming rules (3–63 characters, lowercase letters, digits,
/// dots and hyphens, starting and ending with a letter or digit).
fn check_bucket_name(name: &str) -> Result<(), String> {
    let ok_chars = name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    let ends_ok = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if !(3..=63).contains(&name.len())
        || !ok_chars
        || !ends_ok(name.as_bytes().first())
        || !ends_ok(name.as_bytes().last())
        || name.contains("..")
    {
        return Err(format!(
            "`{name}` is not a valid bucket name (3–63 characters: lowercase letters, digits, dots, hyphens)"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s3(f: impl FnOnce(&mut StorageSettings)) -> Result<S3Config, String> {
        let mut s = StorageSettings {
            storage_backend: StorageBackend::S3,
            s3_endpoint: Some("http://127.0.0.1:9000".into()),
            s3_region: "us-east-1".into(),
            s3_bucket: Some("konkurs-files".into()),
            s3_access_key: Some("AKIA".into()),
            s3_secret_key: Some(Secret("s3cr3t".into())),
        };
        f(&mut s);
        s.s3_config().map_err(|e| e.to_string())
    }

    #[test]
    fn a_complete_s3_config_passes() {
        let c = s3(|_| {}).unwrap();
        assert_eq!(c.bucket, "konkurs-files");
        assert_eq!(c.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
        let c = s3(|s| s.s3_endpoint = Some("https://s3.example.org/".into())).unwrap();
        assert_eq!(c.endpoint.as_deref(), Some("https://s3.example.org"));
        assert_eq!(s3(|s| s.s3_endpoint = None).unwrap().endpoint, None);
    }

    #[test]
    fn each_missing_or_bad_key_is_named() {
        type Case = (&'static str, fn(&mut StorageSettings));
        let cases: [Case; 7] = [
            ("s3_bucket", |s| s.s3_bucket = None),
            ("s3_bucket", |s| s.s3_bucket = Some("Bad_Bucket".into())),
            ("s3_access_key", |s| s.s3_access_key = Some(" ".into())),
            ("s3_secret_key", |s| s.s3_secret_key = None),
            ("s3_region", |s| s.s3_region = "us east".into()),
            ("s3_endpoint", |s| {
                s.s3_endpoint = Some("127.0.0.1:9000".into())
            }),
            ("s3_endpoint", |s| {
                s.s3_endpoint = Some("http://h:9000/bucket".into())
            }),
        ];
        for (key, f) in cases {
            let e = s3(f).unwrap_err();
            assert!(e.contains(&format!("`{key}`")), "{key}: {e}");
        }
    }

    #[test]
    fn other_backends_ignore_s3_keys() {
        let s = StorageSettings {
            storage_backend: StorageBackend::Local,
            s3_endpoint: Some("nonsense".into()),
            s3_region: String::new(),
            s3_bucket: None,
            s3_access_key: None,
            s3_secret_key: None,
        };
        assert!(s.validate().is_ok());
    }

    #[test]
    fn secrets_do_not_show_in_debug() {
        assert_eq!(format!("{:?}", Secret("pw".into())), "\"***\"");
    }
}
