/**
 * An atomic swap of two folders: Linux's `renameat2(…, RENAME_EXCHANGE)`
 * exchanges two paths in one step, so at every instant each name holds one of
 * the two folders whole. Node has no binding for it, and helmts installs no
 * native code (npm runs no install scripts; nothing may be downloaded), so the
 * call is made through perl's built-in `syscall` (perl-base is part of every
 * Debian and Ubuntu system and of most CI images), as a child process:
 *
 *     perl -e '<EXCHANGE_SCRIPT>' <from> <to>
 *
 * The script picks the system call number from the architecture perl itself
 * was built for (x86_64: 316, aarch64: 276; Linux's syscall tables) and
 * refuses any other architecture, so a wrong number can never be called.
 *
 * `exchangeDirs` answers `'unsupported'` (and the caller falls back to two
 * renames, see folder-transaction.ts) when: not Linux, no perl, another
 * architecture, a kernel without renameat2 (ENOSYS, before 3.15), or a file
 * system without RENAME_EXCHANGE (EINVAL/EOPNOTSUPP: e.g. NFS, FUSE file
 * systems that do not implement it). `HELMTS_FOLDER_SWAP=rename` forces the
 * fallback.
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';

const EXCHANGE_SCRIPT = [
  'use Config;',
  'my %nr = ("x86_64" => 316, "aarch64" => 276);',
  'my ($arch) = $Config{archname} =~ /^(x86_64|aarch64)-linux/;',
  'exit 3 unless defined $arch && $Config{ptrsize} == 8;',
  'my ($from, $to) = @ARGV;',
  // AT_FDCWD = -100, RENAME_EXCHANGE = 2; string arguments are passed as pointers to NUL-terminated buffers.
  'my $r = syscall($nr{$arch}, -100, $from, -100, $to, 2);',
  'exit 0 if $r == 0;',
  'print STDERR ($! + 0);',
  'exit 4;',
].join(' ');

const UNSUPPORTED_ERRNO = new Set(['ENOSYS', 'EINVAL', 'EOPNOTSUPP', 'ENOTSUP']);
let available: boolean | undefined;

function errnoName(n: number): string | undefined {
  return Object.entries(os.constants.errno).find(([, v]) => v === n)?.[0];
}

/** Whether this process will try RENAME_EXCHANGE (before the file system has been asked). */
export function exchangeAvailable(): boolean {
  if (process.env.HELMTS_FOLDER_SWAP === 'rename' || process.platform !== 'linux') return false;
  return available !== false;
}

/**
 * Exchanges the folders at `from` and `to` (absolute paths, both existing) atomically.
 * Returns 'exchanged', or 'unsupported' when this machine cannot (nothing was changed then);
 * throws a file-system error (with its `code`) when the kernel refused for another reason.
 */
export function exchangeDirs(from: string, to: string): 'exchanged' | 'unsupported' {
  if (!exchangeAvailable()) return 'unsupported';
  const r = spawnSync('perl', ['-e', EXCHANGE_SCRIPT, from, to], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  if (r.error || r.status === 3) {
    available = false; // no perl, or an architecture the script does not know
    return 'unsupported';
  }
  if (r.status === 0) {
    available = true;
    return 'exchanged';
  }
  const code = errnoName(Number(r.stderr.trim())) ?? 'EIO';
  if (UNSUPPORTED_ERRNO.has(code)) return 'unsupported';
  throw Object.assign(new Error(`${code}: renameat2(RENAME_EXCHANGE) ${from} ${to} failed`), { code, path: to });
}
