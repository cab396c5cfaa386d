//! Frames: how messages are cut out of the socket's byte stream.
//!
//! A frame is a 4-byte little-endian length `N` followed by `N` bytes of
//! bincode (through [`crate::codec`], without the record envelope). `N` is
//! at least 1 and at most [`MAX_FRAME`]; a reader checks the length before
//! allocating anything, and decodes with the same limit, so no peer can
//! make the other side allocate more than that.

use std::io::{self, Read, Write};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::codec;

/// The largest frame body, in bytes (16 MiB).
pub const MAX_FRAME: usize = codec::MAX_FRAME;

/// Bytes in a frame's length prefix.
pub(crate) const HEADER: usize = 4;

/// Why a frame could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    /// The peer closed the connection between two frames.
    #[error("the connection was closed")]
    Closed,
    /// The peer closed the connection in the middle of a frame.
    #[error("the connection was closed in the middle of a frame")]
    Truncated,
    #[error("a frame of {len} bytes is over the {max}-byte limit")]
    TooLarge { len: usize, max: usize },
    #[error("an empty frame")]
    Empty,
    #[error("a frame that does not decode: {0}")]
    Undecodable(#[from] codec::CodecError),
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl FrameError {
    /// True when the peer broke the protocol, as opposed to the connection
    /// ending or failing.
    pub(crate) fn is_violation(&self) -> bool {
        matches!(
            self,
            FrameError::TooLarge { .. } | FrameError::Empty | FrameError::Undecodable(_)
        )
    }
}

/// Encodes a value as one whole frame, length prefix included.
pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, FrameError> {
    let mut out = vec![0; HEADER];
    codec::encode_into(value, &mut out);
    let len = out.len() - HEADER;
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge {
            len,
            max: MAX_FRAME,
        });
    }
    out[..HEADER].copy_from_slice(&(len as u32).to_le_bytes());
    Ok(out)
}

/// Writes a value as one frame, in a single write call.
pub fn write<T: Serialize>(w: &mut impl Write, value: &T) -> Result<(), FrameError> {
    let bytes = encode(value)?;
    w.write_all(&bytes)?;
    w.flush()?;
    Ok(())
}

/// Reads one frame and decodes it.
pub fn read<T: DeserializeOwned>(r: &mut impl Read) -> Result<T, FrameError> {
    let body = read_body(r)?;
    Ok(codec::decode_frame(&body)?)
}

/// Reads one frame's body, checking its length before allocating.
pub(crate) fn read_body(r: &mut impl Read) -> Result<Vec<u8>, FrameError> {
    let mut header = [0u8; HEADER];
    let mut got = 0;
    while got < HEADER {
        match r.read(&mut header[got..]) {
            Ok(0) if got == 0 => return Err(FrameError::Closed),
            Ok(0) => return Err(FrameError::Truncated),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    let len = u32::from_le_bytes(header) as usize;
    if len == 0 {
        return Err(FrameError::Empty);
    }
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge {
            len,
            max: MAX_FRAME,
        });
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof => FrameError::Truncated,
        _ => FrameError::Io(e),
    })?;
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut wire = Vec::new();
        write(&mut wire, &("Côté", 42u64)).unwrap();
        write(&mut wire, &7u8).unwrap();
        let mut r = wire.as_slice();
        assert_eq!(
            read::<(String, u64)>(&mut r).unwrap(),
            ("Côté".to_string(), 42)
        );
        assert_eq!(read::<u8>(&mut r).unwrap(), 7);
        assert!(matches!(read::<u8>(&mut r), Err(FrameError::Closed)));
    }

    #[test]
    fn refuses_bad_frames_without_allocating() {
        let huge = ((MAX_FRAME + 1) as u32).to_le_bytes();
        assert!(matches!(
            read_body(&mut &huge[..]),
            Err(FrameError::TooLarge { .. })
        ));
        assert!(matches!(
            read_body(&mut &[0u8, 0, 0, 0][..]),
            Err(FrameError::Empty)
        ));
        assert!(matches!(
            read_body(&mut &[5u8, 0, 0, 0, 1][..]),
            Err(FrameError::Truncated)
        ));
        assert!(matches!(
            read_body(&mut &[5u8, 0][..]),
            Err(FrameError::Truncated)
        ));
        let mut garbage = &[3u8, 0, 0, 0, 0xff, 0xff, 0xff][..];
        assert!(matches!(
            read::<String>(&mut garbage),
            Err(FrameError::Undecodable(_))
        ));
        assert!(FrameError::Empty.is_violation());
        assert!(!FrameError::Closed.is_violation());
    }

    #[test]
    fn refuses_to_write_an_oversized_frame() {
        let big = vec![1u8; MAX_FRAME + 1];
        assert!(matches!(encode(&big), Err(FrameError::TooLarge { .. })));
    }
}
