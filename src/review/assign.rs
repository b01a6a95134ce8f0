//! Who scores what: a pure, deterministic core (no database). The glue that
//! reads the jury and writes assignment rows is in `assign_db.rs`.
//!
//! * Whole jury: every non-reserve juror × every proposal.
//! * `k` per proposal: proposals in registration order; each takes the `k`
//!   least-loaded eligible non-reserve jurors (ties by label number).
//! * A juror with an affiliation whose EDRPOU equals the proposal's is
//!   recused automatically (`auto`): never counted, never load.
//! * A replacement for a recusal: a reserve first (least-loaded), otherwise
//!   the least-loaded member not already on the proposal and not conflicted.

use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    WholeJury,
    PerProposal(usize),
}

#[derive(Debug, Clone)]
pub struct JurorIn {
    pub label: i32,
    pub reserve: bool,
    pub edrpous: BTreeSet<String>,
}

impl JurorIn {
    pub fn conflicted(&self, edrpou: &str) -> bool {
        self.edrpous.contains(edrpou)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Assigned; the juror must declare before seeing the content.
    Assigned,
    /// Recused automatically by EDRPOU.
    Auto,
}

/// One planned row: juror index, proposal index, kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planned {
    pub juror: usize,
    pub proposal: usize,
    pub kind: Kind,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub rows: Vec<Planned>,
    /// Proposals (index) that got fewer than `k` scorers, with how many.
    pub short: Vec<(usize, usize)>,
}

/// The initial assignment. `proposals` are EDRPOU codes in registration
/// order; `jurors` are the ready jurors.
pub fn plan(mode: Mode, jurors: &[JurorIn], proposals: &[String]) -> Plan {
    let members: Vec<usize> = (0..jurors.len()).filter(|&i| !jurors[i].reserve).collect();
    let mut plan = Plan::default();
    let mut load = vec![0usize; jurors.len()];
    for (pi, edrpou) in proposals.iter().enumerate() {
        let (conflicted, eligible): (Vec<usize>, Vec<usize>) =
            members.iter().partition(|&&j| jurors[j].conflicted(edrpou));
        for &j in &conflicted {
            plan.rows.push(Planned {
                juror: j,
                proposal: pi,
                kind: Kind::Auto,
            });
        }
        let chosen: Vec<usize> = match mode {
            Mode::WholeJury => eligible,
            Mode::PerProposal(k) => {
                let mut order = eligible;
                order.sort_by_key(|&j| (load[j], jurors[j].label));
                order.truncate(k);
                if order.len() < k {
                    plan.short.push((pi, order.len()));
                }
                order
            }
        };
        for j in chosen {
            load[j] += 1;
            plan.rows.push(Planned {
                juror: j,
                proposal: pi,
                kind: Kind::Assigned,
            });
        }
    }
    plan
}

/// A candidate for replacing a recused juror on one proposal.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub label: i32,
    pub reserve: bool,
    /// Assignments that count (pending or declared none).
    pub load: usize,
    /// Has any row for this proposal (assigned or recused).
    pub already_on: bool,
    pub conflicted: bool,
}

/// The replacement's index: reserves first, then members; least-loaded,
/// then lowest label. `None` when nobody is available.
pub fn pick_replacement(candidates: &[Candidate]) -> Option<usize> {
    (0..candidates.len())
        .filter(|&i| !candidates[i].already_on && !candidates[i].conflicted)
        .min_by_key(|&i| {
            let c = &candidates[i];
            (!c.reserve, c.load, c.label)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jury(n: usize, reserves: usize) -> Vec<JurorIn> {
        (0..n + reserves)
            .map(|i| JurorIn {
                label: i as i32 + 1,
                reserve: i >= n,
                edrpous: BTreeSet::new(),
            })
            .collect()
    }

    fn codes(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{:08}", 10_000_000 + i)).collect()
    }

    fn loads(p: &Plan, n: usize) -> Vec<usize> {
        let mut l = vec![0; n];
        for r in p.rows.iter().filter(|r| r.kind == Kind::Assigned) {
            l[r.juror] += 1;
        }
        l
    }

    #[test]
    fn whole_jury_assigns_every_member_to_every_proposal_but_no_reserve() {
        let p = plan(Mode::WholeJury, &jury(3, 1), &codes(4));
        assert_eq!(p.rows.len(), 12);
        assert!(p
            .rows
            .iter()
            .all(|r| r.juror < 3 && r.kind == Kind::Assigned));
        assert!(p.short.is_empty());
    }

    #[test]
    fn k_mode_is_balanced_for_many_shapes() {
        for n in 1..=8 {
            for k in 1..=n {
                for props in 0..=13 {
                    let p = plan(Mode::PerProposal(k), &jury(n, 2), &codes(props));
                    let l = loads(&p, n + 2);
                    let members = &l[..n];
                    let (max, min) = (members.iter().max(), members.iter().min());
                    assert!(
                        max.unwrap() - min.unwrap() <= 1,
                        "n={n} k={k} p={props} {l:?}"
                    );
                    assert_eq!(l[n..], [0, 0], "reserves get nothing initially");
                    assert_eq!(p.rows.len(), props * k);
                    assert!(p.short.is_empty());
                }
            }
        }
    }

    #[test]
    fn k_mode_is_deterministic_and_breaks_ties_by_label() {
        let a = plan(Mode::PerProposal(2), &jury(5, 0), &codes(7));
        let b = plan(Mode::PerProposal(2), &jury(5, 0), &codes(7));
        assert_eq!(a, b);
        let first: Vec<usize> = a.rows.iter().take(2).map(|r| r.juror).collect();
        assert_eq!(first, vec![0, 1]);
        let second: Vec<usize> = a.rows.iter().skip(2).take(2).map(|r| r.juror).collect();
        assert_eq!(second, vec![2, 3]);
    }

    #[test]
    fn auto_recusal_by_edrpou_picks_someone_else_and_is_no_load() {
        let mut j = jury(3, 0);
        let props = codes(2);
        j[0].edrpous.insert(props[0].clone());
        let p = plan(Mode::PerProposal(2), &j, &props);
        let on_first: Vec<(usize, Kind)> = p
            .rows
            .iter()
            .filter(|r| r.proposal == 0)
            .map(|r| (r.juror, r.kind))
            .collect();
        assert_eq!(
            on_first,
            vec![(0, Kind::Auto), (1, Kind::Assigned), (2, Kind::Assigned)]
        );
        // Juror 1 (label 1) had no load from the recusal: picked for the second.
        let on_second: Vec<usize> = p
            .rows
            .iter()
            .filter(|r| r.proposal == 1)
            .map(|r| r.juror)
            .collect();
        assert_eq!(on_second, vec![0, 1]);
    }

    #[test]
    fn too_few_eligible_jurors_is_reported_short() {
        let mut j = jury(2, 0);
        let props = codes(1);
        j[1].edrpous.insert(props[0].clone());
        let p = plan(Mode::PerProposal(2), &j, &props);
        assert_eq!(p.short, vec![(0, 1)]);
    }

    fn cand(label: i32, reserve: bool, load: usize) -> Candidate {
        Candidate {
            label,
            reserve,
            load,
            already_on: false,
            conflicted: false,
        }
    }

    #[test]
    fn replacement_prefers_a_reserve_then_the_least_loaded_member() {
        let c = vec![cand(1, false, 0), cand(4, true, 2), cand(5, true, 1)];
        assert_eq!(pick_replacement(&c), Some(2), "least-loaded reserve");
        let mut c = vec![cand(1, false, 3), cand(2, false, 1), cand(3, false, 1)];
        assert_eq!(pick_replacement(&c), Some(1), "least loaded, then label");
        c[1].already_on = true;
        assert_eq!(pick_replacement(&c), Some(2));
        c[2].conflicted = true;
        assert_eq!(pick_replacement(&c), Some(0));
        c[0].already_on = true;
        assert_eq!(pick_replacement(&c), None, "impossible");
    }
}
