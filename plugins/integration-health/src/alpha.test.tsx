import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import plugin from './alpha';

describe('new frontend system', () => {
  const content = plugin.getExtension(
    'entity-content:integration-health/integrations',
  );

  it('adds an Integrations tab at /integrations', () => {
    const tester = createExtensionTester(content);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Integrations',
    );
    expect(
      tester.get(EntityContentBlueprint.dataRefs.filterExpression),
    ).toBeUndefined();
  });

  it('shows the tab on components, APIs and resources only', () => {
    const tester = createExtensionTester(content);
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    const entityOfKind = (kind: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name: 'x' },
    });
    expect(filter?.(entityOfKind('Component'))).toBe(true);
    expect(filter?.(entityOfKind('API'))).toBe(true);
    expect(filter?.(entityOfKind('Resource'))).toBe(true);
    expect(filter?.(entityOfKind('Group'))).toBe(false);
    expect(filter?.(entityOfKind('System'))).toBe(false);
  });

  it('adds the health card to overviews of entities, teams, systems and domains, not users', () => {
    const card = plugin.getExtension(
      'entity-card:integration-health/health-summary',
    );
    const filter = createExtensionTester(card).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    const of = (kind: string) =>
      filter?.({
        apiVersion: 'backstage.io/v1alpha1',
        kind,
        metadata: { name: 'x' },
      });
    expect(['Component', 'API', 'Group', 'System', 'Domain'].map(of)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(of('User')).toBe(false);
  });
});
