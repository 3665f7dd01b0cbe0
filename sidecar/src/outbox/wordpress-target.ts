/**
 * The plugin checks the signature against its REST route, not the URL path, so pretty permalinks
 * (`/wp-json/ru-payments/v1/events`) and plain ones (`/?rest_route=/ru-payments/v1/events`) both work.
 */
export function restRouteOf(url: string): string {
  const parsed = new URL(url);
  const fromQuery = parsed.searchParams.get('rest_route');
  if (fromQuery) return fromQuery;
  const marker = parsed.pathname.indexOf('/wp-json/');
  return marker >= 0 ? parsed.pathname.slice(marker + '/wp-json'.length) : parsed.pathname;
}
