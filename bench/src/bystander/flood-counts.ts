// The flooder's count of answers: by code overall and by payload shape.

/** What an answer to a `message:send` says, reduced to a code: `ok` or the refusal's code. */
export function answerCode(answer: unknown): string {
  const ack = answer as { ok?: unknown; error?: { code?: unknown } } | null;
  if (ack?.ok === true) return 'ok';
  const code = ack?.error?.code;
  return typeof code === 'string' ? code : 'MALFORMED_ACK';
}

export class FloodCounts {
  readonly answers: Record<string, number> = {};
  readonly byPayload: Record<string, Record<string, number>> = {};
  sent = 0;
  answered = 0;

  recordSent(): void {
    this.sent++;
  }

  recordAnswer(shape: string, code: string): void {
    this.answered++;
    this.answers[code] = (this.answers[code] ?? 0) + 1;
    const codes = (this.byPayload[shape] ??= {});
    codes[code] = (codes[code] ?? 0) + 1;
  }

  get outstanding(): number {
    return this.sent - this.answered;
  }
}
