//! `tradeoff sources`, run as a user would run it: the listing and its order, exit
//! codes, and `--check` against an HTTP server the test starts on 127.0.0.1.

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod common;

/// The variables a proxy could come from: the checks must reach 127.0.0.1 directly.
const PROXY_VARIABLES: [&str; 8] = [
    "ALL_PROXY",
    "all_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// Runs `tradeoff sources ARGS` on the given day; fails the test if it takes more than
/// 20 s (it is killed then).
fn sources(today: &str, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tradeoff"));
    command
        .arg("sources")
        .args(args)
        .env("TRADEOFF_TODAY", today);
    for variable in PROXY_VARIABLES {
        command.env_remove(variable);
    }
    common::cli::within(command, &format!("tradeoff sources {}", args.join(" ")), 20)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A source as (title, url, checked).
type Src<'a> = (&'a str, &'a str, &'a str);

/// Writes a version 2 tree: the question "q" ("Which one?") leads to the outcomes
/// "o-a" ("Alpha") and "o-b" ("Beta"); each node cites the sources given for it.
fn write_tree(
    dir: &Path,
    review_months: u32,
    q: &[Src<'_>],
    a: &[Src<'_>],
    b: &[Src<'_>],
) -> PathBuf {
    let list = |sources: &[Src<'_>]| -> Vec<Value> {
        sources
            .iter()
            .map(|(title, url, checked)| json!({"title": title, "url": url, "checked": checked}))
            .collect()
    };
    let tree = json!({
        "format": "tradeoff-tree",
        "version": 2,
        "title": "T",
        "review_months": review_months,
        "nodes": [
            {"kind": "question", "id": "q", "prompt": "Which one?",
             "answers": [{"label": "A", "to": "o-a"}, {"label": "B", "to": "o-b"}],
             "sources": list(q)},
            {"kind": "outcome", "id": "o-a", "title": "Alpha", "sources": list(a)},
            {"kind": "outcome", "id": "o-b", "title": "Beta", "sources": list(b)},
        ]
    });
    let path = dir.join("tree.json");
    std::fs::write(&path, serde_json::to_string_pretty(&tree).unwrap()).unwrap();
    path
}

/// Where each needle first appears in the haystack, failing the test if one is absent.
fn positions(haystack: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| {
            haystack
                .find(n)
                .unwrap_or_else(|| panic!("{n:?} not in:\n{haystack}"))
        })
        .collect()
}

/// A tree with one source of every kind; on 2027-06-01 with a 6-month interval.
fn mixed_tree(dir: &Path) -> PathBuf {
    write_tree(
        dir,
        6,
        &[("Recent", "https://example.com/recent", "2027-05-01")],
        &[
            ("Ancient", "https://example.com/ancient", "2025-01-02"),
            ("Oldish", "https://example.com/oldish", "2026-10-15"),
        ],
        &[
            ("Nodate", "https://example.com/nodate", ""),
            ("Baddate", "https://example.com/baddate", "soon"),
            ("Ahead", "https://example.com/ahead", "2028-01-01"),
            ("Spring", "https://example.com/spring", "2027-03-01"),
        ],
    )
}

#[test]
fn sources_are_listed_stalest_first_with_their_ages() {
    let dir = tempfile::tempdir().unwrap();
    let path = mixed_tree(dir.path());
    let o = sources("2027-06-01", &[path.to_str().unwrap()]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let at = positions(
        &out,
        &[
            "/ancient", "/oldish", "/nodate", "/baddate", "/ahead", "/spring", "/recent",
        ],
    );
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{out}");
    for line in [
        "stale       2025-01-02  over 2 years 4 months ago  o-a: Alpha",
        "stale       2026-10-15  over 7 months ago          o-a: Alpha",
        "unverified  -                                      o-b: Beta",
        "bad date    soon                                   o-b: Beta",
        "future      2028-01-01  in the future              o-b: Beta",
        "fresh       2027-03-01  3 months ago               o-b: Beta",
        "fresh       2027-05-01  1 month ago                q: Which one?",
        "    Ancient\n    https://example.com/ancient\n",
    ] {
        assert!(out.contains(line), "{line:?} not in:\n{out}");
    }
    assert!(out.starts_with("7 sources of \"T\" on 2027-06-01"), "{out}");
    assert!(
        out.contains("Order: stale (oldest first), unverified"),
        "{out}"
    );
    assert!(
        out.ends_with(
            "\n7 sources: 2 stale (older than 6 months), 1 unverified, \
             1 with an unreadable date, 1 dated in the future, 2 fresh\n"
        ),
        "{out}"
    );
}

#[test]
fn no_stale_source_exits_0_and_the_interval_is_the_trees() {
    let dir = tempfile::tempdir().unwrap();
    let old = [("Old", "https://example.com/old", "2026-01-10")];
    let path = write_tree(dir.path(), 24, &old, &[], &[]);
    let o = sources("2027-06-01", &[path.to_str().unwrap()]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("(review interval: 24 months)"), "{out}");
    assert!(
        out.contains("fresh  2026-01-10  over 1 year 4 months ago  q: Which one?"),
        "{out}"
    );
    assert!(
        out.ends_with("1 source: 0 stale (older than 24 months), 0 unverified, 1 fresh\n"),
        "{out}"
    );
}

#[test]
fn the_bundled_tree_is_used_without_a_file() {
    let fresh = sources("2026-12-01", &[]);
    assert_eq!(fresh.status.code(), Some(0), "{}", text(&fresh.stdout));
    assert!(text(&fresh.stdout).contains(" 0 stale (older than 6 months)"));
    let late = sources("2030-01-01", &[]);
    assert_eq!(late.status.code(), Some(1));
    assert!(
        text(&late.stdout).contains("0 fresh"),
        "{}",
        text(&late.stdout)
    );
}

#[test]
fn an_unreadable_file_or_date_exits_2() {
    let o = sources("2027-06-01", &["/no/such/tree.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("/no/such/tree.json"),
        "{}",
        text(&o.stderr)
    );
    assert!(o.stdout.is_empty());

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(&path, "{ not json").unwrap();
    let o = sources("2027-06-01", &[path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));

    let o = sources("next tuesday", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("TRADEOFF_TODAY"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn json_holds_the_listing_and_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let path = mixed_tree(dir.path());
    let o = sources("2027-06-01", &[path.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["today"], "2027-06-01");
    assert_eq!(v["review_months"], 6);
    let rows = v["sources"].as_array().unwrap();
    let states: Vec<&str> = rows
        .iter()
        .map(|r| r["freshness"].as_str().unwrap())
        .collect();
    assert_eq!(
        states,
        [
            "stale",
            "stale",
            "unverified",
            "unreadable",
            "future",
            "fresh",
            "fresh"
        ]
    );
    assert_eq!(rows[0]["node"], "o-a");
    assert_eq!(rows[0]["node_label"], "Alpha");
    assert_eq!(rows[0]["checked"], "2025-01-02");
    assert_eq!(rows[0]["age"], "over 2 years 4 months ago");
    assert!(rows[2]["age"].is_null());
    assert_eq!(
        v["summary"],
        json!({"total": 7, "stale": 2, "unverified": 1, "unreadable": 1, "future": 1, "fresh": 2})
    );
    assert!(v.get("check").is_none());
}

// ---------------------------------------------------------------------------------
// --check

/// An HTTP server on 127.0.0.1 with canned answers per path; it records each request
/// as "METHOD /path".
struct Server {
    base: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = Arc::clone(&log);
                std::thread::spawn(move || answer(stream, &log));
            }
        });
        Server { base, requests }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn requests(&self) -> Vec<String> {
        let mut r = self.requests.lock().unwrap().clone();
        r.sort();
        r
    }
}

fn answer(mut stream: TcpStream, log: &Mutex<Vec<String>>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let mut words = head.split_whitespace();
    let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    log.lock().unwrap().push(format!("{method} {path}"));
    let (status, extra) = match (method, path) {
        (_, "/ok") => ("200 OK", ""),
        (_, "/moved") => ("301 Moved Permanently", "Location: /new-home\r\n"),
        (_, "/gone") => ("404 Not Found", ""),
        ("HEAD", "/get-only") => ("405 Method Not Allowed", "Allow: GET\r\n"),
        ("GET", "/get-only") => ("200 OK", ""),
        (_, "/broken") => ("500 Internal Server Error", ""),
        (_, "/hang") => {
            // Holds the connection open and says nothing, past any timeout under test.
            std::thread::sleep(Duration::from_secs(4));
            return;
        }
        _ => ("400 Bad Request", ""),
    };
    let body = if method == "GET" { "hello" } else { "" };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes());
}

#[test]
fn check_reports_moved_gone_failing_and_silent_addresses() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let (ok, moved, gone) = (server.url("/ok"), server.url("/moved"), server.url("/gone"));
    let (get_only, broken, hang) = (
        server.url("/get-only"),
        server.url("/broken"),
        server.url("/hang"),
    );
    let path = write_tree(
        dir.path(),
        6,
        &[("Ok", &ok, "2027-05-01"), ("Moved", &moved, "2027-05-01")],
        &[
            ("Ok again", &ok, "2027-05-02"),
            ("Gone", &gone, "2027-05-01"),
        ],
        &[
            ("Get only", &get_only, "2027-05-01"),
            ("Broken", &broken, "2027-05-01"),
            ("Silent", &hang, "2027-05-01"),
            ("Ftp", "ftp://example.com/file", "2027-05-01"),
        ],
    );
    let started = Instant::now();
    let o = sources(
        "2027-06-01",
        &[path.to_str().unwrap(), "--check", "--timeout", "1"],
    );
    let out = text(&o.stdout);
    assert!(started.elapsed() < Duration::from_secs(4), "slow: {out}");
    assert_eq!(o.status.code(), Some(1), "{out}\n{}", text(&o.stderr));
    let base = &server.base;
    for line in [
        format!("{moved}\n    moved to {base}/new-home (HTTP 301); cited by q\n"),
        format!("{gone}\n    gone (HTTP 404); cited by o-a\n"),
        format!("{broken}\n    HTTP 500; cited by o-b\n"),
        format!("{hang}\n    no answer within 1 s; cited by o-b\n"),
        "ftp://example.com/file\n    skipped: only http and https addresses are asked".to_owned(),
        "7 addresses: 2 answered, 1 moved, 1 gone, 2 other problems, 1 skipped\n".to_owned(),
    ] {
        assert!(out.contains(&line), "{line:?} not in:\n{out}");
    }
    let asked = out
        .split_once("\nChecked 7 distinct addresses")
        .expect("a check section")
        .1;
    assert!(!asked.contains(&format!("{ok}\n")), "{out}");
    assert!(!asked.contains(&format!("{get_only}\n")), "{out}");
    // Each address once, however many nodes cite it; GET only after HEAD was refused.
    assert_eq!(
        server.requests(),
        [
            "GET /get-only",
            "HEAD /broken",
            "HEAD /get-only",
            "HEAD /gone",
            "HEAD /hang",
            "HEAD /moved",
            "HEAD /ok",
        ]
    );
}

#[test]
fn check_json_carries_each_answer_and_clean_addresses_exit_0() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let (ok, get_only) = (server.url("/ok"), server.url("/get-only"));
    let path = write_tree(
        dir.path(),
        6,
        &[("Ok", &ok, "2027-05-01")],
        &[("Get only", &get_only, "2027-05-01")],
        &[("Ok", &ok, "2027-05-01")],
    );
    let o = sources("2027-06-01", &[path.to_str().unwrap(), "--check", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let check = &v["check"];
    assert!(check["offline"].is_null());
    assert_eq!(check["addresses"][0]["url"], ok.as_str());
    assert_eq!(check["addresses"][0]["result"], "ok");
    assert_eq!(check["addresses"][0]["method"], "HEAD");
    assert_eq!(check["addresses"][0]["cited_by"], json!(["q", "o-b"]));
    assert_eq!(check["addresses"][1]["method"], "GET");
    assert_eq!(check["addresses"][1]["status"], 200);
    assert_eq!(check["summary"]["answered"], 2);
}

#[test]
fn check_with_nothing_answering_says_the_machine_looks_offline() {
    // A port nobody listens on: bound, noted, and let go.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let url = |path: &str| format!("http://127.0.0.1:{port}{path}");
    let (one, two, three) = (url("/one"), url("/two"), url("/three"));
    let path = write_tree(
        dir.path(),
        6,
        &[("One", &one, "2027-05-01")],
        &[("Two", &two, "2027-05-01")],
        &[("Three", &three, "2027-05-01")],
    );
    let o = sources(
        "2027-06-01",
        &[path.to_str().unwrap(), "--check", "--timeout", "2"],
    );
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert_eq!(o.status.code(), Some(2), "{out}\n{err}");
    let said = "no address answered: this machine looks offline (first error: cannot connect:";
    assert!(err.contains(said), "{err}");
    assert_eq!(err.matches(said).count(), 1, "{err}");
    let asked = out
        .split_once("\nChecked 3 distinct addresses")
        .expect("a check section")
        .1;
    assert!(!asked.contains("/two"), "{out}");
}
