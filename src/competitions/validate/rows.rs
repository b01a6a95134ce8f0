//! The criteria and document rows: blank rows ignored, each cell checked.

use super::checker::Checker;
use super::{
    row_field, Checked, CheckedCriterion, CheckedDocument, MAX_FILE_MB, NAME_MAX,
    ROW_DESCRIPTION_MAX,
};
use crate::competitions::forms::{CriterionRow, DocumentRow, Rows, CRITERION_ROWS, DOCUMENT_ROWS};

pub(super) fn check_documents(k: &mut Checker, c: &mut Checked, rows: &Rows<DocumentRow>) {
    if rows.keys().any(|i| *i >= DOCUMENT_ROWS) {
        k.errors.add_with(
            "documents",
            "competitions-err-too-many-rows",
            &[("max", DOCUMENT_ROWS.to_string())],
        );
        return;
    }
    for (&i, r) in rows.iter().filter(|(_, r)| !r.is_blank()) {
        let f = |name| row_field("documents", i, name);
        let name = r.name.trim();
        if name.is_empty() {
            k.errors
                .add(&f("name"), "competitions-err-document-name-required");
        }
        let name = k.text(&f("name"), name, NAME_MAX, "");
        let description = k
            .optional_text(&f("description"), &r.description, ROW_DESCRIPTION_MAX)
            .unwrap_or_default();
        let max_size_mb = k.int(
            &f("max_size_mb"),
            &r.max_size_mb,
            1..=MAX_FILE_MB,
            "competitions-err-document-size-required",
            "competitions-err-document-size-invalid",
        );
        c.documents.push(CheckedDocument {
            name: name.unwrap_or_default(),
            description,
            required: r.required,
            max_size_mb,
        });
    }
    if c.documents.is_empty() {
        k.blank("documents", "competitions-err-documents-required");
    }
}

pub(super) fn check_criteria(k: &mut Checker, c: &mut Checked, rows: &Rows<CriterionRow>) {
    if rows.keys().any(|i| *i >= CRITERION_ROWS) {
        k.errors.add_with(
            "criteria",
            "competitions-err-too-many-rows",
            &[("max", CRITERION_ROWS.to_string())],
        );
        return;
    }
    for (&i, r) in rows.iter().filter(|(_, r)| !r.is_blank()) {
        let f = |name| row_field("criteria", i, name);
        let name = r.name.trim();
        if name.is_empty() {
            k.errors
                .add(&f("name"), "competitions-err-criterion-name-required");
        }
        let name = k.text(&f("name"), name, NAME_MAX, "");
        let description = k
            .optional_text(&f("description"), &r.description, ROW_DESCRIPTION_MAX)
            .unwrap_or_default();
        let max_points = k.int(
            &f("max_points"),
            &r.max_points,
            1..=100,
            "competitions-err-criterion-points-required",
            "competitions-err-criterion-points-invalid",
        );
        let weight = k.int(
            &f("weight"),
            &r.weight,
            1..=100,
            "competitions-err-criterion-weight-required",
            "competitions-err-criterion-weight-invalid",
        );
        c.criteria.push(CheckedCriterion {
            name: name.unwrap_or_default(),
            description,
            max_points,
            weight,
        });
    }
    if c.criteria.is_empty() {
        k.blank("criteria", "competitions-err-criteria-required");
    }
}
