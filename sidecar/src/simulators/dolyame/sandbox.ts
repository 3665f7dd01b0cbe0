import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { request } from 'undici';
import { z } from 'zod';
import { SimError, cancelOrder, commitOrder, correctOrder, createOrder, notificationBody, orderView, refundOrder, refundedTotal, type SimOrder } from './orders.js';
import { CORRELATION_HEADER, CommitRequest, CorrectionRequest, CreateOrderRequest, LIMITS, RETRY_AFTER_HEADER, RefundRequest, toRubles as toWire } from './wire.js';

const MAX_ORDER_KOPECKS = LIMITS.maxOrderKopecks;
const RATE_LIMIT = { requests: LIMITS.requests, windowMs: LIMITS.windowMs };

export interface SandboxTls {
  caPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}

export interface DolyameSandboxOptions {
  /** The CA whose client certificates are accepted, and the server's own certificate; a function = built on first use. */
  tls: SandboxTls | (() => SandboxTls);
  login: string;
  password: string;
  /** Where the buyer's approval pages are served (the sidecar's /sim/dolyame). */
  pagesBaseUrl: string;
  maxOrderAmount?: number;
  clock?: () => number;
}

export interface ObservedRequest {
  at: number;
  method: string;
  path: string;
  login: string | null;
  correlationId: string | null;
  status: number;
  /** SHA-256 fingerprint of the client certificate the request came with. */
  clientCert: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const isLoopback = (address: string | undefined) => !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));

export function sendError(res: Response, error: SimError): void {
  res.status(error.status).json({ type: 'error', description: error.description, message: error.message, details: error.details });
}

function issues(error: z.ZodError): Record<string, string> {
  return Object.fromEntries(error.issues.map((i) => [i.path.join('.') || 'body', i.message]));
}

/**
 * Dolyame, simulated as strictly as the protocol notes allow: an HTTPS API that insists on a client
 * certificate from its CA (mutual TLS) and Basic credentials, X-Correlation-ID on every call, at most
 * 10 requests per second per partner (429 + X-Retry-After beyond), the order lifecycle with its
 * amount and item checks, and notifications to each order's notification_url. The buyer's approval
 * page and the test controls are a plain Router the sidecar mounts under /sim/dolyame.
 */
export class DolyameSandbox {
  readonly orders = new Map<string, SimOrder>();
  /** Every API call as it arrived (for proving the rate limit from the provider's side). */
  readonly requests: ObservedRequest[] = [];
  /** Tests: the next API calls fail with these HTTP statuses. */
  readonly failures: number[] = [];
  notificationsEnabled = true;
  /** A refund turns `processed` this long after it was accepted; null = only via the control API. */
  refundProcessMs: number | null = 50;
  private readonly server: Server;
  private readonly clock: () => number;
  private tlsReady = false;
  private acceptedAt = new Map<string, number[]>();
  private baseUrl = '';

  constructor(private readonly options: DolyameSandboxOptions) {
    this.clock = options.clock ?? Date.now;
    this.server = createServer({ requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' }, this.api());
    this.server.keepAliveTimeout = 5_000;
    if (typeof options.tls !== 'function') this.ensureTls();
  }

  /** The API base, e.g. https://127.0.0.1:41234/v1/ (after listening). */
  get url(): string {
    if (!this.baseUrl) throw new Error('the Dolyame sandbox is not listening');
    return this.baseUrl;
  }

  /** Installs the certificates (built now if they were deferred) and returns them. */
  ensureTls(): SandboxTls {
    const tls = typeof this.options.tls === 'function' ? this.options.tls() : this.options.tls;
    if (!this.tlsReady) {
      this.server.setSecureContext({ key: tls.serverKeyPem, cert: tls.serverCertPem, ca: tls.caPem });
      this.tlsReady = true;
    }
    return tls;
  }

  /** Listens on 127.0.0.1 on a free port. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    return this.setUrl();
  }

  /**
   * Listens right away (the port is known synchronously, so a simulated config can name it);
   * binding without a host is what makes that synchronous, so connections from anywhere but this
   * machine are dropped.
   */
  listenNow(): string {
    this.server.on('connection', (socket: Socket) => {
      if (!isLoopback(socket.remoteAddress)) socket.destroy();
    });
    this.server.on('error', () => undefined);
    this.server.listen(0);
    this.server.unref();
    return this.setUrl();
  }

  private setUrl(): string {
    const address = this.server.address();
    if (!address || typeof address !== 'object') throw new Error('the Dolyame sandbox could not listen');
    const host = isIP(address.address) === 4 && address.address !== '0.0.0.0' ? address.address : '127.0.0.1';
    this.baseUrl = `https://${host}:${address.port}/v1/`;
    return this.baseUrl;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  link(order: SimOrder): string {
    return `${this.options.pagesBaseUrl}/form/${encodeURIComponent(order.id)}`;
  }

  // ------------------------------------------------------------------------------------------
  // The partner API (HTTPS, mutual TLS)
  // ------------------------------------------------------------------------------------------

  private api(): express.Express {
    const app = express();
    app.disable('x-powered-by');
    app.use((req, res, next) => this.gate(req, res, next));
    app.use(express.json({ type: () => true, limit: '1mb' }));
    const orders = Router();

    orders.post('/create', (req, res) => {
      const parsed = CreateOrderRequest.safeParse(req.body);
      if (!parsed.success) return sendError(res, new SimError(400, 'Bad request', 'Validation failed', issues(parsed.error)));
      if (this.orders.has(parsed.data.order.id)) return sendError(res, new SimError(409, 'Conflict', 'Order with this id already exists', { 'order.id': 'already exists' }));
      const order = createOrder(parsed.data, this.options.maxOrderAmount ?? MAX_ORDER_KOPECKS, this.clock());
      this.orders.set(order.id, order);
      res.json(orderView(order, this.link(order)));
    });

    orders.get('/:id/info', (req, res) => {
      const order = this.find(req);
      res.json(orderView(order, this.link(order)));
    });

    orders.post('/:id/commit', (req, res) => {
      const order = this.find(req);
      const parsed = CommitRequest.safeParse(req.body);
      if (!parsed.success) return sendError(res, new SimError(400, 'Bad request', 'Validation failed', issues(parsed.error)));
      commitOrder(order, parsed.data);
      void this.notify(order);
      res.json(orderView(order, this.link(order)));
    });

    orders.post('/:id/correction', (req, res) => {
      const order = this.find(req);
      const parsed = CorrectionRequest.safeParse(req.body);
      if (!parsed.success) return sendError(res, new SimError(400, 'Bad request', 'Validation failed', issues(parsed.error)));
      correctOrder(order, parsed.data);
      res.json(orderView(order, this.link(order)));
    });

    orders.post('/:id/cancel', (req, res) => {
      const order = this.find(req);
      const before = order.status;
      cancelOrder(order);
      if (before !== order.status) void this.notify(order);
      res.json(orderView(order, this.link(order)));
    });

    orders.post('/:id/refund', (req, res) => {
      const order = this.find(req);
      const parsed = RefundRequest.safeParse(req.body);
      if (!parsed.success) return sendError(res, new SimError(400, 'Bad request', 'Validation failed', issues(parsed.error)));
      const refund = refundOrder(order, parsed.data);
      // The bank returns the money later: pending now, processed after a moment (or by the control API).
      if (this.refundProcessMs !== null) setTimeout(() => (refund.status = 'processed'), this.refundProcessMs).unref();
      res.json({ refund_id: refund.refund_id, amount: toWire(order.amount - refundedTotal(order)) });
    });

    app.use('/v1/orders', orders);
    app.use((_req, res) => sendError(res, new SimError(404, 'Not found', 'Unknown method')));
    app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      if (error instanceof SimError) return sendError(res, error);
      const status = (error as { status?: number }).status;
      if (status === 400) return sendError(res, new SimError(400, 'Bad request', 'Body is not valid JSON'));
      sendError(res, new SimError(500, 'Internal error', (error as Error).message));
    });
    return app;
  }

  /** Record, then: correlation id, credentials, rate limit, injected failures — in that order. */
  private gate(req: Request, res: Response, next: NextFunction): void {
    const at = this.clock();
    const correlationId = req.get(CORRELATION_HEADER) ?? null;
    const login = basicLogin(req.get('authorization'));
    const peer = (req.socket as TLSSocket).getPeerCertificate?.();
    const seen: ObservedRequest = { at, method: req.method, path: req.path, login: login?.user ?? null, correlationId, status: 0, clientCert: peer?.fingerprint256 ?? null };
    this.requests.push(seen);
    res.on('finish', () => (seen.status = res.statusCode));

    if (!correlationId || !UUID.test(correlationId)) return sendError(res, new SimError(400, 'Bad request', 'X-Correlation-ID must be a UUID'));
    if (!login || !sameText(login.user, this.options.login) || !sameText(login.password, this.options.password)) {
      return sendError(res, new SimError(401, 'Unauthorized', 'Invalid credentials'));
    }
    const recent = (this.acceptedAt.get(login.user) ?? []).filter((t) => t > at - RATE_LIMIT.windowMs);
    if (recent.length >= RATE_LIMIT.requests) {
      this.acceptedAt.set(login.user, recent);
      res.set(RETRY_AFTER_HEADER, String(Math.max(1, Math.ceil((recent[0]! + RATE_LIMIT.windowMs - at) / 1000))));
      return sendError(res, new SimError(429, 'Too many requests', `At most ${RATE_LIMIT.requests} requests per second`));
    }
    recent.push(at);
    this.acceptedAt.set(login.user, recent);
    const failure = this.failures.shift();
    if (failure !== undefined) return sendError(res, new SimError(failure, 'Simulated failure', `Simulated HTTP ${failure}`));
    if (req.method === 'POST' && !req.is('application/json')) return sendError(res, new SimError(400, 'Bad request', 'Content-Type must be application/json'));
    next();
  }

  private find(req: Request): SimOrder {
    const order = this.orders.get(String(req.params.id));
    if (!order) throw new SimError(404, 'Not found', 'Order not found');
    return order;
  }

  // ------------------------------------------------------------------------------------------
  // Notifications
  // ------------------------------------------------------------------------------------------

  /** Posts the order's state to its notification_url; retries a few times on anything but 2xx. */
  notify(order: SimOrder): Promise<void> {
    order.notifications.push({ body: JSON.stringify(notificationBody(order)), delivered: null });
    return this.notificationsEnabled ? this.deliver(order, order.notifications.length - 1) : Promise.resolve();
  }

  /** Sends notification `index` again, unchanged (a duplicate). */
  async resend(order: SimOrder): Promise<number | null> {
    const last = order.notifications.at(-1);
    if (!last) throw new SimError(409, 'Conflict', 'Nothing was sent yet');
    order.notifications.push({ body: last.body, delivered: null });
    await this.deliver(order, order.notifications.length - 1, 4);
    return order.notifications.at(-1)!.delivered;
  }

  private async deliver(order: SimOrder, index: number, attempt = 0): Promise<void> {
    const note = order.notifications[index]!;
    let status: number | null = null;
    try {
      const response = await request(order.notificationUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: note.body, headersTimeout: 15_000, bodyTimeout: 15_000 });
      await response.body.dump();
      status = response.statusCode;
    } catch {
      status = null;
    }
    note.delivered = status;
    if ((status === null || status >= 300) && attempt < 4) setTimeout(() => void this.deliver(order, index, attempt + 1), 250 * 2 ** attempt).unref();
  }

  byId(id: string): SimOrder {
    const order = this.orders.get(id);
    if (!order) throw new SimError(404, 'Not found', 'Order not found');
    return order;
  }
}

function basicLogin(header: string | undefined): { user: string; password: string } | null {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
