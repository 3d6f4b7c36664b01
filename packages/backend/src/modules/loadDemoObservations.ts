import { ObservedCalls } from '@integration-health/plugin-integration-health-node';
import fs from 'node:fs';
import { parse } from 'yaml';

/** Reads examples/observations.yaml: the recorded calls of one hour. */
export function loadDemoObservations(file: string): ObservedCalls[] {
  const document = parse(fs.readFileSync(file, 'utf8')) as {
    calls?: ObservedCalls[];
  };
  return (document.calls ?? []).map((call, index) => {
    if (!call.client || !call.server || typeof call.calls !== 'number') {
      throw new Error(
        `${file}: call ${index + 1} needs client, server and calls`,
      );
    }
    return call;
  });
}
