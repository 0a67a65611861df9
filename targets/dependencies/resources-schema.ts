import { z } from 'zod';

export const resourcesSchema = z.object({
  cpus: z.number().positive().max(1024).optional(),
  memoryMb: z.number().int().min(6, 'Docker needs at least 6 MB').optional(),
});

export const containerNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-"');

/** Issues of a failed parse, each with its path under `prefix`. */
export function issuesOf(prefix: string, error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
}
