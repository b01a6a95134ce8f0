//! Organizations: NGO profiles, one per EDRPOU, members and invitations.

mod access;
mod create;
mod invitations;
mod members;

use rocket::http::Status;

use crate::support::{Browser, TestApp};
use konkurs::audit::AuditEntry;
use konkurs::organizations::{Organization, OrganizationId};

/// A valid profile; `edrpou` varies per test.
pub fn profile(edrpou: &str) -> Vec<(&'static str, String)> {
    vec![
        ("edrpou", edrpou.to_string()),
        (
            "full_name",
            "Громадська організація «Світло над Дніпром»".into(),
        ),
        ("short_name", "ГО «Світло»".into()),
        ("legal_form", "public_organization".into()),
        ("registered_on", "2019-03-14".into()),
        ("oblast", "UA-46".into()),
        ("address", "79000, м. Львів, вул. Городоцька, 1".into()),
        ("email", "info@svitlo.org.ua".into()),
        ("phone", "+380 32 123 45 67".into()),
        ("website", "https://svitlo.org.ua".into()),
    ]
}

pub fn with(
    fields: &[(&'static str, String)],
    changes: &[(&'static str, &str)],
) -> Vec<(&'static str, String)> {
    fields
        .iter()
        .map(|(k, v)| {
            let changed = changes.iter().find(|(ck, _)| ck == k);
            (*k, changed.map_or(v.clone(), |(_, cv)| cv.to_string()))
        })
        .collect()
}

pub fn as_refs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// Registers an organization through the form; returns its ID.
pub async fn create_org(b: &Browser<'_>, edrpou: &str) -> OrganizationId {
    let fields = profile(edrpou);
    let res = b.submit("/organizations", &as_refs(&fields)).await;
    assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    res.location()
        .strip_prefix("/organizations/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("unexpected redirect {}", res.location()))
}

impl TestApp {
    pub async fn org(&self, id: &OrganizationId) -> Organization {
        let id = id.clone();
        self.db()
            .run(move |c| Ok(konkurs::organizations::service::find(c, &id)?))
            .await
            .unwrap()
            .expect("organization exists")
    }

    pub async fn org_count(&self) -> i64 {
        use diesel::prelude::*;
        self.db()
            .run(|c| {
                Ok(konkurs::db::schema::organizations::table
                    .count()
                    .get_result::<i64>(c)?)
            })
            .await
            .unwrap()
    }

    pub async fn role_in(
        &self,
        org: &OrganizationId,
        user: &konkurs::db::ids::UserId,
    ) -> Option<konkurs::organizations::MemberRole> {
        let (org, user) = (org.clone(), user.clone());
        self.db()
            .run(move |c| Ok(konkurs::organizations::service::role_of(c, &org, &user)?))
            .await
            .unwrap()
    }

    /// Audit entries about an organization, oldest first.
    pub async fn org_audit(&self, org: &OrganizationId) -> Vec<AuditEntry> {
        let filter = konkurs::audit::ListFilter {
            competition_id: None,
            before_seq: None,
            limit: 500,
        };
        let entries = self
            .db()
            .run(move |c| konkurs::audit::list(c, &filter))
            .await
            .unwrap();
        let id = org.to_string();
        entries
            .into_iter()
            .rev()
            .filter(|e| e.subject_type == "organization" && e.subject_id.as_deref() == Some(&id))
            .collect()
    }
}

/// Owner `b` invites `email`; returns the invitation link's path.
pub async fn invite(app: &TestApp, b: &Browser<'_>, org: &OrganizationId, email: &str) -> String {
    let res = b
        .submit(
            &format!("/organizations/{org}/invitations"),
            &[("email", email)],
        )
        .await;
    assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    app.link_in_mail(email, "/organizations/invitations/").await
}
