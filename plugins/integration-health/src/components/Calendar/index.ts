export { CalendarPage } from './CalendarPage';
export { EntryDialog } from './EntryDialog';
export { CalendarAgendaCard } from './CalendarAgendaCard';
export { EntityCalendarCard } from './EntityCalendarCard';
