//! Builders for people: verified accounts with roles, signed in.

use konkurs::accounts::model::Role;
use konkurs::accounts::service;
use konkurs::db::ids::UserId;

use super::{Browser, TestApp};

pub const PASSWORD: &str = "сонячний-бузок-над-Дніпром";

pub struct Person {
    pub id: UserId,
    pub email: String,
}

impl TestApp {
    /// A verified account (as `konkurs user add` makes), optionally with a role.
    pub fn person(&self, name: &str, role: Option<Role>) -> Person {
        let email = format!(
            "{}.{}@example.org",
            name.to_lowercase().replace(' ', "."),
            uuid::Uuid::now_v7().simple()
        );
        let mut conn = self.db().get().expect("connection");
        let id = service::create_verified(&mut conn, self.now(), &email, name, PASSWORD, role)
            .expect("person created");
        Person { id, email }
    }

    /// A new browser signed in as a new person.
    pub async fn signed_in(&self, name: &str, role: Option<Role>) -> (Person, Browser<'_>) {
        let person = self.person(name, role);
        let browser = self.browser();
        browser.login(&person.email, PASSWORD).await;
        (person, browser)
    }
}

impl TestApp {
    /// Mails queued for an address, oldest first.
    pub async fn mails_to(&self, address: &str) -> Vec<konkurs::mail::model::QueuedMail> {
        let address = address.to_string();
        self.db()
            .run(move |c| Ok(konkurs::mail::model::to_address(c, &address)?))
            .await
            .expect("outbox readable")
    }

    /// The path of the last link to this site in the newest mail to `address`
    /// whose text contains `marker` (e.g. "/verify-email/").
    pub async fn link_in_mail(&self, address: &str, marker: &str) -> String {
        let mails = self.mails_to(address).await;
        let mail = mails
            .iter()
            .rev()
            .find(|m| m.body_text.contains(marker))
            .unwrap_or_else(|| panic!("no mail to {address} with {marker}"));
        let start = mail.body_text.find(marker).unwrap();
        let path: String = mail.body_text[start..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect();
        assert!(
            mail.body_html.contains(&path),
            "the HTML part has the same link"
        );
        path
    }
}
