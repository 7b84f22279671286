/**
 * `npx tsx test/egress/istio-docs/scorecard.ts [--verbose]`: the analyzer's scorecard on the
 * fixture set from Istio's documentation tests (correct / unknown / wrong per feature).
 */
import { loadFixtureSet } from './fixture-set';
import { formatTally, scoreRecord, tally } from './score';

const scores = loadFixtureSet().map(scoreRecord);
const verbose = process.argv.includes('--verbose');
console.log(formatTally('Requests the doc tests check (CI):', tally(scores, true)));
console.log('');
console.log(formatTally('Shown on the pages, not checked by their scripts:', tally(scores, false)));
for (const s of scores) {
  if (s.verdict === 'wrong' || (verbose && s.verdict === 'unknown')) {
    console.log(`${s.verdict.toUpperCase()}  ${s.record.id}\n    predicted ${s.predicted}\n    ${s.why}`);
  }
}
