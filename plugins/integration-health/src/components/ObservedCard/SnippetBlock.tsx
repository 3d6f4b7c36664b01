import { Button, Flex, Text } from '@backstage/ui';
import { useState } from 'react';
import styles from './ObservedCard.module.css';

/**
 * Lines to paste into a catalog-info.yaml, with a button that copies them.
 * The status line is always there, so screen readers hear "Copied".
 */
export function SnippetBlock(props: { snippet: string; about: string }) {
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard here');
      await navigator.clipboard.writeText(props.snippet);
      setStatus('Copied');
    } catch {
      setStatus('Could not copy: select the lines and copy them yourself');
    }
  };
  return (
    <Flex direction="column" gap="1">
      <pre
        aria-label={`Declaration to add (${props.about})`}
        className={styles.snippet}
        // Focusable, so that it scrolls by keyboard too.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
      >
        <code>{props.snippet}</code>
      </pre>
      <Flex gap="2" align="center">
        <Button
          size="small"
          variant="secondary"
          aria-label={`Copy the declaration (${props.about})`}
          onPress={copy}
        >
          Copy
        </Button>
        <Text variant="body-small" role="status">
          {status}
        </Text>
      </Flex>
    </Flex>
  );
}
