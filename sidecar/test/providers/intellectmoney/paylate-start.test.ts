import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/core/errors.js';
import type { BnplApi, PaymentState } from '../../../src/providers/intellectmoney/client.js';
import { payLateNext } from '../../../src/providers/intellectmoney/paylate-link.js';
import { CREATE_WAIT_EXCEEDED, PayLateStarter, type StartRequest, type Timers } from '../../../src/providers/intellectmoney/paylate-start.js';

/** A clock that moves only when a sleep completes; an aborted sleep never moves it. */
class FakeTimers implements Timers {
  t = 0;
  now = () => this.t;
  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) =>
      setImmediate(() => {
        if (signal.aborted) return;
        this.t += ms;
        resolve();
      }),
    );
  }
}

const LINK = 'https://paylate.example/app/1';

/** IntellectMoney's answers, scripted. */
class ScriptedApi implements BnplApi {
  calls = { createInvoice: 0, startBnpl: 0, paymentState: 0 };
  invoice: () => Promise<string> = async () => '3000000007';
  bnpl: () => Promise<void> = async () => undefined;
  steps: PaymentState[] = [];

  createInvoice() {
    this.calls.createInvoice++;
    return this.invoice();
  }
  startBnpl() {
    this.calls.startBnpl++;
    return this.bnpl();
  }
  async paymentState() {
    this.calls.paymentState++;
    return this.steps.length > 1 ? this.steps.shift()! : this.steps[0]!;
  }
}

const state = (step: PaymentState['step'], link: string | null = null, message = ''): PaymentState => ({ step, link, form: null, message });
const REQUEST: StartRequest = {
  paymentId: 'pay_test_1',
  invoice: { OrderId: 'pay_test_1', RecipientAmount: '100.00', RecipientCurrency: 'RUB' },
  bnpl: { SuccessUrl: 'https://shop/ok', FailUrl: 'https://shop/fail', IpAddress: '127.0.0.1' },
};

function setup(createWaitMs = 1_000, pollIntervalMs = 300) {
  const api = new ScriptedApi();
  const timers = new FakeTimers();
  return { api, timers, starter: new PayLateStarter(api, { createWaitMs, pollIntervalMs }, timers) };
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('starting a PayLate payment within createWaitMs', () => {
  it('polls until the step is past Created/InProcess, then redirects to the link', async () => {
    const { api, timers, starter } = setup();
    api.steps = [state('Created'), state('InProcess'), state('SendTo3DS', LINK)];
    expect(await starter.start(REQUEST)).toEqual({ kind: 'redirect', invoiceId: '3000000007', url: LINK });
    expect(api.calls).toEqual({ createInvoice: 1, startBnpl: 1, paymentState: 3 });
    expect(timers.t).toBe(600);
  });

  it('a PaymentStep Error is a definite refusal; Ok means already paid', async () => {
    const failed = setup();
    failed.api.steps = [state('InProcess'), state('Error', null, 'scoring declined')];
    expect(await failed.starter.start(REQUEST)).toEqual({ kind: 'failed', invoiceId: '3000000007', message: 'scoring declined' });
    const paid = setup();
    paid.api.steps = [state('Ok')];
    expect(await paid.starter.start(REQUEST)).toEqual({ kind: 'paid', invoiceId: '3000000007' });
  });

  it('a step past InProcess without a link is a provider error', async () => {
    const { api, starter } = setup();
    api.steps = [state('SendTo3DS', null)];
    expect((await rejection(starter.start(REQUEST))).detail).toMatch(/without a PayLate link/);
  });

  it('gives up at the deadline, never later, and a retry continues the same invoice', async () => {
    const { api, timers, starter } = setup(1_000, 300);
    api.steps = [state('InProcess')];
    const error = await rejection(starter.start(REQUEST));
    expect(error).toMatchObject({ providerCode: CREATE_WAIT_EXCEEDED, retryable: true });
    // Looks at 0, 300, 600, 900 and a last one just before the deadline.
    expect(timers.t).toBe(999);
    expect(api.calls).toEqual({ createInvoice: 1, startBnpl: 1, paymentState: 5 });

    api.steps = [state('SendTo3DS', LINK)];
    expect(await starter.start(REQUEST)).toMatchObject({ kind: 'redirect', url: LINK });
    expect(api.calls.createInvoice).toBe(1);
    expect(api.calls.startBnpl).toBe(1);
  });

  it('a createInvoice slower than createWaitMs times out; its late answer is picked up by the retry', async () => {
    const { api, timers, starter } = setup(1_000);
    let answer!: (id: string) => void;
    api.invoice = () => new Promise((resolve) => (answer = resolve));
    api.steps = [state('SendTo3DS', LINK)];
    expect((await rejection(starter.start(REQUEST))).providerCode).toBe(CREATE_WAIT_EXCEEDED);
    expect(timers.t).toBe(1_000);
    expect(api.calls.startBnpl).toBe(0);
    answer('3000000099');
    expect(await starter.start(REQUEST)).toEqual({ kind: 'redirect', invoiceId: '3000000099', url: LINK });
    expect(api.calls.createInvoice).toBe(1);
  });

  it('a refused createInvoice starts over on retry; a refused bnplPayment is retried on the same invoice', async () => {
    const { api, starter } = setup();
    api.steps = [state('SendTo3DS', LINK)];
    api.invoice = async () => {
      throw new ProviderError('intellectmoney', 'State 3');
    };
    await rejection(starter.start(REQUEST));
    api.invoice = async () => '3000000008';
    api.bnpl = async () => {
      throw new ProviderError('intellectmoney', 'State 5');
    };
    await rejection(starter.start(REQUEST));
    api.bnpl = async () => undefined;
    expect(await starter.start(REQUEST)).toMatchObject({ invoiceId: '3000000008' });
    expect(api.calls).toMatchObject({ createInvoice: 2, startBnpl: 2 });
  });
});

describe('the PayLate step in Form3DS: a bare link or a form', () => {
  it('a bare link is redirected to', () => {
    expect(payLateNext({ Form3DS: ` ${LINK} ` })).toEqual({ link: LINK, form: null });
  });

  it('a form (the card flow shape: auto-submitting POST with hidden fields) is kept whole, not reduced to its action', () => {
    const html = `<form name="f" action="https://paylate.example/a?x=1&amp;y=2" method="POST"><input type="hidden" name="PaReq" value="eJx&quot;1&lt;2"/><input type='hidden' name='MD' value='3000000007'><input type="submit" value="Go"></form><script>document.forms.f.submit()</script>`;
    expect(payLateNext({ Form3DS: html })).toEqual({
      link: null,
      form: { action: 'https://paylate.example/a?x=1&y=2', method: 'POST', fields: [['PaReq', 'eJx"1<2'], ['MD', '3000000007']] },
    });
  });

  it('nothing usable: no link, no form', () => {
    expect(payLateNext({ Form3DS: '<html>no link</html>' })).toEqual({ link: null, form: null });
    expect(payLateNext({ Form3DS: '<form action="javascript:alert(1)"></form>' })).toEqual({ link: null, form: null });
    expect(payLateNext({ Form3DS: null })).toEqual({ link: null, form: null });
    expect(payLateNext({})).toEqual({ link: null, form: null });
  });
});
