//! [`Shared`]: a value that the page's components share instead of copying,
//! compared by identity so that passing it as a property costs nothing.

use std::ops::Deref;
use std::rc::Rc;

/// A reference-counted value whose equality is identity: two `Shared`s are
/// equal when they are the same allocation. Each evaluation's answer is
/// wrapped once; views receive clones of the pointer, and Yew's property
/// comparison reads one pointer instead of every rendered file.
#[derive(Debug)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    /// Wraps `value`.
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Shared::new(T::default())
    }
}

#[cfg(test)]
mod tests {
    use super::Shared;

    #[test]
    fn equal_means_the_same_value_not_an_equal_one() {
        let a = Shared::new(vec![1]);
        assert!(a == a.clone());
        assert!(a != Shared::new(vec![1]));
        assert_eq!(*a, vec![1]);
    }
}
