import { readFileSync } from 'node:fs';
import { ADMIN_EMAIL, SHOP } from './env.js';

/** One wp_mail() as the test mailbox mu-plugin records it (e2e/shop/php/test-mailbox.php). */
interface Mail {
  to: string;
  subject: string;
  message: string;
}

function mails(): Mail[] {
  return readFileSync(SHOP.mailbox, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Mail);
}

/** Mails about one order: to its shopper (whose address is unique per order) and to the admin (naming "#<id>"). */
export function orderMails(orderId: number, shopperEmail: string) {
  const all = mails();
  const mentions = new RegExp(`#${orderId}(?!\\d)`);
  const recipients = (m: Mail) => m.to.split(',').map((to) => to.trim().toLowerCase());
  return {
    customer: all.filter((m) => recipients(m).includes(shopperEmail.toLowerCase())).map((m) => m.subject),
    admin: all.filter((m) => recipients(m).includes(ADMIN_EMAIL) && (mentions.test(m.subject) || mentions.test(m.message))).map((m) => m.subject),
  };
}
