import type { Node } from '@pgsql/types';
import { alterTableRules } from './alterTableRules';
import {
  createRules,
  enumRules,
  functionRules,
  indexRules,
} from './createRules';
import { dropRules } from './dropRules';
import { renameRules, setSchemaRules } from './renameRules';
import { RuleContext } from './RuleContext';

/** Statements that change no schema object consumers use: never unclassified. */
const NOT_SCHEMA = new Set([
  'TransactionStmt',
  'VariableSetStmt',
  'CommentStmt',
  'GrantStmt',
  'GrantRoleStmt',
  'AlterDefaultPrivilegesStmt',
  'AlterOwnerStmt',
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'SelectStmt',
  'LockStmt',
  'VacuumStmt',
  'CreateExtensionStmt',
  'CreateSeqStmt',
  'AlterSeqStmt',
  'CreatePolicyStmt',
  'CreateTrigStmt',
]);

/** Hands one statement to the rules for its kind. */
export function classifyStatement(ctx: RuleContext, node: Node): void {
  if (createRules(ctx, node)) return;
  if ('AlterTableStmt' in node) alterTableRules(ctx, node.AlterTableStmt);
  else if ('DropStmt' in node) dropRules(ctx, node.DropStmt);
  else if ('RenameStmt' in node) renameRules(ctx, node.RenameStmt);
  else if ('AlterObjectSchemaStmt' in node)
    setSchemaRules(ctx, node.AlterObjectSchemaStmt);
  else if ('AlterEnumStmt' in node) enumRules(ctx, node.AlterEnumStmt);
  else if ('CreateFunctionStmt' in node)
    functionRules(ctx, node.CreateFunctionStmt);
  else if ('IndexStmt' in node) indexRules(ctx, node.IndexStmt);
  else if (!NOT_SCHEMA.has(Object.keys(node)[0])) ctx.unclassified();
}
