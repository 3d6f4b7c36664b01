import { useApi } from '@backstage/core-plugin-api';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Text,
} from '@backstage/ui';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationHealthApiRef } from '../../api';
import { describeError } from '../describeError';
import { readable } from '../Readable';

/**
 * The user's calendar feed: a link for calendar clients (which cannot sign
 * in), shown once when created, and revocable.
 */
export function FeedSubscription() {
  const api = useApi(integrationHealthApiRef);
  const status = useAsyncRetry(() => api.getFeedStatus(), [api]);
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<Error>();
  const act = async (work: () => Promise<void>) => {
    setError(undefined);
    try {
      await work();
      status.retry();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Card className={readable}>
      <CardHeader>
        <Text as="h3" variant="title-x-small">
          Subscribe in your calendar
        </Text>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="2">
          <Text as="p" variant="body-small" color="secondary">
            A read-only feed of the entries that touch your teams. Add{' '}
            <code>&amp;team=group:default/your-team</code> for one team. Anyone
            with the link can read the feed: revoke it if it leaks.
          </Text>
          {url && (
            <Alert
              status="info"
              title="Your feed link (shown once)"
              description={
                <code style={{ wordBreak: 'break-all' }}>{url}</code>
              }
            />
          )}
          {status.value && !url && (
            <Text variant="body-small">
              {status.value.active
                ? `You have a feed link, created ${status.value.createdAt?.slice(
                    0,
                    10,
                  )}${
                    status.value.expiresAt
                      ? `; it stops working on ${status.value.expiresAt.slice(
                          0,
                          10,
                        )}`
                      : ''
                  }.`
                : 'You have no feed link.'}
            </Text>
          )}
          {(error || status.error) && (
            <Alert
              status="danger"
              title="The feed link could not be changed"
              description={describeError((error ?? status.error)!)}
            />
          )}
          <Flex gap="2">
            <Button
              size="small"
              variant="secondary"
              onPress={() =>
                act(async () => setUrl((await api.createFeedLink()).url))
              }
            >
              {status.value?.active ? 'Replace the link' : 'Create a feed link'}
            </Button>
            {status.value?.active && (
              <Button
                size="small"
                variant="tertiary"
                onPress={() =>
                  act(async () => {
                    await api.revokeFeedLink();
                    setUrl(undefined);
                  })
                }
              >
                Revoke
              </Button>
            )}
          </Flex>
        </Flex>
      </CardBody>
    </Card>
  );
}
