import { z } from 'zod';
import { unknownFieldMessage } from './unknown-keys.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An object schema that refuses keys it does not know, one issue per key at its own path with
 * the nearest valid name (`unknown field; did you mean rampUp?`). zod's own strict mode reports
 * all unknown keys in one issue at the parent's path and skips them when another field failed;
 * this check runs whatever else failed, so one parse lists every problem.
 */
export function strict<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
): z.ZodObject<Shape, z.core.$strict> {
  const valid = Object.keys(schema.shape);
  // Typed as zod's strict object: whatever passes has no other keys.
  const loose = schema.loose() as unknown as z.ZodObject<Shape, z.core.$strict>;
  return loose.superRefine(
    (value, ctx) => {
      for (const key of Object.keys(value)) {
        if (!valid.includes(key)) {
          ctx.addIssue({ code: 'custom', path: [key], message: unknownFieldMessage(key, valid) });
        }
      }
    },
    { when: (payload) => isRecord(payload.value) },
  );
}

/** `z.object(shape)`, strict as above. */
export function strictObject<Shape extends z.ZodRawShape>(
  shape: Shape,
): z.ZodObject<Shape, z.core.$strict> {
  return strict(z.object(shape));
}
