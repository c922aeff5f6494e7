//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK
//! (and Big5) detected with `chardetng`, decoded with `encoding_rs`.

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_8};

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
///   is UTF-8; else a NUL byte means binary (an error); else `chardetng`
///   guesses, and anything but Big5 is read as GB18030 (a superset of GBK
///   and GB2312).
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
    decode_as(bytes, encoding, lossy)
}

fn sniff(bytes: &[u8], lossy: bool) -> Result<&'static Encoding, ImportError> {
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(UTF_8);
    }
    if let (Some(offset), false) = (bytes.iter().position(|&b| b == 0), lossy) {
        return Err(ImportError::Binary { offset });
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(None, chardetng::Utf8Detection::Allow);
    Ok(if guess == encoding_rs::BIG5 {
        guess
    } else {
        GB18030
    })
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
