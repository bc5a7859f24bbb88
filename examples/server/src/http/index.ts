export { createHttpHandler } from './handler';
export type { HttpDeps } from './handler';
export { isOriginAllowed } from './origins';
export { HttpError, STATUS_BY_CODE } from './respond';
