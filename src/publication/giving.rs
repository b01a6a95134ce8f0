//! 360Giving Data Standard packages (schema 1.4): one grant per awarded
//! proposal, identified `360G-<prefix>-<registration number>`, recipients
//! `UA-EDR-<EDRPOU>`, amounts in hryvnias, the competition as the grant
//! programme. The unsuccessful proposals and every score are in each
//! grant's `additional_data.konkurs` and in the competition's
//! `funnel.json` (linked from there); see docs/open-data.md.

use serde_json::{json, Value};

use super::access::Published;
use super::funnel;
use super::views::hryvnias_number;
use crate::config::Settings;
use crate::web::format::kyiv_rfc3339;

pub const VERSION: &str = "1.4";
pub const LICENSE: &str = "https://creativecommons.org/licenses/by/4.0/";

/// A package of the awarded grants of `all`; `one` names the package after
/// a single competition (its own download) instead of the instance.
pub fn package(all: &[Published], settings: &Settings, one: Option<&Published>) -> Value {
    let base = settings.base_url();
    let od = &settings.open_data;
    let modified = all.iter().map(|p| p.published_at).max().map(kyiv_rfc3339);
    let (identifier, title, path) = match one {
        Some(p) => (
            format!("360G-{}-{}", od.prefix, p.code()),
            format!("{} — {}", od.funder_name, p.frozen.competition.title_uk),
            format!("/competitions/{}/360giving.json", p.id()),
        ),
        None => (
            format!("360G-{}", od.prefix),
            od.funder_name.clone(),
            "/open-data/360giving.json".to_string(),
        ),
    };
    let mut v = json!({
        "version": VERSION,
        "identifier": identifier,
        "title": title,
        "description": "Awarded grants of published competitions; the whole funnel (unsuccessful proposals, every score) is in each grant's additional_data and in each competition's funnel.json.",
        "publisher": {"identifier": od.funder_id, "name": od.funder_name, "website": base},
        "license": LICENSE,
        "downloadURL": format!("{base}{path}"),
        "grants": all.iter().flat_map(|p| grants(p, settings)).collect::<Vec<_>>(),
    });
    if let Some(m) = modified {
        v["issued"] = json!(m);
        v["modified"] = json!(m);
    }
    v
}

/// The awarded proposals of one competition as 360Giving grants.
pub fn grants(p: &Published, settings: &Settings) -> Vec<Value> {
    let (base, od) = (settings.base_url(), &settings.open_data);
    let c = &p.frozen.competition;
    let programme = json!([{
        "code": p.code(),
        "title": c.title_uk,
        "url": format!("{base}/competitions/{}", c.id),
    }]);
    let funder = json!([{"id": od.funder_id, "name": od.funder_name}]);
    let modified = kyiv_rfc3339(p.published_at);
    p.doc
        .proposals
        .iter()
        .filter_map(|e| {
            let r = funnel::result_of(p, &e.registration_number)?;
            (r.awarded > 0).then_some((e, r))
        })
        .map(|(e, r)| {
            let description = p
                .summaries
                .get(&e.registration_number)
                .filter(|s| !s.is_empty())
                .cloned()
                .unwrap_or_else(|| e.title.clone());
            json!({
                "id": format!("360G-{}-{}", od.prefix, e.registration_number),
                "title": e.title,
                "description": description,
                "currency": "UAH",
                "amountAppliedFor": hryvnias_number(e.requested),
                "amountAwarded": hryvnias_number(r.awarded),
                "awardDate": p.doc.finalized_at,
                "url": format!("{base}/competitions/{}/proposals/{}", c.id, e.registration_number),
                "recipientOrganization": [{
                    "id": format!("UA-EDR-{}", e.edrpou),
                    "name": e.organization,
                    "companyNumber": e.edrpou,
                    "addressCountry": "UA",
                }],
                "fundingOrganization": funder,
                "grantProgramme": programme,
                "fromOpenCall": "Yes",
                "dateModified": modified,
                "dataSource": format!("{base}/competitions/{}/results.json", c.id),
                "additional_data": {
                    "konkurs": funnel::proposal(p, e),
                    "konkurs_funnel_url": format!("{base}/competitions/{}/funnel.json", c.id),
                },
            })
        })
        .collect()
}
