//! The jury review (issue 6): jurors and their affiliations, conflicts of
//! interest with recusal enforced in the data layer, assignment, blind
//! per-criterion scoring, the optional open defence, closing the review,
//! deliberation with overrides and finalization into the frozen results
//! document. The arithmetic lives in the pure `crate::scoring` engine.

pub mod closing;
pub mod defence;
pub mod document;
pub mod finalize;
pub mod ids;
pub mod overrides;
pub mod results_build;
pub mod results_inputs;
pub mod results_map;
pub mod verdict_audit;
pub mod verdict_routes;
pub mod verdict_views;
