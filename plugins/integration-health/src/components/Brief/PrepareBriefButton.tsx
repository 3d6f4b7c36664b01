import { Button } from '@backstage/ui';
import { BriefSubject } from '@integration-health/plugin-integration-health-common';
import { useState } from 'react';
import { BriefDialog } from './BriefDialog';

/** "Prepare a brief", opening the brief's dialog for a subject. */
export function PrepareBriefButton(props: {
  subject: BriefSubject;
  size?: 'small' | 'medium';
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size={props.size ?? 'small'}
        variant="secondary"
        onPress={() => setOpen(true)}
      >
        Prepare a brief
      </Button>
      <BriefDialog
        subject={props.subject}
        isOpen={open}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
