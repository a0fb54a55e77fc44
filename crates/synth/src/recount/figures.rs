//! Figures computed from counts: a rate rounded for `truth.json`, and the speed-to-lead
//! buckets and median of a set of first-touch delays.

use crate::clock::Min;
use crate::truth::Speed;

/// `n / of`, rounded to six decimals (0 when `of` is 0).
pub(crate) fn rate(n: u64, of: u64) -> f64 {
    if of == 0 {
        0.0
    } else {
        (n as f64 / of as f64 * 1e6).round() / 1e6
    }
}

/// The speed-to-lead buckets and median of a set of delays (`None` = never contacted).
pub(super) fn speed(delays: &[Option<Min>]) -> Speed {
    let mut s = Speed::default();
    for d in delays {
        match *d {
            None => s.never += 1,
            Some(0..=5) => s.within_5m += 1,
            Some(6..=30) => s.within_30m += 1,
            Some(31..=60) => s.within_1h += 1,
            Some(61..=1440) => s.within_24h += 1,
            Some(_) => s.later += 1,
        }
    }
    let mut sorted: Vec<u64> = delays
        .iter()
        .map(|d| d.map_or(u64::MAX, u64::from))
        .collect();
    sorted.sort_unstable();
    let n = sorted.len();
    s.median_minutes = if n == 0 {
        None
    } else if n % 2 == 1 {
        let m = sorted[n / 2];
        (m != u64::MAX).then_some(m as f64)
    } else {
        let (a, b) = (sorted[n / 2 - 1], sorted[n / 2]);
        (b != u64::MAX).then(|| (a + b) as f64 / 2.0)
    };
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_are_not_reached_among_the_never_contacted() {
        assert_eq!(speed(&[Some(1), Some(3), None]).median_minutes, Some(3.0));
        assert_eq!(speed(&[Some(1), Some(3)]).median_minutes, Some(2.0));
        assert_eq!(speed(&[Some(1), None]).median_minutes, None);
        assert_eq!(speed(&[Some(1), None, None]).median_minutes, None);
    }
}
