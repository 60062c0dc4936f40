/** Publishing a year as the strategy office does: read the departments' free texts first, then publish naming them (services/reports/public-texts.ts). */
import type { Client } from './client.ts';

export async function publishYear(office: Client, planId: string, fiscalYear: number) {
  const review = await office.get(`/api/plans/${planId}/publications/${fiscalYear}/texts`);
  const reviewedTexts = review.statusCode === 200 ? (review.json().reviewedTexts as string) : undefined;
  return office.post(`/api/plans/${planId}/publications`, { fiscalYear, ...(reviewedTexts ? { reviewedTexts } : {}) });
}
