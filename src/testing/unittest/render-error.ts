/**
 * A failed render's error as helm-unittest sees it. helm-unittest gets the error of Helm's engine
 * in-process (pkg/unittest/test_job.go `renderV3Chart`); here it is read from helm's stderr:
 *
 * 1. `cliError`: the text after `Error: ` (log lines before it dropped), without the
 *    `Use --debug flag to render out invalid YAML` hint `helm template` appends.
 * 2. `helm3Form`: Helm 4 prints a template execution chain over several lines
 *    (pkg/engine/engine.go `reformatExecErrorMsg` / `TraceableError.String`: `<file>:L:C`, then
 *    `  executing "<name>" at <<cmd>>:`, then `    <message>`, one block per template of the chain).
 *    It is joined back into the one-line text/template form Helm 3 (and helm-unittest) has:
 *    `template: <file>:L:C: executing "<name>" at <<cmd>>: <message>`, the blocks separated by a space.
 * 3. `extractRenderError`: helm-unittest's `parseRenderError` — its regular expression names the
 *    failing template file, and the error text an assert sees is the part after the location
 *    (`fail "boom"` → `boom`), or everything after the first line of a multi-line error.
 */

export function cliError(stderr: string): string {
  const lines = stderr.split('\n');
  const at = lines.findIndex((l) => l.startsWith('Error: '));
  const text = at < 0 ? stderr : [lines[at].slice('Error: '.length), ...lines.slice(at + 1)].join('\n');
  return text.replace(/\n*Use --debug flag to render out invalid YAML\s*$/, '').trimEnd();
}

interface Block {
  location?: string;
  executed?: string;
  message: string;
}

/** Helm 4's multi-line execution chain back in Helm 3's one-line form; other errors unchanged. */
export function helm3Form(error: string): string {
  const lines = error.split('\n');
  if (lines.length < 2 || !/^\S.*:\d+(?::\d+)?$/.test(lines[0]) || !lines[1].startsWith('  ')) return error;
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    if (/^\S/.test(line) && /:\d+(?::\d+)?$/.test(line) && lines[i + 1]?.startsWith('  ')) {
      const block: Block = { location: line, message: '' };
      i++;
      if (/^ {2}executing ".*" at <.*>:$/.test(lines[i]) && lines[i + 1]?.startsWith('    ')) {
        block.executed = lines[i].trim();
        block.message = lines[i + 1].slice(4);
        i += 2;
      } else {
        block.message = lines[i].slice(2);
        i++;
      }
      blocks.push(block);
    } else if (line.trim() !== '') {
      blocks.push({ message: line });
      i++;
    } else i++;
  }
  return blocks
    .map((b) => (b.location === undefined ? b.message : `template: ${b.location}: ${b.executed ? `${b.executed} ` : ''}${b.message}`))
    .join(' ');
}

/** helm-unittest's `regexPattern` (?msU) with Go's ungreedy flag written out as lazy quantifiers. */
const ERROR_PATTERN = /^(?:.+?: |.+? \()(?:(.+?):\d+:\d+).+?(?:.+?>)*?: (.+?)$/ms;

export interface ExtractedError {
  /** The template the error is attributed to (`chart/templates/x.yaml`), or undefined. */
  file?: string;
  /** What failedTemplate compares: the attributed text, or the whole error when unattributed. */
  text: string;
}

/** helm-unittest's `parseRenderError` on the (Helm-3-form) error. */
export function extractRenderError(error: string): ExtractedError {
  const m = ERROR_PATTERN.exec(error);
  if (!m) return { text: error };
  const lines = error.split('\n');
  const raw = lines.length > 1 ? lines.slice(1).join('\n') : m[2];
  // The error is stored through TrustedMarshalYAML, which drops leading newlines (internal/common/utilities.go).
  return { file: m[1], text: raw.replace(/^\n+/, '') };
}

/** The whole pipeline: helm's stderr → the error helm-unittest's failedTemplate sees. */
export function unittestRenderError(stderr: string): ExtractedError {
  return extractRenderError(helm3Form(cliError(stderr)));
}
