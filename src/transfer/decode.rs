//! Turning a file's bytes into text.
//!
//! Spreadsheets save in whatever the machine likes: UTF-8 with or without
//! a byte-order mark, UTF-16 from Excel's "Unicode text", and Windows-1252
//! from older French Excel. A byte-order mark is believed; otherwise text
//! that is valid UTF-8 is read as UTF-8, and anything else as
//! Windows-1252, which gives a character for every byte, unless some of
//! its lines are UTF-8 with accents: such a file is refused, naming the
//! first lines of each kind, rather than read into mojibake.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::TransferError;

/// Decodes `bytes`, returning the text (without any byte-order mark) and
/// the name of the encoding it was read in.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, &'static str), TransferError> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        if encoding == UTF_8 {
            return std::str::from_utf8(body)
                .map(|s| (s.to_owned(), "UTF-8"))
                .map_err(|e| TransferError::NotUtf8 {
                    byte: e.valid_up_to() + bom + 1,
                });
        }
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            return Err(TransferError::Undecodable {
                encoding: encoding.name(),
            });
        }
        return Ok((text.into_owned(), encoding.name()));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), "UTF-8")),
        Err(_) => {
            let (utf8, other) = kinds_of_lines(bytes);
            if !utf8.is_empty() {
                return Err(TransferError::MixedEncoding { utf8, other });
            }
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok((text.into_owned(), "Windows-1252"))
        }
    }
}

/// How many lines of each kind a mixed-encoding refusal names.
const SHOWN_LINES: usize = 3;

/// In a file that is not UTF-8 as a whole, the first lines that are UTF-8
/// with accented letters, and the first lines that are not UTF-8 at all.
/// A file with lines of both kinds was pieced together from two sources;
/// reading it whole as Windows-1252 would turn `Côté` into `CÃ´tÃ©`.
fn kinds_of_lines(bytes: &[u8]) -> (Vec<usize>, Vec<usize>) {
    let mut utf8 = Vec::new();
    let mut other = Vec::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.is_ascii() {
            continue;
        }
        let list = if std::str::from_utf8(line).is_ok() {
            &mut utf8
        } else {
            &mut other
        };
        if list.len() < SHOWN_LINES {
            list.push(i + 1);
        }
        if utf8.len() == SHOWN_LINES && other.len() == SHOWN_LINES {
            break;
        }
    }
    (utf8, other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Côté".as_bytes()).unwrap(), ("Côté".into(), "UTF-8"));
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Nom;Téléphone".as_bytes());
        assert_eq!(decode(&b).unwrap().0, "Nom;Téléphone");
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        // "Côté; Œuvre €" in Windows-1252.
        let b = [
            0x43, 0xF4, 0x74, 0xE9, 0x3B, 0x20, 0x8C, 0x75, 0x76, 0x72, 0x65, 0x20, 0x80,
        ];
        assert_eq!(
            decode(&b).unwrap(),
            ("Côté; Œuvre €".into(), "Windows-1252")
        );
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Nom\tVille".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b).unwrap(), ("Nom\tVille".into(), "UTF-16LE"));
    }

    #[test]
    fn a_false_utf8_bom_is_an_error() {
        let b = [0xEF, 0xBB, 0xBF, b'a', 0xFF];
        let e = decode(&b).unwrap_err().to_string();
        assert!(e.contains("byte 5"), "{e}");
    }

    #[test]
    fn a_file_mixing_utf8_and_windows_1252_lines_is_refused() {
        let mut b = b"Name,City\n".to_vec();
        b.extend_from_slice("Côté inc.,Laval\n".as_bytes());
        b.extend_from_slice(b"Gagn\xe9 lt\xe9e,Qu\xe9bec\n");
        b.extend_from_slice("Bérubé,Lévis\n".as_bytes());
        match decode(&b) {
            Err(TransferError::MixedEncoding { utf8, other }) => {
                assert_eq!(utf8, [2, 4]);
                assert_eq!(other, [3]);
            }
            r => panic!("{r:?}"),
        }
    }
}
