import type { Node } from '@pgsql/types';
import { objectName, qualifiedName, relationName } from '../parse/names';

/**
 * Names a statement brings into being: created objects, and the new name of
 * a rename whose old name was itself introduced or is being recreated.
 */
export function introducedNames(
  node: Node,
  introduced: Set<string>,
  recreated: Map<string, number>,
): string[] {
  if ('CreateStmt' in node) return [relationName(node.CreateStmt.relation)];
  if ('CreateTableAsStmt' in node) {
    return [relationName(node.CreateTableAsStmt.into?.rel)];
  }
  if ('ViewStmt' in node) return [relationName(node.ViewStmt.view)];
  if ('CreateEnumStmt' in node)
    return [qualifiedName(node.CreateEnumStmt.typeName)];
  if ('CompositeTypeStmt' in node) {
    return [relationName(node.CompositeTypeStmt.typevar)];
  }
  if ('CreateDomainStmt' in node) {
    return [qualifiedName(node.CreateDomainStmt.domainname)];
  }
  if ('RenameStmt' in node && node.RenameStmt.renameType !== 'OBJECT_COLUMN') {
    const s = node.RenameStmt;
    const from = s.relation ? relationName(s.relation) : objectName(s.object);
    if (introduced.has(from) || recreated.has(from)) {
      return [`${from.slice(0, from.indexOf('.'))}.${s.newname}`];
    }
  }
  return [];
}
