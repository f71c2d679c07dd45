import { ApiError, request } from './http';
import type { LoginRequest, LoginResponse, MeResponse, User } from './types';

export async function login(credentials: LoginRequest): Promise<User> {
  // The server also sets the HTTP-only `bps_session` cookie; the browser app does not keep the token.
  const res = await request<LoginResponse>('POST', '/api/auth/login', {
    body: credentials,
    allowUnauthorized: true,
  });
  return res.user;
}

export async function logout(): Promise<void> {
  await request<void>('POST', '/api/auth/logout', { allowUnauthorized: true });
}

/** Ends every session of the signed-in user, this one included. */
export async function logoutEverywhere(): Promise<void> {
  await request<void>('POST', '/api/auth/logout-all');
}

/** The signed-in user, or null when there is no valid session. */
export async function me(signal?: AbortSignal): Promise<User | null> {
  try {
    const res = await request<MeResponse>('GET', '/api/auth/me', {
      allowUnauthorized: true,
      ...(signal ? { signal } : {}),
    });
    return res.user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}
