//! Reproducibility: the same design gives the same dots on every machine and after dependency
//! upgrades. If one of these fails, saved designs would show different dots than when they were
//! made: find out why before touching the expected values.

mod common;

use hairline::density::DensityField;
use hairline::dots::{construct_tile_bytes, generate, shipped_tile_bytes};
use hairline::noise::hash;

#[test]
fn shipped_tile_matches_its_construction() {
    let built = construct_tile_bytes();
    if std::env::var_os("HAIRLINE_WRITE_TILE").is_some() {
        std::fs::write(common::root().join("assets/blue-noise-tile.bin"), &built)
            .expect("write tile");
    }
    assert_eq!(built.len(), shipped_tile_bytes().len(), "tile size");
    assert!(
        built == shipped_tile_bytes(),
        "assets/blue-noise-tile.bin differs from its construction"
    );
}

/// A fingerprint of every dot's position, size, shade and session.
fn fingerprint(name: &str) -> (usize, u64) {
    let d = common::sample(name);
    let v = &d.variants[d.active_variant];
    let field = DensityField::build(&d, v);
    let dots = generate(&d, v, &field);
    let h = dots.dots.iter().fold(0u64, |h, x| {
        hash(&[
            h,
            x.x_px.to_bits() as u64,
            x.y_px.to_bits() as u64,
            x.diameter_mm.to_bits() as u64,
            x.shade.to_bits() as u64,
            x.session as u64,
        ])
    });
    (dots.dots.len(), h)
}

#[test]
fn sample_designs_give_the_recorded_dots() {
    let got: Vec<(&str, (usize, u64))> = [
        "shaved-soft-hairline",
        "fut-scar-camouflage",
        "crown-density",
        "defined-widows-peak",
    ]
    .iter()
    .map(|n| (*n, fingerprint(n)))
    .collect();
    if std::env::var_os("HAIRLINE_PRINT_GOLDEN").is_some() {
        println!("{got:#x?}");
    }
    let expected: [(&str, (usize, u64)); 4] = GOLDEN;
    assert_eq!(got, expected);
}

/// Dot counts and fingerprints recorded on 2026-11-23 (x86_64 Linux).
const GOLDEN: [(&str, (usize, u64)); 4] = [
    ("shaved-soft-hairline", (0x203f, 0xbff3_8c0f_711b_4997)),
    ("fut-scar-camouflage", (0x5db, 0x3412_0788_3925_6c7e)),
    ("crown-density", (0xed1, 0xe92d_b231_8732_ba89)),
    ("defined-widows-peak", (0x2199, 0x6172_1fa9_f40d_7e82)),
];
