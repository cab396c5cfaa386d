//! A file to import, read as a stream of UTF-8 text.
//!
//! Spreadsheets save in whatever the machine likes: UTF-8 with or without
//! a byte-order mark, UTF-16 from Excel's "Unicode text", and Windows-1252
//! from older French Excel. A byte-order mark is believed; otherwise text
//! that is valid UTF-8 is read as UTF-8, and anything else as
//! Windows-1252, unless some of its lines are UTF-8 with accents: such a
//! file is refused, naming the first lines of each kind, rather than read
//! into mojibake. The file is never held whole: a first pass checks
//! UTF-8 a block at a time, then the file is read again from the start,
//! decoded as it goes. So an import costs a few blocks of memory for the
//! file, whatever its size.

use std::cell::Cell;
use std::io::{self, Read, Seek, SeekFrom};
use std::rc::Rc;

use encoding_rs::{Decoder, DecoderResult, Encoding, UTF_8, WINDOWS_1252};

use super::{MAX_FILE, TransferError};

/// How much of the file is read at a time.
const BLOCK: usize = 64 * 1024;

/// A file opened for import: its bytes, and how many there are.
pub(crate) struct Input<R> {
    file: R,
    size: u64,
}

impl<R: Read + Seek + 'static> Input<R> {
    /// Takes a file of `size` bytes, refusing at once one over
    /// [`MAX_FILE`].
    pub(crate) fn new(file: R, size: u64) -> Result<Self, TransferError> {
        if size > MAX_FILE {
            return Err(TransferError::TooLarge { size });
        }
        Ok(Input { file, size })
    }

    /// The file's size in bytes.
    pub(crate) fn size(&self) -> u64 {
        self.size
    }

    /// Finds the encoding and returns the file as UTF-8 text, with the
    /// encoding's name. `read` counts the file's bytes as they are read.
    pub(crate) fn text(
        mut self,
        read: Rc<Cell<u64>>,
    ) -> Result<(Box<dyn Read>, &'static str), TransferError> {
        let mut head = [0u8; 3];
        let n = read_full(&mut self.file, &mut head)?;
        let (encoding, bom) = match Encoding::for_bom(&head[..n]) {
            Some((e, bom)) => (Some(e), bom),
            None => (None, 0),
        };
        let encoding = match encoding {
            Some(e) if e == UTF_8 => {
                if let Some(bad) = first_bad_utf8(&mut self.file, bom as u64)? {
                    return Err(TransferError::NotUtf8 {
                        byte: bad as usize + 1,
                    });
                }
                UTF_8
            }
            Some(e) => e,
            None => match first_bad_utf8(&mut self.file, 0)? {
                None => UTF_8,
                Some(_) => {
                    // Not UTF-8 as a whole: refused if some lines are.
                    let (utf8, other) = kinds_of_lines(&mut self.file)?;
                    if !utf8.is_empty() {
                        return Err(TransferError::MixedEncoding { utf8, other });
                    }
                    WINDOWS_1252
                }
            },
        };
        self.file.seek(SeekFrom::Start(bom as u64))?;
        let counted = Counted {
            inner: self.file,
            read,
        };
        let name = match encoding {
            e if e == UTF_8 => "UTF-8",
            e if e == WINDOWS_1252 => "Windows-1252",
            e => e.name(),
        };
        if encoding == UTF_8 {
            return Ok((Box::new(io::BufReader::with_capacity(BLOCK, counted)), name));
        }
        Ok((
            Box::new(Decoding {
                inner: counted,
                decoder: encoding.new_decoder_without_bom_handling(),
                name: encoding.name(),
                input: vec![0; BLOCK],
                start: 0,
                end: 0,
                output: vec![0; BLOCK * 3 + 16],
                out_start: 0,
                out_end: 0,
                eof: false,
                done: false,
            }),
            name,
        ))
    }
}

impl Input<io::Cursor<Vec<u8>>> {
    /// Bytes already in memory.
    pub(crate) fn bytes(bytes: Vec<u8>) -> Result<Self, TransferError> {
        let size = bytes.len() as u64;
        Input::new(io::Cursor::new(bytes), size)
    }
}

/// How many lines of each kind a mixed-encoding refusal names.
const SHOWN_LINES: usize = 3;

/// In a file that is not UTF-8 as a whole, the first lines that are UTF-8
/// with accented letters, and the first lines that are not UTF-8 at all,
/// read a block at a time. A file with lines of both kinds was pieced
/// together from two sources; reading it whole as Windows-1252 would turn
/// `Côté` into `CÃ´tÃ©`.
fn kinds_of_lines(r: &mut (impl Read + Seek)) -> io::Result<(Vec<usize>, Vec<usize>)> {
    r.seek(SeekFrom::Start(0))?;
    let (mut utf8, mut other) = (Vec::new(), Vec::new());
    let mut line = 1usize;
    // Continuation bytes still expected, and what the line holds so far.
    let (mut need, mut accented, mut bad) = (0u8, false, false);
    let mut finish = |line: usize, accented: bool, bad: bool| {
        let list = if bad {
            &mut other
        } else if accented {
            &mut utf8
        } else {
            return;
        };
        if list.len() < SHOWN_LINES {
            list.push(line);
        }
    };
    let mut buf = vec![0u8; BLOCK];
    loop {
        let n = read_full(r, &mut buf)?;
        for &b in &buf[..n] {
            if b == b'\n' {
                finish(line, accented, bad || need > 0);
                line += 1;
                (need, accented, bad) = (0, false, false);
                continue;
            }
            if need > 0 {
                if b & 0xC0 == 0x80 {
                    need -= 1;
                    continue;
                }
                bad = true;
                need = 0;
            }
            match b {
                0x00..=0x7F => {}
                0xC2..=0xDF => (need, accented) = (1, true),
                0xE0..=0xEF => (need, accented) = (2, true),
                0xF0..=0xF4 => (need, accented) = (3, true),
                _ => bad = true,
            }
        }
        if n < buf.len() {
            break;
        }
    }
    finish(line, accented, bad || need > 0);
    Ok((utf8, other))
}

/// Reads until `buf` is full or the file ends; returns how many bytes.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// The offset of the first byte from `from` on that is not UTF-8, if any.
fn first_bad_utf8(r: &mut (impl Read + Seek), from: u64) -> io::Result<Option<u64>> {
    r.seek(SeekFrom::Start(from))?;
    let mut buf = vec![0u8; BLOCK + 4];
    let mut carry = 0;
    let mut offset = from;
    loop {
        let n = read_full(r, &mut buf[carry..carry + BLOCK])?;
        let len = carry + n;
        if len == 0 {
            return Ok(None);
        }
        match std::str::from_utf8(&buf[..len]) {
            Ok(_) => carry = 0,
            Err(e) => {
                // An incomplete character at the end of the block is
                // finished by the next one, unless the file ends here.
                if e.error_len().is_some() || n == 0 {
                    return Ok(Some(offset + e.valid_up_to() as u64));
                }
                let valid = e.valid_up_to();
                buf.copy_within(valid..len, 0);
                carry = len - valid;
                offset += valid as u64;
                continue;
            }
        }
        offset += len as u64;
        if n == 0 {
            return Ok(None);
        }
    }
}

/// Counts the bytes read through it.
struct Counted<R> {
    inner: R,
    read: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

/// Text in another encoding than UTF-8, decoded a block at a time.
struct Decoding<R> {
    inner: R,
    decoder: Decoder,
    name: &'static str,
    input: Vec<u8>,
    start: usize,
    end: usize,
    output: Vec<u8>,
    out_start: usize,
    out_end: usize,
    eof: bool,
    done: bool,
}

/// Bytes that do not decode in the encoding their byte-order mark names.
#[derive(Debug)]
pub(crate) struct Undecodable(pub(crate) &'static str);

impl std::fmt::Display for Undecodable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the text does not decode as {}", self.0)
    }
}

impl std::error::Error for Undecodable {}

impl<R: Read> Read for Decoding<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out_start == self.out_end {
            if self.done {
                return Ok(0);
            }
            if self.start == self.end && !self.eof {
                self.start = 0;
                self.end = read_full(&mut self.inner, &mut self.input)?;
                self.eof = self.end < self.input.len();
            }
            let last = self.eof;
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.input[self.start..self.end],
                &mut self.output,
                last,
            );
            self.start += read;
            self.out_start = 0;
            self.out_end = written;
            match result {
                DecoderResult::Malformed(..) => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        Undecodable(self.name),
                    ));
                }
                DecoderResult::InputEmpty if last => self.done = true,
                _ => {}
            }
        }
        let n = buf.len().min(self.out_end - self.out_start);
        buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
        self.out_start += n;
        Ok(n)
    }
}

/// The encoding an I/O error says the text did not decode in, if that is
/// what it says.
pub(crate) fn undecodable(e: &io::Error) -> Option<&'static str> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<Undecodable>())
        .map(|u| u.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> Result<(String, &'static str), TransferError> {
        let (mut r, name) = Input::bytes(bytes.to_vec())?.text(Rc::default())?;
        let mut s = String::new();
        r.read_to_string(&mut s)
            .map_err(|e| match undecodable(&e) {
                Some(encoding) => TransferError::Undecodable { encoding },
                None => TransferError::Io(e),
            })?;
        Ok((s, name))
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(text("Côté".as_bytes()).unwrap(), ("Côté".into(), "UTF-8"));
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Nom;Téléphone".as_bytes());
        assert_eq!(text(&b).unwrap().0, "Nom;Téléphone");
        assert_eq!(text(b"").unwrap(), (String::new(), "UTF-8"));
        // Far beyond one block, a character split between two blocks.
        let long = "Côté;Québec\r\n".repeat(20_000);
        assert_eq!(text(long.as_bytes()).unwrap(), (long, "UTF-8"));
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        // "Côté; Œuvre €" in Windows-1252.
        let b = [
            0x43, 0xF4, 0x74, 0xE9, 0x3B, 0x20, 0x8C, 0x75, 0x76, 0x72, 0x65, 0x20, 0x80,
        ];
        assert_eq!(text(&b).unwrap(), ("Côté; Œuvre €".into(), "Windows-1252"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        let s = "Nom\tVille\r\nCôté\tLévis".repeat(9000);
        for u in s.encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(text(&b).unwrap(), (s, "UTF-16LE"));
    }

    #[test]
    fn a_file_mixing_utf8_and_windows_1252_lines_is_refused() {
        let mut b = b"Name,City\n".to_vec();
        b.extend_from_slice("Côté inc.,Laval\n".as_bytes());
        b.extend_from_slice(b"Gagn\xe9 lt\xe9e,Qu\xe9bec\n");
        b.extend_from_slice("Bérubé,Lévis\n".as_bytes());
        match text(&b) {
            Err(TransferError::MixedEncoding { utf8, other }) => {
                assert_eq!(utf8, [2, 4]);
                assert_eq!(other, [3]);
            }
            r => panic!("{r:?}"),
        }
        // A Windows-1252 byte far into a UTF-8 file, beyond the first block.
        let mut long = "Côté;Québec\r\n".repeat(20_000).into_bytes();
        long.push(0xE9);
        assert!(matches!(
            text(&long),
            Err(TransferError::MixedEncoding { utf8, other })
                if utf8 == [1, 2, 3] && other == [20_001]
        ));
    }

    #[test]
    fn a_false_utf8_bom_names_the_byte() {
        let b = [0xEF, 0xBB, 0xBF, b'a', 0xFF];
        let e = text(&b).unwrap_err().to_string();
        assert!(e.contains("byte 5"), "{e}");
    }

    #[test]
    fn a_broken_utf16_file_is_undecodable() {
        let b = [0xFF, 0xFE, b'a', 0x00, 0x00, 0xDC];
        assert!(matches!(
            text(&b),
            Err(TransferError::Undecodable {
                encoding: "UTF-16LE"
            })
        ));
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_reading() {
        let e = Input::new(io::Cursor::new(Vec::new()), MAX_FILE + 1)
            .err()
            .unwrap();
        assert!(matches!(e, TransferError::TooLarge { size } if size == MAX_FILE + 1));
    }
}
