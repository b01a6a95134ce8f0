//! Ranks and allocates 1,000 / 10,000 / 100,000 proposals × 7 jurors ×
//! 6 criteria (seeded random data), then prints the time per proposal at
//! each size relative to the smallest, so linear growth is visible.
//!
//! `cargo bench --bench scoring` (add `-- --quick` for a short run).

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use konkurs::scoring::{
    compute, Aggregation, Criterion as Crit, JurorScore, Proposal, Rules, ScoreStatus,
    ShortfallRule, TieBreak,
};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const JURORS: usize = 7;
const CRITERIA: usize = 6;

fn data(n: usize) -> (Rules, Vec<Proposal>) {
    let mut rng = StdRng::seed_from_u64(2027 + n as u64);
    let criteria: Vec<Crit> = (0..CRITERIA)
        .map(|i| Crit {
            id: format!("c{i}"),
            max_points: 10,
            weight: 1 + (i as u32 % 3),
        })
        .collect();
    let start = NaiveDate::from_ymd_opt(2027, 3, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("valid date");
    let proposals: Vec<Proposal> = (0..n)
        .map(|i| Proposal {
            registration_number: format!("2027-001-{i:06}"),
            requested: rng.gen_range(10_000 * 100..=500_000 * 100),
            submitted_at: start + chrono::Duration::seconds(rng.gen_range(0..86_400 * 30)),
            admitted: rng.gen_bool(0.95),
            scores: (0..JURORS)
                .map(|j| JurorScore {
                    juror: format!("juror-{j}"),
                    status: if rng.gen_bool(0.05) {
                        ScoreStatus::Recused
                    } else {
                        ScoreStatus::Submitted
                    },
                    points: criteria
                        .iter()
                        .map(|c| (c.id.clone(), rng.gen_range(0..=c.max_points)))
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let total_requested: i64 = proposals.iter().map(|p| p.requested).sum();
    let rules = Rules {
        criteria,
        aggregation: Aggregation::TrimmedMean { trim: 1 },
        pass_mark: 50,
        divergence_threshold: Some(40),
        tie_break: vec![
            TieBreak::HigherScoreOnCriterion {
                criterion_id: "c0".into(),
            },
            TieBreak::EarlierSubmissionFirst,
        ],
        fund: total_requested / 3,
        cap_per_proposal: Some(400_000 * 100),
        shortfall: ShortfallRule::Skip,
    };
    (rules, proposals)
}

fn bench(c: &mut Criterion, datasets: &[(Rules, Vec<Proposal>)]) {
    let mut group = c.benchmark_group("rank_and_allocate");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for (rules, ps) in datasets {
        group.throughput(Throughput::Elements(ps.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(ps.len()), ps, |b, ps| {
            b.iter(|| compute(rules, black_box(ps), &[]).expect("valid input"))
        });
    }
    group.finish();
}

/// The best of a few runs per size, as time per proposal.
fn scaling_line(datasets: &[(Rules, Vec<Proposal>)]) {
    let per_proposal: Vec<(usize, f64)> = datasets
        .iter()
        .map(|(rules, ps)| {
            let best = (0..5)
                .map(|_| {
                    let t = Instant::now();
                    black_box(compute(rules, black_box(ps), &[]).expect("valid input"));
                    t.elapsed()
                })
                .min()
                .unwrap_or_default();
            (ps.len(), best.as_nanos() as f64 / ps.len() as f64)
        })
        .collect();
    let base = per_proposal.first().map_or(1.0, |(_, ns)| *ns);
    let parts: Vec<String> = per_proposal
        .iter()
        .map(|(n, ns)| format!("{n}: {:.2} µs/proposal (×{:.2})", ns / 1000.0, ns / base))
        .collect();
    println!("scaling (best of 5; ×1.00 = linear): {}", parts.join(", "));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let smoke = args.iter().any(|a| a == "--test" || a == "--list");
    let datasets: Vec<_> = SIZES.iter().map(|&n| data(n)).collect();
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c, &datasets);
    c.final_summary();
    if !smoke {
        scaling_line(&datasets);
    }
}
