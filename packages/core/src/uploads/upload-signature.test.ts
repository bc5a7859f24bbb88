import { describe, expect, it, vi } from 'vitest';
import { ChatError } from '../errors';
import { isUploadSignature, requestUploadSignature } from './upload-signature';
import { makeSignature } from './test-fakes.test-fixtures';

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
}

async function refusal(promise: Promise<unknown>): Promise<ChatError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChatError);
  return error as ChatError;
}

describe('requestUploadSignature', () => {
  it('POSTs {url}/uploads/sign with the Bearer token and returns the signature', async () => {
    const signature = makeSignature();
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) =>
      answer(200, signature),
    );
    const result = await requestUploadSignature({ url: 'https://chat.test/', token: 't0k', fetch });
    expect(result).toEqual(signature);
    const [input, init] = fetch.mock.calls[0]!;
    expect(input).toBe('https://chat.test/uploads/sign');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toEqual({ authorization: 'Bearer t0k' });
  });

  it('calls the global fetch when none is given', async () => {
    const fetch = vi.fn(async () => answer(200, makeSignature()));
    vi.stubGlobal('fetch', fetch);
    try {
      await requestUploadSignature({ url: 'https://chat.test', token: 't' });
      expect(fetch).toHaveBeenCalledOnce();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('rejects a malformed answer with INTERNAL', async () => {
    for (const body of ['not json', null, { ...makeSignature(), maxBytes: -1 }, { ok: true }]) {
      const fetch = async () => answer(200, body);
      const error = await refusal(requestUploadSignature({ url: 'u', token: 't', fetch }));
      expect(error.code).toBe('INTERNAL');
    }
  });

  it('maps refusals: UNAUTHORIZED, TOKEN_EXPIRED, transient 5xx and 429', async () => {
    const cases: [Response, string, boolean][] = [
      [
        answer(401, { error: { code: 'UNAUTHORIZED', message: 'bad token' } }),
        'UNAUTHORIZED',
        false,
      ],
      [
        answer(
          401,
          { error: { code: 'UNAUTHORIZED', message: 'jwt expired' } },
          {
            'www-authenticate':
              'Bearer error="invalid_token", error_description="The token has expired"',
          },
        ),
        'TOKEN_EXPIRED',
        false,
      ],
      [answer(503, 'busy'), 'UNAVAILABLE', true],
      [answer(429, {}, { 'retry-after': '2' }), 'RATE_LIMITED', true],
    ];
    for (const [response, code, transient] of cases) {
      const error = await refusal(
        requestUploadSignature({ url: 'u', token: 't', fetch: async () => response }),
      );
      expect(error.code).toBe(code);
      expect(error.transient).toBe(transient);
    }
    const limited = await refusal(
      requestUploadSignature({
        url: 'u',
        token: 't',
        fetch: async () => answer(429, {}, { 'retry-after': '2' }),
      }),
    );
    expect(limited.retryAfterMs).toBe(2000);
  });

  it('keeps the server message', async () => {
    const fetch = async () =>
      answer(401, { error: { code: 'UNAUTHORIZED', message: 'bad token' } });
    const error = await refusal(requestUploadSignature({ url: 'u', token: 't', fetch }));
    expect(error.message).toMatch(/bad token/);
  });

  it('reports a network failure as UNAVAILABLE and an abort as ABORTED', async () => {
    const down = async () => Promise.reject(new TypeError('fetch failed'));
    expect(
      (await refusal(requestUploadSignature({ url: 'u', token: 't', fetch: down }))).code,
    ).toBe('UNAVAILABLE');
    const controller = new AbortController();
    const hanging = (_: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('x', 'AbortError'))),
      );
    const pending = requestUploadSignature({
      url: 'u',
      token: 't',
      fetch: hanging,
      signal: controller.signal,
    });
    controller.abort();
    expect((await refusal(pending)).code).toBe('ABORTED');
    const never = vi.fn(down);
    const early = await refusal(
      requestUploadSignature({ url: 'u', token: 't', fetch: never, signal: controller.signal }),
    );
    expect(early.code).toBe('ABORTED');
    expect(never).not.toHaveBeenCalled();
  });

  it('refuses bad options with INVALID', async () => {
    const fetch = vi.fn();
    expect((await refusal(requestUploadSignature({ url: 'u', token: '', fetch }))).code).toBe(
      'INVALID',
    );
    expect((await refusal(requestUploadSignature({ token: 't', fetch } as never))).code).toBe(
      'INVALID',
    );
    expect((await refusal(requestUploadSignature(undefined as never))).code).toBe('INVALID');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('says so where there is no fetch at all', async () => {
    vi.stubGlobal('fetch', undefined);
    try {
      const error = await refusal(requestUploadSignature({ url: 'u', token: 't' }));
      expect(error.message).toMatch(/pass options.fetch/);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('isUploadSignature', () => {
  it('accepts a well-formed signature and refuses one the client could not use', () => {
    expect(isUploadSignature(makeSignature())).toBe(true);
    expect(isUploadSignature(makeSignature({ uploadUrl: 'ftp://x' }))).toBe(false);
    expect(isUploadSignature(makeSignature({ allowedFormats: ['bmp' as 'png'] }))).toBe(false);
    expect(isUploadSignature(makeSignature({ fields: { a: 1 as unknown as string } }))).toBe(false);
    expect(isUploadSignature({ ...makeSignature(), fields: null })).toBe(false);
    expect(isUploadSignature({ ...makeSignature(), maxBytes: 0 })).toBe(false);
    expect(isUploadSignature({ ...makeSignature(), uploadUrl: undefined })).toBe(false);
    expect(isUploadSignature({ ...makeSignature(), allowedFormats: 'png' })).toBe(false);
    expect(isUploadSignature('x')).toBe(false);
  });
});
