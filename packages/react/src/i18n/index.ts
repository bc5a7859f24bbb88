export { defaultStrings } from './strings';
export type { ChatLocale, ChatStrings } from './strings';
export {
  dateLocaleOf,
  dayLabel,
  fullDateTime,
  parseDate,
  previewTime,
  relativeTime,
  timeOfDay,
} from './dates';
export { typesetFrench } from './typography';
