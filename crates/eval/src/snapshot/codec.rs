//! The snapshot's vocabulary, shared by the encoder and the decoder: the
//! magic and format id, variable-length integers, and the numbers that
//! stand for each kind of tree node.

use crate::expr::{BinOp, PathKind};

/// The first bytes of every snapshot.
pub(super) const MAGIC: &[u8; 8] = b"NIXPENSN";

/// Identifies the encoding and what it encodes: a hash of the crate
/// version, the tree's definition (`expr.rs`), the parser and lowering that
/// make trees, and the encoder and decoder. A snapshot made by any other
/// version of them is refused, never misread.
pub(super) const FORMAT: u64 = fnv(&[
    env!("CARGO_PKG_VERSION").as_bytes(),
    include_bytes!("../expr.rs"),
    include_bytes!("../parse.rs"),
    include_bytes!("../lower/mod.rs"),
    include_bytes!("../lower/attrs.rs"),
    include_bytes!("../lower/cursed_or.rs"),
    include_bytes!("../lower/scope.rs"),
    include_bytes!("codec.rs"),
    include_bytes!("write.rs"),
    include_bytes!("read.rs"),
    include_bytes!("mod.rs"),
]);

/// FNV-1a over the concatenation of `parts` (usable in constants).
pub(super) const fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < parts.len() {
        let part = parts[i];
        let mut j = 0;
        while j < part.len() {
            h ^= part[j] as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
            j += 1;
        }
        // A separator, so that moving bytes between parts changes the hash.
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

/// A hash of the global scope's names in order: `Expr::Global` holds an
/// index into that table, so a snapshot is only valid with the same table.
pub(super) fn globals_id() -> u64 {
    let names: Vec<&[u8]> = crate::builtins::global_names().iter().map(|n| n.as_bytes()).collect();
    fnv(&names)
}

/// Appends `v` as a LEB128 varint (7 bits a byte, low bits first).
pub(super) fn put_u(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends a signed integer, zigzag-encoded so small negatives stay short.
pub(super) fn put_i(out: &mut Vec<u8>, v: i64) {
    put_u(out, ((v << 1) ^ (v >> 63)) as u64);
}

/// Appends a length-prefixed string.
pub(super) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Reads what `put_*` wrote. Every read is bounds-checked: a damaged
/// snapshot gives `None`, never a panic.
pub(super) struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `data`.
    pub(super) fn new(data: &'a [u8]) -> Cursor<'a> {
        Cursor { data, pos: 0 }
    }

    /// How many bytes have been read.
    pub(super) fn pos(&self) -> usize {
        self.pos
    }

    /// Whether every byte has been read.
    pub(super) fn at_end(&self) -> bool {
        self.pos == self.data.len()
    }

    /// One byte.
    #[inline]
    pub(super) fn byte(&mut self) -> Option<u8> {
        let b = *self.data.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    /// The next `n` bytes.
    pub(super) fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let b = self.data.get(self.pos..end)?;
        self.pos = end;
        Some(b)
    }

    /// An unsigned varint.
    #[inline]
    pub(super) fn u(&mut self) -> Option<u64> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            if shift > 63 {
                return None;
            }
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
            shift += 7;
        }
    }

    /// An unsigned varint that fits in 32 bits.
    #[inline]
    pub(super) fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.u()?).ok()
    }

    /// An unsigned varint used as a length or index.
    #[inline]
    pub(super) fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u()?).ok()
    }

    /// A zigzag-encoded signed integer.
    pub(super) fn i(&mut self) -> Option<i64> {
        let u = self.u()?;
        Some(((u >> 1) as i64) ^ -((u & 1) as i64))
    }

    /// A little-endian `u64` of eight bytes.
    pub(super) fn u64_le(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.bytes(8)?.try_into().ok()?))
    }

    /// A length-prefixed UTF-8 string.
    pub(super) fn str(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        std::str::from_utf8(self.bytes(n)?).ok()
    }
}

/// The first byte of each encoded expression: which `Expr` variant it is.
pub(super) mod tag {
    /// `Expr::Int`.
    pub const INT: u8 = 0;
    /// `Expr::Float`.
    pub const FLOAT: u8 = 1;
    /// `Expr::Str`.
    pub const STR: u8 = 2;
    /// `Expr::Interp`.
    pub const INTERP: u8 = 3;
    /// `Expr::Path`.
    pub const PATH: u8 = 4;
    /// `Expr::SearchPath`.
    pub const SEARCH_PATH: u8 = 5;
    /// `Expr::Var`.
    pub const VAR: u8 = 6;
    /// `Expr::Global`.
    pub const GLOBAL: u8 = 7;
    /// `Expr::WithVar`.
    pub const WITH_VAR: u8 = 8;
    /// `Expr::Attrs`.
    pub const ATTRS: u8 = 9;
    /// `Expr::Let`.
    pub const LET: u8 = 10;
    /// `Expr::List`.
    pub const LIST: u8 = 11;
    /// `Expr::Select`.
    pub const SELECT: u8 = 12;
    /// `Expr::HasAttr`.
    pub const HAS_ATTR: u8 = 13;
    /// `Expr::Apply`.
    pub const APPLY: u8 = 14;
    /// `Expr::Lambda`.
    pub const LAMBDA: u8 = 15;
    /// `Expr::If`.
    pub const IF: u8 = 16;
    /// `Expr::Assert`.
    pub const ASSERT: u8 = 17;
    /// `Expr::With`.
    pub const WITH: u8 = 18;
    /// `Expr::Bin`.
    pub const BIN: u8 = 19;
    /// `Expr::Not`.
    pub const NOT: u8 = 20;
    /// `Expr::Neg`.
    pub const NEG: u8 = 21;
    /// `Expr::CurPos`.
    pub const CUR_POS: u8 = 22;
}

/// The byte for a binary operator.
pub(super) fn bin_op_code(op: BinOp) -> u8 {
    match op {
        BinOp::Add => 0,
        BinOp::Sub => 1,
        BinOp::Mul => 2,
        BinOp::Div => 3,
        BinOp::Concat => 4,
        BinOp::Update => 5,
        BinOp::Eq => 6,
        BinOp::Neq => 7,
        BinOp::Lt => 8,
        BinOp::Le => 9,
        BinOp::Gt => 10,
        BinOp::Ge => 11,
        BinOp::And => 12,
        BinOp::Or => 13,
        BinOp::Impl => 14,
        BinOp::PipeRight => 15,
        BinOp::PipeLeft => 16,
    }
}

/// The binary operator for a byte of [`bin_op_code`].
pub(super) fn bin_op(code: u8) -> Option<BinOp> {
    Some(match code {
        0 => BinOp::Add,
        1 => BinOp::Sub,
        2 => BinOp::Mul,
        3 => BinOp::Div,
        4 => BinOp::Concat,
        5 => BinOp::Update,
        6 => BinOp::Eq,
        7 => BinOp::Neq,
        8 => BinOp::Lt,
        9 => BinOp::Le,
        10 => BinOp::Gt,
        11 => BinOp::Ge,
        12 => BinOp::And,
        13 => BinOp::Or,
        14 => BinOp::Impl,
        15 => BinOp::PipeRight,
        16 => BinOp::PipeLeft,
        _ => return None,
    })
}

/// The byte for a path's kind.
pub(super) fn path_kind_code(kind: PathKind) -> u8 {
    match kind {
        PathKind::Abs => 0,
        PathKind::Home => 1,
    }
}

/// The path kind for a byte of [`path_kind_code`].
pub(super) fn path_kind(code: u8) -> Option<PathKind> {
    match code {
        0 => Some(PathKind::Abs),
        1 => Some(PathKind::Home),
        _ => None,
    }
}
