import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

/**
 * Stands in for a provider's API in conformance tests: records every request exactly as the
 * connector sent it and answers with the public fixture chosen for that path.
 */
export class Recorder {
  readonly requests: Recorded[] = [];
  private server: Server | undefined;
  url = '';

  constructor(private readonly answer: (req: Recorded) => Reply) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const recorded: Recorded = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.requests.push(recorded);
        const reply = this.answer(recorded);
        const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, { 'content-type': typeof reply.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8', ...reply.headers });
        res.end(text);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  last(pathPart: string): Recorded {
    const found = this.requests.filter((r) => r.path.includes(pathPart)).at(-1);
    if (!found) throw new Error(`no request to ${pathPart}; got ${this.requests.map((r) => r.path).join(', ')}`);
    return found;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Field names of a form body, in the order sent. */
export const formNames = (body: string) => [...new URLSearchParams(body).keys()];
export const formOf = (body: string) => Object.fromEntries(new URLSearchParams(body));
