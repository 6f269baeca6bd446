//! Tests on the options the learner's own modules declare: an option
//! exists (or not), with a type and a default.

use super::text::squash;
use super::{observed, some_of, Verdict};
use crate::observe::{OptionFacts, Outcome};

/// Whether option `name` is declared (`present`), with the type
/// `type_description` and the default `default` when they are given.
pub fn option(
    options: Option<&Outcome<Vec<OptionFacts>>>,
    name: &str,
    present: bool,
    type_description: &Option<String>,
    default: &Option<String>,
) -> Verdict {
    let options = match observed(options, "the options your modules declare") {
        Ok(options) => options,
        Err(verdict) => return verdict,
    };
    let Some(found) = options.iter().find(|o| o.name == name) else {
        if !present {
            return Verdict::pass();
        }
        if options.is_empty() {
            return Verdict::fail(format!("there is no option {name}: your modules declare no options"));
        }
        let names = some_of(options.iter().map(|o| o.name.as_str()));
        return Verdict::fail(format!("there is no option {name}; your modules declare {names}"));
    };
    if !present {
        return Verdict::fail(format!("your modules declare the option {name}"));
    }
    if let Some(want) = type_description {
        if found.type_description != *want {
            return Verdict::fail(format!("{name} has the type `{}`", found.type_description));
        }
    }
    if let Some(want) = default {
        match &found.default {
            None => return Verdict::fail(format!("{name} has no default")),
            Some(doc) if squash(&doc.text) != squash(want) => {
                return Verdict::fail(format!("the default of {name} is `{}`", doc.text))
            }
            Some(_) => {}
        }
    }
    Verdict::pass()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observe::{Failure, OptionDoc};

    const PORT: &str = "16 bit unsigned integer; between 0 and 65535 (both inclusive)";

    fn options() -> Outcome<Vec<OptionFacts>> {
        Ok(vec![
            OptionFacts {
                name: "xeserv.services.gohello.enable".into(),
                type_description: "boolean".into(),
                default: Some(OptionDoc { text: "false".into() }),
            },
            OptionFacts {
                name: "xeserv.services.gohello.port".into(),
                type_description: PORT.into(),
                default: Some(OptionDoc { text: "3031".into() }),
            },
        ])
    }

    fn check(name: &str, present: bool, ty: Option<&str>, default: Option<&str>) -> Verdict {
        option(Some(&options()), name, present, &ty.map(str::to_owned), &default.map(str::to_owned))
    }

    #[test]
    fn an_option_with_its_type_and_default() {
        assert!(check("xeserv.services.gohello.port", true, Some(PORT), Some("3031")).passed);
        assert!(check("xeserv.services.gohello.enable", true, Some("boolean"), None).passed);
        assert!(check("xeserv.services.gohello.domain", false, None, None).passed);
    }

    #[test]
    fn what_is_wrong_with_an_option() {
        let v = check("xeserv.services.gohello.port", true, Some("string"), None);
        assert_eq!(v.detail.as_deref(), Some(format!("xeserv.services.gohello.port has the type `{PORT}`").as_str()));
        let v = check("xeserv.services.gohello.port", true, None, Some("8080"));
        assert_eq!(v.detail.as_deref(), Some("the default of xeserv.services.gohello.port is `3031`"));
        let v = check("xeserv.services.gohello.domain", true, None, None);
        assert_eq!(
            v.detail.as_deref(),
            Some("there is no option xeserv.services.gohello.domain; your modules declare xeserv.services.gohello.enable, xeserv.services.gohello.port")
        );
        let v = check("xeserv.services.gohello.port", false, None, None);
        assert_eq!(v.detail.as_deref(), Some("your modules declare the option xeserv.services.gohello.port"));
    }

    #[test]
    fn options_that_cannot_be_read() {
        let failed: Outcome<Vec<OptionFacts>> = Err(Failure::plain("boom"));
        let v = option(Some(&failed), "a", true, &None, &None);
        assert_eq!(v.detail.as_deref(), Some("the options your modules declare cannot be read: boom"));
        let v = option(Some(&Ok(vec![])), "a", true, &None, &None);
        assert_eq!(v.detail.as_deref(), Some("there is no option a: your modules declare no options"));
    }
}
