//! The integration suite: every test boots the real app (Rocket's local
//! client) on its own temporary database. Set TEST_DATABASE_URL to a
//! PostgreSQL server URL to run the same suite on PostgreSQL.

mod support;

mod account_mail;
mod accounts;
mod applications_access;
mod applications_autosave;
mod applications_decisions;
mod applications_documents;
mod applications_flow;
mod applications_support;
mod audit;
mod audit_pages;
mod competitions_amend;
mod competitions_announce;
mod competitions_authz;
mod competitions_drafts;
mod competitions_dst;
mod competitions_lifecycle;
mod competitions_public;
mod competitions_support;
mod demo;
mod files;
mod mail;
mod migrations;
mod organizations;
mod publication_audit;
mod publication_data;
mod publication_pages;
mod publication_publish;
mod publication_seed;
mod review_authz;
mod review_coi;
mod review_defence;
mod review_jury;
mod review_progress;
mod review_scoring;
mod review_start;
mod review_support;
mod review_verdict;
mod review_verdict_authz;
mod shell;
mod statistics;
mod verdict_seed;
