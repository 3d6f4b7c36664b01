import { diffSpecs } from '../../diffSpecs';

const spec = (version: unknown, withPath: boolean) => ({
  openapi: '3.0.3',
  info: { title: 'versions', version },
  paths: withPath
    ? { '/items': { get: { responses: { '200': { description: 'ok' } } } } }
    : {},
});

async function versionFindings(
  before: unknown,
  after: unknown,
  breaking = true,
) {
  const { findings } = await diffSpecs(
    spec(before, true),
    spec(after, !breaking),
  );
  return findings
    .filter(f => f.pointer === '/info/version')
    .map(f => `${f.id} ${f.level}`);
}

describe('the version check', () => {
  it('says nothing when nothing breaks', async () => {
    expect(await versionFindings('1.0.0', '1.0.0', false)).toEqual([]);
  });

  it('says nothing when the major version went up', async () => {
    expect(await versionFindings('1.9.3', '2.0.0')).toEqual([]);
    expect(await versionFindings('v1.2', 'v2.0')).toEqual([]);
  });

  it('rates a version that says nothing of the break as info', async () => {
    expect(await versionFindings('1.0.0', '1.0.0')).toEqual([
      'api-version-not-bumped info',
    ]);
    expect(await versionFindings('2.1.0', '2.0.5')).toEqual([
      'api-version-decreased info',
    ]);
    expect(await versionFindings('2.1.0', '2.2.0-beta.1')).toEqual([
      'api-major-version-not-bumped info',
    ]);
  });

  it('compares versions that are not numbers only for being the same', async () => {
    expect(await versionFindings('2022-11-28', '2022-11-28')).toEqual([
      'api-version-not-bumped info',
    ]);
    expect(await versionFindings('2022-11-28', '2021-01-01')).toEqual([]);
    expect(await versionFindings(undefined, '1.0.0')).toEqual([]);
  });
});
