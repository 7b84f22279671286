/**
 * `npm run egress -- --manifests rendered.yaml` or `npm run egress -- -f values.yaml [--chart dir]`:
 * offline Istio Sidecar egress reachability. See src/egress/README.md.
 */
import { once } from 'node:events';
import * as fs from 'node:fs';
import { runEgressCli } from '../egress/run-cli';
import { installInterruptHandlers } from '../io/interrupts';
import { renderForEgress } from './egress-render';

// SIGINT / SIGTERM remove the temporary chart copy and helm home before the process ends.
installInterruptHandlers();

// `npm run egress -- … | head`: a closed pipe ends the output quietly, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 3));
}

runEgressCli(process.argv.slice(2), {
  stderr: (text) => process.stderr.write(text),
  readStdin: () => fs.readFileSync(0, 'utf8'),
  renderChart: renderForEgress,
  stdout: (text) => (process.stdout.write(text) ? undefined : once(process.stdout, 'drain').then(() => undefined)),
}).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 3;
  },
);
