//! Agreement statistics on nominal data: F1, Cohen's κ and Krippendorff's α.
//! Checked against published worked examples (see the tests), not against
//! this code's own output.

use std::collections::BTreeMap;

/// F1 of two annotators' sets where `matched` items were found by both:
/// 2·matched / (|a| + |b|), the harmonic mean of precision and recall
/// whichever side is taken as the reference. `None` when both are empty.
pub fn f1(matched: usize, a: usize, b: usize) -> Option<f64> {
    let total = a + b;
    (total > 0).then(|| 2.0 * matched as f64 / total as f64)
}

/// Cohen's κ for two raters who each gave one category to the same items:
/// (p_o − p_e) / (1 − p_e), with p_e from each rater's own category
/// frequencies (Cohen 1960). `None` when undefined: no items, or both
/// raters used one and the same category throughout (p_e = 1).
pub fn cohen_kappa<C: Ord>(pairs: &[(C, C)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let mut first: BTreeMap<&C, f64> = BTreeMap::new();
    let mut second: BTreeMap<&C, f64> = BTreeMap::new();
    let mut agree = 0.0;
    for (a, b) in pairs {
        *first.entry(a).or_default() += 1.0;
        *second.entry(b).or_default() += 1.0;
        if a == b {
            agree += 1.0;
        }
    }
    let observed = agree / n;
    let expected: f64 = first
        .iter()
        .map(|(category, count)| count / n * second.get(category).copied().unwrap_or(0.0) / n)
        .sum();
    (expected < 1.0).then(|| (observed - expected) / (1.0 - expected))
}

/// Krippendorff's α for nominal data, any number of coders, missing values
/// allowed: each unit lists the values it received (one per coder who coded
/// it). Units with fewer than two values are not pairable and left out.
/// α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, from the coincidence
/// matrix o (Krippendorff 2011, "Computing Krippendorff's Alpha-
/// Reliability"). `None` when undefined: no pairable values, or a single
/// value throughout (no expected disagreement).
pub fn krippendorff_alpha_nominal<C: Ord + Clone>(units: &[Vec<C>]) -> Option<f64> {
    let mut coincidences: BTreeMap<(C, C), f64> = BTreeMap::new();
    for values in units.iter().filter(|values| values.len() >= 2) {
        let weight = 1.0 / (values.len() - 1) as f64;
        for (i, c) in values.iter().enumerate() {
            for (j, k) in values.iter().enumerate() {
                if i != j {
                    *coincidences.entry((c.clone(), k.clone())).or_default() += weight;
                }
            }
        }
    }
    let mut margins: BTreeMap<&C, f64> = BTreeMap::new();
    for ((c, _), count) in &coincidences {
        *margins.entry(c).or_default() += count;
    }
    let n: f64 = margins.values().sum();
    let observed: f64 = coincidences
        .iter()
        .filter(|((c, k), _)| c != k)
        .map(|(_, count)| count)
        .sum();
    let total_squares: f64 = margins.values().map(|m| m * m).sum();
    let expected = n * n - total_squares; // Σ_{c≠k} n_c·n_k
    (n > 1.0 && expected > 0.0).then(|| 1.0 - (n - 1.0) * observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(value: Option<f64>, expected: f64, places: i32) {
        let value = value.expect("defined");
        let scale = 10f64.powi(places);
        assert_eq!((value * scale).round() / scale, expected, "{value}");
    }

    /// The grant example (50 proposals, two readers: yes/yes 20, yes/no 5,
    /// no/yes 10, no/no 15): p_o = 0.70, p_e = 0.50, κ = 0.40. In the
    /// Wikipedia article "Cohen's kappa" and statistics textbooks.
    #[test]
    fn cohen_kappa_matches_the_grant_example() {
        let mut pairs = Vec::new();
        pairs.extend(std::iter::repeat_n(("yes", "yes"), 20));
        pairs.extend(std::iter::repeat_n(("yes", "no"), 5));
        pairs.extend(std::iter::repeat_n(("no", "yes"), 10));
        pairs.extend(std::iter::repeat_n(("no", "no"), 15));
        close(cohen_kappa(&pairs), 0.4, 6);
    }

    /// Wikipedia, "Cohen's kappa", "Same percentages but different
    /// numbers": both tables agree on 60 of 100, yet κ = 0.1304 and 0.2593.
    #[test]
    fn cohen_kappa_matches_the_same_percentages_examples() {
        let table = |yy: usize, yn: usize, ny: usize, nn: usize| {
            let mut pairs = Vec::new();
            pairs.extend(std::iter::repeat_n((1, 1), yy));
            pairs.extend(std::iter::repeat_n((1, 0), yn));
            pairs.extend(std::iter::repeat_n((0, 1), ny));
            pairs.extend(std::iter::repeat_n((0, 0), nn));
            pairs
        };
        close(cohen_kappa(&table(45, 15, 25, 15)), 0.1304, 4);
        close(cohen_kappa(&table(25, 35, 5, 35)), 0.2593, 4);
    }

    #[test]
    fn cohen_kappa_is_undefined_without_variation() {
        assert_eq!(cohen_kappa::<u8>(&[]), None);
        assert_eq!(cohen_kappa(&[("a", "a"), ("a", "a")]), None);
        close(cohen_kappa(&[("a", "a"), ("b", "b")]), 1.0, 6);
    }

    fn units<const N: usize>(coders: [[Option<u8>; N]; 4]) -> Vec<Vec<u8>> {
        (0..N)
            .map(|unit| coders.iter().filter_map(|coder| coder[unit]).collect())
            .collect()
    }

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
    /// section C: nominal data, four observers, twelve units, missing
    /// values; α = 0.743.
    #[test]
    fn alpha_matches_krippendorffs_example_with_missing_values() {
        let (x, n) = (Some, None);
        let data = units([
            [
                x(1),
                x(2),
                x(3),
                x(3),
                x(2),
                x(1),
                x(4),
                x(1),
                x(2),
                n,
                n,
                n,
            ],
            [
                x(1),
                x(2),
                x(3),
                x(3),
                x(2),
                x(2),
                x(4),
                x(1),
                x(2),
                x(5),
                n,
                x(3),
            ],
            [
                n,
                x(3),
                x(3),
                x(3),
                x(2),
                x(3),
                x(4),
                x(2),
                x(2),
                x(5),
                x(1),
                n,
            ],
            [
                x(1),
                x(2),
                x(3),
                x(3),
                x(2),
                x(4),
                x(4),
                x(1),
                x(2),
                x(5),
                x(1),
                n,
            ],
        ]);
        close(krippendorff_alpha_nominal(&data), 0.743, 3);
    }

    /// Krippendorff (2011), section A: binary data, two observers, ten
    /// units; α = 0.095.
    #[test]
    fn alpha_matches_krippendorffs_binary_example() {
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
        let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
        let data: Vec<Vec<u8>> = a.iter().zip(b).map(|(&a, b)| vec![a, b]).collect();
        close(krippendorff_alpha_nominal(&data), 0.095, 3);
    }

    /// Krippendorff (2011), section B: nominal data, two observers, twelve
    /// units, categories a–e; α = 0.692.
    #[test]
    fn alpha_matches_krippendorffs_two_observer_nominal_example() {
        let a = "aabbdcccedda";
        let b = "babbbccceddd";
        let data: Vec<Vec<char>> = a.chars().zip(b.chars()).map(|(a, b)| vec![a, b]).collect();
        close(krippendorff_alpha_nominal(&data), 0.692, 3);
    }

    #[test]
    fn alpha_is_undefined_without_pairable_variation() {
        assert_eq!(krippendorff_alpha_nominal::<u8>(&[vec![1], vec![2]]), None);
        assert_eq!(krippendorff_alpha_nominal(&[vec![1, 1], vec![1, 1]]), None);
        close(
            krippendorff_alpha_nominal(&[vec![1, 1], vec![2, 2]]),
            1.0,
            6,
        );
    }

    #[test]
    fn f1_is_twice_the_matches_over_both_sizes() {
        assert_eq!(f1(0, 0, 0), None);
        close(f1(3, 4, 4), 0.75, 6);
        close(f1(2, 2, 6), 0.5, 6);
    }
}
