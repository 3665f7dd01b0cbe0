import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface ReceivedEvent {
  eventId: string;
  body: Record<string, unknown>;
}

/**
 * Stands in for the plugin's /wp-json/ru-payments/v1/events: verifies the HMAC exactly as the
 * contract says (written independently of the sidecar's code), rejects replays and stale
 * timestamps, applies each event id once, and can be told to fail.
 */
export class WordPressReceiver {
  readonly applied: ReceivedEvent[] = [];
  readonly rejected: string[] = [];
  duplicates = 0;
  /** Answer this status instead of accepting (e.g. 500 to simulate WordPress being down). */
  failWith: number | null = null;
  attempts = 0;
  private readonly nonces = new Set<string>();
  private server: Server | undefined;

  constructor(
    private readonly secret: string,
    private readonly route = '/ru-payments/v1/events',
  ) {}

  async listen(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        // A shopper landing back on the shop (return/fail URL) gets a page, not the events endpoint.
        if (req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(`<!doctype html><title>Shop</title><h1 data-testid="shop-page">${req.url?.includes('fail') ? 'Payment failed' : 'Order received'}</h1>`);
          return;
        }
        this.attempts++;
        const body = Buffer.concat(chunks);
        const reply = (status: number, json: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(json));
        };
        const ts = String(req.headers['x-rup-timestamp'] ?? '');
        const nonce = String(req.headers['x-rup-nonce'] ?? '');
        const signature = String(req.headers['x-rup-signature'] ?? '');
        const canonical = ['v1', req.method, this.route, ts, nonce, createHash('sha256').update(body).digest('hex')].join('\n');
        const expected = Buffer.from(`v1=${createHmac('sha256', this.secret).update(canonical).digest('hex')}`);
        const given = Buffer.from(signature);
        if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
          this.rejected.push('signature');
          return reply(401, { code: 'bad_signature' });
        }
        if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) {
          this.rejected.push('stale');
          return reply(401, { code: 'stale' });
        }
        if (this.nonces.has(nonce)) {
          this.rejected.push('replay');
          return reply(401, { code: 'replay' });
        }
        this.nonces.add(nonce);
        if (this.failWith !== null) return reply(this.failWith, { code: 'down' });
        const event = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        const eventId = String(event.event_id);
        if (this.applied.some((e) => e.eventId === eventId)) {
          this.duplicates++;
          return reply(200, { ok: true, duplicate: true });
        }
        this.applied.push({ eventId, body: event });
        reply(200, { ok: true });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    const address = this.server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    this.origin = `http://127.0.0.1:${actual}`;
    return `${this.origin}/wp-json${this.route}`;
  }

  /** Base URL of the stand-in shop (for return and fail URLs). */
  origin = '';

  async waitFor(predicate: (events: ReceivedEvent[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate(this.applied)) {
      if (Date.now() > until) throw new Error(`receiver: condition not met in ${timeoutMs} ms; applied=${JSON.stringify(this.applied.map((e) => e.body.status))}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
