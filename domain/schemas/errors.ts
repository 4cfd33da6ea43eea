import { z } from './zod.ts';
import { errorStatus } from '../errors.ts';

const codes = Object.keys(errorStatus) as [keyof typeof errorStatus, ...(keyof typeof errorStatus)[]];

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(codes),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .meta({ id: 'ErrorResponse', description: 'Every non-2xx answer has this body' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;
