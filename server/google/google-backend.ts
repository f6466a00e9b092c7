// Real Google: service account key (GOOGLE_APPLICATION_CREDENTIALS, optional HOSO_GOOGLE_SUBJECT for
// domain-wide delegation). Filled in by the service work (issue 6).
import type { Backend } from './backend.ts';

export async function openGoogleBackend(): Promise<Backend> {
  throw new Error('Google backend not implemented yet');
}
