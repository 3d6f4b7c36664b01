import { Card, CardBody, CardHeader, Skeleton, Text } from '@backstage/ui';
import { LoadError } from '../LoadError';
import { useEntityIntegrations } from '../useEntityIntegrations';
import { IncidentsCard } from './IncidentsCard';
import { readable } from '../Readable';

/**
 * The incidents at the integrations of the entity in context, with a way for
 * the owners of either side to record one.
 *
 * @public
 */
export function EntityIncidentsCard() {
  const { entityRef, value, loading, error, retry } = useEntityIntegrations();
  if (value && value.length > 0 && !error) {
    return <IncidentsCard entityRef={entityRef} integrations={value} />;
  }
  return (
    <Card className={readable}>
      <CardHeader>
        <Text as="h3" variant="title-x-small">
          Incidents
        </Text>
      </CardHeader>
      <CardBody>
        {loading && !value && (
          <Skeleton
            width="100%"
            height={80}
            aria-label="Loading the integrations"
          />
        )}
        {error && (
          <LoadError what="the integrations" error={error} retry={retry} />
        )}
        {value?.length === 0 && !error && (
          <Text as="p" color="secondary">
            No integrations recorded for this entity. Incidents are recorded at
            an integration between a consumer and a provider.
          </Text>
        )}
      </CardBody>
    </Card>
  );
}
