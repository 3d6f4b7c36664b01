import { isRecord } from '@integration-health/plugin-integration-health-common';
import {
  CollectedEvidence,
  EvidenceSubject,
} from '@integration-health/plugin-integration-health-node';

function isSubject(value: unknown): value is EvidenceSubject {
  return (
    isRecord(value) &&
    typeof value.consumerRef === 'string' &&
    typeof value.providerRef === 'string' &&
    (value.apiRef === undefined || typeof value.apiRef === 'string')
  );
}

/**
 * A source's answer in one shape, or an error saying what is wrong with it:
 * sources are other teams' code and may answer anything.
 */
export function readSourceAnswer(answer: unknown): CollectedEvidence {
  const evidence: unknown = Array.isArray(answer)
    ? { verifications: answer }
    : answer;
  if (!isRecord(evidence)) {
    throw new Error(
      'it answered neither a list of verifications nor { verifications, mocks }',
    );
  }
  const { verifications = [], mocks, errors = [] } = evidence;
  if (
    !Array.isArray(verifications) ||
    !verifications.every(
      v => isRecord(v) && isSubject(v.subject) && isRecord(v.verification),
    )
  ) {
    throw new Error(
      'its verifications are not a list of { subject, verification }',
    );
  }
  if (
    mocks !== undefined &&
    (!Array.isArray(mocks) ||
      !mocks.every(
        m =>
          isRecord(m) &&
          isSubject(m.subject) &&
          Array.isArray(m.documents) &&
          m.documents.every(
            d =>
              isRecord(d) &&
              typeof d.name === 'string' &&
              (d.format === 'pact' || d.format === 'wiremock'),
          ),
      ))
  ) {
    throw new Error(
      'its mocks are not a list of { subject, documents: [{ name, format: pact|wiremock, content }] }',
    );
  }
  if (!Array.isArray(errors) || !errors.every(e => typeof e === 'string')) {
    throw new Error('its errors are not a list of strings');
  }
  if (evidence.cursor !== undefined && typeof evidence.cursor !== 'string') {
    throw new Error('its cursor is not a string');
  }
  if (evidence.partial !== undefined && typeof evidence.partial !== 'boolean') {
    throw new Error('its partial is not true or false');
  }
  return evidence as CollectedEvidence;
}
