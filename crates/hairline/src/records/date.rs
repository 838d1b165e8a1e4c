//! Calendar dates as the records write them: ISO 8601 `YYYY-MM-DD`, in UTC from the system clock.
//! A few lines of arithmetic rather than a date crate: the records need today, a date checked for
//! sense, and a date plus some days.

/// Days since 1970-01-01 of a civil date (Howard Hinnant's days-from-civil).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

fn format(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Today's date as `YYYY-MM-DD` (UTC).
pub fn today() -> String {
    format(now_secs().div_euclid(86_400))
}

/// Now as `YYYY-MM-DD HH:MM UTC`: when a record was written.
pub fn now_stamp() -> String {
    let s = now_secs();
    let (days, rem) = (s.div_euclid(86_400), s.rem_euclid(86_400));
    format!(
        "{} {:02}:{:02} UTC",
        format(days),
        rem / 3600,
        rem % 3600 / 60
    )
}

/// The day count of an ISO date, if it is one (a real day of a year from 1900 to 2200).
pub fn parse(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| date.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1900..=2200).contains(&y) || !(1..=12).contains(&m) || d < 1 {
        return None;
    }
    let days = days_from_civil(y, m, d);
    // 31 February comes back as a day of March: not a date.
    (civil_from_days(days) == (y, m, d)).then_some(days)
}

/// `date` plus `days`, or `None` when `date` is not a date.
pub fn add_days(date: &str, days: i64) -> Option<String> {
    parse(date).map(|d| format(d + days))
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: &str, b: &str) -> Option<i64> {
    Some(parse(b)? - parse(a)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_nonsense_is_refused() {
        assert_eq!(add_days("2026-11-30", 14).as_deref(), Some("2026-12-14"));
        assert_eq!(add_days("2026-12-25", 10).as_deref(), Some("2027-01-04"));
        assert_eq!(add_days("2028-02-28", 1).as_deref(), Some("2028-02-29"));
        assert_eq!(days_between("2026-01-01", "2027-01-01"), Some(365));
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "26-11-30",
            "2026/11/30",
            "",
            "1850-01-01",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert!(parse(&today()).is_some());
        assert!(now_stamp().ends_with(" UTC"));
    }
}
