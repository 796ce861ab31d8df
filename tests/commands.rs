//! The command list: every command named, described and reachable, and no two sharing a
//! shortcut.

use egui::{Key, KeyboardShortcut};
use tradeoff::app::Command;
use tradeoff::app::commands::by_specificity;

/// The same key with the same modifiers, whichever way they were spelled.
fn normal(s: &KeyboardShortcut) -> (bool, bool, bool, Key) {
    let m = s.modifiers;
    (
        m.alt,
        m.ctrl || m.command || m.mac_cmd,
        m.shift,
        s.logical_key,
    )
}

#[test]
fn no_two_commands_share_a_shortcut() {
    let mut seen: Vec<((bool, bool, bool, Key), String)> = Vec::new();
    for c in Command::catalog() {
        for s in c.shortcuts() {
            let key = normal(&s);
            if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key) {
                panic!("{} and {} share {s:?}", other, c.text());
            }
            seen.push((key, c.text()));
        }
    }
    assert!(seen.len() > 25);
}

#[test]
fn shortcuts_are_tried_most_specific_first() {
    let list = by_specificity();
    let place = |c: Command, shift: bool| {
        list.iter()
            .position(|(s, x)| *x == c && s.modifiers.shift == shift)
            .unwrap()
    };
    assert!(place(Command::SaveAs, true) < place(Command::Save, false));
    assert!(place(Command::Redo, true) < place(Command::Undo, false));
    assert!(place(Command::FindPrevious, true) < place(Command::FindNext, false));
}

#[test]
fn every_catalog_command_has_a_name_a_tooltip_and_a_menu_or_a_shortcut() {
    for c in Command::catalog() {
        assert!(!c.text().is_empty());
        assert!(!c.tooltip().is_empty(), "{} has no tooltip", c.text());
        assert!(
            c.menu().is_some() || c.shortcut().is_some(),
            "{} can be reached only from the palette",
            c.text()
        );
    }
}
