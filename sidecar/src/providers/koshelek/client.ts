import type { z } from 'zod';
import { PAY_API_PATHS } from './constants.js';
import {
  AvailabilityPoll,
  AvailabilityResponse,
  AvailabilityTaskAccepted,
  CheckoutResponse,
  RefOperationResponse,
  StatusResponse,
  type AvailabilityTaskRequest,
  type CancelRequest,
  type CheckoutRequest,
  type ReceiptRequest,
  type RefundRequest,
  type StatusRequest,
} from './schemas.js';
import { KoshelekHttpError, type KoshelekAnswer, type PayApiTransport } from './transport.js';

/** Outgoing Pay API calls, each answer checked against its schema. */
export class KoshelekClient {
  constructor(
    private readonly transport: PayApiTransport,
    /** The `token` header (cashFingerPrint + TOTP), fresh per attempt. */
    private readonly token: () => string,
  ) {}

  private parse<T>(answer: KoshelekAnswer, schema: z.ZodType<T>, what: string): T {
    const parsed = schema.safeParse(answer.json);
    if (!parsed.success) {
      const problem = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new KoshelekHttpError(`${what} → HTTP ${answer.status}, unexpected answer: ${problem}`, false, answer.status, 'UNEXPECTED_ANSWER');
    }
    return parsed.data;
  }

  async checkout(body: CheckoutRequest): Promise<CheckoutResponse> {
    const answer = await this.transport.send({ method: 'POST', path: PAY_API_PATHS.checkout, body, token: this.token });
    return this.parse(answer, CheckoutResponse, 'checkout');
  }

  async status(body: StatusRequest): Promise<StatusResponse> {
    const answer = await this.transport.send({ method: 'POST', path: PAY_API_PATHS.status, body });
    return this.parse(answer, StatusResponse, 'status');
  }

  async cancel(body: CancelRequest): Promise<z.infer<typeof RefOperationResponse>> {
    const answer = await this.transport.send({ method: 'POST', path: PAY_API_PATHS.cancel, body });
    return this.parse(answer, RefOperationResponse, 'cancel');
  }

  async refund(body: RefundRequest): Promise<z.infer<typeof RefOperationResponse>> {
    const answer = await this.transport.send({ method: 'POST', path: PAY_API_PATHS.refund, body, token: this.token });
    return this.parse(answer, RefOperationResponse, 'refund');
  }

  /** HTTP 200 with an empty body. */
  async receipt(body: ReceiptRequest): Promise<void> {
    await this.transport.send({ method: 'POST', path: PAY_API_PATHS.receipt, body });
  }

  /**
   * The providers list: HTTP 200 carries it (synchronous mode); HTTP 201 starts the asynchronous
   * mode — poll `availability-info/{id}` after `timeout` ms, then every `pollingTimeout` ms.
   */
  async availabilityTask(body: AvailabilityTaskRequest): Promise<{ kind: 'ready'; list: AvailabilityResponse } | { kind: 'pending'; id: string; firstPollMs: number }> {
    const answer = await this.transport.send({ method: 'POST', path: PAY_API_PATHS.availabilityTask, body, token: this.token });
    if (answer.status === 201) {
      const accepted = this.parse(answer, AvailabilityTaskAccepted, 'availability task');
      return { kind: 'pending', id: accepted.availabilityInfoId, firstPollMs: accepted.timeout };
    }
    return { kind: 'ready', list: this.parse(answer, AvailabilityResponse, 'availability task') };
  }

  async availabilityPoll(id: string): Promise<{ kind: 'ready'; list: AvailabilityResponse } | { kind: 'pending'; nextPollMs: number }> {
    const answer = await this.transport.send({ method: 'GET', path: PAY_API_PATHS.availabilityInfo(id) });
    const poll = this.parse(answer, AvailabilityPoll, 'availability poll');
    if (!poll.computationComplete) return { kind: 'pending', nextPollMs: poll.pollingTimeout ?? 250 };
    return { kind: 'ready', list: this.parse(answer, AvailabilityResponse, 'availability poll') };
  }
}
