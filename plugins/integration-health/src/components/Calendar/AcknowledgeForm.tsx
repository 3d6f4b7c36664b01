import { useApi } from '@backstage/core-plugin-api';
import { Button, Flex, TextField } from '@backstage/ui';
import { CalendarConsumer } from '@integration-health/plugin-integration-health-common';
import { useState } from 'react';
import { integrationHealthApiRef } from '../../api';
import { shortRef } from './filterEntries';
import { NotSaved } from '../NotSaved';
import { useSubmit } from '../useSubmit';

/**
 * Acknowledge for one consumer (with an optional note), or withdraw an
 * acknowledgement (with a reason). The server decides whether the user may.
 */
export function AcknowledgeForm(props: {
  entryId: string;
  consumer: CalendarConsumer;
  onDone: () => void;
}) {
  const { consumer } = props;
  const api = useApi(integrationHealthApiRef);
  const withdrawing = consumer.state === 'acknowledged';
  const [open, setOpen] = useState(false);
  // Once the form closes, the focus goes back to the button that opened it
  // (or the one that replaces it), not to the top of the page.
  const [returnFocus, setReturnFocus] = useState(false);
  const close = () => {
    setReturnFocus(true);
    setOpen(false);
  };
  const [note, setNote] = useState('');
  const { submit, saving, error } = useSubmit(async () => {
    await api.acknowledge(
      props.entryId,
      consumer.consumerRef,
      withdrawing ? 'withdrawn' : 'acknowledged',
      note.trim() || undefined,
    );
    close();
    props.onDone();
  });
  const name = shortRef(consumer.consumerRef);

  if (!open) {
    return (
      <Button
        size="small"
        variant={withdrawing ? 'tertiary' : 'primary'}
        // Only after the form closed, in answer to the user's own action.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus={returnFocus}
        onPress={() => setOpen(true)}
      >
        {withdrawing && `Withdraw for ${name}`}
        {!withdrawing &&
          (consumer.needsReacknowledgement
            ? `Acknowledge again for ${name}`
            : `Acknowledge for ${name}`)}
      </Button>
    );
  }
  return (
    <Flex direction="column" gap="2">
      <TextField
        label={withdrawing ? 'Reason' : 'Note'}
        description={
          withdrawing
            ? 'Why the acknowledgement no longer holds (required)'
            : 'Optional, e.g. the release that adapts'
        }
        value={note}
        onChange={setNote}
        maxLength={2000}
        isRequired={withdrawing}
        // The field the user just asked for, in a form they just opened.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
      />
      {error && <NotSaved error={error} />}
      <Flex gap="2">
        <Button
          size="small"
          variant="primary"
          isDisabled={saving || (withdrawing && !note.trim())}
          onPress={submit}
        >
          {withdrawing ? 'Withdraw' : 'Acknowledge'}
        </Button>
        <Button size="small" variant="secondary" onPress={close}>
          Cancel
        </Button>
      </Flex>
    </Flex>
  );
}
