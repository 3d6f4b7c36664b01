import { useApi } from '@backstage/core-plugin-api';
import {
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import {
  GeneratedMockBundle,
  Integration,
  MockBundleFormat,
} from '@integration-health/plugin-integration-health-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { integrationHealthApiRef } from '../../api';
import { LoadError } from '../LoadError';
import { StubDiff } from './StubDiff';
import { readable } from '../Readable';

const FORMAT_LABELS: Record<MockBundleFormat, string> = {
  wiremock: 'WireMock mappings',
  pact: 'Pact (v4)',
};

/** Saves a bundle's content as a JSON file through the browser. */
export function saveBundle(bundle: GeneratedMockBundle) {
  const blob = new Blob([`${JSON.stringify(bundle.content, null, 2)}\n`], {
    type: 'application/json',
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = bundle.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/**
 * The consumer's mocks generated from the provider's current spec: which
 * operations and stubs, from which version, and a download in either
 * format (event APIs: pact only).
 */
export function GeneratedMocksDialog(props: {
  integration: Integration;
  isOpen: boolean;
  onClose: () => void;
}) {
  const { integration } = props;
  const api = useApi(integrationHealthApiRef);
  const formats: MockBundleFormat[] =
    integration.kind === 'event' ? ['pact'] : ['wiremock', 'pact'];
  const [format, setFormat] = useState<MockBundleFormat>(formats[0]);
  const bundle = useAsync(
    async () =>
      props.isOpen ? api.getGeneratedMocks(integration.id, format) : undefined,
    [api, integration.id, format, props.isOpen],
  );

  return (
    <Dialog
      className={readable}
      isOpen={props.isOpen}
      onOpenChange={open => !open && props.onClose()}
      width={640}
    >
      <DialogHeader>Mocks from the provider's current spec</DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Text variant="body-small" color="secondary">
            Generated for the operations this consumer's mocks and pacts use
            (every operation when they say nothing), from the spec's examples or
            its schemas. Keep them in the consumer's repository, or run{' '}
            <code>integration-health-check mocks</code> in its pipeline.
          </Text>
          <Flex gap="2" role="group" aria-label="Format">
            {formats.map(f => (
              <Button
                key={f}
                size="small"
                variant={f === format ? 'primary' : 'secondary'}
                aria-pressed={f === format}
                onPress={() => setFormat(f)}
              >
                {FORMAT_LABELS[f]}
              </Button>
            ))}
          </Flex>
          {bundle.loading && <Skeleton width="100%" height={80} />}
          {bundle.error && (
            <LoadError what="the generated mocks" error={bundle.error} />
          )}
          {bundle.value && (
            <Flex direction="column" gap="1">
              <Text variant="body-small">
                {bundle.value.stubs.length} stub
                {bundle.value.stubs.length === 1 ? '' : 's'} for{' '}
                {bundle.value.operations.length} operation
                {bundle.value.operations.length === 1 ? '' : 's'}
                {bundle.value.specVersion
                  ? `, made from ${bundle.value.specVersion}`
                  : ''}
                , saved as <code>{bundle.value.fileName}</code>
              </Text>
              <ul aria-label="Stubs">
                {bundle.value.stubs.map(stub => (
                  <li key={stub}>
                    <Text variant="body-small">
                      <code>{stub}</code>
                    </Text>
                  </li>
                ))}
              </ul>
              <StubDiff bundle={bundle.value} />
            </Flex>
          )}
        </Flex>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={props.onClose}>
          Close
        </Button>
        <Button
          isDisabled={!bundle.value}
          aria-label={
            bundle.value ? `Download ${bundle.value.fileName}` : 'Download'
          }
          onPress={() => bundle.value && saveBundle(bundle.value)}
        >
          Download
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
