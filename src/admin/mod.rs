//! Instance administration: accounts and their global roles.

use rocket::form::FromForm;
use rocket::{get, post, State};
use serde_json::json;

use crate::accounts::model::{self, Role};
use crate::accounts::service;
use crate::auth::{AdminUser, CsrfForm};
use crate::clock::Now;
use crate::db::ids::UserId;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::has_csrf;
use crate::web::{redirect_with, FlashKind, PageCtx, PageResponse};

pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![users, user, set_role]
}

#[get("/users?<q>")]
async fn users(
    page: PageCtx<'_>,
    _admin: AdminUser,
    q: Option<String>,
    db: &State<Db>,
) -> AppResult<PageResponse> {
    let query = q.clone().unwrap_or_default();
    let found = db.run(move |c| Ok(model::search(c, &query, 100)?)).await?;
    let rows: Vec<_> = found
        .iter()
        .map(|u| json!({"id": u.id, "name": u.name, "email": u.email, "verified": u.is_verified(), "created_at": u.created_at}))
        .collect();
    Ok(PageResponse::ok(page.render(
        "admin/users",
        json!({"q": q.unwrap_or_default(), "users": rows}),
    )?))
}

#[get("/users/<id>")]
async fn user(
    page: PageCtx<'_>,
    _admin: AdminUser,
    id: UserId,
    db: &State<Db>,
) -> AppResult<PageResponse> {
    let (u, roles) = db
        .run(move |c| {
            let u = model::find(c, &id)?.ok_or(AppError::NotFound)?;
            let roles = model::roles_of(c, &u.id)?;
            Ok((u, roles))
        })
        .await?;
    let role_rows: Vec<_> = Role::ALL
        .iter()
        .map(|r| json!({"role": r.as_str(), "label_key": format!("role-{}", r.as_str()), "has": roles.contains(r)}))
        .collect();
    let data = json!({"account": {"id": u.id, "name": u.name, "email": u.email, "verified": u.is_verified(), "created_at": u.created_at}, "roles": role_rows});
    Ok(PageResponse::ok(page.render("admin/user", data)?))
}

#[derive(Debug, FromForm)]
struct RoleForm {
    csrf_token: String,
    role: String,
    grant: bool,
}
has_csrf!(RoleForm);

#[post("/users/<id>/roles", data = "<form>")]
async fn set_role(
    admin: AdminUser,
    id: UserId,
    form: CsrfForm<RoleForm>,
    db: &State<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let role = Role::parse(&form.role).ok_or(AppError::Unprocessable("error-422-body".into()))?;
    let back = format!("/admin/users/{id}");
    service::set_role(
        db,
        now.0,
        Some(admin.0.user.id.clone()),
        id,
        role,
        form.grant,
    )
    .await?;
    let key = if form.grant {
        "admin-role-granted"
    } else {
        "admin-role-revoked"
    };
    Ok(PageResponse::Redirect(redirect_with(
        back,
        FlashKind::Success,
        key,
    )))
}
