/**
 * Go RE2 patterns (helm-unittest compiles `pattern` / `errorPattern` with Go's `regexp`) as
 * JavaScript RegExps: leading inline flags `(?i)` `(?m)` `(?s)` become RegExp flags, `(?P<name>`
 * becomes `(?<name>`, `\A` / `\z` become input anchors and POSIX classes `[[:alpha:]]` are
 * expanded. A construct both engines read alike (most patterns) is unchanged; one Go does not
 * accept either (a backreference, a lookaround) is refused, as Go's `regexp.Compile` refuses it.
 */
const POSIX: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: '0-9A-Za-z', upper: 'A-Z', lower: 'a-z', space: '\\t\\n\\v\\f\\r ',
  xdigit: '0-9A-Fa-f', word: '0-9A-Za-z_', punct: '!-\\/:-@\\[-`{-~', blank: '\\t ', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

export function goRegExp(pattern: string): RegExp {
  let source = pattern;
  let flags = '';
  for (let m = /^\(\?([imsU]+)\)/.exec(source); m; m = /^\(\?([imsU]+)\)/.exec(source)) {
    if (m[1].includes('U')) throw new Error(`pattern ${JSON.stringify(pattern)}: the ungreedy flag (?U) is not supported here`);
    flags += m[1];
    source = source.slice(m[0].length);
  }
  if (/\(\?(?:=|!|<=|<!)|\\[1-9]/.test(source)) throw new Error(`error parsing regexp ${JSON.stringify(pattern)}: lookarounds and backreferences are not RE2`);
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '(?<![\\s\\S])')
    .replace(/\\z/g, '(?![\\s\\S])')
    .replace(/\[:(\^?)([a-z]+):\]/g, (all, neg: string, name: string) => (POSIX[name] && !neg ? POSIX[name] : all));
  return new RegExp(source, [...new Set(flags)].join(''));
}
