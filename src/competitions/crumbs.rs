//! Breadcrumb trails for the competition pages (the layout renders them).

use serde_json::{json, Value};

use super::model::Competition;
use crate::web::PageCtx;

fn trail(items: Vec<(String, Option<String>)>) -> Value {
    items
        .into_iter()
        .map(|(label, url)| json!({"label": label, "url": url}))
        .collect()
}

/// Home › My competitions [› competition] [› `last` page].
pub fn organizer(page: &PageCtx<'_>, comp: Option<&Competition>, last: Option<&str>) -> Value {
    let mut items = vec![
        (page.t("nav-home"), Some("/".to_string())),
        (
            page.t("competitions-dashboard-title"),
            Some("/organizer/competitions".to_string()),
        ),
    ];
    if let Some(c) = comp {
        items.push((
            c.title_uk.clone(),
            Some(format!("/organizer/competitions/{}", c.id)),
        ));
    }
    if let Some(key) = last {
        items.push((page.t(key), None));
    }
    if let Some(last) = items.last_mut() {
        last.1 = None;
    }
    trail(items)
}

/// Home › Competitions [› `title`].
pub fn public(page: &PageCtx<'_>, title: Option<&str>) -> Value {
    let mut items = vec![
        (page.t("nav-home"), Some("/".to_string())),
        (
            page.t("nav-competitions"),
            Some("/competitions".to_string()),
        ),
    ];
    if let Some(t) = title {
        items.push((t.to_string(), None));
    }
    if let Some(last) = items.last_mut() {
        last.1 = None;
    }
    trail(items)
}
