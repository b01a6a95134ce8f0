//! Who is on the other end: address (Rocket's `ip_header` applies behind a
//! proxy) and user agent, for sessions and throttling.

use rocket::request::{FromRequest, Outcome, Request};

#[derive(Debug, Clone)]
pub struct ClientMeta {
    pub ip: String,
    pub user_agent: String,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ClientMeta {
    type Error = std::convert::Infallible;
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(ClientMeta {
            ip: req
                .client_ip()
                .map(|ip| ip.to_string())
                .unwrap_or_else(|| "unknown".into()),
            user_agent: req
                .headers()
                .get_one("User-Agent")
                .unwrap_or("")
                .to_string(),
        })
    }
}
