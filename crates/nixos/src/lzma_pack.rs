//! Packing for `lzma.rs`: the browser build's `build.rs` packs the embedded
//! tree with this, and the decoder's tests pack their inputs with it too.

use std::io::Write;

/// `data` as an LZMA-alone stream, at xz's strongest preset with the
/// literal coder set for text (lc=3, lp=0, pb=0).
pub fn pack(data: &[u8]) -> Vec<u8> {
    let mut options = xz2::stream::LzmaOptions::new_preset(9 | 0x8000_0000).expect("LZMA preset");
    options.literal_context_bits(3).literal_position_bits(0).position_bits(0);
    let stream = xz2::stream::Stream::new_lzma_encoder(&options).expect("LZMA encoder");
    let mut encoder = xz2::write::XzEncoder::new_stream(Vec::new(), stream);
    encoder.write_all(data).expect("LZMA compression");
    encoder.finish().expect("LZMA compression")
}
