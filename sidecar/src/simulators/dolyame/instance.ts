import { sandboxPki, type SandboxPki } from './pki.js';
import { DolyameSandbox } from './sandbox.js';

/**
 * SIMULATORS=1 without any certificate: one in-memory CA and client certificate per process
 * (built on first use, RSA keys take a moment), and one HTTPS sandbox per sidecar public URL on
 * an ephemeral port. The simulated config points at that port and carries the ephemeral PEMs.
 */
export const SIMULATOR_LOGIN = 'dolyame-simulator';
export const SIMULATOR_PASSWORD = 'dolyame-simulator-password';

let pki: SandboxPki | undefined;
const ephemeralPki = (): SandboxPki => (pki ??= sandboxPki());

const sandboxes = new Map<string, DolyameSandbox>();

/** The simulator behind a sidecar's public URL (started on first call). */
export function simulatedSandbox(publicUrl: string): DolyameSandbox {
  let sandbox = sandboxes.get(publicUrl);
  if (!sandbox) {
    sandbox = new DolyameSandbox({
      tls: () => {
        const { ca, server } = ephemeralPki();
        return { caPem: ca.certPem, serverCertPem: server.certPem, serverKeyPem: server.keyPem };
      },
      login: SIMULATOR_LOGIN,
      password: SIMULATOR_PASSWORD,
      pagesBaseUrl: `${publicUrl}/sim/dolyame`,
    });
    sandbox.listenNow();
    sandboxes.set(publicUrl, sandbox);
  }
  return sandbox;
}

/** The client side of the ephemeral PKI for a sandbox (and its TLS switched on). */
export function simulatorClientMaterial(sandbox: DolyameSandbox): { certPem: string; keyPem: string; caPem: string } {
  const tls = sandbox.ensureTls();
  const { client } = ephemeralPki();
  return { certPem: client.certPem, keyPem: client.keyPem, caPem: tls.caPem };
}

/**
 * The connector's settings pointing at the sandbox, as a shop would enter them. The registry reads
 * them on first use, so the RSA keys are only made when someone talks to the simulated Dolyame.
 */
export function simulatedConfigFor(publicUrl: string) {
  const sandbox = simulatedSandbox(publicUrl);
  return {
    baseUrl: sandbox.url,
    login: SIMULATOR_LOGIN,
    password: SIMULATOR_PASSWORD,
    ...simulatorClientMaterial(sandbox),
    // The simulator posts from this machine, not from Dolyame's network.
    checkSenderNetwork: false,
    autoCommit: true,
  };
}
