import { z } from 'zod';
import { strictObject } from '../../core/validation/strict-object.js';

export const resourcesSchema = strictObject({
  cpus: z.number().positive().max(1024).optional(),
  memoryMb: z.number().int().min(6, 'Docker needs at least 6 MB').optional(),
});

export const containerNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-"');
