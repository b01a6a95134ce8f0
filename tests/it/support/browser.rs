//! A browser: its own cookie jar over the app's (untracked) client, so one
//! test can act as several people at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rocket::http::{ContentType, Cookie, Header};
use rocket::local::asynchronous::Client;

use super::TestResponse;

pub struct Browser<'a> {
    client: &'a Client,
    jar: Jar,
}

/// A cookie jar; clones share it.
pub type Jar = Arc<Mutex<HashMap<String, String>>>;

impl<'a> Browser<'a> {
    pub fn new(client: &'a Client) -> Self {
        Browser {
            client,
            jar: Jar::default(),
        }
    }

    pub fn with_jar(client: &'a Client, jar: Jar) -> Self {
        Browser { client, jar }
    }

    fn cookies(&self) -> Vec<Cookie<'static>> {
        let jar = self.jar.lock().unwrap();
        jar.iter()
            .map(|(k, v)| Cookie::new(k.clone(), v.clone()))
            .collect()
    }

    fn remember(&self, res: &TestResponse) {
        let mut jar = self.jar.lock().unwrap();
        for (name, value) in &res.headers {
            if name != "set-cookie" {
                continue;
            }
            let Ok(c) = Cookie::parse_encoded(value.clone()) else {
                continue;
            };
            let removed =
                c.max_age().is_some_and(|a| a.is_zero() || a.is_negative()) || c.value().is_empty();
            if removed {
                jar.remove(c.name());
            } else {
                jar.insert(c.name().to_string(), c.value().to_string());
            }
        }
    }

    pub fn has_cookie(&self, name: &str) -> bool {
        self.jar.lock().unwrap().contains_key(name)
    }

    pub fn clear_cookies(&self) {
        self.jar.lock().unwrap().clear();
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.get_with(path, None).await
    }

    pub async fn get_with(&self, path: &str, header: Option<Header<'static>>) -> TestResponse {
        let mut req = self.client.get(path.to_string()).cookies(self.cookies());
        if let Some(h) = header {
            req = req.header(h);
        }
        let res = TestResponse::read(req.dispatch().await).await;
        self.remember(&res);
        res
    }

    /// POSTs a URL-encoded form exactly as given (no CSRF token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let body = serde_urlencoded::to_string(fields).expect("encode form");
        let req = self
            .client
            .post(path.to_string())
            .cookies(self.cookies())
            .header(ContentType::Form)
            .body(body);
        let res = TestResponse::read(req.dispatch().await).await;
        self.remember(&res);
        res
    }

    /// POSTs a raw body with a content type (e.g. multipart uploads).
    pub async fn post_body(
        &self,
        path: &str,
        content_type: ContentType,
        body: Vec<u8>,
    ) -> TestResponse {
        let req = self
            .client
            .post(path.to_string())
            .cookies(self.cookies())
            .header(content_type)
            .body(body);
        let res = TestResponse::read(req.dispatch().await).await;
        self.remember(&res);
        res
    }

    /// The CSRF token a page of this browser carries.
    pub async fn csrf(&self) -> String {
        let page = self.get("/").await;
        page.html()
            .attr("meta[name=csrf-token]", "content")
            .expect("csrf meta")
    }

    /// Submits a form as the browser would: with this browser's CSRF token.
    pub async fn submit(&self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// Signs in through the login form; panics if it does not work.
    pub async fn login(&self, email: &str, password: &str) {
        let res = self
            .submit(
                "/login",
                &[
                    ("email", email),
                    ("password", password),
                    ("next", "/account"),
                ],
            )
            .await;
        assert_eq!(
            res.status.code, 303,
            "login of {email} failed: {}",
            res.body
        );
    }

    pub async fn logout(&self) -> TestResponse {
        self.submit("/logout", &[]).await
    }
}
