/**
 * helm-unittest's assert types (pkg/unittest/assertion.go `assertTypeMapping`): the validator,
 * whether the type is its validator's negation (`antonym`), and whether it needs the render to
 * succeed. `not: true` on an assert negates once more.
 */
import * as d from './document-validators';
import * as p from './path-validators';
import type { ValidateContext, Verdict } from './validate-context';

export interface AssertType {
  validate: (ctx: ValidateContext, params: Record<string, unknown>) => Verdict;
  antonym: boolean;
  requireRenderSuccess: boolean;
}

const t = (validate: AssertType['validate'], antonym = false, requireRenderSuccess = true): AssertType => ({ validate, antonym, requireRenderSuccess });

export const ASSERT_TYPES: Record<string, AssertType> = {
  matchSnapshot: t(d.matchSnapshot),
  matchSnapshotRaw: t(d.matchSnapshotRaw),
  equal: t(p.equal),
  notEqual: t(p.equal, true),
  greaterOrEqual: t(p.compare('greater')),
  notGreaterOrEqual: t(p.compare('greater'), true),
  lessOrEqual: t(p.compare('less')),
  notLessOrEqual: t(p.compare('less'), true),
  equalRaw: t(d.equalRaw),
  notEqualRaw: t(d.equalRaw, true),
  exists: t(p.exists),
  notExists: t(p.exists, true),
  matchRegex: t(p.matchRegex),
  notMatchRegex: t(p.matchRegex, true),
  matchRegexRaw: t(d.matchRegexRaw),
  notMatchRegexRaw: t(d.matchRegexRaw, true),
  contains: t(p.contains),
  notContains: t(p.contains, true),
  isKind: t(d.isKind),
  isAPIVersion: t(d.isAPIVersion),
  hasDocuments: t(d.hasDocuments),
  isSubset: t(p.isSubset),
  isNotSubset: t(p.isSubset, true),
  isNullOrEmpty: t(p.isNullOrEmpty),
  isNotNullOrEmpty: t(p.isNullOrEmpty, true),
  failedTemplate: t(d.failedTemplate, false, false),
  notFailedTemplate: t(d.failedTemplate, true, true),
  containsDocument: t(d.containsDocument),
  lengthEqual: t(d.lengthEqual),
  notLengthEqual: t(d.lengthEqual, true),
  isNull: t(p.exists, true),
  isNotNull: t(p.exists),
  isEmpty: t(p.isNullOrEmpty),
  isNotEmpty: t(p.isNullOrEmpty, true),
  isType: t(p.isType),
  isNotType: t(p.isType, true),
};
