import { Flex, Text } from '@backstage/ui';
import { GeneratedMockBundle } from '@integration-health/plugin-integration-health-common';
import { lineDiff } from './lineDiff';
import styles from './StubDiff.module.css';

const LINE_CLASS = { '+': styles.added, '-': styles.removed, ' ': undefined };

const pretty = (content: unknown) => JSON.stringify(content, null, 2);

/**
 * What changed in the stubs since the version the consumer's mocks were
 * made from: the bundle generated from that version against this one.
 */
export function StubDiff({ bundle }: { bundle: GeneratedMockBundle }) {
  const { previous } = bundle;
  if (!previous) return null;
  const lines = lineDiff(pretty(previous.content), pretty(bundle.content));
  const heading = `Changed since ${
    previous.specVersion ?? 'the earlier version'
  }, which your current mocks were made from`;
  return (
    <Flex direction="column" gap="1">
      <Text variant="body-small" weight="bold">
        {heading}
      </Text>
      {lines === undefined && (
        <Text variant="body-small" color="secondary">
          The bundles are too large to compare here; download both and compare
          them locally.
        </Text>
      )}
      {lines?.length === 0 && (
        <Text variant="body-small" color="secondary">
          The stubs are the same.
        </Text>
      )}
      {lines && lines.length > 0 && (
        // Focusable, so that it scrolls by keyboard too.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <pre aria-label={heading} className={styles.diff} tabIndex={0}>
          {lines.map((line, index) => (
            <div key={index} className={LINE_CLASS[line.kind]}>
              {`${line.kind} ${line.text}`}
            </div>
          ))}
        </pre>
      )}
    </Flex>
  );
}
