import { VERSION } from '../../version.js';

/**
 * How the shop identifies itself to Invoicebox (its rules for CMS modules): the CMS name/version
 * and the module name/version, e.g. "WordPress/6.8 WooCommerce/11.0 (RU Payments 1.0.0)". Sent as
 * the v3 User-Agent, the v2 itransfer_cms_name, and the User-Agent of our notification answers.
 */
export function applicationId(cmsName: string): string {
  return `${cmsName} (RU Payments ${VERSION})`;
}
