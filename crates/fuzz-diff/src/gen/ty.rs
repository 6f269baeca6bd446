//! The types the generator aims at, so that most programs evaluate to a
//! value rather than to the first type error.

/// What an expression is meant to evaluate to.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    /// An integer.
    Int,
    /// A float.
    Float,
    /// A Boolean.
    Bool,
    /// `null`.
    Null,
    /// A string.
    Str,
    /// A path.
    Path,
    /// A list whose items have this type.
    List(Box<Ty>),
    /// A set holding at least these names with these types.
    Set(Vec<(String, Ty)>),
    /// A function from the first type to the second.
    Fun(Box<Ty>, Box<Ty>),
    /// Anything (chosen when generated).
    Any,
}

impl Ty {
    /// A list of `item`.
    pub fn list(item: Ty) -> Ty {
        Ty::List(Box::new(item))
    }

    /// A function from `arg` to `ret`.
    pub fn fun(arg: Ty, ret: Ty) -> Ty {
        Ty::Fun(Box::new(arg), Box::new(ret))
    }

    /// Whether a value of type `self` may stand where `want` is asked for.
    pub fn fits(&self, want: &Ty) -> bool {
        match (self, want) {
            (_, Ty::Any) => true,
            (Ty::List(a), Ty::List(b)) => a.fits(b),
            (Ty::Set(have), Ty::Set(need)) => need.iter().all(|(n, t)| have.iter().any(|(m, u)| m == n && u.fits(t))),
            (Ty::Fun(a1, r1), Ty::Fun(a2, r2)) => a1 == a2 && r1.fits(r2),
            (a, b) => a == b,
        }
    }

    /// Whether values of this type can be printed as JSON (no functions
    /// inside).
    pub fn is_data(&self) -> bool {
        match self {
            Ty::Fun(..) => false,
            Ty::List(t) => t.is_data(),
            Ty::Set(fields) => fields.iter().all(|(_, t)| t.is_data()),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Ty;

    #[test]
    fn wider_sets_fit_narrower_ones() {
        let wide = Ty::Set(vec![("a".into(), Ty::Int), ("b".into(), Ty::Str)]);
        let narrow = Ty::Set(vec![("a".into(), Ty::Int)]);
        assert!(wide.fits(&narrow));
        assert!(!narrow.fits(&wide));
        assert!(Ty::list(Ty::Int).fits(&Ty::list(Ty::Any)));
        assert!(!Ty::fun(Ty::Int, Ty::Int).is_data());
    }
}
