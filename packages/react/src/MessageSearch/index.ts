export { MessageSearch } from './MessageSearch';
export type { MessageSearchProps } from './MessageSearch';
export { SearchHitItem } from './SearchHitItem';
export type { SearchHitItemProps } from './SearchHitItem';
export { Snippet, parseSnippet } from './Snippet';
export type { SnippetPart } from './Snippet';
