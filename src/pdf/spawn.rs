//! The parent side: quick checks in-process (empty, magic bytes), then one
//! child process per file with a wall-clock timeout; its exit is mapped to a
//! `PdfError`. The child is killed if the timeout passes or the caller's
//! future is dropped (`kill_on_drop`).

use std::os::unix::process::ExitStatusExt;
use std::process::{ExitStatus, Stdio};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::process::Command;

use super::extract::Reply;
use super::worker::{Envelope, PROTOCOL};
use super::{PdfError, PdfInfo, PdfInput, PdfLimits};

const MAGIC: &[u8] = b"%PDF-";

/// Checks and reads a PDF in an isolated child process (see the module docs
/// of `crate::pdf`).
pub async fn inspect(
    input: impl Into<PdfInput<'_>>,
    limits: &PdfLimits,
) -> Result<PdfInfo, PdfError> {
    let input = input.into();
    precheck(&input).await?;
    let mut cmd = Command::new(&limits.worker_exe);
    cmd.arg("pdf-inspect")
        .arg("--max-memory-mb")
        .arg(limits.max_memory_mb.to_string())
        .arg("--cpu-seconds")
        .arg((limits.timeout.as_secs() + 1).to_string())
        .arg("--max-text-chars")
        .arg(limits.max_text_chars.to_string())
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let bytes = match input {
        PdfInput::Path(path) => {
            cmd.arg(path).stdin(Stdio::null());
            None
        }
        PdfInput::Bytes(bytes) => {
            cmd.arg("-").stdin(Stdio::piped());
            Some(bytes)
        }
    };
    let mut child = cmd.spawn().map_err(|e| {
        PdfError::Internal(format!(
            "cannot start the PDF worker `{}`: {e}",
            limits.worker_exe.display()
        ))
    })?;
    let stdin = child.stdin.take();
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    // JSON escapes a character in at most 6 bytes (\uXXXX per UTF-16 unit).
    let out_cap = limits.max_text_chars.saturating_mul(12) + 64 * 1024;
    let run = async {
        let feed = async {
            if let (Some(mut stdin), Some(bytes)) = (stdin, bytes) {
                // A worker that dies early closes the pipe: its exit status
                // tells why, so a write error here is not the story.
                let _ = stdin.write_all(bytes).await;
            }
        };
        let (_, out, err) = tokio::join!(
            feed,
            read_capped(stdout, out_cap),
            read_capped(stderr, 8 * 1024)
        );
        let status = child.wait().await;
        (out, err, status)
    };
    let outcome = tokio::time::timeout(limits.timeout, run).await;
    let Ok((out, err, status)) = outcome else {
        let _ = child.kill().await;
        return Err(PdfError::Timeout);
    };
    let status = status.map_err(|e| PdfError::Internal(format!("waiting for the worker: {e}")))?;
    interpret(status, &out, &err)
}

async fn precheck(input: &PdfInput<'_>) -> Result<(), PdfError> {
    let head = match input {
        PdfInput::Bytes(bytes) => bytes[..bytes.len().min(MAGIC.len())].to_vec(),
        PdfInput::Path(path) => {
            let io = |e: std::io::Error| PdfError::Internal(format!("{}: {e}", path.display()));
            let mut file = tokio::fs::File::open(path).await.map_err(io)?;
            let mut head = Vec::with_capacity(MAGIC.len());
            (&mut file)
                .take(MAGIC.len() as u64)
                .read_to_end(&mut head)
                .await
                .map_err(io)?;
            head
        }
    };
    if head.is_empty() {
        Err(PdfError::Empty)
    } else if head != MAGIC {
        Err(PdfError::NotPdf)
    } else {
        Ok(())
    }
}

/// Reads to the end, keeping at most `cap` bytes (the rest is drained so the
/// child never blocks on a full pipe). `None` if more than `cap` arrived.
async fn read_capped<R: AsyncRead + Unpin>(reader: Option<R>, cap: usize) -> Option<Vec<u8>> {
    let mut reader = reader?;
    let mut kept = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut overflow = false;
    loop {
        match reader.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let room = cap.saturating_sub(kept.len());
                kept.extend_from_slice(&buf[..n.min(room)]);
                overflow |= n > room;
            }
        }
    }
    (!overflow).then_some(kept)
}

fn interpret(
    status: ExitStatus,
    out: &Option<Vec<u8>>,
    err: &Option<Vec<u8>>,
) -> Result<PdfInfo, PdfError> {
    let stderr = err
        .as_deref()
        .map(|e| String::from_utf8_lossy(e).trim().to_string())
        .unwrap_or_default();
    let envelope = out
        .as_deref()
        .and_then(|o| serde_json::from_slice::<Envelope>(o).ok())
        .filter(|e| e.protocol == PROTOCOL);
    if let (true, Some(envelope)) = (status.success(), envelope) {
        return match envelope.reply {
            Reply::Ok {
                pages,
                text_chars,
                text,
                text_truncated,
                text_extracted,
            } => Ok(PdfInfo {
                pages,
                text_chars,
                text,
                text_truncated,
                text_extracted,
            }),
            Reply::Encrypted { detail } => {
                tracing::debug!("pdf refused as encrypted: {detail}");
                Err(PdfError::Encrypted)
            }
            Reply::Corrupt { detail } => Err(PdfError::Corrupt(detail)),
            Reply::TooComplex { detail } => {
                tracing::info!("pdf refused as too complex: {detail}");
                Err(PdfError::TooComplex)
            }
        };
    }
    match status.signal() {
        // The CPU limit (soft: SIGXCPU, hard: SIGKILL after one more second
        // is reported as a kill) is the timeout enforced by the kernel.
        Some(libc::SIGXCPU) => Err(PdfError::Timeout),
        // Allocation failure under RLIMIT_AS aborts; a stack overflow aborts
        // or segfaults; the OOM killer sends SIGKILL.
        Some(signal) => {
            tracing::info!(signal, "pdf worker killed: {stderr}");
            Err(PdfError::TooComplex)
        }
        None => Err(PdfError::Internal(format!(
            "the PDF worker gave no valid answer ({status}): {}",
            stderr.chars().take(500).collect::<String>()
        ))),
    }
}
