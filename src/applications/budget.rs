//! The budget table: lines typed in hryvnias become kopiyky; each line's
//! total is quantity × unit price (computed, never typed); requested + own
//! must equal the line total; the requested sum must not exceed the cap and
//! the own share must reach the competition's minimum percentage.

use serde::Serialize;

use super::forms::BudgetRow;
use crate::competitions::input::parse_money;
use crate::web::forms::FieldErrors;

/// Budget categories (codes stored in drafts and snapshots).
pub const CATEGORIES: [&str; 7] = [
    "staff",
    "travel",
    "equipment",
    "materials",
    "services",
    "rent",
    "other",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub item: String,
    pub category: String,
    pub unit: String,
    /// Hundredths of a unit (quantities may have two decimals).
    pub quantity_hundredths: i64,
    pub unit_price_kopiyky: i64,
    pub total_kopiyky: i64,
    pub requested_kopiyky: i64,
    pub own_kopiyky: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub total_kopiyky: i64,
    pub requested_kopiyky: i64,
    pub own_kopiyky: i64,
}

/// quantity × price, rounded half up to the kopiyka; `None` on overflow.
pub fn line_total(quantity_hundredths: i64, unit_price: i64) -> Option<i64> {
    let p = (quantity_hundredths as i128) * (unit_price as i128);
    let t = (p + 50) / 100;
    i64::try_from(t).ok()
}

/// The field ID of a row's cell (also the key of its error).
pub fn cell(i: usize, name: &str) -> String {
    format!("budget-{i}-{name}")
}

fn money(e: &mut FieldErrors, id: String, s: &str) -> Option<i64> {
    if s.trim().is_empty() {
        e.add(&id, "applications-err-amount-required");
        return None;
    }
    match parse_money(s) {
        Ok(v) => Some(v),
        Err(_) => {
            e.add(&id, "applications-err-money-invalid");
            None
        }
    }
}

/// Checks the non-blank rows (in order) against the cap and the minimum own
/// contribution; returns the lines that parsed, the totals and the errors.
pub fn check(
    rows: &[(usize, &BudgetRow)],
    cap: i64,
    min_own_percent: Option<i64>,
) -> (Vec<Line>, Totals, FieldErrors) {
    let mut e = FieldErrors::new();
    let mut lines = vec![];
    let mut t = Totals::default();
    for &(i, r) in rows {
        if r.item.trim().is_empty() {
            e.add(&cell(i, "item"), "applications-err-item-required");
        }
        if !CATEGORIES.contains(&r.category.as_str()) {
            e.add(&cell(i, "category"), "applications-err-category-required");
        }
        let qty = match parse_money(&r.quantity) {
            Ok(q) if q > 0 => Some(q),
            _ => {
                e.add(&cell(i, "quantity"), "applications-err-quantity-invalid");
                None
            }
        };
        let price = money(&mut e, cell(i, "unit_price"), &r.unit_price);
        let requested = money(&mut e, cell(i, "requested"), &r.requested);
        let own = money(&mut e, cell(i, "own"), &r.own);
        let (Some(q), Some(p), Some(rq), Some(ow)) = (qty, price, requested, own) else {
            continue;
        };
        let Some(total) = line_total(q, p) else {
            e.add(&cell(i, "unit_price"), "applications-err-money-invalid");
            continue;
        };
        if rq + ow != total {
            e.add(&cell(i, "own"), "applications-err-line-split");
        }
        t.total_kopiyky += total;
        t.requested_kopiyky += rq;
        t.own_kopiyky += ow;
        lines.push(Line {
            item: r.item.trim().into(),
            category: r.category.clone(),
            unit: r.unit.trim().into(),
            quantity_hundredths: q,
            unit_price_kopiyky: p,
            total_kopiyky: total,
            requested_kopiyky: rq,
            own_kopiyky: ow,
        });
    }
    if rows.is_empty() {
        e.add("budget", "applications-err-budget-empty");
    } else if e.is_empty() {
        if t.requested_kopiyky <= 0 {
            e.add("budget", "applications-err-nothing-requested");
        } else if t.requested_kopiyky > cap {
            e.add_with(
                "budget",
                "applications-err-over-cap",
                &[("cap", crate::competitions::input::money_input(cap))],
            );
        } else if let Some(pct) = min_own_percent {
            // own / total ≥ pct / 100, in integers.
            if (t.own_kopiyky as i128) * 100 < (t.total_kopiyky as i128) * (pct as i128) {
                e.add_with(
                    "budget",
                    "applications-err-own-too-small",
                    &[("percent", pct.to_string())],
                );
            }
        }
    }
    (lines, t, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(qty: &str, price: &str, req: &str, own: &str) -> BudgetRow {
        BudgetRow {
            item: "Оренда зали".into(),
            category: "rent".into(),
            unit: "день".into(),
            quantity: qty.into(),
            unit_price: price.into(),
            requested: req.into(),
            own: own.into(),
        }
    }

    fn run(rows: &[BudgetRow], cap: i64, pct: Option<i64>) -> (Totals, Vec<String>) {
        let r: Vec<_> = rows.iter().enumerate().collect();
        let (_, t, e) = check(&r, cap, pct);
        (t, e.keys().map(|(_, k)| k.to_string()).collect())
    }

    #[test]
    fn totals_add_up_with_comma_and_dot_decimals() {
        let (t, e) = run(
            &[
                row("2", "1 500,50", "2700", "301,00"),
                row("1.5", "100.10", "150", "0.15"),
            ],
            1_000_000_00,
            Some(9),
        );
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(t.total_kopiyky, 300_100 + 15_015);
        assert_eq!(t.requested_kopiyky, 270_000 + 15_000);
        assert_eq!(t.own_kopiyky, 30_100 + 15);
    }

    #[test]
    fn a_line_whose_parts_do_not_add_up_is_refused() {
        let (_, e) = run(&[row("2", "100", "150", "49,99")], 1_000_00, None);
        assert_eq!(e, ["applications-err-line-split"]);
    }

    #[test]
    fn requested_may_equal_but_not_exceed_the_cap() {
        let (_, ok) = run(&[row("1", "1000", "1000", "0")], 1000_00, None);
        assert!(ok.is_empty());
        let (_, e) = run(&[row("1", "1000,01", "1000,01", "0")], 1000_00, None);
        assert_eq!(e, ["applications-err-over-cap"]);
    }

    #[test]
    fn own_contribution_must_reach_the_minimum() {
        let (_, ok) = run(&[row("1", "1000", "900", "100")], 1_000_000, Some(10));
        assert!(ok.is_empty());
        let (_, e) = run(&[row("1", "1000", "900,01", "99,99")], 1_000_000, Some(10));
        assert_eq!(e, ["applications-err-own-too-small"]);
    }

    #[test]
    fn line_total_rounds_half_up() {
        assert_eq!(line_total(150, 333), Some(500)); // 4.995 → 5.00
        assert_eq!(line_total(100, 1), Some(1));
        assert_eq!(line_total(i64::MAX, i64::MAX), None);
    }

    #[test]
    fn bad_cells_are_named() {
        let (_, e) = run(&[row("0", "abc", "", "1")], 1_000_00, None);
        assert_eq!(
            e,
            [
                "applications-err-quantity-invalid",
                "applications-err-money-invalid",
                "applications-err-amount-required"
            ]
        );
    }
}
