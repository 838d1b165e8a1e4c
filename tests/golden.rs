//! Reproducibility: the same design gives the same dots on every machine and after dependency
//! upgrades. If one of these fails, saved designs would show different dots than when they were
//! made: find out why before touching the expected values.

mod common;

use hairline::density::DensityField;
use hairline::design::Layout;
use hairline::dots::{construct_tile_bytes, generate, shipped_tile_bytes};
use hairline::noise::hash;

/// Rebuilds a layout's tile from its construction and compares every bit with the shipped file
/// (`HAIRLINE_WRITE_TILE=1` writes it instead, after a deliberate change of construction).
fn shipped_tile_matches_its_construction(layout: Layout, file: &str) {
    let built = construct_tile_bytes(layout);
    if std::env::var_os("HAIRLINE_WRITE_TILE").is_some() {
        std::fs::write(common::root().join("assets").join(file), &built).expect("write tile");
    }
    assert_eq!(built.len(), shipped_tile_bytes(layout).len(), "tile size");
    assert!(
        built == shipped_tile_bytes(layout),
        "assets/{file} differs from its construction"
    );
}

#[test]
fn shipped_layout_1_tile_matches_its_construction() {
    shipped_tile_matches_its_construction(Layout::V1, "blue-noise-tile.bin");
}

#[test]
fn shipped_layout_2_tile_matches_its_construction() {
    shipped_tile_matches_its_construction(Layout::V2, "dot-layout-2.bin");
}

/// A fingerprint of every dot's position, size, shade and session.
fn fingerprint(name: &str, layout: Layout) -> (usize, u64) {
    let d = match layout {
        // The samples exactly as they were saved before layout 2 existed (format 2, no `layout`
        // field, 2025 needles): an old design file as a practitioner has it.
        Layout::V1 => common::load(
            &common::root()
                .join("tests/data/layout-1")
                .join(format!("{name}.json")),
        ),
        Layout::V2 => common::sample(name),
    };
    assert_eq!(d.layout, layout, "{name}");
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

fn fingerprints(layout: Layout) -> Vec<(&'static str, (usize, u64))> {
    let got: Vec<(&str, (usize, u64))> = [
        "shaved-soft-hairline",
        "fut-scar-camouflage",
        "crown-density",
        "defined-widows-peak",
    ]
    .iter()
    .map(|n| (*n, fingerprint(n, layout)))
    .collect();
    if std::env::var_os("HAIRLINE_PRINT_GOLDEN").is_some() {
        println!("layout {}: {got:#x?}", layout.number());
    }
    got
}

#[test]
fn sample_designs_give_the_recorded_dots() {
    assert_eq!(fingerprints(Layout::V2), GOLDEN_LAYOUT_2);
}

/// A design saved with layout 1 (a file from before layouts, which names none) keeps the very
/// dots it was shown and exported with.
#[test]
fn sample_designs_on_layout_1_give_the_dots_recorded_before_layout_2() {
    assert_eq!(fingerprints(Layout::V1), GOLDEN);
}

/// Layout 1 dot counts and fingerprints recorded on 2026-11-23 (x86_64 Linux), before layout 2.
const GOLDEN: [(&str, (usize, u64)); 4] = [
    ("shaved-soft-hairline", (0x203f, 0xbff3_8c0f_711b_4997)),
    ("fut-scar-camouflage", (0x5db, 0x3412_0788_3925_6c7e)),
    ("crown-density", (0xed1, 0xe92d_b231_8732_ba89)),
    ("defined-widows-peak", (0x2199, 0x6172_1fa9_f40d_7e82)),
];

/// Layout 2 dot counts and fingerprints recorded on 2026-11-30 (x86_64 Linux), with the samples'
/// needles within 0.18-0.30 mm; again on 2026-12-01, the samples' side and scar zones kept a
/// feather's width inside the head's outline (their impressions had spilled off the head).
const GOLDEN_LAYOUT_2: [(&str, (usize, u64)); 4] = [
    ("shaved-soft-hairline", (0x1da9, 0x46a7_c30d_1918_c359)),
    ("fut-scar-camouflage", (0x382, 0xb32f_6124_c5b0_fa98)),
    ("crown-density", (0xec5, 0x54f0_b4db_3ee6_8ddf)),
    ("defined-widows-peak", (0x1f1c, 0x7a8b_98ca_767b_7e67)),
];
