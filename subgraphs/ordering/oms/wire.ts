/**
 * The OMS's JSON as it arrives, checked with zod: a response that does not have this shape is an
 * UPSTREAM_ERROR for the fields that needed it, never a crash or a half-mapped object.
 */
import { z } from 'zod';

export const omsLine = z.object({
  lineNo: z.number().int().positive(),
  productCode: z.string().min(1),
  qty: z.number().int().nonnegative(),
  /** Integer cents. */
  unitPrice: z.number().int(),
});

export const omsOrder = z.object({
  orderId: z.string().min(1),
  customerId: z.number().int(),
  /** 10 acknowledged, 20 in progress, 30 completed, 90 cancelled. */
  status: z.union([z.literal(10), z.literal(20), z.literal(30), z.literal(90)]),
  /** "YYYY-MM-DD HH:mm:ss", UTC. */
  createdAt: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
  channelCode: z.enum(['WEB', 'MOB', 'AGT', 'PTN']),
  partnerId: z.string().min(1).nullish(),
  agentId: z.string().min(1).nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  lines: z.array(omsLine),
});

export const omsOrderPage = z.object({ total: z.number().int().nonnegative(), orders: z.array(omsOrder) });
export const omsOrderBatch = z.object({ orders: z.array(omsOrder) });

export const omsCart = z.object({
  cartId: z.string().min(1),
  customerId: z.number().int(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  lines: z.array(omsLine),
});

/** The OMS's error body: `{ errorCode, detail? }`; detail is internal and never shown. */
export const omsFault = z.object({ errorCode: z.string() });

export type OmsOrder = z.infer<typeof omsOrder>;
export type OmsLine = z.infer<typeof omsLine>;
export type OmsCart = z.infer<typeof omsCart>;
export type OmsChannelCode = OmsOrder['channelCode'];
