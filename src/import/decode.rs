//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK
//! (and Big5) detected with `chardetng`, decoded with `encoding_rs`; any
//! other guess stops and asks for `--encoding`.

use encoding_rs::{BIG5, DecoderResult, Encoding, GB18030, GBK, UTF_8};

use super::ImportError;

/// Decoded text and the name of the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `gb18030`, `Big5` … (WHATWG names).
    pub encoding: &'static str,
    /// How many malformed sequences were replaced by U+FFFD (lossy only).
    pub replaced: usize,
}

/// Decodes `bytes`.
///
/// - `forced`: an encoding label (`utf-8`, `gbk`, `gb18030`, `utf-16le`,
///   `big5` … any WHATWG label); a BOM of that same encoding is removed.
/// - Otherwise: a BOM decides (UTF-8, UTF-16LE, UTF-16BE); else valid UTF-8
///   is UTF-8; else a NUL byte means binary (an error); else text that is
///   UTF-8 but for a few damaged bytes is UTF-8 (the error names the first
///   damaged byte); else `chardetng` guesses, and only a Chinese guess is
///   taken: GBK as GB18030 (a superset of GBK and GB2312), Big5 as Big5,
///   and only if the decoded text is mostly Han characters. Anything else
///   (Shift_JIS, EUC-KR, a European code page …) is not guessed at: the
///   error asks for `--encoding`. With `lossy` ("import it anyway") such
///   input is read as GB18030, as before.
/// - Malformed bytes are an error naming the byte offset, unless `lossy`, in
///   which case they become U+FFFD and are counted.
pub fn decode(bytes: &[u8], forced: Option<&str>, lossy: bool) -> Result<Decoded, ImportError> {
    let encoding = match forced {
        Some(label) => Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| ImportError::UnknownEncoding(label.to_string()))?,
        None => match Encoding::for_bom(bytes) {
            Some((enc, _)) => enc,
            None => sniff(bytes, lossy)?,
        },
    };
    let decoded = decode_as(bytes, encoding, lossy)?;
    let guessed = forced.is_none() && !lossy && (encoding == GB18030 || encoding == BIG5);
    if guessed && !mostly_han(&decoded.text) {
        return Err(unclear(encoding.name()));
    }
    Ok(decoded)
}

fn sniff(bytes: &[u8], lossy: bool) -> Result<&'static Encoding, ImportError> {
    let first_bad = match std::str::from_utf8(bytes) {
        Ok(_) => return Ok(UTF_8),
        Err(e) => e.valid_up_to(),
    };
    if let (Some(offset), false) = (bytes.iter().position(|&b| b == 0), lossy) {
        return Err(ImportError::Binary { offset });
    }
    if mostly_utf8(bytes) {
        return match lossy {
            true => Ok(UTF_8),
            false => Err(ImportError::Malformed {
                encoding: UTF_8.name(),
                offset: first_bad,
            }),
        };
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(None, chardetng::Utf8Detection::Allow);
    match guess {
        g if g == GBK || g == GB18030 => Ok(GB18030),
        g if g == BIG5 => Ok(BIG5),
        // "Import it anyway": as GB18030, undecodable bytes replaced.
        _ if lossy => Ok(GB18030),
        g => Err(unclear(g.name())),
    }
}

/// Whether `bytes` (not valid UTF-8) are UTF-8 text with a few damaged
/// bytes: at least eight well-formed multi-byte characters for each
/// damaged sequence. Text in a legacy encoding makes few well-formed
/// sequences and many damaged ones.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                good += std::str::from_utf8(valid)
                    .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                bad += 1;
                rest = &after[e.error_len().unwrap_or(after.len())..];
            }
        }
    }
    good > 0 && good >= bad * 8
}

/// Whether most letters of `text` beyond ASCII are Han characters (Chinese
/// punctuation and full-width forms do not count against it).
fn mostly_han(text: &str) -> bool {
    let (mut han, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic() && !c.is_ascii()) {
        if is_han(c) {
            han += 1;
        } else {
            other += 1;
        }
    }
    han >= other * 4
}

/// A Han character (the CJK unified ideograph blocks and compatibility
/// ideographs); kana and hangul are not.
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}'
            | '\u{20000}'..='\u{2fa1f}')
}

/// The error for input whose encoding is not clearly a Chinese one; the
/// caller (`cli`) adds the file's path.
fn unclear(guess: &str) -> ImportError {
    ImportError::Unclear {
        guess: guess.to_string(),
    }
}

fn decode_as(
    bytes: &[u8],
    encoding: &'static Encoding,
    lossy: bool,
) -> Result<Decoded, ImportError> {
    let mut decoder = encoding.new_decoder_with_bom_removal();
    let cap = decoder
        .max_utf8_buffer_length(bytes.len())
        .ok_or(ImportError::TooLarge)?;
    let mut text = String::with_capacity(cap);
    let mut replaced = 0;
    let mut input = bytes;
    let mut consumed = 0;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(input, &mut text, true);
        consumed += read;
        input = &input[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => text.reserve(input.len().saturating_mul(3) + 16),
            DecoderResult::Malformed(bad, extra) => {
                let offset = consumed - usize::from(bad) - usize::from(extra);
                if !lossy {
                    return Err(ImportError::Malformed {
                        encoding: encoding.name(),
                        offset,
                    });
                }
                replaced += 1;
                text.push('\u{fffd}');
            }
        }
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        replaced,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "桐柏路街道 支部联建聚合力 党建引领促提升\n为做实“挂图作战”。";

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode(SAMPLE.as_bytes(), None, false).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "UTF-8"));
        let mut b = vec![0xef, 0xbb, 0xbf];
        b.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(decode(&b, None, false).unwrap().text, SAMPLE);
    }

    #[test]
    fn utf16_with_bom() {
        for (enc, bom) in [
            (encoding_rs::UTF_16LE, [0xff, 0xfe]),
            (encoding_rs::UTF_16BE, [0xfe, 0xff]),
        ] {
            let mut b = bom.to_vec();
            for u in SAMPLE.encode_utf16() {
                let pair = if enc == encoding_rs::UTF_16LE {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                };
                b.extend_from_slice(&pair);
            }
            let d = decode(&b, None, false).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, enc.name()));
        }
    }

    #[test]
    fn gb18030_detected_and_forced() {
        let (b, _, _) = GB18030.encode(SAMPLE);
        assert!(std::str::from_utf8(&b).is_err());
        let d = decode(&b, None, false).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "gb18030"));
        let d = decode(&b, Some("GBK"), false).unwrap();
        assert_eq!(d.text, SAMPLE);
    }

    #[test]
    fn malformed_is_an_error_with_offset_unless_lossy() {
        let mut b = "中原区".as_bytes().to_vec();
        b.push(0xff);
        b.extend_from_slice("街道".as_bytes());
        match decode(&b, Some("utf-8"), false) {
            Err(ImportError::Malformed { offset, .. }) => assert_eq!(offset, 9),
            other => panic!("{other:?}"),
        }
        let d = decode(&b, Some("utf-8"), true).unwrap();
        assert_eq!((d.text.as_str(), d.replaced), ("中原区\u{fffd}街道", 1));
    }

    #[test]
    fn binary_and_unknown_labels() {
        let b = [0x00, 0x9f, 0x92, 0x96, 0xff, 0x00];
        assert!(matches!(
            decode(&b, None, false),
            Err(ImportError::Binary { offset: 0 })
        ));
        assert!(matches!(
            decode(b"x", Some("klingon"), false),
            Err(ImportError::UnknownEncoding(_))
        ));
    }
}
