export { ChatWindow } from './ChatWindow';
export type { ChatWindowComponents, ChatWindowProps } from './ChatWindow';
export { ChatWindowHeader } from './ChatWindowHeader';
export type { ChatWindowHeaderProps } from './ChatWindowHeader';
export { OfflineBanner } from './OfflineBanner';
export type { OfflineBannerProps } from './OfflineBanner';
