//! The lowered expression tree: variables resolved to (depth, slot),
//! attribute paths split, strings unescaped.

use std::rc::Rc;

use crate::symbol::Sym;

/// A source position: file id (index into the evaluator's file table) and byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// File id.
    pub file: u32,
    /// Byte offset in the file.
    pub off: u32,
}

/// Binary operators (after desugaring `->`, `!=`, `>`, `>=`, `|>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `++`
    Concat,
    /// `//`
    Update,
    /// `==`
    Eq,
    /// `!=`
    Neq,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `&&`
    And,
    /// `||`
    Or,
    /// `->`
    Impl,
    /// `|>`
    PipeRight,
    /// `<|`
    PipeLeft,
}

impl BinOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Concat => "++",
            BinOp::Update => "//",
            BinOp::Eq => "==",
            BinOp::Neq => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::And => "&&",
            BinOp::Or => "||",
            BinOp::Impl => "->",
            BinOp::PipeRight => "|>",
            BinOp::PipeLeft => "<|",
        }
    }
}

/// The index at which a name was last found in a set, tried first next
/// time: sets made by the same code (the results of `mkOption`, the
/// records of options, the attributes of types) hold the same names at
/// the same places.
pub type Hint = std::cell::Cell<u32>;

/// An expression of a lowered tree, referred to without a reference count
/// (a thunk holds one; counting made every thunk write to the shared tree
/// twice). Sound because every tree an evaluation reads is held for longer
/// than the evaluation's thunks can be forced: by the parse cache, and a
/// tree the cache replaces meanwhile by the evaluation itself (its retired
/// roots, freed with its heap); a thunk left in a freed heap is only dropped.
#[derive(Clone, Copy, Debug)]
pub struct ExprRef(std::ptr::NonNull<Expr>);

impl ExprRef {
    /// A reference to `e`, which a cached tree holds.
    #[inline]
    pub fn new(e: &Rc<Expr>) -> ExprRef {
        ExprRef(std::ptr::NonNull::from(&**e))
    }

    /// The expression.
    ///
    /// # Safety
    /// The tree holding it must still be held (see the type's comment).
    #[inline]
    pub unsafe fn get<'a>(self) -> &'a Expr {
        // SAFETY: the caller guarantees the tree is alive.
        unsafe { self.0.as_ref() }
    }
}

/// An attribute name in a path: static or computed.
#[derive(Debug)]
pub enum AttrName {
    /// A literal name, and where it was found last (see [`Attrs::find_hinted`]).
    Static(Sym, Hint),
    /// `${expr}` or a string with interpolation.
    Dynamic(Expr),
}

/// Part of an interpolated string or path.
#[derive(Debug)]
pub enum StrPart {
    /// Literal text.
    Lit(Rc<str>),
    /// `${expr}`
    Interp(Expr, Span),
}

/// How a path literal is rooted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// Absolute, or already resolved relative to the file's directory.
    Abs,
    /// `~/…`
    Home,
}

/// A binding's value in an attribute set / let.
#[derive(Debug)]
pub enum BindingValue {
    /// An ordinary expression (evaluated in the binding env).
    Expr(Rc<Expr>),
    /// `inherit x`: a variable of the enclosing scope.
    Inherit(Rc<Expr>),
    /// `inherit (from) x`: select `name` from hidden slot `slot`.
    InheritFrom {
        /// The hidden env slot with the `from` thunk.
        slot: u32,
        /// The attribute name.
        name: Sym,
    },
}

/// One static binding.
#[derive(Debug)]
pub struct Binding {
    /// The name.
    pub name: Sym,
    /// The value.
    pub value: BindingValue,
    /// Where the name was written.
    pub span: Span,
}

/// An attribute set literal (also used for `let`).
#[derive(Debug)]
pub struct AttrsDef {
    /// `rec { … }` (or `let`): bindings see each other.
    pub rec: bool,
    /// Whether evaluation needs a new env (rec, or `inherit (from)` present).
    pub needs_env: bool,
    /// Static bindings, in slot order (slot i = statics[i] when rec).
    pub statics: Vec<Binding>,
    /// `inherit (e)` sources, stored in the slots after the statics.
    pub froms: Vec<Rc<Expr>>,
    /// Dynamic bindings `${k} = v`.
    pub dynamics: Vec<(Expr, Rc<Expr>, Span)>,
}

impl Expr {
    /// The literal string `s`.
    pub fn str_lit(s: Rc<str>) -> Expr {
        Expr::Str(Rc::new(crate::value::NixStr { s, ctx: None }))
    }
}

impl AttrsDef {
    /// Whether the set is `{ }` (or `rec { }`): no binding of any kind.
    pub fn is_empty(&self) -> bool {
        self.statics.is_empty() && self.froms.is_empty() && self.dynamics.is_empty()
    }
}

/// A lambda's parameter.
#[derive(Debug)]
pub enum Param {
    /// `x: …`
    Ident(Sym),
    /// `{ a, b ? d, ... } @ x: …`
    Formals {
        /// The formals in slot order with optional defaults.
        formals: Vec<(Sym, Option<Rc<Expr>>, Span)>,
        /// `...`
        ellipsis: bool,
        /// `@ name` (stored in the slot after the formals).
        at: Option<Sym>,
        /// Where each formal was last found in the argument set.
        hints: Box<[Hint]>,
    },
}

impl Param {
    /// `{ formals, ... } @ at:`, each formal with a fresh hint.
    pub fn formals(formals: Vec<(Sym, Option<Rc<Expr>>, Span)>, ellipsis: bool, at: Option<Sym>) -> Param {
        let hints = formals.iter().map(|_| Hint::default()).collect();
        Param::Formals { formals, ellipsis, at, hints }
    }
}

/// A lambda definition.
#[derive(Debug)]
pub struct LambdaDef {
    /// The parameter.
    pub param: Param,
    /// The body.
    pub body: Expr,
    /// The name (from `f = x: …`), for error messages.
    pub name: Option<Sym>,
    /// Where the lambda starts.
    pub span: Span,
    /// Number of env slots a call needs.
    pub slots: u32,
}

/// A lowered expression. Its kind is a byte of its own (`repr(u8)`): left
/// to the compiler, the kind was folded into a spare bit pattern of a
/// field, and every dispatch on it (the interpreter's main `match`) took
/// six more instructions to decode it; the byte makes an expression 56
/// bytes instead of 48.
#[derive(Debug)]
#[repr(u8)]
pub enum Expr {
    /// Integer literal.
    Int(i64),
    /// Float literal.
    Float(f64),
    /// String without interpolation: the value itself, shared by every
    /// evaluation of the literal (a string has no state to change).
    Str(Rc<crate::value::NixStr>),
    /// Interpolated string.
    Interp(Vec<StrPart>, Span),
    /// Path literal (parts interpolated), with its kind.
    Path(PathKind, Vec<StrPart>, Span),
    /// `<name>`
    SearchPath(Rc<str>, Span),
    /// A lexical variable: `depth` envs up, slot `slot`, and its name.
    Var(u32, u32, Span, Sym),
    /// A builtin in the global scope (index into the global table).
    Global(u32, Span),
    /// A name found in no lexical scope: looked up in enclosing `with`s,
    /// else (if `global` is set) the global.
    WithVar(Sym, Option<u32>, Span),
    /// Attribute set.
    Attrs(Box<AttrsDef>, Span),
    /// `let … in body`.
    Let(Box<AttrsDef>, Box<Expr>),
    /// List.
    List(Vec<Rc<Expr>>),
    /// `e.a.b or d`.
    Select(Box<Expr>, Vec<AttrName>, Option<Box<Expr>>, Span),
    /// `e ? a.b`.
    HasAttr(Box<Expr>, Vec<AttrName>, Span),
    /// Function application `f a1 … an`.
    Apply(Box<Expr>, Vec<Rc<Expr>>, Span),
    /// Lambda.
    Lambda(Rc<LambdaDef>),
    /// `if c then a else b`.
    If(Box<Expr>, Box<Expr>, Box<Expr>, Span),
    /// `assert c; body`.
    Assert(Box<Expr>, Box<Expr>, Span),
    /// `with ns; body` (body lowered in a with-scope env).
    With(Rc<Expr>, Box<Expr>, Span),
    /// Binary operator.
    Bin(BinOp, Box<Expr>, Box<Expr>, Span),
    /// `!e`
    Not(Box<Expr>, Span),
    /// `-e`
    Neg(Box<Expr>, Span),
    /// `__curPos`
    CurPos(Span),
}
