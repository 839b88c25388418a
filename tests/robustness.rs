//! No content makes rooz panic: thousands of mangled versions of the base
//! fixture (bytes dropped, duplicated, swapped; lines moved) must each load
//! to either a valid event or diagnostics that all carry a position.

mod common;

use std::fs;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mangle(text: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = text.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = bytes.len().max(1);
        match rng.below(6) {
            0 => {
                let at = rng.below(len);
                bytes.truncate(at.max(1));
            }
            1 => {
                let at = rng.below(len);
                if at < bytes.len() {
                    bytes.remove(at);
                }
            }
            2 => {
                let at = rng.below(len);
                let b = [
                    b':', b'-', b' ', b'\n', b'"', b'[', b'{', b'&', b'*', b'#', 0xd8, b'\t',
                ][rng.below(12)];
                bytes.insert(at.min(bytes.len()), b);
            }
            3 => {
                let (a, b) = (rng.below(len), rng.below(len));
                if a < bytes.len() && b < bytes.len() {
                    bytes.swap(a, b);
                }
            }
            4 => {
                let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
                let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                lines.swap(a, b);
                bytes = lines.join(&b'\n');
            }
            _ => {
                let at = rng.below(len);
                let chunk: Vec<u8> = bytes[at.min(bytes.len())..]
                    .iter()
                    .take(40)
                    .copied()
                    .collect();
                let to = rng.below(len).min(bytes.len());
                bytes.splice(to..to, chunk);
            }
        }
    }
    bytes
}

#[test]
fn mangled_content_never_panics_and_every_error_has_a_place() {
    let site = common::site("base-fa");
    let files = [
        "content/event.yaml",
        "content/programs/students.yaml",
        "content/programs/teachers.yaml",
    ];
    let originals: Vec<Vec<u8>> = files
        .iter()
        .map(|f| fs::read(site.path().join(f)).unwrap())
        .collect();
    let mut rng = Rng(0x5eed_1405_0829);
    let mut with_errors = 0;
    for round in 0..600 {
        let which = rng.below(files.len());
        let mangled = mangle(&originals[which], &mut rng);
        fs::write(site.path().join(files[which]), &mangled).unwrap();
        let checked =
            std::panic::catch_unwind(|| rooz::check_site(site.path(), &Default::default()))
                .unwrap_or_else(|_| {
                    panic!(
                        "round {round}: panic on {}:\n{}",
                        files[which],
                        String::from_utf8_lossy(&mangled)
                    )
                });
        let checked = checked.expect("the site folder itself is fine");
        if let Err(errors) = &checked.outcome {
            with_errors += 1;
            assert!(!errors.is_empty());
            for e in errors {
                assert!(e.span.is_some(), "round {round}: no position for {e:?}");
                // Rendering must not panic either.
                let _ =
                    rooz::diagnostic::render(e, &checked.sources, rooz::diagnostic::Style::PLAIN);
            }
        }
        fs::write(site.path().join(files[which]), &originals[which]).unwrap();
    }
    assert!(
        with_errors > 300,
        "the mangling is too gentle: only {with_errors} rounds had errors"
    );
}
