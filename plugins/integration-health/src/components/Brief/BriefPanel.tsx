import { useApi } from '@backstage/core-plugin-api';
import { Alert, Button, Flex, Skeleton, Text } from '@backstage/ui';
import { BriefSubject } from '@integration-health/plugin-integration-health-common';
import { useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationHealthApiRef } from '../../api';
import { describeError } from '../describeError';
import { LoadError } from '../LoadError';
import { BriefPreview } from './BriefPreview';
import {
  BRIEF_WINDOWS,
  BriefWindowDays,
  briefFileName,
  briefWindow,
  saveTextFile,
} from './briefWindow';

function LoadingBrief() {
  return (
    <Flex
      direction="column"
      gap="3"
      aria-busy="true"
      aria-label="Loading the brief"
    >
      <Skeleton width="50%" height={24} />
      <Skeleton width="100%" height={96} />
      <Skeleton width="100%" height={96} />
      <Skeleton width="100%" height={64} />
    </Flex>
  );
}

type Outcome =
  | { kind: 'copied' }
  | { kind: 'failed'; what: string; error: Error };

/**
 * A brief about a subject over a window the reader chooses: the window
 * chooser, a Markdown download (and copy), and the preview.
 */
export function BriefPanel(props: {
  subject: BriefSubject;
  /** Today, for tests. */
  now?: Date;
}) {
  const { subject, now } = props;
  const api = useApi(integrationHealthApiRef);
  const [days, setDays] = useState<BriefWindowDays>(90);
  const [busy, setBusy] = useState<'download' | 'copy'>();
  const [outcome, setOutcome] = useState<Outcome>();
  const subjectKey = JSON.stringify(subject);
  const range = useMemo(() => briefWindow(days, now), [days, now]);
  const brief = useAsyncRetry(
    () => api.getBrief(subject, range),
    // The subject by value: callers pass a new object on each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, subjectKey, range],
  );

  const withMarkdown = async (
    what: 'download' | 'copy',
    handle: (markdown: string) => Promise<void> | void,
  ) => {
    setBusy(what);
    setOutcome(undefined);
    try {
      await handle(await api.getBriefMarkdown(subject, range));
    } catch (error) {
      setOutcome({ kind: 'failed', what, error: error as Error });
    } finally {
      setBusy(undefined);
    }
  };

  const download = () =>
    withMarkdown('download', markdown =>
      saveTextFile(markdown, briefFileName(subject), 'text/markdown'),
    );
  const copy = () =>
    withMarkdown('copy', async markdown => {
      await navigator.clipboard.writeText(markdown);
      setOutcome({ kind: 'copied' });
    });

  return (
    <Flex direction="column" gap="4">
      <Flex
        justify="between"
        align="center"
        gap="3"
        style={{ flexWrap: 'wrap' }}
      >
        <Flex gap="2" role="group" aria-label="Window" align="center">
          {BRIEF_WINDOWS.map(d => (
            <Button
              key={d}
              size="small"
              variant={d === days ? 'primary' : 'secondary'}
              aria-pressed={d === days}
              onPress={() => setDays(d)}
            >
              Last {d} days
            </Button>
          ))}
        </Flex>
        <Flex gap="2">
          <Button
            size="small"
            variant="secondary"
            isDisabled={busy !== undefined}
            isPending={busy === 'copy'}
            onPress={copy}
          >
            Copy Markdown
          </Button>
          <Button
            size="small"
            isDisabled={busy !== undefined}
            isPending={busy === 'download'}
            onPress={download}
          >
            Download Markdown
          </Button>
        </Flex>
      </Flex>
      <div role="status">
        {outcome?.kind === 'copied' && (
          <Text variant="body-small">Copied the brief as Markdown.</Text>
        )}
      </div>
      {outcome?.kind === 'failed' && (
        <Alert
          status="danger"
          title={`Could not ${outcome.what} the brief`}
          description={describeError(outcome.error)}
        />
      )}
      {brief.loading && <LoadingBrief />}
      {!brief.loading && brief.error && (
        <LoadError what="the brief" error={brief.error} retry={brief.retry} />
      )}
      {!brief.loading && brief.value && <BriefPreview brief={brief.value} />}
    </Flex>
  );
}
