export { BriefDialog } from './BriefDialog';
export { BriefPanel } from './BriefPanel';
export { PrepareBriefButton } from './PrepareBriefButton';
