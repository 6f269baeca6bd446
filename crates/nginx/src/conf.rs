//! nginx.conf as a tree of directives, each with the line it starts on:
//! words separated by blanks, `"…"` and `'…'` quoting (with `\` escapes),
//! `#` comments, `;` ending a directive and `{ … }` its block. Includes
//! are kept as directives, not followed.

/// One directive: `name args… ;` or `name args… { … }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Its name (`server`, `listen`, `location`, …).
    pub name: String,
    /// Its arguments, unquoted.
    pub args: Vec<String>,
    /// The line (from 1) its name is on.
    pub line: usize,
    /// Its block, when it has one.
    pub block: Option<Block>,
}

/// The directives inside `{ … }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The directives, in order.
    pub directives: Vec<Directive>,
    /// The line of the closing `}`.
    pub end_line: usize,
}

/// Why a text is not an nginx configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The line where it went wrong.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "nginx.conf:{}: {}", self.line, self.message)
    }
}

impl Directive {
    /// The directives of its block (none when it has no block).
    pub fn children(&self) -> &[Directive] {
        self.block.as_ref().map_or(&[], |b| &b.directives)
    }

    /// The first argument, or "".
    pub fn arg(&self, i: usize) -> &str {
        self.args.get(i).map_or("", String::as_str)
    }
}

/// A token and the line it starts on.
#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    Semicolon,
    Open,
    Close,
}

/// Splits the text into tokens.
fn tokens(text: &str) -> Result<Vec<(Token, usize)>, ParseError> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while let Some(&c) = chars.peek() {
        match c {
            '\n' => {
                line += 1;
                chars.next();
            }
            c if c.is_whitespace() => {
                chars.next();
            }
            '#' => {
                while chars.peek().is_some_and(|&c| c != '\n') {
                    chars.next();
                }
            }
            ';' | '{' | '}' => {
                chars.next();
                let t = match c {
                    ';' => Token::Semicolon,
                    '{' => Token::Open,
                    _ => Token::Close,
                };
                out.push((t, line));
            }
            '"' | '\'' => {
                let start = line;
                chars.next();
                let mut word = String::new();
                loop {
                    match chars.next() {
                        None => return Err(ParseError { line: start, message: "unterminated quoted string".into() }),
                        Some(q) if q == c => break,
                        Some('\\') => match chars.next() {
                            Some('n') => word.push('\n'),
                            Some('t') => word.push('\t'),
                            Some('r') => word.push('\r'),
                            Some(e) if e == c || e == '\\' => word.push(e),
                            Some(e) => {
                                word.push('\\');
                                word.push(e);
                            }
                            None => {
                                return Err(ParseError { line: start, message: "unterminated quoted string".into() })
                            }
                        },
                        Some(ch) => {
                            if ch == '\n' {
                                line += 1;
                            }
                            word.push(ch);
                        }
                    }
                }
                out.push((Token::Word(word), start));
            }
            _ => {
                let mut word = String::new();
                // Inside `${name}`, whose braces belong to the word.
                let mut in_variable = false;
                while let Some(&ch) = chars.peek() {
                    let ends = ch.is_whitespace()
                        || ch == ';'
                        || ch == '"'
                        || ch == '\''
                        || (ch == '{' && !word.ends_with('$'))
                        || (ch == '}' && !in_variable);
                    if ends {
                        break;
                    }
                    in_variable = (in_variable && ch != '}') || ch == '{';
                    word.push(ch);
                    chars.next();
                }
                out.push((Token::Word(word), line));
            }
        }
    }
    Ok(out)
}

/// Parses nginx.conf into its directives.
///
/// ```
/// let conf = nixpen_nginx::conf::parse("http {\n  server { listen 80; }\n}\n").unwrap();
/// assert_eq!(conf[0].children()[0].children()[0].args, ["80"]);
/// assert_eq!(conf[0].children()[0].line, 2);
/// ```
pub fn parse(text: &str) -> Result<Vec<Directive>, ParseError> {
    let tokens = tokens(text)?;
    let mut pos = 0;
    let (directives, end) = block(&tokens, &mut pos, false)?;
    debug_assert!(end.is_none());
    Ok(directives)
}

/// The directives up to the closing `}` (when `nested`) or the end.
fn block(
    tokens: &[(Token, usize)],
    pos: &mut usize,
    nested: bool,
) -> Result<(Vec<Directive>, Option<usize>), ParseError> {
    let mut out = Vec::new();
    while let Some((token, line)) = tokens.get(*pos) {
        *pos += 1;
        match token {
            Token::Close if nested => return Ok((out, Some(*line))),
            Token::Close => return Err(ParseError { line: *line, message: "unexpected \"}\"".into() }),
            Token::Semicolon | Token::Open => {
                return Err(ParseError { line: *line, message: "a directive has no name".into() })
            }
            Token::Word(name) => {
                let mut args = Vec::new();
                loop {
                    match tokens.get(*pos) {
                        Some((Token::Word(w), _)) => {
                            args.push(w.clone());
                            *pos += 1;
                        }
                        Some((Token::Semicolon, _)) => {
                            *pos += 1;
                            out.push(Directive { name: name.clone(), args, line: *line, block: None });
                            break;
                        }
                        Some((Token::Open, _)) => {
                            *pos += 1;
                            let (directives, end) = block(tokens, pos, true)?;
                            let end_line = end.ok_or_else(|| ParseError {
                                line: *line,
                                message: format!("the block of \"{name}\" is not closed"),
                            })?;
                            out.push(Directive {
                                name: name.clone(),
                                args,
                                line: *line,
                                block: Some(Block { directives, end_line }),
                            });
                            break;
                        }
                        _ => {
                            return Err(ParseError {
                                line: *line,
                                message: format!("directive \"{name}\" is not terminated by \";\""),
                            })
                        }
                    }
                }
            }
        }
    }
    Ok((out, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_comments_and_variables() {
        let text = "map $http_upgrade $c {\n\tdefault upgrade;\n\t''      close;\n}\n# comment\nset $t \"a b\\\"c\"; root ${x}/y;\n";
        let conf = parse(text).unwrap();
        assert_eq!(conf[0].args, ["$http_upgrade", "$c"]);
        assert_eq!(conf[0].children()[1].name, "");
        assert_eq!(conf[0].children()[1].args, ["close"]);
        assert_eq!(conf[0].block.as_ref().unwrap().end_line, 4);
        assert_eq!(conf[1].args, ["$t", "a b\"c"]);
        assert_eq!((conf[2].line, conf[2].args[0].as_str()), (6, "${x}/y"));
    }

    #[test]
    fn mistakes_name_their_line() {
        assert_eq!(parse("a {\n b;\n").unwrap_err().line, 1);
        assert_eq!(parse("a b\n").unwrap_err().message, "directive \"a\" is not terminated by \";\"");
        assert_eq!(parse("}\n").unwrap_err().message, "unexpected \"}\"");
        assert!(parse("a \"b;\n").is_err());
    }
}
