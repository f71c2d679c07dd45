/**
 * The API's connection to Temporal. The SDK retries an unreachable frontend ten times with backoff (about 40 s
 * counting the describe that follows an unconfirmed start); a person waits for the answer, so the API gives up
 * after a few quick attempts and answers 503 with Retry-After instead (docs/reliability.md).
 */
import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

const API_ATTEMPTS = 4;

export function apiConnectionOptions(address: string) {
  return {
    address,
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: API_ATTEMPTS }))],
  };
}

export function connectApiToTemporal(address: string): Promise<Connection> {
  return Connection.connect(apiConnectionOptions(address));
}
