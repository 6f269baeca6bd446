//! Delta debugging on the program tree: try smaller trees (a node replaced
//! by a sub-expression or a plain value, an item dropped) and keep each
//! one that still shows a difference of the same shape, until none does
//! or the budget of evaluations is spent.

use crate::compare::{judge, Pair, Verdict};
use crate::expr::Expr;
use crate::known::Known;
use crate::oracle::{Mode, Oracle};

/// The smallest program found showing a difference shaped as `pair`'s,
/// and the outcomes it gives; at most `budget` candidates are evaluated.
pub fn minimise(
    oracle: &mut Oracle,
    known: &Known,
    program: &Expr,
    mode: Mode,
    pair: Pair,
    budget: usize,
) -> (Expr, Pair) {
    minimise_with(program, pair, budget, |text| match judge(oracle, known, text, mode) {
        Verdict::Differ(p) => Some(p),
        _ => None,
    })
}

/// [`minimise`] with the test given: `test(text)` is the difference the
/// program shows, if any.
pub fn minimise_with(
    program: &Expr,
    pair: Pair,
    budget: usize,
    mut test: impl FnMut(&str) -> Option<Pair>,
) -> (Expr, Pair) {
    let shape = pair.shape();
    let (mut best, mut best_pair) = (program.clone(), pair);
    let mut spent = 0;
    'outer: while spent < budget {
        for path in best.paths() {
            let Some(node) = best.at(&path) else { continue };
            for replacement in node.shrinks() {
                let mut candidate = best.clone();
                if let Some(slot) = candidate.at_mut(&path) {
                    *slot = replacement;
                }
                if candidate.text().len() >= best.text().len() {
                    continue;
                }
                spent += 1;
                if let Some(p) = test(&candidate.text()) {
                    if p.shape() == shape {
                        best = candidate;
                        best_pair = p;
                        continue 'outer;
                    }
                }
                if spent >= budget {
                    break 'outer;
                }
            }
        }
        break;
    }
    (best, best_pair)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::{atom, form, seq};
    use crate::oracle::Outcome;

    #[test]
    fn shrinks_to_the_part_that_matters() {
        // "Differs" whenever the text holds `bad`.
        let program =
            form(&["(", " + ", ")"], vec![seq("[ ", " ", " ]", vec![atom("1"), atom("bad"), atom("3")], 0), atom("2")]);
        let pair = || Pair { cppnix: Outcome::Value("a".into(), vec![]), nixpen: Outcome::Value("b".into(), vec![]) };
        let (small, _) = minimise_with(&program, pair(), 100, |t| t.contains("bad").then(pair));
        assert_eq!(small.text(), "bad");
    }
}
