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
