//! The options the learner's own modules declare: one exists or not, with
//! a type and a default; or they cannot be read.

use nixpen_lessons::check::Test;

use crate::{check, expect, judge};

const PORT: &str = "16 bit unsigned integer; between 0 and 65535 (both inclusive)";

const GOHELLO: &str = r#"{ config, lib, ... }:
{
  options.xeserv.services.gohello = {
    enable = lib.mkEnableOption "gohello";
    port = lib.mkOption { type = lib.types.port; default = 3031; description = "The port."; };
    domain = lib.mkOption { type = lib.types.str; description = "The domain."; };
  };
}
"#;

fn option(name: &str, present: bool, ty: Option<&str>, default: Option<&str>) -> Test {
    Test::Option {
        name: name.into(),
        present,
        type_description: ty.map(str::to_owned),
        default: default.map(str::to_owned),
    }
}

fn on(module: &str, tests: Vec<Test>) -> Vec<Option<String>> {
    judge(&[("configuration.nix", module)], &tests.into_iter().map(check).collect::<Vec<_>>())
}

#[test]
fn an_option_with_its_type_and_default() {
    let found = on(
        GOHELLO,
        vec![
            option("xeserv.services.gohello.port", true, Some(PORT), Some("3031")),
            option("xeserv.services.gohello.enable", true, Some("boolean"), Some("false")),
            option("xeserv.services.gohello.user", false, None, None),
            option("networking.hostName", false, None, None),
        ],
    );
    expect(&found, &[None; 4]);
}

#[test]
fn what_is_wrong_with_an_option() {
    let found = on(
        GOHELLO,
        vec![
            option("xeserv.services.gohello.port", true, Some("string"), None),
            option("xeserv.services.gohello.port", true, None, Some("8080")),
            option("xeserv.services.gohello.domain", true, None, Some("\"example.org\"")),
            option("xeserv.services.gohello.user", true, None, None),
            option("xeserv.services.gohello.port", false, None, None),
        ],
    );
    expect(
        &found,
        &[
            Some(&format!("xeserv.services.gohello.port has the type `{PORT}`")),
            Some("the default of xeserv.services.gohello.port is `3031`"),
            Some("xeserv.services.gohello.domain has no default"),
            Some(
                "there is no option xeserv.services.gohello.user; your modules declare xeserv.services.gohello.domain, \
                 xeserv.services.gohello.enable, xeserv.services.gohello.port",
            ),
            Some("your modules declare the option xeserv.services.gohello.port"),
        ],
    );
}

#[test]
fn options_that_cannot_be_read() {
    let found = on("{ ... }: { }\n", vec![option("a", true, None, None)]);
    expect(&found, &[Some("there is no option a: your modules declare no options")]);
    let broken = "{ lib, ... }:\n{\n  options.a = lib.mkOption { type = nope; };\n}\n";
    let found = on(broken, vec![option("a", true, None, None)]);
    expect(
        &found,
        &[Some("the options your modules declare cannot be read: undefined variable 'nope' (configuration.nix, line 3, column 37)")],
    );
}
