import { randomUUID } from 'node:crypto';
import { error422, type SimReply, type SimState } from './state.js';
import type { AvailabilityTaskRequest } from './wire.js';

/** The providers list, synchronous (HTTP 200) or asynchronous (HTTP 201 + polling): pay-api.yaml `availability-info/*`. */
export class SimAvailability {
  private readonly polls = new Map<string, { polls: number; list: object }>();

  constructor(private readonly state: SimState) {}

  task(req: AvailabilityTaskRequest): SimReply {
    const { state } = this;
    if (req.storeId !== state.account.store) return error422('UNKNOWN_PARTNER_ID', 'Партнёр не найден');
    if (!state.session(req.cardsession, req.user.loyaltyId)) return error422('UNKNOWN_SESSION_ID', 'Сессия карты не найдена');
    const total = req.checkoutInvoice.totalAmount;
    const list = {
      koshelekPayIsDefault: true,
      paymentTypeAvailabilityInfoList: [...state.paymentTypes].map((paymentType) => {
        const overLimit = paymentType === 'DOLYAME' && total > state.mode.limitKopecks;
        return { paymentType, available: !overLimit, message: overLimit ? 'Недоступно: превышен лимит' : '' };
      }),
    };
    if (state.mode.providers === 'sync') return { status: 200, body: list };
    const id = randomUUID();
    this.polls.set(id, { polls: 0, list });
    return { status: 201, body: { availabilityInfoId: id, timeout: 30 }, headers: { location: `/api/v1/merchant/availability-info/${id}` } };
  }

  poll(id: string): SimReply {
    const task = this.polls.get(id);
    if (!task) return { status: 404, body: { code: 'NOT_FOUND' } };
    task.polls++;
    if (task.polls < 2) return { status: 200, body: { availabilityInfoId: id, computationComplete: false, pollingTimeout: 30, koshelekPayIsDefault: true, paymentTypeAvailabilityInfoList: [] } };
    return { status: 200, body: { availabilityInfoId: id, computationComplete: true, pollingTimeout: 0, ...task.list } };
  }
}
