/** Length limits, counted in user-perceived characters (grapheme clusters). */
export const LIMITS = {
  subject: 200,
  description: 20_000,
  name: 100,
  address: 500,
  tag: 50,
  tags: 50,
  id: 128,
  customFieldText: 2_000,
  customFields: 100,
  attachments: 20,
  attachmentName: 255,
  message: 20_000,
} as const;
