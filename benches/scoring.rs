//! Ranks and allocates 1,000 / 10,000 / 100,000 proposals × 7 jurors ×
//! 6 criteria (seeded random data), then prints the time per proposal at
//! each size relative to the smallest, so linear growth is visible.
//!
//! `cargo bench --bench scoring` (add `-- --quick` for a short run;
//! `SCORING_SCALING_ONLY=1` prints only the scaling line).

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

/// CPU time of this thread: unlike wall-clock time it does not count the
/// time other processes hold the core (long runs are preempted more often
/// than short ones on a busy machine, which would fake super-linear growth).
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Per size: batches of about 300,000 proposals in total, best of 3
/// batches, as CPU time and wall time per proposal.
fn scaling_line(datasets: &[(Rules, Vec<Proposal>)]) {
    let rows: Vec<(usize, f64, f64)> = datasets
        .iter()
        .map(|(rules, ps)| {
            let reps = (300_000 / ps.len()).max(3);
            let (mut cpu, mut wall) = (f64::MAX, f64::MAX);
            for _ in 0..3 {
                let (c0, w0) = (thread_cpu(), Instant::now());
                for _ in 0..reps {
                    black_box(compute(rules, black_box(ps), &[]).expect("valid input"));
                }
                let per = |d: Duration| d.as_nanos() as f64 / (reps * ps.len()) as f64;
                cpu = cpu.min(per(thread_cpu() - c0));
                wall = wall.min(per(w0.elapsed()));
            }
            (ps.len(), cpu, wall)
        })
        .collect();
    let (base_cpu, base_wall) = rows.first().map_or((1.0, 1.0), |r| (r.1, r.2));
    println!("per proposal (×1.00 = linear):");
    for (n, cpu, wall) in rows {
        println!(
            "  {n:>7}: {:.2} µs CPU (×{:.2}), {:.2} µs wall (×{:.2})",
            cpu / 1000.0,
            cpu / base_cpu,
            wall / 1000.0,
            wall / base_wall
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let smoke = args.iter().any(|a| a == "--test" || a == "--list");
    let datasets: Vec<_> = SIZES.iter().map(|&n| data(n)).collect();
    // SCORING_SCALING_ONLY=1 skips Criterion and prints only the scaling.
    if std::env::var_os("SCORING_SCALING_ONLY").is_none() {
        let mut c = Criterion::default().configure_from_args();
        bench(&mut c, &datasets);
        c.final_summary();
    }
    if !smoke {
        scaling_line(&datasets);
    }
}
