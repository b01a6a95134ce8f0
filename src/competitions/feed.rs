//! The site-wide Atom feed (`/feed.atom`): announcements, amendments and
//! cancellations, newest first. Other modules add entries (e.g. results) by
//! contributing `FeedEntry`s to [`entries`].

use chrono::NaiveDateTime;
use rocket::http::ContentType;
use rocket::{get, State as Managed};

use super::model;
use crate::config::Settings;
use crate::db::{AnyConnection, Db};
use crate::error::AppResult;
use crate::web::format::{kyiv_datetime, money};
use crate::web::i18n::I18n;
use crate::web::lang::Lang;
use crate::web::Web;

pub const FEED_LIMIT: i64 = 50;

/// One entry; `id` is a stable IRI, `path` the page it links to.
#[derive(Debug, Clone)]
pub struct FeedEntry {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub path: String,
    pub updated: NaiveDateTime,
}

fn args(pairs: &[(&str, String)]) -> fluent_bundle::FluentArgs<'static> {
    let mut a = fluent_bundle::FluentArgs::new();
    for (k, v) in pairs {
        a.set(k.to_string(), v.clone());
    }
    a
}

/// The newest entries from every source, newest first.
pub fn entries(
    conn: &mut AnyConnection,
    i18n: &I18n,
    lang: Lang,
    base: &str,
) -> AppResult<Vec<FeedEntry>> {
    let t = |key: &str, a: &[(&str, String)]| i18n.t(lang, key, Some(&args(a)));
    let mut out = vec![];
    for c in model::recently_announced(conn, FEED_LIMIT)? {
        let (Some(at), Some(closes)) = (c.announced_at, c.closes_at) else {
            continue;
        };
        let title = c.title(lang).to_string();
        out.push(FeedEntry {
            id: format!("{base}/competitions/{}#announced", c.id),
            title: t("competitions-feed-announced", &[("title", title)]),
            summary: t(
                "competitions-feed-announced-summary",
                &[
                    ("deadline", kyiv_datetime(closes)),
                    ("fund", money(c.fund_kopiyky.unwrap_or(0), lang)),
                    ("hash", c.rules_sha256.clone().unwrap_or_default()),
                ],
            ),
            path: format!("/competitions/{}", c.id),
            updated: at,
        });
    }
    for (a, c) in model::recent_amendments(conn, FEED_LIMIT)? {
        let kind = t(
            &format!("competitions-amendment-{}", a.kind.replace('_', "-")),
            &[],
        );
        out.push(FeedEntry {
            id: format!("{base}/competitions/{}#amendment-{}", c.id, a.seq),
            title: t(
                "competitions-feed-amended",
                &[("title", c.title(lang).to_string()), ("kind", kind)],
            ),
            summary: a.reason.clone(),
            path: format!("/competitions/{}#amendment-{}", c.id, a.seq),
            updated: a.created_at,
        });
    }
    for (tr, c) in model::recent_cancellations(conn, FEED_LIMIT)? {
        out.push(FeedEntry {
            id: format!("{base}/competitions/{}#cancelled", c.id),
            title: t(
                "competitions-feed-cancelled",
                &[("title", c.title(lang).to_string())],
            ),
            summary: tr.reason.clone().unwrap_or_default(),
            path: format!("/competitions/{}", c.id),
            updated: tr.created_at,
        });
    }
    out.extend(crate::review::defence::feed::entries(
        conn, i18n, lang, base, FEED_LIMIT,
    )?);
    out.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| b.id.cmp(&a.id)));
    out.truncate(FEED_LIMIT as usize);
    Ok(out)
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn rfc3339(t: NaiveDateTime) -> String {
    t.and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Renders entries as an Atom 1.0 document.
pub fn atom(entries: &[FeedEntry], title: &str, base: &str, lang: Lang) -> String {
    let updated = entries.first().map(|e| e.updated).unwrap_or_default();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<id>{base}/feed.atom</id>\n<title>{}</title>\n<updated>{}</updated>\n<author><name>{}</name></author>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{base}/feed.atom\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{base}/competitions\"/>\n",
        lang.code(), xml_escape(title), rfc3339(updated), xml_escape(title)
    ));
    for e in entries {
        x.push_str(&format!(
            "<entry>\n<id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}{}\"/>\n<summary>{}</summary>\n</entry>\n",
            xml_escape(&e.id), xml_escape(&e.title), rfc3339(e.updated), base, xml_escape(&e.path), xml_escape(&e.summary)
        ));
    }
    x.push_str("</feed>\n");
    x
}

#[get("/feed.atom")]
pub async fn feed(
    db: &Managed<Db>,
    web: &Managed<Web>,
    settings: &Managed<Settings>,
    lang: Lang,
) -> AppResult<(ContentType, String)> {
    let (i18n, base) = (web.i18n.clone(), settings.base_url().to_string());
    let b = base.clone();
    let list = db.run(move |c| entries(c, &i18n, lang, &b)).await?;
    let title = web.i18n.t(lang, "competitions-feed-title", None);
    Ok((
        ContentType::new("application", "atom+xml"),
        atom(&list, &title, &base, lang),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
