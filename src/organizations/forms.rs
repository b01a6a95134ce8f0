//! Organization forms: what the browser sends, and the checks that give
//! each field its own message.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use rocket::form::FromForm;
use serde::Serialize;

use super::codes;
use super::edrpou::{self, EdrpouError};
use super::model::{Organization, Profile, ISO_DATE};
use super::validate::{choice, contact_email, date, phone, text, website};
use crate::has_csrf;
use crate::web::forms::FieldErrors;

pub const FULL_NAME_MAX: usize = 500;
pub const SHORT_NAME_MAX: usize = 200;
pub const ADDRESS_MAX: usize = 500;
pub const EMAIL_MAX: usize = 254;
pub const PHONE_MAX: usize = 30;
pub const WEBSITE_MAX: usize = 300;
pub const MESSAGE_MAX: usize = 1000;
/// Registration dates before this are typing mistakes, not old NGOs.
pub const EARLIEST_DATE: &str = "1900-01-01";

#[derive(Debug, Default, FromForm, Serialize)]
pub struct ProfileForm {
    #[serde(skip)]
    pub csrf_token: String,
    pub edrpou: String,
    pub full_name: String,
    pub short_name: String,
    pub legal_form: String,
    pub registered_on: String,
    pub oblast: String,
    pub address: String,
    pub email: String,
    pub phone: String,
    pub website: String,
}

#[derive(Debug, FromForm)]
pub struct InviteForm {
    pub csrf_token: String,
    pub email: String,
}

#[derive(Debug, FromForm)]
pub struct RoleForm {
    pub csrf_token: String,
    pub role: String,
}

#[derive(Debug, FromForm)]
pub struct JoinForm {
    pub csrf_token: String,
    #[field(default = String::new())]
    pub message: String,
}

has_csrf!(ProfileForm, InviteForm, RoleForm, JoinForm);

/// Today's date in Kyiv, where "not in the future" is judged.
pub fn kyiv_today(now: NaiveDateTime) -> NaiveDate {
    chrono_tz::Europe::Kyiv.from_utc_datetime(&now).date_naive()
}

impl ProfileForm {
    /// The form as stored values (for editing an existing profile).
    pub fn from_org(org: &Organization) -> ProfileForm {
        ProfileForm {
            csrf_token: String::new(),
            edrpou: org.edrpou.clone(),
            full_name: org.full_name.clone(),
            short_name: org.short_name.clone(),
            legal_form: org.legal_form.clone(),
            registered_on: org.registered_on.format(ISO_DATE).to_string(),
            oblast: org.oblast.clone(),
            address: org.address.clone(),
            email: org.email.clone(),
            phone: org.phone.clone(),
            website: org.website.clone().unwrap_or_default(),
        }
    }

    /// Checks every field; `today` is the Kyiv date of the request.
    pub fn validate(&self, today: NaiveDate) -> Result<Profile, FieldErrors> {
        let mut e = FieldErrors::new();
        let edrpou = match edrpou::parse(&self.edrpou) {
            Ok(code) => code.to_string(),
            Err(EdrpouError::WrongLength(n)) => {
                e.add_with(
                    "edrpou",
                    "organizations-edrpou-length",
                    &[("n", n.to_string())],
                );
                String::new()
            }
            Err(err) => {
                e.add("edrpou", err.message_key());
                String::new()
            }
        };
        let full_name = text(&mut e, "full_name", &self.full_name, true, FULL_NAME_MAX);
        let short_name = text(
            &mut e,
            "short_name",
            &self.short_name,
            false,
            SHORT_NAME_MAX,
        );
        let legal_form = choice(&mut e, "legal_form", &self.legal_form, codes::is_legal_form);
        let registered_on = date(&mut e, &self.registered_on, today);
        let oblast = choice(&mut e, "oblast", &self.oblast, codes::is_oblast);
        let address = text(&mut e, "address", &self.address, true, ADDRESS_MAX);
        let email = contact_email(&mut e, "email", &self.email);
        let phone = phone(&mut e, &self.phone);
        let website = website(&mut e, &self.website);
        match (registered_on, e.is_empty()) {
            (Some(registered_on), true) => Ok(Profile {
                edrpou,
                full_name,
                short_name,
                legal_form,
                registered_on,
                oblast,
                address,
                email,
                phone,
                website,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ProfileForm {
        ProfileForm {
            edrpou: "32855961".into(),
            full_name: "Громадська організація «Світло»".into(),
            short_name: "ГО «Світло»".into(),
            legal_form: "public_organization".into(),
            registered_on: "2019-03-14".into(),
            oblast: "UA-46".into(),
            address: "м. Львів, вул. Городоцька, 1".into(),
            email: " Info@Svitlo.org.ua ".into(),
            phone: "+380 (32) 123-45-67".into(),
            website: "https://svitlo.org.ua/about".into(),
            ..Default::default()
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
    }

    fn errors_of(f: ProfileForm) -> Vec<(String, String)> {
        match f.validate(today()) {
            Ok(_) => vec![],
            Err(e) => e.keys().map(|(a, b)| (a.into(), b.into())).collect(),
        }
    }

    #[test]
    fn a_valid_profile_is_normalized() {
        let p = valid().validate(today()).unwrap();
        assert_eq!(p.email, "info@svitlo.org.ua");
        assert_eq!(p.registered_on.to_string(), "2019-03-14");
        let mut f = valid();
        f.short_name = " ".into();
        f.website = String::new();
        f.registered_on = "14.03.2019".into();
        let p = f.validate(today()).unwrap();
        assert_eq!((p.short_name.as_str(), p.website), ("", None));
        assert_eq!(p.registered_on.to_string(), "2019-03-14");
    }

    #[test]
    fn each_field_has_its_own_message() {
        type Case = (fn(&mut ProfileForm), &'static str, &'static str);
        let cases: Vec<Case> = vec![
            (
                |f| f.edrpou = "".into(),
                "edrpou",
                "organizations-edrpou-required",
            ),
            (
                |f| f.edrpou = "32855968".into(),
                "edrpou",
                "organizations-edrpou-check-digit",
            ),
            (
                |f| f.edrpou = "1234".into(),
                "edrpou",
                "organizations-edrpou-length",
            ),
            (
                |f| f.edrpou = "12ab5678".into(),
                "edrpou",
                "organizations-edrpou-not-digits",
            ),
            (
                |f| f.full_name = " ".into(),
                "full_name",
                "organizations-full-name-required",
            ),
            (
                |f| f.full_name = "я".repeat(501),
                "full_name",
                "organizations-full-name-too-long",
            ),
            (
                |f| f.short_name = "я".repeat(201),
                "short_name",
                "organizations-short-name-too-long",
            ),
            (
                |f| f.legal_form = "".into(),
                "legal_form",
                "organizations-legal-form-required",
            ),
            (
                |f| f.legal_form = "llc".into(),
                "legal_form",
                "organizations-legal-form-invalid",
            ),
            (
                |f| f.registered_on = "".into(),
                "registered_on",
                "organizations-registered-on-required",
            ),
            (
                |f| f.registered_on = "2019-02-30".into(),
                "registered_on",
                "organizations-registered-on-invalid",
            ),
            (
                |f| f.registered_on = "2026-12-05".into(),
                "registered_on",
                "organizations-registered-on-future",
            ),
            (
                |f| f.registered_on = "1899-12-31".into(),
                "registered_on",
                "organizations-registered-on-too-early",
            ),
            (
                |f| f.oblast = "".into(),
                "oblast",
                "organizations-oblast-required",
            ),
            (
                |f| f.oblast = "UA-99".into(),
                "oblast",
                "organizations-oblast-invalid",
            ),
            (
                |f| f.address = "".into(),
                "address",
                "organizations-address-required",
            ),
            (
                |f| f.email = "".into(),
                "email",
                "organizations-email-required",
            ),
            (
                |f| f.email = "info@svitlo".into(),
                "email",
                "organizations-email-invalid",
            ),
            (
                |f| f.phone = "".into(),
                "phone",
                "organizations-phone-required",
            ),
            (
                |f| f.phone = "12345".into(),
                "phone",
                "organizations-phone-invalid",
            ),
            (
                |f| f.phone = "0441234567+".into(),
                "phone",
                "organizations-phone-invalid",
            ),
            (
                |f| f.website = "svitlo.org.ua".into(),
                "website",
                "organizations-website-scheme",
            ),
            (
                |f| f.website = "ftp://svitlo.org.ua".into(),
                "website",
                "organizations-website-scheme",
            ),
            (
                |f| f.website = "https://localhost".into(),
                "website",
                "organizations-website-invalid",
            ),
            (
                |f| f.website = "https://svitlo.org.ua/a b".into(),
                "website",
                "organizations-website-invalid",
            ),
        ];
        for (change, field, key) in cases {
            let mut f = valid();
            change(&mut f);
            assert_eq!(
                errors_of(f),
                vec![(field.to_string(), key.to_string())],
                "{key}"
            );
        }
    }

    #[test]
    fn the_date_is_judged_in_kyiv() {
        // 22:30 UTC on 4 December is already 5 December in Kyiv.
        let now = NaiveDate::from_ymd_opt(2026, 12, 4)
            .unwrap()
            .and_hms_opt(22, 30, 0)
            .unwrap();
        assert_eq!(kyiv_today(now).to_string(), "2026-12-05");
        assert!(valid().validate(today()).is_ok());
        let mut f = valid();
        f.registered_on = "2026-12-05".into();
        assert!(f.validate(kyiv_today(now)).is_ok());
    }

    #[test]
    fn websites_may_use_cyrillic_domains_and_ports() {
        for ok in ["https://мінкульт.укр", "http://example.org:8080/x?y=1#z"] {
            let mut f = valid();
            f.website = ok.into();
            assert!(f.validate(today()).is_ok(), "{ok}");
        }
    }
}
