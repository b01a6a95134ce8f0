//! What the worker process does with the bytes: parse with lopdf (page
//! count, encryption), then extract the text with pdf-extract. Runs only in
//! the isolated child (see `worker.rs`): a hostile file may make either
//! library panic, loop or allocate without bound.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::encryption::DecryptionError;
use serde::{Deserialize, Serialize};

/// The worker's answer, printed as one JSON object on stdout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Reply {
    Ok {
        pages: u32,
        text_chars: u64,
        text: String,
        text_truncated: bool,
        /// False when the structure is sound but the text of some page could
        /// not be read (pdf-extract fails on some fonts): the file is still
        /// accepted, it is just not fully searchable.
        text_extracted: bool,
    },
    Encrypted {
        detail: String,
    },
    Corrupt {
        detail: String,
    },
    /// The worker ran out of its memory allowance in a way it could catch.
    TooComplex {
        detail: String,
    },
}

/// Parses `bytes` and extracts at most `max_text_chars` characters of text.
pub fn analyze(bytes: &[u8], max_text_chars: usize) -> Reply {
    let mut doc = match load(bytes) {
        Ok(doc) => doc,
        Err(reply) => return reply,
    };
    if doc.is_encrypted() {
        // An empty user password (owner-password-only "protection") opens
        // here; a real user password does not.
        match doc.decrypt("") {
            Ok(()) => {}
            Err(lopdf::Error::Decryption(e)) => return decryption_refusal(e),
            Err(e) => return corrupt(e),
        }
    }
    let pages = match catch_unwind(AssertUnwindSafe(|| doc.get_pages())) {
        Ok(pages) if pages.is_empty() => return corrupt("the document has no pages"),
        Ok(pages) => pages,
        Err(panic) => return corrupt(panic_message(&*panic)),
    };
    let (raw, text_extracted) = extract_text(&doc, pages.keys().copied());
    let normalized = normalize_whitespace(&raw);
    let text_chars = normalized.chars().count() as u64;
    let (text, text_truncated) = truncate_chars(normalized, max_text_chars);
    Reply::Ok {
        pages: pages.len() as u32,
        text_chars,
        text,
        text_truncated,
        text_extracted,
    }
}

/// Loads the document; a complete file with wrong offsets is loaded again
/// from a rebuilt cross-reference table (see `repair.rs`).
fn load(bytes: &[u8]) -> Result<lopdf::Document, Reply> {
    let first = match catch_unwind(|| lopdf::Document::load_mem(bytes)) {
        Ok(Ok(doc)) => return Ok(doc),
        Ok(Err(lopdf::Error::Decryption(e))) => return Err(decryption_refusal(e)),
        Ok(Err(e)) => e.to_string(),
        Err(panic) => panic_message(&*panic),
    };
    let repaired = catch_unwind(|| {
        let fixed = super::repair::rebuild_xref(bytes)?;
        let doc = lopdf::Document::load_mem(&fixed).ok()?;
        complete_page_tree(&doc).then_some(doc)
    });
    match repaired {
        Ok(Some(doc)) => {
            tracing::debug!("pdf loaded after rebuilding its xref ({first})");
            Ok(doc)
        }
        _ => Err(corrupt(first)),
    }
}

/// After a repair, insist that the page tree's `/Count` matches the pages
/// actually found, so a file missing objects is not passed as whole.
fn complete_page_tree(doc: &lopdf::Document) -> bool {
    let count = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(|p| p.as_reference())
        .and_then(|id| doc.get_dictionary(id))
        .and_then(|d| d.get(b"Count"))
        .and_then(|c| c.as_i64());
    let found = doc.get_pages().len();
    matches!(count, Ok(n) if n > 0 && n as usize == found)
}

/// Text page by page, so one page pdf-extract cannot read (a font it does
/// not understand: it panics) does not lose the others. The flag is false
/// when any page failed.
fn extract_text(doc: &lopdf::Document, pages: impl Iterator<Item = u32>) -> (String, bool) {
    let mut text = String::new();
    let mut complete = true;
    for page in pages {
        let mut page_text = String::new();
        let result = catch_unwind(AssertUnwindSafe(|| {
            let mut output = pdf_extract::PlainTextOutput::new(&mut page_text);
            pdf_extract::output_doc_page(doc, &mut output, page)
        }));
        match result {
            Ok(Ok(())) => {
                text.push_str(&page_text);
                text.push('\n');
            }
            Ok(Err(e)) => {
                tracing::debug!(page, "pdf text: {e}");
                complete = false;
            }
            Err(panic) => {
                tracing::debug!(page, "pdf text: {}", panic_message(&*panic));
                complete = false;
            }
        }
    }
    (text, complete)
}

fn decryption_refusal(e: DecryptionError) -> Reply {
    Reply::Encrypted {
        detail: e.to_string(),
    }
}

fn corrupt(e: impl std::fmt::Display) -> Reply {
    Reply::Corrupt {
        detail: e.to_string().chars().take(500).collect(),
    }
}

pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        format!("panic: {s}")
    } else if let Some(s) = panic.downcast_ref::<String>() {
        format!("panic: {s}")
    } else {
        "panic".into()
    }
}

/// Collapses runs of spaces and tabs to one space and runs of blank lines to
/// one line break, and trims: pdf-extract pads its output generously, and
/// the text is for search, not layout.
pub fn normalize_whitespace(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for line in raw.lines() {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        for (i, word) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// Keeps the first `max` characters (never splitting a character).
pub fn truncate_chars(mut text: String, max: usize) -> (String, bool) {
    match text.char_indices().nth(max) {
        Some((cut, _)) => {
            text.truncate(cut);
            (text, true)
        }
        None => (text, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pdfs")
            .join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(
            normalize_whitespace("  Привіт \t  світ \n\n\n   \nдругий  рядок  \n"),
            "Привіт світ\nдругий рядок"
        );
        assert_eq!(normalize_whitespace(" \n\t\n"), "");
    }

    #[test]
    fn truncation_counts_characters_not_bytes() {
        assert_eq!(truncate_chars("ґанок".into(), 3), ("ґан".to_string(), true));
        assert_eq!(truncate_chars("ґанок".into(), 5), ("ґанок".into(), false));
        assert_eq!(truncate_chars("".into(), 0), ("".into(), false));
    }

    #[test]
    fn a_real_pdf_gives_pages_and_text() {
        let reply = analyze(&fixture("004-pdflatex-4-pages_pdflatex-4-pages.pdf"), 20);
        let Reply::Ok {
            pages,
            text_chars,
            text,
            text_truncated,
            text_extracted,
        } = reply
        else {
            panic!("{reply:?}")
        };
        assert_eq!(pages, 4);
        assert!(text_extracted);
        assert!(text_chars > 20, "{text_chars}");
        assert_eq!(text.chars().count(), 20);
        assert!(text_truncated);
    }

    #[test]
    fn a_user_password_is_refused_as_encrypted() {
        let reply = analyze(
            &fixture("005-libreoffice-writer-password_libreoffice-writer-password.pdf"),
            100,
        );
        assert!(matches!(reply, Reply::Encrypted { .. }), "{reply:?}");
    }

    #[test]
    fn a_complete_file_with_wrong_offsets_is_repaired() {
        // Its `startxref` points 181 bytes before the real xref table.
        let reply = analyze(&fixture("019-grayscale-image_grayscale-image.pdf"), 100);
        assert!(matches!(reply, Reply::Ok { pages: 1, .. }), "{reply:?}");
    }

    #[test]
    fn a_file_with_its_page_tree_destroyed_is_corrupt() {
        // 1.1 MB of zeros where objects 79–175 were, the page tree root
        // among them: qpdf finds 0 pages, poppler 4 pages of size 0×0.
        let reply = analyze(
            &fixture("017-unreadable-meta-data_unreadablemetadata.pdf"),
            100,
        );
        assert!(matches!(reply, Reply::Corrupt { .. }), "{reply:?}");
    }

    #[test]
    fn garbage_after_the_header_is_corrupt() {
        let reply = analyze(b"%PDF-1.7\nthis is not a pdf at all", 100);
        assert!(matches!(reply, Reply::Corrupt { .. }), "{reply:?}");
    }

    #[test]
    fn the_protocol_round_trips_through_json() {
        let r = Reply::Corrupt { detail: "x".into() };
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, r#"{"result":"corrupt","detail":"x"}"#);
        assert_eq!(serde_json::from_str::<Reply>(&json).unwrap(), r);
    }
}
