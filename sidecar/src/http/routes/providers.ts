import express, { Router } from 'express';
import { request } from 'undici';
import { z } from 'zod';
import { ApiError } from '../../core/errors.js';
import type { SecretBox } from '../../core/secret-box.js';
import { DEFAULT_PROFILE, type ProviderRegistry } from '../../providers/registry.js';
import type { ProviderApiContext } from '../../providers/types.js';
import type { Store } from '../../store/types.js';
import { jsonBody } from '../route-helpers.js';
import { parseInput } from '../validate.js';

const Profile = z.string().regex(/^[a-z0-9_-]{1,32}$/, 'must be a profile name');
const ConfigBody = z.object({ profile: Profile.default(DEFAULT_PROFILE), settings: z.record(z.string(), z.unknown()) }).strict();
const TestCallbackBody = z.object({ profile: Profile.default(DEFAULT_PROFILE), url: z.url().optional() }).strict();

export interface ProviderRoutesDeps {
  registry: ProviderRegistry;
  store: Store;
  box: SecretBox;
  api: ProviderApiContext;
  clock: () => number;
}

/**
 * /v1/providers/:provider/… — settings pushed by the plugin, the "send test callback" button, and
 * each connector's own extra routes. Mounted behind the signature check.
 */
export function providerRouter(deps: ProviderRoutesDeps): Router {
  const router = Router({ mergeParams: true });
  router.use(express.raw({ type: () => true, limit: '1mb' }));

  router.get('/', (_req, res) => {
    res.json({ providers: deps.registry.describe() });
  });

  router.put('/:provider/config', async (req, res) => {
    const provider = String(req.params.provider);
    const body = parseInput(ConfigBody, jsonBody(req), 'body');
    const kept = deps.registry.configure(provider, body.profile, body.settings);
    await deps.store.saveProviderConfig(provider, body.profile, deps.box.seal(kept), deps.clock());
    res.json({ provider, profile: body.profile, configured: true });
  });

  // Sends the provider's documented test notification, signed with the profile's keys, to the
  // callback URL the shop uses (the sidecar's own, or the plugin's relay); it must answer OK.
  router.post('/:provider/test-callback', async (req, res) => {
    const provider = String(req.params.provider);
    const body = parseInput(TestCallbackBody, jsonBody(req), 'body');
    const webhook = deps.registry.get(provider, body.profile).webhook;
    if (!webhook.testNotification) throw new ApiError(400, 'not_supported', `Provider ${provider} has no test notification`);
    const note = webhook.testNotification();
    const base = body.url ?? `${deps.registry.publicUrl}/callbacks/${provider}${body.profile === DEFAULT_PROFILE ? '' : `/${body.profile}`}`;
    const url = new URL(base);
    for (const [k, v] of Object.entries(note.query ?? {})) url.searchParams.set(k, v);
    try {
      const response = await request(url, { method: note.method, headers: note.headers, body: note.method === 'POST' ? note.body : null, headersTimeout: 15_000, bodyTimeout: 15_000 });
      const text = (await response.body.text()).slice(0, 2000);
      const ok = webhook.acceptedAnswer ? webhook.acceptedAnswer(response.statusCode, text) : response.statusCode >= 200 && response.statusCode < 300;
      res.json({ ok, status: response.statusCode, body: text });
    } catch (error) {
      res.json({ ok: false, status: 0, body: (error as Error).message });
    }
  });

  for (const module of deps.registry.modulesList()) {
    if (module.apiRoutes) router.use(`/${module.id}`, module.apiRoutes(deps.api));
  }
  // Requests were authenticated here; never fall through to another signed router.
  router.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'Not found' } });
  });
  return router;
}
