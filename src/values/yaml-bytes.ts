/**
 * The bytes of a values file as go-yaml's reader takes them (yaml.v2 readerc.go `yaml_parser_update_buffer`, which
 * Helm 4 and 3 run on every `-f` file), before any YAML is parsed:
 *
 * - UTF-8 (a byte-order mark is dropped); a malformed sequence is refused with go-yaml's own reason (`invalid
 *   leading UTF-8 octet`, `invalid trailing UTF-8 octet`, `incomplete UTF-8 octet sequence`, `invalid length of a
 *   UTF-8 sequence` for an overlong form, `invalid Unicode character` for a surrogate or a code point above U+10FFFF);
 * - then every character must be one YAML allows: tab, LF, CR, U+0020–U+007E, NEL, U+00A0–U+D7FF,
 *   U+E000–U+FFFD, U+10000–U+10FFFF; anything else (NUL, other C0 controls, DEL, C1 controls but NEL, U+FFFE,
 *   U+FFFF) is go-yaml's `control characters are not allowed`;
 * - UTF-16 (a UTF-16 byte-order mark) is refused: Helm 4 refuses UTF-16LE files (its document splitter works on
 *   bytes) while Helm 3 reads them, so no reading agrees with both; saving the file as UTF-8 does.
 *
 * Each problem names the line and column (1-based, in characters; lines end at LF, CRLF, CR, NEL, LS and PS as
 * go-yaml counts them). test/cli/bad-input/verdicts.test.ts gives the same bytes to real Helm 4 and 3.
 */

export interface BytesProblem {
  line: number;
  col: number;
  message: string;
  hint: string;
}

/** Line and column (1-based) of the character at `index` of `text`, counting lines as go-yaml does. */
export function yamlPosition(text: string, index: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue; // CRLF: one break, counted at its LF
    if (c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: [...text.slice(start, index)].length + 1 };
}

const allowed = (cp: number) =>
  cp === 0x09 || cp === 0x0a || cp === 0x0d || (cp >= 0x20 && cp <= 0x7e) || cp === 0x85 || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

/** The first character go-yaml refuses in decoded `text` (a lone surrogate too), or undefined. */
export function yamlCharacterProblem(text: string): BytesProblem | undefined {
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) {
      i++;
      continue;
    }
    if (allowed(cp)) continue;
    const { line, col } = yamlPosition(text, i);
    const what = cp >= 0xd800 && cp <= 0xdfff ? 'a lone UTF-16 surrogate' : `the control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    return {
      line,
      col,
      message: `${what}: YAML does not allow it, and Helm 4 and 3 refuse the file ("control characters are not allowed")`,
      hint: 'delete it, or write it as an escape in a double-quoted string ("\\u0000")',
    };
  }
  return undefined;
}

/** The text of a values file's bytes, or the first reason go-yaml (so Helm) refuses them. */
export function decodeYamlBytes(bytes: Uint8Array): { text: string } | { problem: BytesProblem } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      problem: {
        line: 1,
        col: 1,
        message: `the file is UTF-16 (${bytes[0] === 0xff ? 'little' : 'big'}-endian byte-order mark): Helm 4 refuses UTF-16LE files and Helm 3 reads them, so helmts refuses both`,
        hint: 'save the file as UTF-8',
      },
    };
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let i = start;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const width = (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 0;
    let reason: string | undefined;
    if (width === 0) reason = 'invalid leading UTF-8 octet';
    else if (i + width > bytes.length) reason = 'incomplete UTF-8 octet sequence';
    else {
      let cp = width === 2 ? b & 0x1f : width === 3 ? b & 0x0f : b & 0x07;
      for (let k = 1; k < width && !reason; k++) {
        if ((bytes[i + k] & 0xc0) !== 0x80) reason = 'invalid trailing UTF-8 octet';
        cp = (cp << 6) | (bytes[i + k] & 0x3f);
      }
      if (!reason && !((width === 2 && cp >= 0x80) || (width === 3 && cp >= 0x800) || (width === 4 && cp >= 0x10000))) reason = 'invalid length of a UTF-8 sequence';
      if (!reason && ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)) reason = 'invalid Unicode character';
    }
    if (reason) {
      const before = Buffer.from(bytes.subarray(start, i)).toString('utf8');
      const { line, col } = yamlPosition(before, before.length);
      return {
        problem: {
          line,
          col,
          message: `not valid UTF-8 (byte 0x${b.toString(16).padStart(2, '0')} at offset ${i}: ${reason}); Helm 4 and 3 refuse the file`,
          hint: 'save the file as UTF-8 (iconv -f latin1 -t utf-8, or your editor’s encoding menu)',
        },
      };
    }
    i += width;
  }
  return { text: Buffer.from(bytes.subarray(start)).toString('utf8') };
}
