//! A decoder of LZMA streams in the "LZMA alone" format (what `xz
//! --format=lzma` writes), after the reference decoder of the LZMA SDK
//! (`LzmaSpec.cpp`). The browser build stores the embedded tree compressed
//! so (`build.rs`): LZMA packs the Nix text into about 13 KB less than the
//! gzip that serves the wasm would, for a decoder of about 2 KB.

/// Reads bits from the range-coded input.
struct Ranges<'a> {
    input: &'a [u8],
    pos: usize,
    range: u32,
    code: u32,
}

impl Ranges<'_> {
    fn byte(&mut self) -> u32 {
        let b = self.input.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        u32::from(b)
    }

    fn normalize(&mut self) {
        if self.range < 1 << 24 {
            self.range <<= 8;
            self.code = (self.code << 8) | self.byte();
        }
    }

    /// One bit under the adaptive probability `prob` (of a 0, in 2048ths).
    fn bit(&mut self, prob: &mut u16) -> usize {
        let bound = (self.range >> 11) * u32::from(*prob);
        let bit = if self.code < bound {
            *prob += (2048 - *prob) >> 5;
            self.range = bound;
            0
        } else {
            *prob -= *prob >> 5;
            self.code -= bound;
            self.range -= bound;
            1
        };
        self.normalize();
        bit
    }

    /// `count` bits of probability one half, most significant first.
    fn direct(&mut self, count: usize) -> usize {
        let mut res = 0;
        for _ in 0..count {
            self.range >>= 1;
            let bit = usize::from(self.code >= self.range);
            if bit == 1 {
                self.code -= self.range;
            }
            res = (res << 1) | bit;
            self.normalize();
        }
        res
    }

    /// A `count`-bit number coded by the bit tree `probs`, most significant bit first.
    fn tree(&mut self, probs: &mut [u16], count: usize) -> usize {
        let mut m = 1;
        for _ in 0..count {
            m = (m << 1) | self.bit(&mut probs[m]);
        }
        m - (1 << count)
    }

    /// A `count`-bit number coded by the bit tree `probs`, least significant bit first.
    fn reverse(&mut self, probs: &mut [u16], count: usize) -> usize {
        let (mut m, mut sym) = (1, 0);
        for i in 0..count {
            let bit = self.bit(&mut probs[m]);
            m = (m << 1) | bit;
            sym |= bit << i;
        }
        sym
    }

    /// A match length minus 2, from a length coder laid out as: choice,
    /// choice 2, 16 low trees of 8, 16 middle trees of 8, one high tree of 256.
    fn length(&mut self, probs: &mut [u16], pos_state: usize) -> usize {
        if self.bit(&mut probs[0]) == 0 {
            self.tree(&mut probs[2 + pos_state * 8..], 3)
        } else if self.bit(&mut probs[1]) == 0 {
            8 + self.tree(&mut probs[130 + pos_state * 8..], 3)
        } else {
            16 + self.tree(&mut probs[258..], 8)
        }
    }
}

/// The first `size` bytes that the LZMA-alone `stream` holds (the size in
/// its header is not read). The stream comes from this program's own build,
/// so damage is not reported: the output would just be wrong.
pub fn decode(stream: &[u8], size: usize) -> Vec<u8> {
    let props = usize::from(stream[0]);
    let (lc, lp, pb) = (props % 9, props / 9 % 5, props / 45);
    let mut rc = Ranges { input: &stream[13..], pos: 1, range: u32::MAX, code: 0 };
    for _ in 0..4 {
        rc.code = (rc.code << 8) | rc.byte();
    }
    let probs = |n: usize| vec![1024u16; n];
    let (mut is_match, mut rep0_long) = (probs(192), probs(192));
    let (mut is_rep, mut is_rep_g0, mut is_rep_g1, mut is_rep_g2) = (probs(12), probs(12), probs(12), probs(12));
    let (mut slots, mut special, mut align) = (probs(256), probs(115), probs(16));
    let (mut match_len, mut rep_len) = (probs(514), probs(514));
    let mut literals = probs(0x300 << (lc + lp));
    let mut out: Vec<u8> = Vec::with_capacity(size);
    let (mut state, mut reps) = (0usize, [0usize; 4]);
    while out.len() < size {
        let pos_state = out.len() & ((1 << pb) - 1);
        if rc.bit(&mut is_match[(state << 4) + pos_state]) == 0 {
            let prev = usize::from(out.last().copied().unwrap_or(0));
            let lit_state = ((out.len() & ((1 << lp) - 1)) << lc) + (prev >> (8 - lc));
            let probs = &mut literals[0x300 * lit_state..][..0x300];
            let mut sym = 1;
            if state >= 7 {
                let mut match_byte = usize::from(out[out.len() - reps[0] - 1]);
                while sym < 0x100 {
                    let match_bit = (match_byte >> 7) & 1;
                    match_byte <<= 1;
                    let bit = rc.bit(&mut probs[((1 + match_bit) << 8) + sym]);
                    sym = (sym << 1) | bit;
                    if match_bit != bit {
                        break;
                    }
                }
            }
            while sym < 0x100 {
                sym = (sym << 1) | rc.bit(&mut probs[sym]);
            }
            out.push(sym as u8);
            state = if state < 4 {
                0
            } else if state < 10 {
                state - 3
            } else {
                state - 6
            };
            continue;
        }
        let len;
        if rc.bit(&mut is_rep[state]) == 1 {
            if rc.bit(&mut is_rep_g0[state]) == 0 {
                if rc.bit(&mut rep0_long[(state << 4) + pos_state]) == 0 {
                    state = if state < 7 { 9 } else { 11 };
                    out.push(out[out.len() - reps[0] - 1]);
                    continue;
                }
            } else {
                let dist;
                if rc.bit(&mut is_rep_g1[state]) == 0 {
                    dist = reps[1];
                } else {
                    if rc.bit(&mut is_rep_g2[state]) == 0 {
                        dist = reps[2];
                    } else {
                        dist = reps[3];
                        reps[3] = reps[2];
                    }
                    reps[2] = reps[1];
                }
                reps[1] = reps[0];
                reps[0] = dist;
            }
            len = rc.length(&mut rep_len, pos_state);
            state = if state < 7 { 8 } else { 11 };
        } else {
            reps = [0, reps[0], reps[1], reps[2]];
            len = rc.length(&mut match_len, pos_state);
            state = if state < 7 { 7 } else { 10 };
            let slot = rc.tree(&mut slots[64 * len.min(3)..], 6);
            reps[0] = if slot < 4 {
                slot
            } else {
                let count = (slot >> 1) - 1;
                let base = (2 | (slot & 1)) << count;
                if slot < 14 {
                    base + rc.reverse(&mut special[base - slot..], count)
                } else {
                    base + (rc.direct(count - 4) << 4) + rc.reverse(&mut align, 4)
                }
            };
        }
        let from = out.len() - reps[0] - 1;
        for i in 0..(len + 2).min(size - out.len()) {
            out.push(out[from + i]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn decodes_the_embedded_tree_and_small_inputs() {
        let mut tree = Vec::new();
        for (_, bytes) in crate::embedded::files() {
            tree.extend_from_slice(bytes);
        }
        let repetitive: Vec<u8> = (0..20_000u32).map(|i| b"abcabd"[(i % 6) as usize] ^ (i / 4000) as u8).collect();
        for data in [&b""[..], b"a", b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &repetitive, &tree] {
            // Packed as `build.rs` packs the tree.
            assert_eq!(super::decode(&crate::lzma_pack::pack(data), data.len()), data);
        }
    }
}
