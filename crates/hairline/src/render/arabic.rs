//! Arabic letters take a different shape at the start, middle and end of a word. Fonts without a
//! shaping engine draw each letter's isolated form, which reads as a string of separate letters;
//! this maps each letter to its contextual presentation form (Unicode's Arabic Presentation
//! Forms-B, which DejaVu Sans has), including the lam-alef ligatures.

/// (letter, its isolated presentation form, joins to the letter after it too).
/// The forms follow in the order isolated, final, then initial, medial for dual-joining letters.
const LETTERS: [(char, u32, bool); 36] = [
    ('\u{0621}', 0xFE80, false), // hamza: isolated only
    ('\u{0622}', 0xFE81, false),
    ('\u{0623}', 0xFE83, false),
    ('\u{0624}', 0xFE85, false),
    ('\u{0625}', 0xFE87, false),
    ('\u{0626}', 0xFE89, true),
    ('\u{0627}', 0xFE8D, false),
    ('\u{0628}', 0xFE8F, true),
    ('\u{0629}', 0xFE93, false),
    ('\u{062A}', 0xFE95, true),
    ('\u{062B}', 0xFE99, true),
    ('\u{062C}', 0xFE9D, true),
    ('\u{062D}', 0xFEA1, true),
    ('\u{062E}', 0xFEA5, true),
    ('\u{062F}', 0xFEA9, false),
    ('\u{0630}', 0xFEAB, false),
    ('\u{0631}', 0xFEAD, false),
    ('\u{0632}', 0xFEAF, false),
    ('\u{0633}', 0xFEB1, true),
    ('\u{0634}', 0xFEB5, true),
    ('\u{0635}', 0xFEB9, true),
    ('\u{0636}', 0xFEBD, true),
    ('\u{0637}', 0xFEC1, true),
    ('\u{0638}', 0xFEC5, true),
    ('\u{0639}', 0xFEC9, true),
    ('\u{063A}', 0xFECD, true),
    ('\u{0641}', 0xFED1, true),
    ('\u{0642}', 0xFED5, true),
    ('\u{0643}', 0xFED9, true),
    ('\u{0644}', 0xFEDD, true),
    ('\u{0645}', 0xFEE1, true),
    ('\u{0646}', 0xFEE5, true),
    ('\u{0647}', 0xFEE9, true),
    ('\u{0648}', 0xFEED, false),
    ('\u{0649}', 0xFEEF, false),
    ('\u{064A}', 0xFEF1, true),
];

const LAM: char = '\u{0644}';
const TATWEEL: char = '\u{0640}';

/// Lam followed by one of these alefs becomes one ligature: (alef, isolated ligature form).
const LAM_ALEF: [(char, u32); 4] = [
    ('\u{0622}', 0xFEF5),
    ('\u{0623}', 0xFEF7),
    ('\u{0625}', 0xFEF9),
    ('\u{0627}', 0xFEFB),
];

fn letter(c: char) -> Option<(u32, bool)> {
    LETTERS
        .binary_search_by_key(&c, |&(l, _, _)| l)
        .ok()
        .map(|i| (LETTERS[i].1, LETTERS[i].2))
}

/// Vowel marks sit on a letter and do not break its joining.
fn is_transparent(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// Joins on its left (to the letter after it in reading order).
fn joins_forward(c: char) -> bool {
    c == TATWEEL || letter(c).is_some_and(|(_, dual)| dual)
}

/// Accepts a join from the letter before it.
fn joins_backward(c: char) -> bool {
    c == TATWEEL || (letter(c).is_some() && c != '\u{0621}')
}

/// `text` with each Arabic letter replaced by its contextual form; other text is unchanged.
pub fn join_forms(text: &str) -> String {
    if !text.chars().any(|c| letter(c).is_some()) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let neighbour = |from: usize, step: isize| -> Option<char> {
        let mut i = from as isize + step;
        while i >= 0 && (i as usize) < chars.len() {
            let c = chars[i as usize];
            if !is_transparent(c) {
                return Some(c);
            }
            i += step;
        }
        None
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let Some((isolated, dual)) = letter(c) else {
            out.push(c);
            i += 1;
            continue;
        };
        let after_join = neighbour(i, -1).is_some_and(joins_forward);
        let next = neighbour(i, 1);
        if c == LAM
            && let Some(&(_, lig)) = LAM_ALEF.iter().find(|(a, _)| Some(*a) == next)
        {
            out.extend(char::from_u32(lig + u32::from(after_join)));
            // Skip the alef (and any marks between, which are dropped with it).
            i += 1;
            while i < chars.len() && chars[i] != next.unwrap_or(c) {
                i += 1;
            }
            i += 1;
            continue;
        }
        let before_join = dual && next.is_some_and(joins_backward);
        let form = match (after_join && c != '\u{0621}', before_join) {
            (false, false) => 0,
            (true, false) => 1,
            (false, true) => 2,
            (true, true) => 3,
        };
        out.extend(char::from_u32(isolated + form));
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_take_their_place_in_the_word() {
        // محمد: meem initial, hah medial, meem medial, dal final.
        let shaped: Vec<u32> = join_forms("محمد").chars().map(|c| c as u32).collect();
        assert_eq!(shaped, vec![0xFEE3, 0xFEA4, 0xFEE4, 0xFEAA]);
        // A lone letter stays isolated; Latin text is untouched.
        assert_eq!(join_forms("م").chars().next(), Some('\u{FEE1}'));
        assert_eq!(join_forms("Ahmed"), "Ahmed");
    }

    #[test]
    fn lam_alef_becomes_one_ligature() {
        // الأحمد: alef isolated, then lam + alef-hamza as a ligature (isolated: alef does not join
        // forward), hah initial, meem medial, dal final.
        let shaped: Vec<u32> = join_forms("الأحمد").chars().map(|c| c as u32).collect();
        assert_eq!(shaped, vec![0xFE8D, 0xFEF7, 0xFEA3, 0xFEE4, 0xFEAA]);
    }

    #[test]
    fn the_table_is_sorted_for_searching() {
        assert!(LETTERS.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
