import { z } from 'zod';

/** A thing a finding is about. `id` is the provider's canonical id (an ARN for AWS). */
export const resourceRefSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  name: z.string(),
});
export type ResourceRef = z.infer<typeof resourceRefSchema>;
