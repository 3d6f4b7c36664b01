import {
  AccountableOwnerSource,
  IntegrationFinding,
} from '@integration-health/plugin-integration-health-common';
import { AccountableOwnerDeclaration } from './accountableOwner';

type Side = {
  declaration?: AccountableOwnerDeclaration;
  /** Refs the declaration may name for this integration, most specific first. */
  counterpartRefs: string[];
  source: AccountableOwnerSource;
};

export type AccountableOwnerResolution = {
  ownerRef?: string;
  source?: AccountableOwnerSource;
  findings: IntegrationFinding[];
  /** Counterpart keys of declarations that this integration used. */
  usedKeys: { entityRef: string; counterpartRef: string }[];
};

function specific(side: Side) {
  for (const ref of side.counterpartRefs) {
    const owner = side.declaration?.ownerByCounterpart.get(ref);
    const rejected = side.declaration?.rejectedByCounterpart.get(ref);
    if (owner || rejected) {
      return { owner, rejected, key: ref };
    }
  }
  return undefined;
}

/**
 * Picks the accountable owner of one integration from the declarations of
 * its consumer and provider. A counterpart-specific entry beats a default;
 * at the same level the consumer's beats the provider's, and a disagreement
 * is a finding. No valid declaration is a finding, never a default owner.
 */
export function resolveAccountableOwner(
  consumer: Side,
  provider: Side,
): AccountableOwnerResolution {
  const findings: IntegrationFinding[] = [];
  const usedKeys: AccountableOwnerResolution['usedKeys'] = [];
  const rejected: string[] = [];

  const levels = [
    [consumer, provider].map(side => {
      const match = specific(side);
      if (match && side.declaration) {
        usedKeys.push({
          entityRef: side.declaration.entityRef,
          counterpartRef: match.key,
        });
      }
      if (match?.rejected) rejected.push(match.rejected);
      return { side, owner: match?.owner };
    }),
    [consumer, provider].map(side => {
      const owner = side.declaration?.defaultOwner;
      if (side.declaration?.rejectedDefault) {
        rejected.push(side.declaration.rejectedDefault);
      }
      return { side, owner };
    }),
  ];

  for (const level of levels) {
    const declared = level.filter(l => l.owner);
    if (declared.length === 0) {
      continue;
    }
    const [winner, other] = declared;
    if (other && other.owner !== winner.owner) {
      findings.push({
        id: 'accountable-owner-conflict',
        level: 'warning',
        message: `The consumer declares ${winner.owner} and the provider declares ${other.owner} as accountable owner; using the consumer's.`,
      });
    }
    return {
      ownerRef: winner.owner,
      source: winner.side.source,
      findings,
      usedKeys,
    };
  }

  if (rejected.length > 0) {
    findings.push({
      id: 'accountable-owner-invalid',
      level: 'error',
      message: `The declared accountable owner ${rejected
        .map(r => `'${r}'`)
        .join(' and ')} is not a group in the catalog.`,
    });
  }
  findings.push({
    id: 'accountable-owner-missing',
    level: 'error',
    message:
      'Nobody is accountable for this integration. Declare a group with the integration-health.io/accountable-owner annotation on the consumer or the provider.',
  });
  return { findings, usedKeys };
}
