//! The window's fonts: egui's own, then the fonts the export captions use for other scripts, so
//! a client's name typed in Hebrew, Arabic, Chinese, Japanese or Korean shows in the studio as it
//! will in the exported record rather than as empty boxes. (egui draws the letters in typing
//! order: it has no right-to-left layout.)

use std::sync::Arc;

/// Adds the bundled fallback fonts after egui's defaults.
pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    let emoji = ("Noto Emoji", epaint_default_fonts::NOTO_EMOJI_REGULAR);
    for (name, bytes) in crate::render::EXTRA_FONTS.into_iter().chain([emoji]) {
        fonts
            .font_data
            .insert(name.into(), Arc::new(egui::FontData::from_static(bytes)));
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            fonts.families.entry(family).or_default().push(name.into());
        }
    }
    ctx.set_fonts(fonts);
}
