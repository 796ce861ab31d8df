//! Saving under faults: a full disk at any byte, a step that fails, a target that is
//! no longer a file, and a process killed at random points while it saves. The old
//! file and its `.bak` stay byte for byte as they were, or the new file is whole; the
//! error says why in words a user knows.

mod common;

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tradeoff::format::{self, Faults, SaveStep};
use tradeoff::model::{Node, Tree};

/// A tree of `n` outcomes under one question, to make saves of a chosen size.
fn tree_of(title: &str, n: usize) -> Tree {
    let mut t = Tree::new(title);
    let q = t.add_node(Node::question("start", "Which?"));
    for k in 0..n.max(2) {
        let o = t.add_node(Node::outcome(format!("o{k}"), format!("{title} {k}")));
        t.add_answer(q, o, format!("answer {k}"));
    }
    t
}

/// A folder with `tree.json` (the old file) and `tree.json.bak` (its backup), each
/// holding a different tree.
fn saved_twice() -> (tempfile::TempDir, PathBuf, Vec<u8>, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tree.json");
    format::save_path(&tree_of("Older", 3), &path, true).unwrap();
    format::save_path(&tree_of("Old", 4), &path, true).unwrap();
    let old = fs::read(&path).unwrap();
    let bak = fs::read(format::backup_path(&path)).unwrap();
    assert_ne!(old, bak);
    (dir, path, old, bak)
}

/// Every file in `dir` but the tree and its backup: leftovers of a failed save.
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "tree.json" && n != "tree.json.bak")
        .collect()
}

#[test]
fn a_disk_that_fills_up_at_any_byte_leaves_the_old_file_and_its_backup_as_they_were() {
    let new = format::to_json(&tree_of("New", 5));
    for backup in [true, false] {
        let (dir, path, old, bak) = saved_twice();
        // The new file and the backup's copy of the old one must both fit.
        let needed = new.len() + if backup { old.len() } else { 0 };
        let mut rooms = vec![0, 1, 2, 100, new.len() - 1, new.len(), new.len() + 1];
        rooms.extend([needed - 1, needed / 2, needed / 3]);
        rooms.retain(|&r| r < needed);
        for room in rooms {
            let faults = Faults {
                room: Some(room as u64),
                ..Faults::default()
            };
            let err = format::write_atomic_with(&path, new.as_bytes(), backup, &faults)
                .expect_err("the disk is too small");
            assert!(
                err.to_string().contains(": the disk is full ("),
                "room {room}: {err}"
            );
            assert!(fs::read(&path).unwrap() == *old, "room {room}");
            assert!(
                fs::read(format::backup_path(&path)).unwrap() == *bak,
                "room {room}"
            );
            assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "room {room}");
        }
        let faults = Faults {
            room: Some(needed as u64),
            ..Faults::default()
        };
        format::write_atomic_with(&path, new.as_bytes(), backup, &faults).unwrap();
        assert_eq!(fs::read(&path).unwrap(), new.as_bytes());
        let expected_bak = if backup { &old } else { &bak };
        assert_eq!(&fs::read(format::backup_path(&path)).unwrap(), expected_bak);
    }
}

#[test]
fn a_step_that_fails_leaves_everything_as_it_was_and_says_why() {
    let new = format::to_json(&tree_of("New", 5));
    let cases = [
        (
            SaveStep::CreateTemp,
            ErrorKind::PermissionDenied,
            "you do not have permission to write there",
        ),
        (
            SaveStep::CreateTemp,
            ErrorKind::ReadOnlyFilesystem,
            "the disk is read-only",
        ),
        (
            SaveStep::CreateTemp,
            ErrorKind::QuotaExceeded,
            "your disk quota is used up",
        ),
        (SaveStep::Sync, ErrorKind::StorageFull, "the disk is full"),
        (
            SaveStep::Permissions,
            ErrorKind::PermissionDenied,
            "you do not have permission to write there",
        ),
        (SaveStep::Backup, ErrorKind::StorageFull, "the disk is full"),
        (
            SaveStep::Rename,
            ErrorKind::PermissionDenied,
            "you do not have permission to write there",
        ),
    ];
    for (step, kind, words) in cases {
        let (dir, path, old, bak) = saved_twice();
        let faults = Faults {
            fail: Some((step, kind)),
            ..Faults::default()
        };
        let err = format::write_atomic_with(&path, new.as_bytes(), true, &faults).unwrap_err();
        let said = err.to_string();
        assert!(
            said.starts_with(&format!("cannot save to {}: {words} (", path.display())),
            "{step:?}: {said}"
        );
        assert!(fs::read(&path).unwrap() == *old, "{step:?}");
        assert!(
            fs::read(format::backup_path(&path)).unwrap() == *bak,
            "{step:?}"
        );
        assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "{step:?}");
    }
    // The backup cannot be put in place after the tree was: the save succeeded, and
    // the previous backup is kept whole rather than half replaced.
    let (dir, path, _, bak) = saved_twice();
    let faults = Faults {
        fail: Some((SaveStep::RenameBackup, ErrorKind::PermissionDenied)),
        ..Faults::default()
    };
    format::write_atomic_with(&path, new.as_bytes(), true, &faults).unwrap();
    assert_eq!(fs::read(&path).unwrap(), new.as_bytes());
    assert!(
        fs::read(format::backup_path(&path)).unwrap() == *bak,
        "changed"
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn a_target_or_backup_replaced_by_a_folder_is_never_written_through() {
    let new = format::to_json(&tree_of("New", 5));
    // The tree file became a folder: refused before anything is written.
    let (dir, path, _, bak) = saved_twice();
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    fs::write(path.join("inside.txt"), "kept").unwrap();
    let err =
        format::write_atomic_with(&path, new.as_bytes(), true, &Faults::default()).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("it is a folder, not a file; choose a file name")
    );
    assert_eq!(fs::read_to_string(path.join("inside.txt")).unwrap(), "kept");
    assert!(
        fs::read(format::backup_path(&path)).unwrap() == *bak,
        "changed"
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    // The backup became a folder: the tree is saved, the folder left alone.
    let (dir, path, _, _) = saved_twice();
    let backup = format::backup_path(&path);
    fs::remove_file(&backup).unwrap();
    fs::create_dir(&backup).unwrap();
    format::save_path(&tree_of("New", 5), &path, true).unwrap();
    assert_eq!(fs::read(&path).unwrap(), new.as_bytes());
    assert!(backup.is_dir());
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_leaves_the_old_file_and_says_so() {
    use std::os::unix::fs::PermissionsExt as _;
    let (dir, path, old, bak) = saved_twice();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let probe = fs::write(dir.path().join("probe"), "x");
    let result = format::save_path(&tree_of("New", 5), &path, true);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    if probe.is_ok() {
        // Running as root: the folder is not read-only for us. The fault test above
        // covers the same path through the seam.
        return;
    }
    let err = result.unwrap_err();
    assert!(
        err.to_string()
            .contains("you do not have permission to write there"),
        "{err}"
    );
    assert!(fs::read(&path).unwrap() == *old, "changed");
    assert!(
        fs::read(format::backup_path(&path)).unwrap() == *bak,
        "changed"
    );
}

// ----- a real process killed while it saves -----

const CHILD_ENV: &str = "TRADEOFF_SAVE_CHILD_DIR";
const INPUT_ENV: &str = "TRADEOFF_SAVE_CHILD_INPUT";

/// The two trees the child saves in turn: large enough that a kill often lands in the
/// middle of writing one.
fn turn(k: usize) -> Tree {
    if k.is_multiple_of(2) {
        tree_of("Even", 6000)
    } else {
        tree_of("Odd", 5000)
    }
}

/// Runs only as the child of `killed_while_saving...`: saves the two trees in turn,
/// with backups, until it is killed.
#[test]
#[ignore = "run by the kill test as a separate process"]
fn save_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let path = PathBuf::from(dir).join("tree.json");
    // Written by the parent, so the child starts saving at once.
    let input = PathBuf::from(std::env::var_os(INPUT_ENV).unwrap());
    let texts = [
        fs::read(input.join("even.txt")).unwrap(),
        fs::read(input.join("odd.txt")).unwrap(),
    ];
    for k in 0.. {
        format::write_atomic(&path, &texts[k % 2], true).unwrap();
    }
}

#[test]
fn killed_while_saving_leaves_the_old_file_or_the_new_one_and_a_readable_backup() {
    let texts = [format::to_json(&turn(0)), format::to_json(&turn(1))];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tree.json");
    fs::write(&path, &texts[1]).unwrap();
    // The child's texts live outside the folder it saves into.
    let inputs = tempfile::tempdir().unwrap();
    fs::write(inputs.path().join("even.txt"), &texts[0]).unwrap();
    fs::write(inputs.path().join("odd.txt"), &texts[1]).unwrap();
    // A small generator for the delays: no dependency, the same run every time.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |bound: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % bound
    };
    let started = Instant::now();
    let mut kills = 0;
    // Kills that caught a save in progress: its temporary file was left.
    let mut mid_save = 0;
    while kills < 40 && started.elapsed() < Duration::from_secs(20) {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "save_child", "--ignored", "--nocapture"])
            .env(CHILD_ENV, dir.path())
            .env(INPUT_ENV, inputs.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Past the start-up of the test binary, then anywhere in a save or between two.
        std::thread::sleep(Duration::from_millis(30 + next(200)));
        child.kill().unwrap();
        child.wait().unwrap();
        kills += 1;

        let now = fs::read_to_string(&path).unwrap();
        assert!(
            now == texts[0] || now == texts[1],
            "after kill {kills}: the tree file is a mix ({} bytes)",
            now.len()
        );
        if let Ok(bak) = fs::read_to_string(format::backup_path(&path)) {
            assert!(
                bak == texts[0] || bak == texts[1],
                "after kill {kills}: the backup is not a whole tree"
            );
            format::load_str(&bak).unwrap();
        }
        // What a killed save leaves is only its own temporary files, never a file
        // that looks like a tree.
        let left = leftovers(dir.path());
        if !left.is_empty() {
            mid_save += 1;
        }
        for name in left {
            // Cleared, so the next kill's leftovers are its own.
            let _ = fs::remove_file(dir.path().join(&name));
            assert!(
                name.starts_with(".tradeoff-save-") || name.starts_with(".tradeoff-backup-"),
                "{name}"
            );
        }
    }
    eprintln!("{kills} kills, {mid_save} in the middle of a save");
    assert!(kills >= 20, "only {kills} kills in the time");
    assert!(
        format::backup_path(&path).exists(),
        "the child never got to save"
    );
}
