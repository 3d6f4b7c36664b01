import { ButtonIcon, Cell, Flex } from '@backstage/ui';
import { Integration } from '@integration-health/plugin-integration-health-common';
import { RiDownload2Line } from '@remixicon/react';
import { useState } from 'react';
import { ScoreBadge } from '../ScoreBadge';
import { GeneratedMocksDialog } from './GeneratedMocksDialog';

/** Mock freshness, and for integrations through an API the mocks generated from its spec. */
export function MockScoreCell({ integration }: { integration: Integration }) {
  const [open, setOpen] = useState(false);
  return (
    <Cell>
      <Flex align="center" gap="1">
        <ScoreBadge title="Mock freshness" score={integration.scores?.mock} />
        {integration.apiRef && (
          <ButtonIcon
            size="small"
            variant="tertiary"
            aria-label={`Mocks from the current spec for ${integration.consumerRef}`}
            icon={<RiDownload2Line />}
            onPress={() => setOpen(true)}
          />
        )}
      </Flex>
      {open && (
        <GeneratedMocksDialog
          integration={integration}
          isOpen={open}
          onClose={() => setOpen(false)}
        />
      )}
    </Cell>
  );
}
