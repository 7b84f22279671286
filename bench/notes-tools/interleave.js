// Interleaved, paired timing of processes (the harness behind bench/NOTES-issue-24.md).
// usage: node bench/notes-tools/interleave.js <rounds> <spec.json>
// spec: {variants: [{name, helm: 4|3, args: [...]} | {name, cmd: [...], cwd}], pairs: [[a, b], ...]}
// Every variant runs once unrecorded, then <rounds> rounds in an order rotated each round; prints wall and CPU
// (user+sys from GNU time, children included) min/median/max per variant and of each pair's per-round ratios,
// with the load average before and after. Helm binaries: HELM4_BIN / HELM3_BIN, else the cache of src/helm/helm-binary.ts.
const { spawnSync } = require('child_process');
const fs = require('fs'); const os = require('os');
const [rounds, specFile] = [Number(process.argv[2]), process.argv[3]];
const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));
const cache = process.env.HELMTS_CACHE_DIR || require('path').join(__dirname, '..', '..', 'node_modules', '.cache', 'helmts');
const H = { 4: process.env.HELM4_BIN || `${cache}/helm4-2.2.2/helm`, 3: process.env.HELM3_BIN || `${cache}/helm3-2.1.0/helm` };
const home = fs.mkdtempSync(require('path').join(os.tmpdir(), 'interleave-home-'));
const env = { PATH: process.env.PATH, HOME: home, HELM_CACHE_HOME: home + '/c', HELM_CONFIG_HOME: home + '/f', HELM_DATA_HOME: home + '/d' };
const cpu = {};
const run = (v) => { const cmd = v.cmd ? v.cmd : [H[v.helm], ...v.args]; const t = process.hrtime.bigint(); const r = spawnSync('/usr/bin/time', ['-f', '@@%U %S', ...cmd], { env: v.cmd ? process.env : env, cwd: v.cwd, stdio: ['ignore', 'ignore', 'pipe'] }); const ms = Number(process.hrtime.bigint() - t) / 1e6; const err = r.stderr.toString(); if (r.status !== 0) { console.error(v.name, err.slice(0, 800)); process.exit(1); } const m = err.match(/@@([\d.]+) ([\d.]+)\s*$/); (cpu[v.name] ??= []).push(m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN); return ms; };
const V = spec.variants; const t = Object.fromEntries(V.map((v) => [v.name, []]));
for (const v of V) run(v); // warm
for (const k in cpu) cpu[k] = [];
const load0 = os.loadavg();
for (let r = 0; r < rounds; r++) for (let i = 0; i < V.length; i++) { const v = V[(i + r) % V.length]; t[v.name].push(run(v)); }
const load1 = os.loadavg();
const st = (a) => { const s = [...a].sort((x, y) => x - y); return { min: s[0], med: s[Math.floor(s.length / 2)] * (s.length % 2) + (s.length % 2 ? 0 : (s[s.length / 2 - 1] + s[s.length / 2]) / 2), max: s[s.length - 1] }; };
const f = (x, d = 0) => x.toFixed(d);
console.log(`rounds ${rounds}; load ${load0.map((x) => x.toFixed(2)).join(' ')} -> ${load1.map((x) => x.toFixed(2)).join(' ')}`);
for (const v of V) { const s = st(t[v.name]); const c = st(cpu[v.name]); console.log(`${v.name.padEnd(40)} wall ms min ${f(s.min)} med ${f(s.med)} max ${f(s.max)} | cpu ms min ${f(c.min)} med ${f(c.med)} max ${f(c.max)}`); }
for (const [a, b] of spec.pairs) { const s = st(t[a].map((x, i) => x / t[b][i])); const c = st(cpu[a].map((x, i) => x / cpu[b][i])); console.log(`${(a + ' / ' + b).padEnd(60)} wall min ${f(s.min, 3)} med ${f(s.med, 3)} max ${f(s.max, 3)} | cpu min ${f(c.min, 3)} med ${f(c.med, 3)} max ${f(c.max, 3)}`); }
fs.rmSync(home, { recursive: true, force: true });
