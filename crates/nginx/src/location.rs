//! Which `location` answers a URI, by nginx's rules: an exact (`=`)
//! location equal to the URI ends the search; else the longest matching
//! prefix location is remembered, its nested locations searched the same
//! way; unless that prefix has `^~`, the regular expressions (`~`, `~*`
//! without regard to case) are then tried in order of appearance, the
//! first match winning (its own nested locations searched); else the
//! remembered prefix answers. A URI one `/` short of a prefix location
//! ending in `/` that passes requests on (`proxy_pass`, `fastcgi_pass`, …)
//! is redirected to it with 301, unless a location equal to the URI exists.

use regex_lite::Regex;

use crate::conf::Directive;

/// A location's modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modifier {
    /// No modifier: a prefix.
    Prefix,
    /// `=`: the exact URI.
    Exact,
    /// `^~`: a prefix that, when the longest, stops the regular expressions.
    PrefixNoRegex,
    /// `~`: a regular expression.
    Regex,
    /// `~*`: a regular expression without regard to case.
    RegexCaseless,
    /// `@name`: reached only by internal redirects.
    Named,
}

impl Modifier {
    /// As written in nginx.conf (`""` for a plain prefix).
    pub fn text(self) -> &'static str {
        match self {
            Modifier::Prefix | Modifier::Named => "",
            Modifier::Exact => "=",
            Modifier::PrefixNoRegex => "^~",
            Modifier::Regex => "~",
            Modifier::RegexCaseless => "~*",
        }
    }
}

/// One `location` block.
#[derive(Debug)]
pub struct Location<'a> {
    /// Its modifier.
    pub modifier: Modifier,
    /// Its URI prefix, exact URI, regular expression or name.
    pub pattern: String,
    /// The block.
    pub directive: &'a Directive,
    /// Its compiled regular expression, or why it could not be compiled.
    pub regex: Option<Result<Regex, String>>,
    /// The locations nested in it.
    pub children: Vec<Location<'a>>,
}

impl<'a> Location<'a> {
    /// The `location` blocks among `directives`, with their nested ones.
    pub fn all(directives: &'a [Directive]) -> Vec<Location<'a>> {
        directives.iter().filter(|d| d.name == "location").map(Location::new).collect()
    }

    fn new(d: &'a Directive) -> Location<'a> {
        let (modifier, pattern) = match (d.arg(0), d.args.len()) {
            ("=", 2) => (Modifier::Exact, d.arg(1).to_owned()),
            ("^~", 2) => (Modifier::PrefixNoRegex, d.arg(1).to_owned()),
            ("~", 2) => (Modifier::Regex, d.arg(1).to_owned()),
            ("~*", 2) => (Modifier::RegexCaseless, d.arg(1).to_owned()),
            (p, _) if p.starts_with('@') => (Modifier::Named, p.to_owned()),
            (p, _) if p.starts_with("^~") => (Modifier::PrefixNoRegex, p[2..].to_owned()),
            (p, _) if p.starts_with("~*") => (Modifier::RegexCaseless, p[2..].to_owned()),
            (p, _) if p.starts_with('~') => (Modifier::Regex, p[1..].to_owned()),
            (p, _) if p.starts_with('=') => (Modifier::Exact, p[1..].to_owned()),
            (p, _) => (Modifier::Prefix, p.to_owned()),
        };
        let regex = match modifier {
            Modifier::Regex => Some(Regex::new(&pattern)),
            Modifier::RegexCaseless => Some(Regex::new(&format!("(?i){pattern}"))),
            _ => None,
        }
        .map(|r| {
            r.map_err(|e| format!("the tracer cannot read the regular expression {pattern} (line {}): {e}", d.line))
        });
        Location { modifier, pattern, directive: d, regex, children: Location::all(d.children()) }
    }

    /// Its line.
    pub fn line(&self) -> usize {
        self.directive.line
    }

    /// `location ~ \.php$` as written (modifier and pattern).
    pub fn describe(&self) -> String {
        match self.modifier {
            Modifier::Prefix | Modifier::Named => self.pattern.clone(),
            m => format!("{} {}", m.text(), self.pattern),
        }
    }

    /// A prefix location (`^~` or none).
    fn inclusive(&self) -> bool {
        matches!(self.modifier, Modifier::Prefix | Modifier::PrefixNoRegex)
    }

    /// Whether a URI one `/` short of it is redirected to it: it ends with
    /// `/` and passes requests to another server.
    fn auto_redirect(&self) -> bool {
        const PASSES: [&str; 6] =
            ["proxy_pass", "fastcgi_pass", "uwsgi_pass", "scgi_pass", "memcached_pass", "grpc_pass"];
        matches!(self.modifier, Modifier::Prefix | Modifier::PrefixNoRegex | Modifier::Exact)
            && self.pattern.ends_with('/')
            && self.directive.children().iter().any(|d| PASSES.contains(&d.name.as_str()))
    }
}

/// How the search ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// An exact location, or a regular expression, answers.
    Found,
    /// The URI is redirected to the location with a `/` added.
    Redirect,
    /// A prefix location answers (no regular expression matched, or `^~`).
    Prefix,
    /// No location matches.
    Nothing,
}

/// The result of a search: the chain of locations from the outermost to
/// the one that answers, how it ended, and the steps taken.
#[derive(Debug)]
pub struct Search<'l, 'a> {
    /// Outermost first; empty when no location matches.
    pub chain: Vec<&'l Location<'a>>,
    /// How it ended.
    pub ending: Ending,
    /// What was tried, with lines: `(line, text)`.
    pub steps: Vec<(Option<usize>, String)>,
    /// Regular expressions the tracer could not read (they are taken as not matching).
    pub notes: Vec<String>,
}

/// Finds the location of `uri` among the locations of one level
/// (`outer`: the chain above them).
pub fn find<'l, 'a>(level: &'l [Location<'a>], uri: &str, outer: Vec<&'l Location<'a>>) -> Search<'l, 'a> {
    let mut search = Search { chain: outer.clone(), ending: Ending::Nothing, steps: Vec::new(), notes: Vec::new() };
    if let Some(exact) = level.iter().find(|l| l.modifier == Modifier::Exact && l.pattern == uri) {
        search.steps.push((Some(exact.line()), format!("location = {uri} is the URI exactly: the search ends")));
        search.chain.push(exact);
        search.ending = Ending::Found;
        return search;
    }
    let prefix = level.iter().filter(|l| l.inclusive() && uri.starts_with(l.pattern.as_str())).fold(
        None,
        |best: Option<&Location>, l| match best {
            Some(b) if b.pattern.len() >= l.pattern.len() => Some(b),
            _ => Some(l),
        },
    );
    let equal_prefix = prefix.is_some_and(|p| p.pattern == uri);
    if !equal_prefix {
        let with_slash = format!("{uri}/");
        if let Some(r) = level.iter().find(|l| l.auto_redirect() && l.pattern == with_slash) {
            search.steps.push((
                Some(r.line()),
                format!("location {} passes requests on and {uri} is it without its final /: a 301 redirect to {with_slash}", r.describe()),
            ));
            search.chain.push(r);
            search.ending = Ending::Redirect;
            return search;
        }
    }
    let mut noregex = false;
    if let Some(p) = prefix {
        let others: Vec<String> = level
            .iter()
            .filter(|l| l.inclusive() && uri.starts_with(l.pattern.as_str()) && !std::ptr::eq(*l, p))
            .map(|l| format!("{} (line {})", l.pattern, l.line()))
            .collect();
        let also = if others.is_empty() { String::new() } else { format!(", longer than {}", others.join(", ")) };
        search.steps.push((
            Some(p.line()),
            format!("the longest matching prefix is location {}{also}: remembered", p.describe()),
        ));
        let mut chain = outer.clone();
        chain.push(p);
        let inner = find(&p.children, uri, chain.clone());
        search.notes.extend(inner.notes.iter().cloned());
        if matches!(inner.ending, Ending::Found | Ending::Redirect) {
            search.steps.extend(inner.steps);
            return Search { steps: search.steps, notes: search.notes, ..inner };
        }
        search.steps.extend(inner.steps);
        search.chain = if inner.chain.len() > chain.len() { inner.chain } else { chain };
        search.ending = Ending::Prefix;
        noregex = p.modifier == Modifier::PrefixNoRegex;
    } else if level.iter().any(|l| l.inclusive()) {
        search.steps.push((None, format!("no prefix location of this level matches {uri}")));
    }
    let regexes: Vec<&Location> =
        level.iter().filter(|l| matches!(l.modifier, Modifier::Regex | Modifier::RegexCaseless)).collect();
    if noregex {
        if !regexes.is_empty() {
            search.steps.push((prefix.map(Location::line), "^~: the regular expressions are not tried".into()));
        }
        return search;
    }
    for r in regexes {
        match &r.regex {
            Some(Ok(re)) if re.is_match(uri) => {
                search.steps.push((
                    Some(r.line()),
                    format!("location {} matches, the first regular expression that does", r.describe()),
                ));
                let mut chain = outer.clone();
                chain.push(r);
                let inner = find(&r.children, uri, chain.clone());
                search.notes.extend(inner.notes.iter().cloned());
                search.steps.extend(inner.steps);
                search.chain = if inner.chain.len() > chain.len() { inner.chain } else { chain };
                // (nginx answers a redirect found inside a regular
                // expression's location as a match of that location.)
                search.ending = Ending::Found;
                return search;
            }
            Some(Ok(_)) => search.steps.push((Some(r.line()), format!("location {} does not match", r.describe()))),
            Some(Err(e)) => search.notes.push(e.clone()),
            None => {}
        }
    }
    search
}
