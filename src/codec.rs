//! The one module that turns values into bytes and back.
//!
//! Everything cabinet stores or sends goes through here: database records
//! and protocol frames alike. Records are wrapped in an envelope, one
//! format byte followed by the bincode body, so that a later version can
//! recognise an older layout and migrate it, or swap bincode out, without
//! touching any other module.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The envelope's format byte for the current record layout.
pub const FORMAT: u8 = 1;

/// The largest value the codec will decode: nothing can make a reader
/// allocate more than this.
pub(crate) const MAX_VALUE: usize = 64 * 1024 * 1024;

type Config = bincode::config::Configuration<
    bincode::config::LittleEndian,
    bincode::config::Varint,
    bincode::config::Limit<MAX_VALUE>,
>;

fn config() -> Config {
    bincode::config::standard().with_limit::<MAX_VALUE>()
}

/// The largest protocol frame body: a frame may not make its reader
/// allocate more than this, whatever lengths it claims inside.
pub(crate) const MAX_FRAME: usize = 16 * 1024 * 1024;

/// The most the decoder counts against its limit for one byte of input:
/// it counts each number at its size in memory (8 bytes for a `u64`),
/// however few bytes the number took on the wire. Strings and byte
/// strings count their length, which an honest frame also carries.
const CLAIM_PER_BYTE: usize = 8;

/// Decodes a frame body with a limit of `L` claimed bytes.
fn decode_frame_within<T: DeserializeOwned, const L: usize>(
    body: &[u8],
) -> Result<(T, usize), bincode::error::DecodeError> {
    bincode::serde::decode_from_slice::<T, _>(body, bincode::config::standard().with_limit::<L>())
}

/// Why bytes could not be turned back into a value.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CodecError {
    #[error("empty value")]
    Empty,
    #[error(
        "unknown format {found} (this build reads format {FORMAT}); it was written by a newer cabinet"
    )]
    NewerFormat { found: u8 },
    #[error("undecodable value: {0}")]
    Corrupt(String),
    #[error("{0} bytes left over after the value")]
    Trailing(usize),
}

/// Encodes a value inside the envelope.
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = vec![FORMAT];
    encode_into(value, &mut out);
    out
}

/// Decodes an enveloped value, refusing unknown formats and trailing bytes.
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    let (&format, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    if format != FORMAT {
        return Err(CodecError::NewerFormat { found: format });
    }
    decode_body(body)
}

/// Encodes a bare value (no envelope), appending to `out`. Used for
/// protocol frames, whose version is settled once by the handshake.
pub fn encode_into<T: Serialize>(value: &T, out: &mut Vec<u8>) {
    // Writing to a Vec cannot fail, and every type cabinet encodes is
    // serialisable (no maps with non-string keys, no `deserialize_any`).
    match bincode::serde::encode_into_std_write(value, out, config()) {
        Ok(_) => {}
        Err(e) => unreachable!("encoding a cabinet value cannot fail: {e}"),
    }
}

/// Decodes a bare value that must use every byte given.
pub(crate) fn decode_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, CodecError> {
    let (value, used) = bincode::serde::decode_from_slice::<T, _>(body, config())
        .map_err(|e| CodecError::Corrupt(e.to_string()))?;
    if used != body.len() {
        return Err(CodecError::Trailing(body.len() - used));
    }
    Ok(value)
}

/// Decodes a protocol frame body that must use every byte given.
///
/// The decoder's limit follows the frame's length on the wire: every
/// frame within [`MAX_FRAME`] decodes, whatever mix of numbers and text it
/// holds, while a small frame claiming a huge string or list is refused
/// before anything near that size is allocated (at most
/// `CLAIM_PER_BYTE` times the frame, rounded up to a step).
pub(crate) fn decode_frame<T: DeserializeOwned>(body: &[u8]) -> Result<T, CodecError> {
    let budget = body.len().saturating_mul(CLAIM_PER_BYTE);
    let decoded = if budget <= 1 << 16 {
        decode_frame_within::<T, { 1 << 16 }>(body)
    } else if budget <= 1 << 20 {
        decode_frame_within::<T, { 1 << 20 }>(body)
    } else if budget <= 1 << 24 {
        decode_frame_within::<T, { 1 << 24 }>(body)
    } else {
        decode_frame_within::<T, { CLAIM_PER_BYTE * MAX_FRAME }>(body)
    };
    let (value, used) = decoded.map_err(|e| CodecError::Corrupt(e.to_string()))?;
    if used != body.len() {
        return Err(CodecError::Trailing(body.len() - used));
    }
    Ok(value)
}

/// Decodes the value at the start of a frame body, ignoring what
/// follows: enough to learn a call's id from a request that cannot be
/// read whole.
pub(crate) fn decode_frame_prefix<T: DeserializeOwned>(body: &[u8]) -> Result<T, CodecError> {
    decode_frame_within::<T, { 1 << 16 }>(body)
        .map(|(value, _)| value)
        .map_err(|e| CodecError::Corrupt(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Client, DocStatus, Document};

    #[test]
    fn round_trip_with_dates() {
        let mut c = Client::new("Côté & fils");
        c.documents.push(Document {
            id: 0,
            title: "T4".into(),
            sent: jiff::civil::date(2026, 2, 28),
            status: DocStatus::Received,
            note: String::new(),
        });
        let bytes = encode(&c);
        assert_eq!(bytes[0], FORMAT);
        assert_eq!(decode::<Client>(&bytes), Ok(c));
    }

    #[test]
    fn refuses_bad_envelopes() {
        assert_eq!(decode::<u32>(&[]), Err(CodecError::Empty));
        assert_eq!(
            decode::<u32>(&[9, 1]),
            Err(CodecError::NewerFormat { found: 9 })
        );
        assert!(matches!(
            decode::<u32>(&[FORMAT, 1, 2]),
            Err(CodecError::Trailing(1))
        ));
        assert!(matches!(
            decode::<String>(&[FORMAT, 200]),
            Err(CodecError::Corrupt(_))
        ));
    }

    #[test]
    fn a_huge_length_prefix_does_not_allocate() {
        // A string claiming 2^60 bytes must fail, not abort on allocation.
        let mut bytes = vec![FORMAT, 255];
        bytes.extend_from_slice(&(1u64 << 60).to_le_bytes());
        assert!(decode::<String>(&bytes).is_err());
    }

    #[test]
    fn a_frame_cannot_claim_more_than_the_frame_limit() {
        // 20 MiB claimed inside a tiny frame: over MAX_FRAME, refused.
        let mut body = vec![252];
        body.extend_from_slice(&(20u32 * 1024 * 1024).to_le_bytes());
        assert!(matches!(
            decode_frame::<Vec<u8>>(&body),
            Err(CodecError::Corrupt(_))
        ));
        let mut out = Vec::new();
        encode_into(&"bonjour".to_string(), &mut out);
        assert_eq!(decode_frame::<String>(&out), Ok("bonjour".to_string()));
    }

    #[test]
    fn a_frame_within_the_limit_decodes_whatever_it_holds() {
        // Three million small numbers: about 3 MB on the wire, but 24 MB
        // at their size in memory, which a limit on claimed bytes refused.
        let numbers: Vec<u64> = (0..3_000_000u64).map(|i| i % 100).collect();
        let mut out = Vec::new();
        encode_into(&numbers, &mut out);
        assert!(out.len() < MAX_FRAME);
        assert_eq!(decode_frame::<Vec<u64>>(&out), Ok(numbers));
        // And a tiny frame may not claim a string far beyond its size.
        let mut body = vec![252];
        body.extend_from_slice(&(1u32 << 20).to_le_bytes());
        assert!(matches!(
            decode_frame::<String>(&body),
            Err(CodecError::Corrupt(m)) if m.contains("Limit")
        ));
    }
}
