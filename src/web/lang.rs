//! The user's language: `?lang=` (remembered in a cookie), then the cookie,
//! then the instance default (Ukrainian unless configured otherwise).

use rocket::http::{Cookie, SameSite};
use rocket::request::{FromRequest, Outcome, Request};
use serde::{Deserialize, Serialize};

use crate::config::Settings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Uk,
    En,
}

pub const LANG_COOKIE: &str = "lang";

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Uk, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Uk => "uk",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "uk" => Some(Lang::Uk),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's name in itself, for the switch link.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Uk => "Українська",
            Lang::En => "English",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Uk => Lang::En,
            Lang::En => Lang::Uk,
        }
    }

    /// Resolves the language of a request; `?lang=` also sets the cookie.
    pub fn of_request(req: &Request<'_>) -> Lang {
        if let Some(lang) = req
            .query_value::<&str>("lang")
            .and_then(|r| r.ok())
            .and_then(Lang::parse)
        {
            let cookie = Cookie::build((LANG_COOKIE, lang.code()))
                .path("/")
                .same_site(SameSite::Lax)
                .http_only(true)
                .max_age(rocket::time::Duration::days(365));
            req.cookies().add(cookie);
            return lang;
        }
        if let Some(lang) = req
            .cookies()
            .get(LANG_COOKIE)
            .and_then(|c| Lang::parse(c.value()))
        {
            return lang;
        }
        req.rocket()
            .state::<Settings>()
            .map(|s| s.default_lang)
            .unwrap_or_default()
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Lang {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(*req.local_cache(|| Lang::of_request(req)))
    }
}

/// The current URL with `lang` set to `lang`, other query parameters kept.
pub fn switch_url(req: &Request<'_>, lang: Lang) -> String {
    let mut query: Vec<String> = req
        .uri()
        .query()
        .map(|q| {
            q.raw_segments()
                .filter(|seg| !seg.as_str().starts_with("lang=") && seg.as_str() != "lang")
                .map(|seg| seg.as_str().to_string())
                .collect()
        })
        .unwrap_or_default();
    query.push(format!("lang={}", lang.code()));
    format!("{}?{}", req.uri().path(), query.join("&"))
}
