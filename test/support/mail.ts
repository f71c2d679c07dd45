/** Reads what the SMTP catcher of the global setup received, over its HTTP API. */
import type { CaughtMail } from '../../scripts/stack/smtp-catcher';
import { requiredEnv } from './stack';

export async function caughtMail(): Promise<CaughtMail[]> {
  const response = await fetch(new URL('/api/messages', requiredEnv('MAIL_API_URL')));
  if (!response.ok) throw new Error(`the SMTP catcher answered ${response.status}`);
  return (await response.json()) as CaughtMail[];
}

export async function mailTo(address: string): Promise<CaughtMail[]> {
  return (await caughtMail()).filter((mail) => mail.to.some((to) => to.toLowerCase().includes(address.toLowerCase())));
}
