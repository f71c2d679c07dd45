/** The classification fields a start or a draft accepts (docs/classified.md); checked further by the service. */
import { z } from 'zod';
import { SECURITY_GRADES } from '../../gov/security-grades';

export const classificationFields = {
  classification: z.enum(SECURITY_GRADES).optional(),
  reviewOn: z.iso.date({ error: 'must be a date, e.g. 2031-12-31' }).optional(),
  reviewAction: z.string().max(40).optional(),
};
