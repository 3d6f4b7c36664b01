export { AssignOwnerDialog } from './AssignOwnerDialog';
