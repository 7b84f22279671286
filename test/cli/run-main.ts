/** Runs the helmts CLI in-process in `cwd`, capturing what it prints. */
import { main } from '../../src/cli/main';

export async function runMain(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd });
  return { code, stdout, stderr };
}
