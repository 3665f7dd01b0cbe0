import { z } from 'zod';
import { isValidInn, isValidKpp } from './inn.js';

const contact = {
  email: z.email().optional(),
  phone: z.string().max(32).optional(),
};

/** Who pays: a person, an organisation (INN + KPP) or a sole trader (12-digit INN, no KPP). */
export const Payer = z.discriminatedUnion('type', [
  z.object({ type: z.literal('individual'), name: z.string().max(255).optional(), ...contact }).strict(),
  z.object({
    type: z.literal('organization'),
    name: z.string().min(1).max(255),
    inn: z.string().refine((v) => isValidInn(v, 'organization'), 'must be a valid 10-digit INN of an organisation'),
    kpp: z.string().refine(isValidKpp, 'must be a 9-character KPP'),
    legal_address: z.string().min(1).max(500),
    ...contact,
  }).strict(),
  z.object({
    type: z.literal('entrepreneur'),
    name: z.string().min(1).max(255),
    inn: z.string().refine((v) => isValidInn(v, 'person'), 'must be a valid 12-digit INN of a sole trader'),
    legal_address: z.string().min(1).max(500),
    ...contact,
  }).strict(),
]);
export type Payer = z.infer<typeof Payer>;
