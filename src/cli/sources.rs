//! `tradeoff sources`: every source of a tree with its node, checked date and age,
//! stalest first, and with `--check` whether each address still answers. Also owns the
//! stale-source warnings that `validate` prints.
//!
//! "Today" is the UTC date, or the date in the environment variable `TRADEOFF_TODAY`
//! (YYYY-MM-DD) when it is set. That variable is for tests and reproducible reports,
//! so it stays out of `--help`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use jiff::civil::Date;
use serde::Serialize;

use crate::model::Tree;
use crate::model::freshness::{self, Freshness};

/// What `tradeoff sources` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub file: Option<PathBuf>,
    pub check: bool,
    pub timeout: Duration,
    pub json: bool,
}

const TODAY_VARIABLE: &str = "TRADEOFF_TODAY";

/// How many addresses are asked at once: enough that 70 addresses do not take 70
/// timeouts, few enough not to look like an attack on one documentation site.
const WORKERS: usize = 8;

/// How much of a GET body is read: the status is the answer, the body only has to
/// start arriving.
const BODY_PEEK: u64 = 4 * 1024;

/// How many citing nodes a check line names before it counts the rest.
const CITED_LISTED: usize = 5;

/// How long an unreadable checked date may be in the date column.
const DATE_COLUMN_MAX: usize = 16;

const ORDER: &str =
    "stale (oldest first), unverified, unreadable or future dates, then fresh (oldest first)";

/// Runs the command; returns the exit code.
pub fn run(options: &Options, out: &mut impl std::io::Write, err: &mut impl std::io::Write) -> u8 {
    let today = match today() {
        Ok(today) => today,
        Err(message) => {
            super::print(err, &format!("error: {message}\n"));
            return super::EXIT_UNREADABLE;
        }
    };
    if options.check && options.timeout.is_zero() {
        super::print(err, "error: --timeout must be at least 1 second\n");
        return super::EXIT_UNREADABLE;
    }
    let loaded = match super::load(options.file.as_deref()) {
        Ok(loaded) => loaded,
        Err(e) => {
            // Exit code 1 means "a source needs attention" here, so every file that
            // gives no sources to list exits 2, even one that reads but is invalid.
            super::print(err, &format!("error: {e}\n"));
            return super::EXIT_UNREADABLE;
        }
    };
    let mut report = Report::new(&loaded.tree, today);
    if options.check {
        report.check = Some(check(&report.sources, options.timeout));
    }
    if options.json {
        let mut json = serde_json::to_string_pretty(&report).unwrap_or_default();
        json.push('\n');
        super::print_json(out, &json);
    } else {
        print_listing(out, &report);
        if let Some(check) = &report.check {
            print_check(out, check);
        }
    }
    if let Some(offline) = report.check.as_ref().and_then(|c| c.offline.as_deref()) {
        super::print(err, &format!("{}\n", offline_line(offline)));
    }
    report.exit_code()
}

/// `TRADEOFF_TODAY` when set, else today in UTC.
pub(super) fn today() -> Result<Date, String> {
    match std::env::var(TODAY_VARIABLE) {
        Ok(text) => freshness::parse_date(text.trim()).ok_or_else(|| {
            format!("{TODAY_VARIABLE} is \"{text}\", not a date written YYYY-MM-DD")
        }),
        Err(_) => Ok(freshness::today()),
    }
}

/// "6 months", "1 month".
fn interval(months: u32) -> String {
    format!("{months} month{}", super::plural(months as usize))
}

/// One line per stale source, for `validate`: which node, which address, when it was
/// read and how long ago that is past the tree's review interval.
pub(super) fn stale_warnings(tree: &Tree, today: Date) -> Vec<String> {
    let months = interval(tree.review_months());
    tree.source_ages(today)
        .into_iter()
        .filter_map(|s| {
            let Freshness::Stale(age) = s.freshness else {
                return None;
            };
            let node = tree.node(s.node)?;
            let what = if s.source.url.trim().is_empty() {
                &s.source.title
            } else {
                &s.source.url
            };
            let checked = s.checked.map(|d| d.to_string()).unwrap_or_default();
            Some(format!(
                "warning: node \"{}\": the source \"{what}\" was checked {checked} ({age}), \
                 longer ago than the tree's review interval of {months}",
                node.id
            ))
        })
        .collect()
}

// ---------------------------------------------------------------------------------
// The listing

/// Everything `sources` prints, and what `--json` serialises.
#[derive(Debug, Serialize)]
struct Report {
    tree: String,
    today: String,
    review_months: u32,
    order: &'static str,
    sources: Vec<Row>,
    summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<CheckReport>,
}

/// One source of one node. A page cited by three nodes is three rows: each node's
/// author vouched for it separately, on the date they wrote down.
#[derive(Debug, Serialize)]
struct Row {
    node: String,
    node_label: String,
    title: String,
    url: String,
    /// As the file writes it ("" when there is none).
    checked: String,
    freshness: State,
    /// "9 months ago"; none when there is no readable date in the past.
    age: Option<String>,
    #[serde(skip)]
    date: Option<Date>,
}

/// A row's freshness, declared in listing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
enum State {
    Stale,
    Unverified,
    Unreadable,
    Future,
    Fresh,
}

impl State {
    fn word(self) -> &'static str {
        match self {
            State::Stale => "stale",
            State::Unverified => "unverified",
            State::Unreadable => "bad date",
            State::Future => "future",
            State::Fresh => "fresh",
        }
    }
}

#[derive(Debug, Default, Serialize)]
struct Summary {
    total: usize,
    stale: usize,
    unverified: usize,
    unreadable: usize,
    future: usize,
    fresh: usize,
}

impl Report {
    fn new(tree: &Tree, today: Date) -> Report {
        let mut sources: Vec<Row> = tree
            .source_ages(today)
            .into_iter()
            .filter_map(|s| {
                let node = tree.node(s.node)?;
                let (state, age) = match s.freshness {
                    Freshness::Stale(age) => (State::Stale, Some(age.to_string())),
                    Freshness::Fresh(age) => (State::Fresh, Some(age.to_string())),
                    Freshness::Unverified => (State::Unverified, None),
                    Freshness::Unreadable => (State::Unreadable, None),
                    Freshness::Future(_) => (State::Future, None),
                };
                Some(Row {
                    node: node.id.clone(),
                    node_label: node.label().to_owned(),
                    title: s.source.title.clone(),
                    url: s.source.url.clone(),
                    checked: s.source.checked.clone(),
                    freshness: state,
                    age,
                    date: s.checked,
                })
            })
            .collect();
        // Stable, so rows that tie (no date, or the same date) keep the tree's order.
        sources.sort_by_key(|r| (r.freshness, r.date));
        let mut summary = Summary {
            total: sources.len(),
            ..Summary::default()
        };
        for row in &sources {
            *match row.freshness {
                State::Stale => &mut summary.stale,
                State::Unverified => &mut summary.unverified,
                State::Unreadable => &mut summary.unreadable,
                State::Future => &mut summary.future,
                State::Fresh => &mut summary.fresh,
            } += 1;
        }
        Report {
            tree: tree.title.clone(),
            today: today.to_string(),
            review_months: tree.review_months(),
            order: ORDER,
            sources,
            summary,
            check: None,
        }
    }

    /// 2 when the addresses could not be checked at all, 1 when a source is stale or
    /// an address moved or failed, else 0.
    fn exit_code(&self) -> u8 {
        let mut code = 0;
        if self.summary.stale > 0 {
            code = super::EXIT_INVALID;
        }
        if let Some(check) = &self.check {
            if check.offline.is_some() {
                return super::EXIT_UNREADABLE;
            }
            if check.addresses.iter().any(|a| a.answer.is_finding()) {
                code = super::EXIT_INVALID;
            }
        }
        code
    }
}

/// The date column: the date, "-" for none, or the unreadable text cut short.
fn date_column(row: &Row) -> String {
    match row.freshness {
        State::Unverified => "-".to_owned(),
        State::Unreadable if row.checked.chars().count() > DATE_COLUMN_MAX => {
            let cut: String = row.checked.chars().take(DATE_COLUMN_MAX - 1).collect();
            format!("{cut}…")
        }
        _ => row.checked.trim().to_owned(),
    }
}

fn age_column(row: &Row) -> String {
    match row.freshness {
        State::Future => "in the future".to_owned(),
        _ => row.age.clone().unwrap_or_default(),
    }
}

/// Three lines a source: the short columns and the node, then the title, then the
/// address, which alone is often wider than half a terminal.
fn print_listing(out: &mut impl std::io::Write, report: &Report) {
    let s = &report.summary;
    let mut text = format!(
        "{} source{} of \"{}\" on {} (review interval: {}).\nOrder: {ORDER}.\n",
        s.total,
        super::plural(s.total),
        report.tree,
        report.today,
        interval(report.review_months),
    );
    let columns: Vec<[String; 3]> = report
        .sources
        .iter()
        .map(|r| [r.freshness.word().to_owned(), date_column(r), age_column(r)])
        .collect();
    let width = |i: usize| {
        columns
            .iter()
            .map(|c| c[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (w0, w1, w2) = (width(0), width(1), width(2));
    if !report.sources.is_empty() {
        text.push('\n');
    }
    for (row, [mark, date, age]) in report.sources.iter().zip(&columns) {
        text.push_str(&format!(
            "{mark:<w0$}  {date:<w1$}  {age:<w2$}  {}: {}\n    {}\n    {}\n",
            row.node, row.node_label, row.title, row.url
        ));
    }
    text.push_str(&format!("\n{}\n", summary_line(report)));
    super::print(out, &text);
}

/// "71 sources: 4 stale (older than 6 months), 2 unverified, 65 fresh".
fn summary_line(report: &Report) -> String {
    let s = &report.summary;
    let mut parts = vec![
        format!(
            "{} stale (older than {})",
            s.stale,
            interval(report.review_months)
        ),
        format!("{} unverified", s.unverified),
    ];
    if s.unreadable > 0 {
        parts.push(format!("{} with an unreadable date", s.unreadable));
    }
    if s.future > 0 {
        parts.push(format!("{} dated in the future", s.future));
    }
    parts.push(format!("{} fresh", s.fresh));
    format!(
        "{} source{}: {}",
        s.total,
        super::plural(s.total),
        parts.join(", ")
    )
}

// ---------------------------------------------------------------------------------
// The check

#[derive(Debug, Serialize)]
struct CheckReport {
    timeout_seconds: u64,
    /// Set when no address answered at all, with the first address's error: then the
    /// machine is more likely offline than every page gone.
    offline: Option<String>,
    addresses: Vec<Address>,
    summary: CheckSummary,
}

/// One distinct address, asked once however many sources cite it.
#[derive(Debug, Serialize)]
struct Address {
    url: String,
    /// The request whose answer is reported: HEAD, or GET when HEAD was refused.
    method: Option<&'static str>,
    #[serde(flatten)]
    answer: Answer,
    message: String,
    /// The nodes citing it, in listing order.
    cited_by: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
enum Answer {
    Ok { status: u16 },
    Moved { status: u16, location: String },
    Gone { status: u16 },
    HttpError { status: u16 },
    Timeout,
    CannotConnect { error: String },
    Failed { error: String },
    Skipped { reason: String },
}

impl Answer {
    fn is_finding(&self) -> bool {
        !matches!(self, Answer::Ok { .. } | Answer::Skipped { .. })
    }

    /// Failed before any server said anything: what every address does offline.
    fn is_unreached(&self) -> bool {
        matches!(self, Answer::Timeout | Answer::CannotConnect { .. })
    }

    fn describe(&self, timeout: Duration) -> String {
        match self {
            Answer::Ok { status } => format!("answers (HTTP {status})"),
            Answer::Moved { status, location } => {
                format!("moved to {location} (HTTP {status})")
            }
            Answer::Gone { status } => format!("gone (HTTP {status})"),
            Answer::HttpError { status } => format!("HTTP {status}"),
            Answer::Timeout => format!("no answer within {} s", timeout.as_secs()),
            Answer::CannotConnect { error } => format!("cannot connect: {error}"),
            Answer::Failed { error } => format!("failed: {error}"),
            Answer::Skipped { reason } => format!("skipped: {reason}"),
        }
    }
}

#[derive(Debug, Default, Serialize)]
struct CheckSummary {
    addresses: usize,
    answered: usize,
    moved: usize,
    gone: usize,
    other_problems: usize,
    skipped: usize,
}

fn offline_line(first_error: &str) -> String {
    format!("no address answered: this machine looks offline (first error: {first_error})")
}

/// Asks every distinct address of the rows, a few at a time; results come back in
/// the order the addresses first appear in the listing, whatever order they finish in.
fn check(rows: &[Row], timeout: Duration) -> CheckReport {
    let mut urls: Vec<String> = Vec::new();
    let mut cited: HashMap<String, Vec<String>> = HashMap::new();
    for row in rows {
        let url = row.url.trim().to_owned();
        let nodes = cited.entry(url.clone()).or_insert_with(|| {
            urls.push(url);
            Vec::new()
        });
        if !nodes.contains(&row.node) {
            nodes.push(row.node.clone());
        }
    }
    let answers = ask_all(&urls, timeout);
    let addresses: Vec<Address> = urls
        .into_iter()
        .zip(answers)
        .map(|(url, (method, answer))| Address {
            message: answer.describe(timeout),
            cited_by: cited.remove(&url).unwrap_or_default(),
            url,
            method,
            answer,
        })
        .collect();
    let mut asked = addresses
        .iter()
        .filter(|a| !matches!(a.answer, Answer::Skipped { .. }));
    let first = asked.next();
    let offline = first
        .filter(|first| first.answer.is_unreached() && asked.all(|a| a.answer.is_unreached()))
        .map(|first| first.message.clone());
    CheckReport {
        timeout_seconds: timeout.as_secs(),
        offline,
        summary: check_summary(&addresses),
        addresses,
    }
}

fn check_summary(addresses: &[Address]) -> CheckSummary {
    let mut s = CheckSummary {
        addresses: addresses.len(),
        ..CheckSummary::default()
    };
    for a in addresses {
        *match a.answer {
            Answer::Ok { .. } => &mut s.answered,
            Answer::Moved { .. } => &mut s.moved,
            Answer::Gone { .. } => &mut s.gone,
            Answer::Skipped { .. } => &mut s.skipped,
            _ => &mut s.other_problems,
        } += 1;
    }
    s
}

/// Every address but those that answer, then a count of each kind of answer.
fn print_check(out: &mut impl std::io::Write, check: &CheckReport) {
    let s = &check.summary;
    let mut text = format!(
        "\nChecked {} distinct address{} (HEAD, then GET where HEAD is refused; \
         {WORKERS} at a time, at most {} s each).\n",
        s.addresses,
        if s.addresses == 1 { "" } else { "es" },
        check.timeout_seconds
    );
    if check.offline.is_some() {
        // `run` says so once, on stderr, as it does for other reasons to exit 2.
        super::print(out, &text);
        return;
    }
    for a in check
        .addresses
        .iter()
        .filter(|a| !matches!(a.answer, Answer::Ok { .. }))
    {
        let mut cited = a.cited_by[..a.cited_by.len().min(CITED_LISTED)].join(", ");
        if a.cited_by.len() > CITED_LISTED {
            cited.push_str(&format!(" and {} more", a.cited_by.len() - CITED_LISTED));
        }
        let url = if a.url.is_empty() {
            "(no address)"
        } else {
            &a.url
        };
        text.push_str(&format!("{url}\n    {}; cited by {cited}\n", a.message));
    }
    text.push_str(&format!(
        "{} address{}: {} answered, {} moved, {} gone, {} other problem{}, {} skipped\n",
        s.addresses,
        if s.addresses == 1 { "" } else { "es" },
        s.answered,
        s.moved,
        s.gone,
        s.other_problems,
        super::plural(s.other_problems),
        s.skipped,
    ));
    super::print(out, &text);
}

/// Asks each address on a small pool of threads; the answers are in `urls`' order.
fn ask_all(urls: &[String], timeout: Duration) -> Vec<(Option<&'static str>, Answer)> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .user_agent(format!(
            "tradeoff/{} (source check)",
            env!("CARGO_PKG_VERSION")
        ))
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let answered: Vec<(usize, (Option<&'static str>, Answer))> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..WORKERS.min(urls.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(url) = urls.get(i) else { break };
                        mine.push((i, ask(&agent, url)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    // A worker that panicked leaves gaps; they read as failures rather than shifting
    // every later answer onto the wrong address.
    let mut by_index: HashMap<usize, _> = answered.into_iter().collect();
    (0..urls.len())
        .map(|i| {
            by_index.remove(&i).unwrap_or_else(|| {
                let error = "the check stopped unexpectedly".to_owned();
                (None, Answer::Failed { error })
            })
        })
        .collect()
}

/// Why an address is not asked, if it is not.
fn skip_reason(url: &str) -> Option<String> {
    if url.is_empty() {
        return Some("no address".to_owned());
    }
    let scheme = url.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("http" | "https") => None,
        _ => Some("only http and https addresses are asked".to_owned()),
    }
}

/// HEAD first, as it costs the site nothing; GET when HEAD is refused (403, 405, 501)
/// or the connection misbehaves, since some servers only ever expect GET.
fn ask(agent: &ureq::Agent, url: &str) -> (Option<&'static str>, Answer) {
    if let Some(reason) = skip_reason(url) {
        return (None, Answer::Skipped { reason });
    }
    let head = agent.head(url).call();
    let retry = match &head {
        Ok(response) => matches!(response.status().as_u16(), 403 | 405 | 501),
        Err(e) => is_oddity(e),
    };
    if !retry {
        return (Some("HEAD"), answer_of(url, head));
    }
    let get = agent.get(url).call().map(|mut response| {
        use std::io::Read as _;
        let peek = response.body_mut().as_reader().take(BODY_PEEK);
        let _ = std::io::copy(&mut { peek }, &mut std::io::sink());
        response
    });
    (Some("GET"), answer_of(url, get))
}

/// A failure after the connection was made, that GET may not meet.
fn is_oddity(e: &ureq::Error) -> bool {
    use std::io::ErrorKind;
    match e {
        ureq::Error::Protocol(_) => true,
        ureq::Error::Io(io) => matches!(
            io.kind(),
            ErrorKind::ConnectionReset
                | ErrorKind::ConnectionAborted
                | ErrorKind::UnexpectedEof
                | ErrorKind::BrokenPipe
        ),
        _ => false,
    }
}

fn answer_of(url: &str, result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    use std::io::ErrorKind;
    let response = match result {
        Ok(response) => response,
        Err(ureq::Error::Timeout(_)) => return Answer::Timeout,
        Err(ureq::Error::Io(io)) if io.kind() == ErrorKind::TimedOut => return Answer::Timeout,
        Err(ureq::Error::HostNotFound) => {
            let error = "host not found".to_owned();
            return Answer::CannotConnect { error };
        }
        Err(ureq::Error::ConnectionFailed) => {
            let error = "connection failed".to_owned();
            return Answer::CannotConnect { error };
        }
        Err(ureq::Error::Io(io)) if is_connect_error(&io) => {
            let error = io.to_string();
            return Answer::CannotConnect { error };
        }
        Err(ureq::Error::Io(io)) => {
            let error = io.to_string();
            return Answer::Failed { error };
        }
        Err(e) => {
            let error = e.to_string();
            return Answer::Failed { error };
        }
    };
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok());
    match (status, location) {
        (200..=299, _) => Answer::Ok { status },
        (301 | 302 | 303 | 307 | 308, Some(to)) => Answer::Moved {
            status,
            location: resolve(url, to),
        },
        (404 | 410, _) => Answer::Gone { status },
        _ => Answer::HttpError { status },
    }
}

/// Whether an error came before any server was reached. A failed name lookup has no
/// kind of its own on stable Rust, so it is known by std's message on Unix and by its
/// Winsock codes on Windows (host not found, try again, no recovery, no data).
fn is_connect_error(io: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    let lookup = io
        .to_string()
        .starts_with("failed to lookup address information")
        || (cfg!(windows) && matches!(io.raw_os_error(), Some(11001..=11004)));
    lookup
        || matches!(
            io.kind(),
            ErrorKind::ConnectionRefused
                | ErrorKind::NetworkUnreachable
                | ErrorKind::HostUnreachable
                | ErrorKind::AddrNotAvailable
                | ErrorKind::NetworkDown
        )
}

/// A `Location` as an absolute address, resolved against the address asked
/// (RFC 3986, section 5.2): servers send "/new/path" as often as a full address.
fn resolve(base: &str, location: &str) -> String {
    let location = location.trim();
    let has_scheme = location.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if has_scheme {
        return location.to_owned();
    }
    let Some((scheme, rest)) = base.split_once("://") else {
        return location.to_owned();
    };
    if let Some(network_path) = location.strip_prefix("//") {
        return format!("{scheme}://{network_path}");
    }
    let split = |text: &'_ str| {
        let at = text.find(['?', '#']).unwrap_or(text.len());
        (text[..at].to_owned(), text[at..].to_owned())
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, base_rest) = rest.split_at(authority_end);
    let (base_path, base_suffix) = split(base_rest);
    let (path, suffix) = split(location);
    let (path, suffix) = if path.is_empty() {
        // "?q" keeps the path; "#f" keeps the query too.
        let query = base_suffix.split('#').next().unwrap_or("");
        let suffix = if suffix.starts_with('#') {
            format!("{query}{suffix}")
        } else {
            suffix
        };
        (base_path, suffix)
    } else if path.starts_with('/') {
        (path, suffix)
    } else {
        let directory = base_path.rfind('/').map_or("/", |at| &base_path[..=at]);
        (format!("{directory}{path}"), suffix)
    };
    let path = if path.is_empty() {
        "/".to_owned()
    } else {
        path
    };
    format!(
        "{scheme}://{authority}{}{suffix}",
        remove_dot_segments(&path)
    )
}

/// "/a/b/../c/./d" → "/a/c/d".
fn remove_dot_segments(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').collect();
    let mut kept: Vec<&str> = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." | ".." => {
                // Never above the root, which is the empty segment before the first '/'.
                if *segment == ".." && kept.len() > 1 {
                    kept.pop();
                }
                if last {
                    kept.push("");
                }
            }
            other => kept.push(other),
        }
    }
    kept.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_resolve_against_the_address_asked() {
        let base = "https://docs.example.com/guide/v1/page.html?x=1#top";
        let cases = [
            ("https://other.example/a", "https://other.example/a"),
            ("//cdn.example/a", "https://cdn.example/a"),
            ("/v2/page.html", "https://docs.example.com/v2/page.html"),
            ("page2.html", "https://docs.example.com/guide/v1/page2.html"),
            ("../v2/", "https://docs.example.com/guide/v2/"),
            ("./", "https://docs.example.com/guide/v1/"),
            ("/../../x", "https://docs.example.com/x"),
            ("?y=2", "https://docs.example.com/guide/v1/page.html?y=2"),
            (
                "#end",
                "https://docs.example.com/guide/v1/page.html?x=1#end",
            ),
            ("new?a=b#c", "https://docs.example.com/guide/v1/new?a=b#c"),
        ];
        for (location, want) in cases {
            assert_eq!(resolve(base, location), want, "{location}");
        }
        assert_eq!(resolve("http://host", "a"), "http://host/a");
        assert_eq!(resolve("http://host:8080?q", "/b"), "http://host:8080/b");
    }

    #[test]
    fn only_web_addresses_are_asked() {
        assert_eq!(skip_reason("https://example.com"), None);
        assert_eq!(skip_reason("HTTP://example.com"), None);
        assert!(skip_reason("ftp://example.com/file").is_some());
        assert!(skip_reason("mailto:someone@example.com").is_some());
        assert!(skip_reason("").is_some());
    }

    #[test]
    fn stale_sources_become_validate_warnings() {
        use crate::model::{Node, Source};
        let mut tree = Tree::new("t");
        let mut node = Node::outcome("o-x", "X");
        for (url, checked) in [
            ("https://a.example/", "2025-01-02"),
            ("https://b.example/", "2027-05-01"),
        ] {
            node.sources.push(Source {
                title: "page".into(),
                url: url.into(),
                checked: checked.into(),
            });
        }
        tree.add_node(node);
        let today = freshness::parse_date("2026-11-30").expect("a date");
        assert_eq!(
            stale_warnings(&tree, today),
            vec![
                "warning: node \"o-x\": the source \"https://a.example/\" was checked 2025-01-02 \
                 (over 1 year 10 months ago), longer ago than the tree's review interval of 6 months"
                    .to_owned()
            ]
        );
    }
}
