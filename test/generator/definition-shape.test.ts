/**
 * A malformed chart definition (a JavaScript one, one cast with `as any`, one built by code) is refused by
 * `defineChart` and `generateChart` with every field that is missing or of the wrong kind named, never with an error
 * from inside the generator.
 */
import { defineChart, defineHelper, generateChart } from '../../src/generator';
import { definitionShapeProblems } from '../../src/generator/definition-shape';

const good = {
  name: 'shape',
  version: '0.1.0',
  appVersion: '1',
  description: 'd',
  source: 'src/charts/shape',
  values: { file: 'src/charts/shape/values.ts', type: 'Values' },
  defaults: {},
  templates: { 'cm.yaml': () => undefined },
};

describe('the shape of a chart definition', () => {
  it('accepts a well-formed definition, with and without the optional fields', () => {
    expect(definitionShapeProblems(good)).toEqual([]);
    const helper = defineHelper('labels', () => ({ app: 'x' }));
    expect(definitionShapeProblems({ ...good, helpers: [helper], notes: () => '', files: ['a.txt'], textFiles: { 'README.md': 'x' }, metadata: { home: 'h' }, unique: [], dependencies: [{ chart: good }] })).toEqual([]);
  });

  it.each([
    ['a missing name', { name: undefined }, 'name must be a string; got nothing (the field is missing)'],
    ['a numeric version', { version: 1 }, 'version must be a string; got number 1'],
    ['no values', { values: undefined }, "values must be an object { file: 'src/charts/<name>/values.ts', type: 'Values' }; got nothing (the field is missing)"],
    ['values without a type', { values: { file: 'v.ts' } }, 'values.type must be a string: the name of the values type; got nothing (the field is missing)'],
    ['no defaults', { defaults: undefined }, 'defaults must be an object: the default values (written to values.yaml); got nothing (the field is missing)'],
    ['defaults that are a list', { defaults: [] }, 'defaults must be an object: the default values (written to values.yaml); got a list'],
    ['no templates', { templates: undefined }, "templates must be an object of template functions by file name ({ 'deployment.yaml': deployment }); got nothing (the field is missing)"],
    ['a template that is not a function', { templates: { 'cm.yaml': 'x' } }, 'templates["cm.yaml"] must be a function (values, builtIns) => object; got the string "x"'],
    ['helpers that are an object', { helpers: {} }, 'helpers must be a list of helpers (defineHelper or defineComputedHelper results), or left out; got an object'],
    ['a helper that is a plain function', { helpers: [() => 'x'] }, 'helpers[0] must be a helper made by defineHelper or defineComputedHelper; got a function'],
    ['notes that are a string', { notes: 'n' }, 'notes must be a function (values, builtIns) => string, or left out; got the string "n"'],
    ['files that are a string', { files: 'a.txt' }, "files must be a list of paths (['config/app.conf']), or left out; got the string \"a.txt\""],
    ['a text file that is not a string', { textFiles: { 'README.md': 1 } }, 'textFiles["README.md"] must be a string (a Handlebars source); got number 1'],
    ['a dependency without a chart', { dependencies: [{ alias: 'x' }] }, 'dependencies[0] must be { chart: <a defineChart result>, alias?, condition?, repository? }; got an object'],
  ])('names %s', (_label, change, problem) => {
    expect(definitionShapeProblems({ ...good, ...change })).toEqual([problem]);
  });

  it('is checked by defineChart and by generateChart, listing every problem', () => {
    const bad = { ...good, templates: undefined, helpers: {} };
    const message = 'the chart definition of shape is malformed: templates must be an object of template functions by file name ({ \'deployment.yaml\': deployment }); got nothing (the field is missing); helpers must be a list of helpers (defineHelper or defineComputedHelper results), or left out; got an object';
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a malformed definition, as JavaScript would give it
    expect(() => defineChart(bad as any)).toThrow(message);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect(() => generateChart(bad as any, { repoRoot: '/nowhere' })).toThrow(message);
    expect(definitionShapeProblems('chart')).toEqual(['the definition must be an object ({ name, version, appVersion, description, source, values, defaults, templates }); got the string "chart"']);
  });
});
