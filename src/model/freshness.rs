//! How old each source's checked date is, and which sources are due for another look.
//!
//! A checked date means someone read the page on that day. A source without one is
//! *unverified*; one read longer ago than the tree's review interval is *stale*. Time is
//! passed in (`today`), so everything here is a pure function and tests pick their day.

use std::fmt;

use jiff::civil::Date;
use jiff::{Unit, civil::DateDifference};

use super::NodeIndex;
use super::tree::{Source, Tree};

/// How many months a source stays fresh when a tree does not say.
pub const DEFAULT_REVIEW_MONTHS: u32 = 6;

/// Today's date in UTC: the day checked dates are measured against.
pub fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
}

/// A date written YYYY-MM-DD (and nothing else: no time, no week dates).
pub fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return None;
    }
    text.parse().ok()
}

/// Whole months and the days left over between a checked date and today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Age {
    pub months: i32,
    pub days: i32,
}

impl Age {
    pub fn between(checked: Date, today: Date) -> Age {
        let span = checked
            .until(DateDifference::from(today).largest(Unit::Month))
            .unwrap_or_default();
        Age {
            months: span.get_months(),
            days: span.get_days(),
        }
    }
}

impl fmt::Display for Age {
    /// "today", "yesterday", "12 days ago", "9 months ago", "over 9 months ago" (days
    /// past whole months), "1 year 2 months ago".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: i32, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        let over = if self.days > 0 { "over " } else { "" };
        match (self.months, self.days) {
            (0, 0) => f.write_str("today"),
            (0, 1) => f.write_str("yesterday"),
            (0, d) => write!(f, "{} ago", plural(d, "day", "days")),
            (m, _) if m < 12 => write!(f, "{over}{} ago", plural(m, "month", "months")),
            (m, _) => {
                let years = plural(m / 12, "year", "years");
                match m % 12 {
                    0 => write!(f, "{over}{years} ago"),
                    rest => write!(f, "{over}{years} {} ago", plural(rest, "month", "months")),
                }
            }
        }
    }
}

/// What a source's checked date says about it today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    /// No checked date: nobody has said they read the page.
    Unverified,
    /// A checked date that is not YYYY-MM-DD; validation warns about it.
    Unreadable,
    /// A checked date after today, which cannot be right.
    Future(Date),
    /// Read within the review interval.
    Fresh(Age),
    /// Read longer ago than the review interval.
    Stale(Age),
}

impl Freshness {
    pub fn of(checked: &str, today: Date, review_months: u32) -> Freshness {
        if checked.trim().is_empty() {
            return Freshness::Unverified;
        }
        let Some(date) = parse_date(checked) else {
            return Freshness::Unreadable;
        };
        if date > today {
            return Freshness::Future(date);
        }
        let age = Age::between(date, today);
        let months = i32::try_from(review_months).unwrap_or(i32::MAX);
        // "Older than six months": a page read exactly six months ago is still fresh.
        if age.months > months || (age.months == months && age.days > 0) {
            Freshness::Stale(age)
        } else {
            Freshness::Fresh(age)
        }
    }

    pub fn is_stale(&self) -> bool {
        matches!(self, Freshness::Stale(_))
    }

    /// A short phrase for the outcome page and the command line: "checked 9 months
    /// ago", "unverified".
    pub fn describe(&self) -> String {
        match self {
            Freshness::Unverified => "unverified: no checked date".to_owned(),
            Freshness::Unreadable => "checked date unreadable".to_owned(),
            Freshness::Future(date) => format!("checked date {date} is in the future"),
            Freshness::Fresh(age) => format!("checked {age}"),
            Freshness::Stale(age) => format!("stale: checked {age}"),
        }
    }
}

/// One source of a node, with its freshness.
#[derive(Debug, Clone)]
pub struct SourceAge<'a> {
    pub node: NodeIndex,
    /// The source's position among the node's sources.
    pub position: usize,
    pub source: &'a Source,
    pub freshness: Freshness,
    /// The checked date, when it reads as one.
    pub checked: Option<Date>,
}

impl Tree {
    /// The review interval in months: the tree's own, or the default.
    pub fn review_months(&self) -> u32 {
        self.review_months.unwrap_or(DEFAULT_REVIEW_MONTHS)
    }

    /// Every source of every node, with its freshness on `today`, in node order.
    pub fn source_ages(&self, today: Date) -> Vec<SourceAge<'_>> {
        let months = self.review_months();
        let mut out = Vec::new();
        for (node, n) in self.nodes() {
            for (position, source) in n.sources.iter().enumerate() {
                out.push(SourceAge {
                    node,
                    position,
                    source,
                    freshness: Freshness::of(&source.checked, today, months),
                    checked: parse_date(&source.checked),
                });
            }
        }
        out
    }

    /// How many sources are stale on `today`. Counted without collecting, for the
    /// status bar.
    pub fn stale_source_count(&self, today: Date) -> usize {
        let months = self.review_months();
        self.nodes()
            .flat_map(|(_, n)| n.sources.iter())
            .filter(|s| Freshness::of(&s.checked, today, months).is_stale())
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Node;

    fn date(text: &str) -> Date {
        parse_date(text).expect("a test date")
    }

    #[test]
    fn only_plain_iso_dates_parse() {
        assert_eq!(
            parse_date("2026-11-30"),
            Some(jiff::civil::date(2026, 11, 30))
        );
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "26-11-30",
            "2026-1-30",
            "2026-11-30T00",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn ages_read_as_a_person_says_them() {
        let today = date("2026-11-30");
        let said = |checked: &str| Age::between(date(checked), today).to_string();
        assert_eq!(said("2026-11-30"), "today");
        assert_eq!(said("2026-11-29"), "yesterday");
        assert_eq!(said("2026-11-18"), "12 days ago");
        assert_eq!(said("2026-10-30"), "1 month ago");
        assert_eq!(said("2026-02-28"), "over 9 months ago");
        assert_eq!(said("2026-03-30"), "8 months ago");
        assert_eq!(said("2025-11-30"), "1 year ago");
        assert_eq!(said("2024-09-01"), "over 2 years 2 months ago");
    }

    #[test]
    fn stale_means_older_than_the_interval() {
        let today = date("2026-11-30");
        assert!(matches!(
            Freshness::of("2026-05-30", today, 6),
            Freshness::Fresh(_)
        ));
        assert!(Freshness::of("2026-05-29", today, 6).is_stale());
        assert!(!Freshness::of("2026-05-29", today, 12).is_stale());
        assert_eq!(Freshness::of("", today, 6), Freshness::Unverified);
        assert_eq!(Freshness::of("soon", today, 6), Freshness::Unreadable);
        assert_eq!(
            Freshness::of("2027-01-01", today, 6),
            Freshness::Future(date("2027-01-01"))
        );
    }

    #[test]
    fn the_tree_counts_its_stale_sources() {
        let mut tree = Tree::new("t");
        let mut node = Node::outcome("o", "O");
        for checked in ["2026-11-01", "2025-01-01", "", "2020-06-01"] {
            node.sources.push(Source {
                title: "page".into(),
                url: "https://example.com".into(),
                checked: checked.into(),
            });
        }
        tree.add_node(node);
        let today = date("2026-11-30");
        assert_eq!(tree.stale_source_count(today), 2);
        tree.review_months = Some(120);
        assert_eq!(tree.stale_source_count(today), 0);
        let ages = tree.source_ages(today);
        assert_eq!(ages.len(), 4);
        assert_eq!(ages[2].freshness, Freshness::Unverified);
    }
}
