/**
 * Every target of the benchmark in one place. The README's "Benchmarks"
 * section explains the choices; change a target here and there together.
 */
export const TARGETS = {
  generation: {
    /** Fresh process, what `npm run build-chart` costs minus npm's own start: edit → rebuilt chart while you look. */
    coldMs: 5000,
    /** Node + tsx + imports of the generator and the chart, before any work. */
    coldStartupMs: 1500,
    /** TypeScript program + ts-json-schema-generator: the bulk of a cold build. */
    coldSchemaMs: 3000,
    coldTemplatesMs: 200,
    coldTextMs: 200,
    coldWriteMs: 100,
    /** In-process rebuild (a watch mode): 200 ms reads as instant. */
    warmMs: 200,
    warmSchemaMs: 100,
    warmTemplatesMs: 50,
    warmTextMs: 50,
    warmWriteMs: 50,
    peakRssMiB: 1024,
  },
  render: {
    /** `helm template` wall time for n namespaces: small charts stay interactive, 1,000 namespaces stay CI-friendly. */
    wallMs(namespaces: number): number {
      return namespaces <= 10 ? 500 : namespaces <= 100 ? 1000 : 5000;
    },
    /** Helm's peak RSS: fits a 512 MiB CI container with room to spare. */
    peakRssMiB: 256,
    /** generated ÷ floor at the largest size: templating costs at most 30 % over printing the same manifests. */
    ratioAtLargest: 1.3,
    /** Below the largest size the ratio is dominated by helm's start; the target is an absolute overhead instead. */
    overheadMs: 100,
    /** The default values (test pods on) ÷ the knob tests.enabled=false: the bounded test pods cost at most 20 % (issue 24). */
    testPodsRatio: 1.2,
    /**
     * The generated chart with its values.schema.json ÷ the fastest hand-written chart without one (tests off), at
     * each size: no slower on Helm 4, at most 10 % slower on Helm 3 (issue 24).
     */
    chartRatio: { helm4: 1.0, helm3: 1.1 },
    /** `npm run egress -- -f` (default values) ÷ the tests-off `helm template`: the analysis costs at most half a render. */
    egressRatio: 1.5,
    /** Generated templates ÷ hand-written ones (tests off, no schema on either): no slower. */
    handWrittenRatio: 1.0,
    /** Helm's values-schema validation (tests off, with ÷ without the schema): under 10 %. */
    schemaRatio: 1.1,
    /** Growth exponent of render time over 10 → 1,000 namespaces (1 = linear). */
    exponent: 1.1,
    /** A single helm run longer than this is killed and reported as a lower bound. */
    timeoutMs: 10000,
    quickTimeoutMs: 5000,
  },
  analysis: {
    /** analyzeEgressReport on 1,000 namespaces (4M probe decisions). */
    reportMs: 1000,
    /** analyzeEgress materialises 4M probe objects: informational. */
    fullMs: 5000,
    fullRssMiB: 2048,
  },
  cli: {
    /** `node bin/helmts.js validate values/seed.yaml`, process start included: feels immediate in an editor task or pre-commit hook. */
    validateMs: 500,
    /** Through npm, which adds its own start (~0.3–0.5 s) that this repo cannot change. */
    validateNpmMs: 1000,
  },
  endToEnd: {
    /** `npm run egress -- -f <1,000-namespace values>`: render, parse, analyse, print, under 5 s. */
    egressMs: 5000,
    egressRssMiB: 500,
    /** `npm run validate-values -- <1,000-namespace values>`. */
    validateMs: 5000,
    validateRssMiB: 500,
    /** Release Secret payload (base64 of gzip of the release JSON), well under Kubernetes' 1 MiB. */
    releaseKiB: 300,
  },
  tests: {
    /** One differential case (schema check, helm render, parse + validate, TypeScript render, compare): 225 cases in about a minute. */
    differentialCaseMs: 250,
    /** Whole `jest --ci` suite on this 2-core machine. */
    suiteMs: 300_000,
    /** Distinct helm template renders of a suite run (informational): at ~0.2 s each, 1,000 renders is ~100 s of helm. */
    helmTemplateRuns: 1000,
  },
  unittest: {
    /** `helmts test --unittest` ÷ one `helm template` per distinct render: the runner's parsing and extra processes cost at most 50 %. */
    floorRatio: 1.5,
    /** Per test on the vendored suites (Helm 4): a helm process each, ~100 ms of CPU, two cores. */
    perTestMs: 100,
  },
} as const;
