export {
  EMPTY_WINDOW,
  applyLatestPage,
  firstSeq,
  lastSeq,
  mergeMessages,
  missingRanges,
} from './timeline';
export { isSentMessage } from './types';
export type {
  DisplayMessage,
  MessageWindow,
  PendingMessage,
  PendingStatus,
  SentMessage,
  SeqRange,
} from './types';
