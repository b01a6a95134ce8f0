//! The defence sessions' entries in the site's Atom feed: one per session
//! (its `updated` moves when the session changes or is cancelled).

use crate::competitions::feed::FeedEntry;
use crate::competitions::model as competitions;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::web::format::kyiv_datetime;
use crate::web::i18n::I18n;
use crate::web::lang::Lang;

/// Entries for the most recently changed sessions of public competitions.
pub fn entries(
    conn: &mut AnyConnection,
    i18n: &I18n,
    lang: Lang,
    base: &str,
    limit: i64,
) -> AppResult<Vec<FeedEntry>> {
    let mut out = vec![];
    for s in super::model::recent(conn, limit)? {
        let Some(c) = competitions::find(conn, &s.competition_id)? else {
            continue;
        };
        if !c.is_public() {
            continue;
        }
        let mut a = fluent_bundle::FluentArgs::new();
        a.set("title", c.title(lang).to_string());
        a.set("when", kyiv_datetime(s.starts_at));
        a.set("place", s.place.clone());
        a.set("count", super::model::slots(conn, &s.id)?.len() as i64);
        a.set("link", s.online_url.clone().unwrap_or_default());
        let (title, summary) = if s.is_cancelled() {
            ("defence-feed-cancelled", "defence-feed-cancelled-summary")
        } else if s.online_url.is_some() {
            ("defence-feed-scheduled", "defence-feed-summary-online")
        } else {
            ("defence-feed-scheduled", "defence-feed-summary")
        };
        out.push(FeedEntry {
            id: format!("{base}/competitions/{}#defence-{}", c.id, s.id),
            title: i18n.t(lang, title, Some(&a)),
            summary: i18n.t(lang, summary, Some(&a)),
            path: format!("/competitions/{}#defence-{}", c.id, s.id),
            updated: s.updated_at,
        });
    }
    Ok(out)
}
