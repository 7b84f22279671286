/**
 * `npm run build-chart`: regenerates every chart under charts/ and its schema
 * under schema/ from the TypeScript definitions. Deterministic; nothing is
 * written unless the whole generation succeeds.
 */
import * as path from 'node:path';
import { generateChart, writeFiles } from '../generator';
import { helloworldEgress, starter } from '../charts';

function main(): number {
  const repoRoot = path.resolve(__dirname, '..', '..');
  const started = performance.now();
  try {
    const chart = generateChart(helloworldEgress, { repoRoot });
    // The starter's schema goes to schema/starter/ (helloworld-egress keeps schema/values.schema.json).
    const starterChart = generateChart(starter, { repoRoot, schemaPath: 'schema/starter/values.schema.json' });
    for (const key of ['schema', 'templates', 'text'] as const) chart.timings[key] += starterChart.timings[key];
    const t = performance.now();
    const written = writeFiles(repoRoot, [`charts/${helloworldEgress.name}`, `charts/${starter.name}`, 'schema'], [...chart.files, ...starterChart.files]);
    const writeMs = performance.now() - t;
    const changed = written.filter((w) => w.changed).length;
    const bytes = written.reduce((n, w) => n + w.bytes, 0);
    const ms = (x: number) => `${Math.round(x)} ms`;
    console.log(
      `build-chart: wrote ${written.length} files (${bytes} bytes, ${changed} changed) to charts/${helloworldEgress.name}, charts/${starter.name} and schema/ ` +
        `in ${ms(performance.now() - started)} (schema ${ms(chart.timings.schema)}, templates ${ms(chart.timings.templates)}, ` +
        `text ${ms(chart.timings.text)}, write ${ms(writeMs)})`,
    );
    for (const w of written.filter((x) => x.changed)) console.log(`  changed ${w.path}`);
    return 0;
  } catch (error) {
    console.error(`build-chart: nothing was written.\n${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

process.exitCode = main();
