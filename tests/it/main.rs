//! The integration suite: every test boots the real app (Rocket's local
//! client) on its own temporary database. Set TEST_DATABASE_URL to a
//! PostgreSQL server URL to run the same suite on PostgreSQL.

mod support;

mod account_mail;
mod accounts;
mod applications_access;
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
mod files;
mod mail;
mod migrations;
mod organizations;
mod review_verdict;
mod review_verdict_authz;
mod shell;
mod verdict_seed;
