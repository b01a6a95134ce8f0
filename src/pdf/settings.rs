//! PDF settings (top-level keys `pdf_*`, part of `Settings`).

use std::path::PathBuf;

use serde::Deserialize;

use crate::config::ConfigError;

#[derive(Debug, Clone, Deserialize)]
pub struct PdfSettings {
    /// The konkurs binary run as the PDF worker; default: the running one.
    #[serde(default)]
    pub pdf_worker_exe: Option<PathBuf>,
    #[serde(default = "default_memory")]
    pub pdf_max_memory_mb: u64,
    #[serde(default = "default_timeout")]
    pub pdf_timeout_seconds: u64,
    #[serde(default = "default_workers")]
    pub pdf_max_workers: usize,
}

impl Default for PdfSettings {
    fn default() -> Self {
        PdfSettings {
            pdf_worker_exe: None,
            pdf_max_memory_mb: default_memory(),
            pdf_timeout_seconds: default_timeout(),
            pdf_max_workers: default_workers(),
        }
    }
}

fn default_memory() -> u64 {
    512
}
fn default_timeout() -> u64 {
    20
}
fn default_workers() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
}

/// Below this the worker cannot even map itself and read a small file.
pub const MIN_MEMORY_MB: u64 = 64;

fn invalid(key: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        key,
        message: message.into(),
    }
}

impl PdfSettings {
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.pdf_max_memory_mb < MIN_MEMORY_MB {
            return Err(invalid(
                "pdf_max_memory_mb",
                format!(
                    "{} is too small: the PDF worker needs at least {MIN_MEMORY_MB} MiB",
                    self.pdf_max_memory_mb
                ),
            ));
        }
        if !(1..=600).contains(&self.pdf_timeout_seconds) {
            return Err(invalid(
                "pdf_timeout_seconds",
                format!(
                    "{} is out of range: give 1 to 600 seconds",
                    self.pdf_timeout_seconds
                ),
            ));
        }
        if self.pdf_max_workers == 0 {
            return Err(invalid("pdf_max_workers", "must be at least 1"));
        }
        if let Some(exe) = &self.pdf_worker_exe {
            if !exe.is_file() {
                return Err(invalid(
                    "pdf_worker_exe",
                    format!(
                        "`{}` is not a file (it should be the konkurs binary)",
                        exe.display()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The configured worker binary, or the running one.
    pub fn worker_exe(&self) -> Result<PathBuf, ConfigError> {
        match &self.pdf_worker_exe {
            Some(exe) => Ok(exe.clone()),
            None => std::env::current_exe().map_err(|e| {
                invalid(
                    "pdf_worker_exe",
                    format!(
                        "the running program cannot be located ({e}); set it to the konkurs binary"
                    ),
                )
            }),
        }
    }
}
