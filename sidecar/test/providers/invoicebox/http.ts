import { request } from 'undici';

/** Plain HTTP for talking to the simulator and the public pages like a browser or a provider would. */

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export async function http(method: 'GET' | 'POST', url: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await request(url, { method, headers, body: body ?? null });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

export const json = (url: string, payload?: unknown) =>
  payload === undefined ? http('GET', url).then((a) => JSON.parse(a.text)) : http('POST', url, JSON.stringify(payload), { 'content-type': 'application/json' }).then((a) => JSON.parse(a.text));

export const formPost = (url: string, fields: Record<string, string>) => http('POST', url, new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded' });

const unescape = (s: string) => s.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');

/** The action and hidden fields of the first form in a page. */
export function parseForm(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) throw new Error(`no form in: ${html.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields[unescape(m[1]!)] = unescape(m[2]!);
  return { action: unescape(action), fields };
}
