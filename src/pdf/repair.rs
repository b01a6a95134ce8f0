//! Cross-reference repair, as PDF viewers do it. Some producers write wrong
//! byte offsets (`startxref`, `/Prev`) into otherwise complete files; every
//! viewer opens them by scanning for `N G obj` headers, so refusing them
//! would refuse files the jury can read. We repair only a file that ends
//! with `%%EOF` (complete, just mis-indexed); a cut-off upload stays corrupt.

use std::collections::BTreeMap;

/// A copy of `bytes` with a rebuilt xref table and trailer appended, or
/// `None` when the file is not complete or has no `/Root`.
pub fn rebuild_xref(bytes: &[u8]) -> Option<Vec<u8>> {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    find(tail, b"%%EOF", 0)?;
    let scan = scan(bytes);
    let root = scan.root?;
    if scan.objects.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() + scan.objects.len() * 24 + 256);
    out.extend_from_slice(bytes);
    out.extend_from_slice(b"\n");
    let xref_at = out.len();
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f\r\n");
    // One subsection per object: no table sized by a stray huge number.
    for (num, (gen, offset)) in &scan.objects {
        out.extend_from_slice(format!("{num} 1\n{offset:010} {gen:05} n\r\n").as_bytes());
    }
    let size = scan.objects.keys().next_back().map_or(1, |n| n + 1);
    let mut trailer = format!("trailer\n<< /Size {size} /Root {root}");
    for (key, value) in [
        ("Info", scan.info),
        ("Encrypt", scan.encrypt),
        ("ID", scan.id),
    ] {
        if let Some(v) = value {
            trailer.push_str(&format!(" /{key} {v}"));
        }
    }
    trailer.push_str(&format!(" >>\nstartxref\n{xref_at}\n%%EOF\n"));
    out.extend_from_slice(trailer.as_bytes());
    Some(out)
}

#[derive(Default)]
struct Scan {
    /// Object number → (generation, offset); a later definition wins, as
    /// in an incremental update.
    objects: BTreeMap<u32, (u16, usize)>,
    root: Option<String>,
    info: Option<String>,
    encrypt: Option<String>,
    id: Option<String>,
}

fn scan(b: &[u8]) -> Scan {
    let mut s = Scan::default();
    let mut i = 0;
    while i < b.len() {
        let after_space = i == 0 || is_space(b[i - 1]);
        if b[i..].starts_with(b"stream") && (after_space || b[i - 1] == b'>') {
            // Skip stream data: binary content may look like anything.
            match find(b, b"endstream", i + 6) {
                Some(end) => i = end + 9,
                None => break,
            }
            continue;
        }
        if after_space && b[i].is_ascii_digit() {
            if let Some((num, gen, next)) = object_header(b, i) {
                s.objects.insert(num, (gen, i));
                i = next;
                continue;
            }
        }
        if b[i] == b'/' {
            let rest = &b[i + 1..];
            if rest.starts_with(b"Root") {
                s.root = reference(b, i + 5).or(s.root.take());
            } else if rest.starts_with(b"Info") {
                s.info = reference(b, i + 5).or(s.info.take());
            } else if rest.starts_with(b"Encrypt") {
                s.encrypt = reference(b, i + 8).or(s.encrypt.take());
            } else if rest.starts_with(b"ID") {
                s.id = id_array(b, i + 3).or(s.id.take());
            }
        }
        i += 1;
    }
    s
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_space(b[i]) {
        i += 1;
    }
    i
}

fn number(b: &[u8], i: usize) -> Option<(u64, usize)> {
    let end = i + b
        .get(i..)?
        .iter()
        .take(10)
        .take_while(|c| c.is_ascii_digit())
        .count();
    let n = std::str::from_utf8(&b[i..end]).ok()?.parse().ok()?;
    Some((n, end))
}

/// `N G obj` at `i` → (N, G, index after `obj`).
fn object_header(b: &[u8], i: usize) -> Option<(u32, u16, usize)> {
    let (num, j) = number(b, i)?;
    let k = skip_spaces(b, j);
    if k == j {
        return None;
    }
    let (gen, j) = number(b, k)?;
    let k = skip_spaces(b, j);
    if k == j || !b[k..].starts_with(b"obj") {
        return None;
    }
    let end = k + 3;
    if b.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some((u32::try_from(num).ok()?, u16::try_from(gen).ok()?, end))
}

/// ` N G R` at `i` → `"N G R"`.
fn reference(b: &[u8], i: usize) -> Option<String> {
    let i = skip_spaces(b, i);
    let (num, j) = number(b, i)?;
    let (gen, j) = number(b, skip_spaces(b, j))?;
    let j = skip_spaces(b, j);
    (b.get(j) == Some(&b'R')).then(|| format!("{num} {gen} R"))
}

/// ` [<…><…>]` at `i` → the array text.
fn id_array(b: &[u8], i: usize) -> Option<String> {
    let i = skip_spaces(b, i);
    if b.get(i) != Some(&b'[') {
        return None;
    }
    let end = i + b.get(i..)?.iter().take(300).position(|&c| c == b']')?;
    let text = std::str::from_utf8(&b[i..=end]).ok()?;
    text.bytes()
        .all(|c| c.is_ascii_hexdigit() || b"[]<> \r\n".contains(&c))
        .then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-page PDF whose `startxref` points at the wrong byte.
    fn misindexed() -> Vec<u8> {
        let body = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
            2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n\
            3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n\
            4 0 obj\n<< /Length 9 >>\nstream\n9 0 obj x\nendstream\nendobj\n\
            xref\n0 5\n0000000000 65535 f \n0000000009 00000 n \n";
        format!(
            "{body}trailer\n<< /Size 5 /Root 1 0 R /ID [<AB12><CD34>] >>\nstartxref\n7\n%%EOF\n"
        )
        .into_bytes()
    }

    #[test]
    fn rebuilds_a_misindexed_file() {
        let bytes = misindexed();
        assert!(lopdf::Document::load_mem(&bytes).is_err());
        let fixed = rebuild_xref(&bytes).expect("repairable");
        let doc = lopdf::Document::load_mem(&fixed).expect("loads after repair");
        assert_eq!(doc.get_pages().len(), 1);
        let tail = String::from_utf8_lossy(&fixed[bytes.len()..]).into_owned();
        assert!(tail.contains("/Root 1 0 R"), "{tail}");
        assert!(tail.contains("/ID [<AB12><CD34>]"), "{tail}");
        // `9 0 obj` inside the stream data was not taken for an object.
        assert!(!tail.contains("\n9 1\n"), "{tail}");
    }

    #[test]
    fn a_cut_off_file_is_not_repaired() {
        let bytes = misindexed();
        assert!(rebuild_xref(&bytes[..bytes.len() / 2]).is_none());
    }

    #[test]
    fn no_root_no_repair() {
        assert!(rebuild_xref(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n").is_none());
    }
}
