import { VERSION } from '../../version.js';

/** What the plugin may send: printable ASCII, like the cmsName setting. */
const PLATFORM = /^[\x20-\x7E]{1,100}$/;
const MODULE_VERSION = /^[0-9A-Za-z.+-]{1,32}$/;

/**
 * How the shop identifies itself to Invoicebox (its rules for CMS modules): the CMS with its
 * version and the module with its version, e.g. "WordPress/7.0.4 WooCommerce/11.0.1 (RU Payments
 * 0.2.0)". Sent as the v3 User-Agent, the v2 itransfer_cms_name, and the User-Agent of our
 * notification answers. The plugin supplies the real versions with each payment
 * (metadata.platform, metadata.plugin_version; docs/contract.md); without them the cmsName
 * setting and the sidecar's version stand in.
 */
export function applicationId(cmsName: string, metadata: Readonly<Record<string, unknown>> = {}): string {
  const platform = typeof metadata.platform === 'string' && PLATFORM.test(metadata.platform.trim()) ? metadata.platform.trim() : cmsName;
  const version = typeof metadata.plugin_version === 'string' && MODULE_VERSION.test(metadata.plugin_version.trim()) ? metadata.plugin_version.trim() : VERSION;
  return `${platform} (RU Payments ${version})`;
}

/** The application id of the latest payment this instance handled (for calls and answers that carry no payment). */
export class AppIdentity {
  private latest: string;

  constructor(private readonly cmsName: string) {
    this.latest = applicationId(cmsName);
  }

  /** The id for this payment; remembered as the instance's current one. */
  of(payment: { metadata: Readonly<Record<string, unknown>> }): string {
    this.latest = applicationId(this.cmsName, payment.metadata);
    return this.latest;
  }

  current(): string {
    return this.latest;
  }
}
