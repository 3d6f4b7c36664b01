import {
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Text,
} from '@backstage/ui';
import { BriefSubject } from '@integration-health/plugin-integration-health-common';
import { readable } from '../Readable';
import { BriefPanel } from './BriefPanel';

/**
 * "Prepare a brief": a facts-only brief for a post-mortem or an escalation,
 * previewed over a chosen window and downloadable as Markdown.
 */
export function BriefDialog(props: {
  subject: BriefSubject;
  isOpen: boolean;
  onClose: () => void;
  /** Today, for tests. */
  now?: Date;
}) {
  return (
    <Dialog
      className={readable}
      isOpen={props.isOpen}
      onOpenChange={open => !open && props.onClose()}
      width={900}
    >
      <DialogHeader>Integration brief</DialogHeader>
      <DialogBody>
        <Text as="p" variant="body-small" color="secondary">
          Facts about these integrations over the chosen window, each with its
          source: a starting point for a post-mortem or an escalation.
        </Text>
        {props.isOpen && <BriefPanel subject={props.subject} now={props.now} />}
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={props.onClose}>
          Close
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
