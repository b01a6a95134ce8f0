//! The child side: `konkurs pdf-inspect [limits] <path|->` (hidden command).
//! It limits itself first (address space, CPU time, no core dumps, no file
//! writes), silences panics, then prints one JSON envelope on the original
//! stdout. Everything else the libraries might print goes to stderr.

use std::io::{Read, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::extract::{analyze, panic_message, Reply};

/// Marks the output as ours, so a wrong `pdf_worker_exe` is reported as such
/// instead of as a broken PDF.
pub const PROTOCOL: &str = "konkurs-pdf-worker/1";

#[derive(Debug, Serialize, Deserialize)]
pub struct Envelope {
    pub protocol: String,
    pub reply: Reply,
}

#[derive(Debug, Clone, clap::Args)]
pub struct WorkerArgs {
    /// Address-space limit in MiB (RLIMIT_AS).
    #[arg(long, default_value_t = 512)]
    pub max_memory_mb: u64,
    /// CPU-time limit in seconds (RLIMIT_CPU).
    #[arg(long, default_value_t = 20)]
    pub cpu_seconds: u64,
    /// Keep at most this many characters of text.
    #[arg(long, default_value_t = super::DEFAULT_MAX_TEXT_CHARS)]
    pub max_text_chars: usize,
    /// The PDF file, or `-` for standard input.
    pub path: PathBuf,
}

/// Runs the worker; returns the exit code (0 whenever a reply was printed).
pub fn run(args: &WorkerArgs) -> i32 {
    // Before anything else: silence panics (RUST_BACKTRACE may be set), keep
    // the real stdout for the reply and send stray prints to stderr.
    std::panic::set_hook(Box::new(|_| {}));
    let mut out = match take_stdout() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("pdf-inspect: stdout: {e}");
            return 3;
        }
    };
    if let Err(e) = limit_self(args) {
        eprintln!("pdf-inspect: setrlimit: {e}");
        return 3;
    }
    // pdf-extract logs a warning per odd glyph: thousands per file.
    log::set_max_level(log::LevelFilter::Off);
    let bytes = match read_input(&args.path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::OutOfMemory => {
            return reply(
                &mut out,
                Reply::TooComplex {
                    detail: e.to_string(),
                },
            );
        }
        Err(e) => {
            eprintln!("pdf-inspect: {}: {e}", args.path.display());
            return 3;
        }
    };
    let reply =
        std::panic::catch_unwind(|| analyze(&bytes, args.max_text_chars)).unwrap_or_else(|panic| {
            Reply::Corrupt {
                detail: panic_message(&*panic),
            }
        });
    self::reply(&mut out, reply)
}

fn reply(out: &mut std::fs::File, reply: Reply) -> i32 {
    let envelope = Envelope {
        protocol: PROTOCOL.into(),
        reply,
    };
    let written = serde_json::to_writer(&mut *out, &envelope)
        .map_err(std::io::Error::from)
        .and_then(|()| out.flush());
    match written {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("pdf-inspect: writing the reply: {e}");
            3
        }
    }
}

fn read_input(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

/// Duplicates fd 1 for the reply and points fd 1 at stderr.
fn take_stdout() -> std::io::Result<std::fs::File> {
    use std::os::fd::FromRawFd;
    // SAFETY: plain fd syscalls on this process's own descriptors; the new
    // descriptor from `dup` is owned by the returned File alone.
    unsafe {
        let fd = libc::dup(1);
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        if libc::dup2(2, 1) < 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(std::fs::File::from_raw_fd(fd))
    }
}

fn limit_self(args: &WorkerArgs) -> std::io::Result<()> {
    let mem = args.max_memory_mb.saturating_mul(1024 * 1024);
    set_limit(libc::RLIMIT_AS, mem, mem)?;
    // SIGXCPU at the soft limit, SIGKILL a second later.
    let cpu = args.cpu_seconds.max(1);
    set_limit(libc::RLIMIT_CPU, cpu, cpu + 1)?;
    // An abort on a hostile file must not write a core dump.
    set_limit(libc::RLIMIT_CORE, 0, 0)?;
    Ok(())
}

#[cfg(target_os = "linux")]
type Resource = libc::__rlimit_resource_t;
#[cfg(not(target_os = "linux"))]
type Resource = libc::c_int;

/// Lowers a limit; never asks for more than the current hard limit (an
/// unprivileged process may not raise it).
fn set_limit(resource: Resource, soft: u64, hard: u64) -> std::io::Result<()> {
    let mut current = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct we own; setrlimit only reads.
    if unsafe { libc::getrlimit(resource, &mut current) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let max = current.rlim_max;
    let limit = libc::rlimit {
        rlim_cur: (soft as libc::rlim_t).min(max),
        rlim_max: (hard as libc::rlim_t).min(max),
    };
    if unsafe { libc::setrlimit(resource, &limit) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}
