import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDemoObservations } from './loadDemoObservations';

const shipped = path.resolve(
  __dirname,
  '../../../../examples/observations.yaml',
);

describe('loadDemoObservations', () => {
  it('reads the recorded traffic the demo ships, with the calls its story needs', () => {
    const calls = loadDemoObservations(shipped);
    const edge = (client: string, server: string) =>
      calls.find(c => c.client === client && c.server === server);
    expect(
      edge('account-management-legacy', 'transaction-validation'),
    ).toMatchObject({ calls: 1240 });
    expect(edge('payments-mock-server', 'transaction-intake')).toBeUndefined();
    expect(
      edge('transaction-validation', 'sanctions-screening-saas'),
    ).toBeDefined();
  });

  it('says which call is incomplete', () => {
    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'demo-')),
      'o.yaml',
    );
    fs.writeFileSync(
      file,
      'calls:\n  - { client: a, server: b, calls: 1 }\n  - { client: a }\n',
    );
    expect(() => loadDemoObservations(file)).toThrow(
      `${file}: call 2 needs client, server and calls`,
    );
  });
});
