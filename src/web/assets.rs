//! Static assets embedded in the binary, served with an ETag and cache headers.

use std::path::PathBuf;

use rocket::http::{ContentType, Header, Status};
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::{self, Responder, Response};
use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};

#[derive(RustEmbed)]
#[folder = "assets/"]
struct Assets;

/// A short hash over all assets, appended as `?v=` so browsers may cache
/// for a year and still see a new release at once.
pub fn version() -> String {
    let mut names: Vec<_> = Assets::iter().collect();
    names.sort();
    let mut h = Sha256::new();
    for name in names {
        if let Some(f) = Assets::get(&name) {
            h.update(name.as_bytes());
            h.update(f.metadata.sha256_hash());
        }
    }
    hex::encode(&h.finalize()[..6])
}

pub struct IfNoneMatch(Option<String>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for IfNoneMatch {
    type Error = std::convert::Infallible;
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(IfNoneMatch(
            req.headers().get_one("If-None-Match").map(str::to_string),
        ))
    }
}

pub struct Asset {
    body: Option<Vec<u8>>,
    content_type: ContentType,
    etag: String,
    versioned: bool,
}

impl<'r> Responder<'r, 'static> for Asset {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        let cache = if self.versioned {
            "public, max-age=31536000, immutable"
        } else {
            "public, max-age=3600"
        };
        let mut res = Response::build();
        res.header(self.content_type)
            .header(Header::new("Cache-Control", cache))
            .header(Header::new("ETag", self.etag));
        match self.body {
            Some(body) => res.sized_body(body.len(), std::io::Cursor::new(body)),
            None => res.status(Status::NotModified),
        };
        res.ok()
    }
}

#[rocket::get("/assets/<path..>?<v>")]
pub fn asset(path: PathBuf, v: Option<&str>, inm: IfNoneMatch) -> Option<Asset> {
    let name = path.to_str()?;
    let file = Assets::get(name)?;
    let etag = format!("\"{}\"", hex::encode(&file.metadata.sha256_hash()[..12]));
    let content_type = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(ContentType::from_extension)
        .unwrap_or(ContentType::Binary);
    let not_modified = inm.0.as_deref() == Some(etag.as_str());
    Some(Asset {
        body: (!not_modified).then(|| file.data.into_owned()),
        content_type,
        etag,
        versioned: v.is_some(),
    })
}
