//! The API's OpenAPI 3 document at `/api/v1/openapi.json`, assembled from
//! fragments in `src/api/openapi/`: `base.json` (info, servers, shared
//! schemas) plus one file per module with its `paths` and
//! `components.schemas`. To document new endpoints, add a fragment file; no
//! code changes.

use rocket::serde::json::Json;
use rocket::{get, State};
use rust_embed::RustEmbed;
use serde_json::{Map, Value};

use crate::config::Settings;
use crate::error::{AppError, AppResult};

#[derive(RustEmbed)]
#[folder = "src/api/openapi/"]
#[include = "*.json"]
struct Fragments;

pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![openapi]
}

fn parse(name: &str) -> Result<Value, String> {
    let file = Fragments::get(name).ok_or_else(|| format!("{name}: missing"))?;
    serde_json::from_slice(&file.data).map_err(|e| format!("{name}: {e}"))
}

/// Merges every fragment's `paths` and `components.*` into the base; the
/// same path or schema defined twice is an error (two modules disagreeing).
pub fn document(server_url: &str) -> Result<Value, String> {
    let mut doc = parse("base.json")?;
    let mut names: Vec<_> = Fragments::iter().filter(|n| n != "base.json").collect();
    names.sort();
    for name in names {
        let frag = parse(&name)?;
        merge_section(&mut doc, &frag, &["paths"], &name)?;
        if let Some(Value::Object(components)) = frag.get("components") {
            for kind in components.keys() {
                merge_section(&mut doc, &frag, &["components", kind], &name)?;
            }
        }
    }
    doc["servers"] = serde_json::json!([{"url": format!("{server_url}/api/v1")}]);
    Ok(doc)
}

fn merge_section(doc: &mut Value, frag: &Value, path: &[&str], name: &str) -> Result<(), String> {
    let Some(Value::Object(items)) = path.iter().try_fold(frag, |v, k| v.get(k)) else {
        return Ok(());
    };
    let mut target = &mut *doc;
    for key in path {
        if !target.get(*key).is_some_and(Value::is_object) {
            target[*key] = Value::Object(Map::new());
        }
        target = &mut target[*key];
    }
    let Value::Object(target) = target else {
        return Err(format!("{name}: {} is not an object", path.join(".")));
    };
    for (k, v) in items {
        if target.insert(k.clone(), v.clone()).is_some() {
            return Err(format!("{name}: {}.{k} is defined twice", path.join(".")));
        }
    }
    Ok(())
}

#[get("/api/v1/openapi.json")]
fn openapi(settings: &State<Settings>) -> AppResult<Json<Value>> {
    document(settings.base_url())
        .map(Json)
        .map_err(AppError::internal)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fragments_merge_without_clashes() {
        let doc = super::document("http://x").unwrap();
        assert_eq!(doc["openapi"].as_str().map(|v| &v[..2]), Some("3."));
        assert!(doc["paths"]["/competitions"]["get"].is_object());
        assert!(doc["components"]["schemas"]["Error"].is_object());
        assert_eq!(doc["servers"][0]["url"], "http://x/api/v1");
    }
}
