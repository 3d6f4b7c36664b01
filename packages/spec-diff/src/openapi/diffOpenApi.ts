import { OpenApiContext } from './OpenApiContext';
import { checkEndpoints } from './checks/endpoints';
import { checkParameters } from './checks/parameters';
import { checkRequestBody } from './checks/requestBody';
import { checkResponses } from './checks/responses';
import { checkGlobalSecurity, checkOperationSecurity } from './checks/security';
import { checkComponentSchemas } from './checks/components';
import { checkVersionBump } from './checks/version';
import { isUnstable } from '../lifecycle';
import { callbacksOf, Operation, operationsOf } from './operations';

type OperationCheck = (
  context: OpenApiContext,
  base: Operation,
  revision: Operation,
) => void;

/** The checks run on every operation that exists in both versions. */
const OPERATION_CHECKS: OperationCheck[] = [
  checkParameters,
  checkRequestBody,
  checkResponses,
  checkOperationSecurity,
];

/** Diffs two OpenAPI 3.x documents (2.0 is upgraded before it gets here). */
export function diffOpenApi(context: OpenApiContext): void {
  const basePaths = operationsOf(context.base, 'paths');
  const revisionPaths = operationsOf(context.revision, 'paths');
  const sections: [
    kind: 'path' | 'webhook' | 'callback',
    base: Map<string, Operation>,
    revision: Map<string, Operation>,
  ][] = [
    ['path', basePaths, revisionPaths],
    [
      'webhook',
      operationsOf(context.base, 'webhooks'),
      operationsOf(context.revision, 'webhooks'),
    ],
    [
      'callback',
      callbacksOf(context.base, basePaths),
      callbacksOf(context.revision, revisionPaths),
    ],
  ];
  for (const [kind, base, revision] of sections) {
    checkEndpoints(context, base, revision, kind);
    for (const [key, after] of revision) {
      const before = base.get(key);
      // Draft and alpha operations may change at will.
      if (!before || isUnstable(after.node)) continue;
      // The same text with the same targets: nothing to find.
      if (
        context.stable?.same(
          [before.node, before.pathItem.parameters],
          [after.node, after.pathItem.parameters],
        )
      )
        continue;
      for (const check of OPERATION_CHECKS) {
        check(context, before, after);
      }
    }
  }
  checkGlobalSecurity(context);
  checkComponentSchemas(context);
  // Last: it asks whether anything breaking was found.
  checkVersionBump(context);
}
