import { appTreeApiRef } from '@backstage/frontend-plugin-api';
import { act } from '@testing-library/react';
import {
  createExtensionTester,
  renderTestApp,
  RenderTestAppOptions,
} from '@backstage/frontend-test-utils';
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

describe('new frontend system extensions', () => {
  const onByDefault = [
    'api:integration-health',
    'entity-content:integration-health/integrations',
    'entity-card:integration-health/health-summary',
    'page:integration-health',
    'page:integration-health/scorecard',
  ];
  const offByDefault = [
    'entity-card:integration-health/spec-history',
    'entity-card:integration-health/breaking-changes',
    'entity-card:integration-health/incidents',
    'entity-card:integration-health/dependency-map',
    'entity-card:integration-health/calendar',
  ];

  /** The app's nodes, disabled ones included, as an app with this plugin builds them. */
  async function appNodes(config?: RenderTestAppOptions['config']) {
    const { apis } = renderTestApp({ features: [plugin], config });
    // Let the app finish loading before the test ends.
    await act(async () => {});
    return apis.get(appTreeApiRef)!.getTree().tree.nodes;
  }

  it('keeps the default layout: the tab, the health card and the two pages', async () => {
    const nodes = await appNodes();
    expect(
      [...nodes.keys()].filter(id => id.includes('integration-health')).sort(),
    ).toEqual([...onByDefault, ...offByDefault].sort());
    for (const id of onByDefault) {
      expect({ id, disabled: nodes.get(id)?.spec.disabled }).toEqual({
        id,
        disabled: false,
      });
    }
  });

  it('adds every other card disabled, for adopters to enable in app-config', async () => {
    const nodes = await appNodes();
    for (const id of offByDefault) {
      expect({ id, disabled: nodes.get(id)?.spec.disabled }).toEqual({
        id,
        disabled: true,
      });
    }
    const enabled = await appNodes({
      app: {
        extensions: ['entity-card:integration-health/dependency-map'],
      },
    });
    expect(
      enabled.get('entity-card:integration-health/dependency-map')?.spec
        .disabled,
    ).toBe(false);
  });

  it.each([
    ['spec-history', ['API'], ['Component', 'Resource', 'Group']],
    ['breaking-changes', ['API', 'Component'], ['Resource', 'Group']],
    ['incidents', ['Component', 'API', 'Resource'], ['Group', 'System']],
    ['dependency-map', ['Component', 'Resource'], ['API', 'Group']],
    ['calendar', ['Component', 'API', 'Resource'], ['Group', 'Domain']],
  ] as const)('shows the %s card on %j, not on %j', (name, shownOn, notOn) => {
    const card = plugin.getExtension(`entity-card:integration-health/${name}`);
    const filter = createExtensionTester(card).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    const of = (kind: string) =>
      filter?.({
        apiVersion: 'backstage.io/v1alpha1',
        kind,
        metadata: { name: 'x' },
      });
    expect(shownOn.map(of)).toEqual(shownOn.map(() => true));
    expect(notOn.map(of)).toEqual(notOn.map(() => false));
  });
});
