//! Small formatting shared by the publication's pages, mails and files.

use crate::scoring::Ratio;
use crate::web::lang::Lang;

/// An exact score with two decimals (rounded toward zero), `12.50`.
pub fn decimal(r: Ratio) -> String {
    r.to_decimal_string(2)
}

/// [`decimal`] with the language's decimal separator (`12,50` in Ukrainian).
pub fn decimal_in(r: Ratio, lang: Lang) -> String {
    match lang {
        Lang::Uk => decimal(r).replace('.', ","),
        _ => decimal(r),
    }
}

/// Kopiyky as hryvnias for data files: `123456` → `1234.56`.
pub fn hryvnias(kopiyky: i64) -> String {
    let sign = if kopiyky < 0 { "-" } else { "" };
    let abs = kopiyky.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Kopiyky as a JSON number of hryvnias (exact: two decimals at most).
pub fn hryvnias_number(kopiyky: i64) -> serde_json::Value {
    serde_json::from_str(&hryvnias(kopiyky)).unwrap_or(serde_json::Value::Null)
}

/// The Fluent key of a not-admitted reason code from the admissibility
/// list, or `None` for free text.
pub fn reason_key(reason: &str) -> Option<String> {
    let code = reason_parts(reason).0;
    crate::applications::admissibility::REASONS
        .contains(&code)
        .then(|| format!("applications-reason-{}", code.replace('_', "-")))
}

/// A not-admitted reason as the results document keeps it, `code` or
/// `code: the organizer's explanation`, split into its two parts.
pub fn reason_parts(reason: &str) -> (&str, &str) {
    match reason.split_once(": ") {
        Some((code, text)) => (code.trim(), text.trim()),
        None => (reason.trim(), ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_admitted_reasons_split_into_code_and_text() {
        let r = "missing_documents: Кошторис не підписано.";
        assert_eq!(
            reason_parts(r),
            ("missing_documents", "Кошторис не підписано.")
        );
        assert_eq!(
            reason_key(r).as_deref(),
            Some("applications-reason-missing-documents")
        );
        assert_eq!(reason_parts("other"), ("other", ""));
        assert_eq!(reason_key("no such code: x"), None);
    }

    #[test]
    fn money_and_scores_for_files() {
        assert_eq!(hryvnias(123456), "1234.56");
        assert_eq!(hryvnias(5), "0.05");
        assert_eq!(hryvnias(-100), "-1.00");
        assert_eq!(hryvnias_number(9900000), serde_json::json!(99000.0));
        assert_eq!(hryvnias_number(12345).to_string(), "123.45");
        let r = Ratio::checked_new(157, 2).unwrap();
        assert_eq!(decimal(r), "78.50");
        assert_eq!(decimal_in(r, Lang::Uk), "78,50");
        assert_eq!(
            reason_key("budget_rules").unwrap(),
            "applications-reason-budget-rules"
        );
        assert_eq!(reason_key("Інше пояснення"), None);
    }
}
