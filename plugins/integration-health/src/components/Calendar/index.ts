export { CalendarPage } from './CalendarPage';
export { EntryDialog } from './EntryDialog';
export { EntityCalendarCard } from './EntityCalendarCard';
