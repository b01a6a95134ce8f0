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

/// A not-admitted reason as the results document states it (`code` or
/// `code: explanation`, see `review::results_map`): the Fluent key of a
/// code from the admissibility list and the explanation; free text (no
/// known code) comes back whole with no key.
pub fn reason_parts(reason: &str) -> (Option<String>, String) {
    let (code, text) = reason.split_once(": ").unwrap_or((reason, ""));
    match crate::applications::admissibility::REASONS.contains(&code) {
        true => (
            Some(format!("applications-reason-{}", code.replace('_', "-"))),
            text.trim().to_string(),
        ),
        false => (None, reason.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let key = Some("applications-reason-budget-rules".to_string());
        assert_eq!(reason_parts("budget_rules"), (key.clone(), String::new()));
        assert_eq!(
            reason_parts("budget_rules: Зайві витрати: оренда"),
            (key, "Зайві витрати: оренда".to_string())
        );
        assert_eq!(
            reason_parts("Інше: пояснення"),
            (None, "Інше: пояснення".to_string())
        );
    }
}
