import { CORE_ROUTES, type FallbackOperation, type Operation, type Route } from './config.js';

/** Default paths of the fallback operations, under `endpoint` (README, "Backend contract"). */
export const FALLBACK_ROUTES: Readonly<Record<FallbackOperation, Route>> = {
  methods: { path: '/methods', method: 'POST' },
  codeSend: { path: '/code/send', method: 'POST' },
  codeVerify: { path: '/code/verify', method: 'POST' },
  passwordSignIn: { path: '/password/sign-in', method: 'POST' },
  passwordSet: { path: '/password/set', method: 'POST' },
  recoveryRedeem: { path: '/recovery/redeem', method: 'POST' },
  deviceRequest: { path: '/device/request', method: 'POST' },
  // `{id}` is filled from the request's `id` field.
  deviceRequestStatus: { path: '/device/request/{id}', method: 'GET' },
  passkeys: { path: '/passkeys', method: 'GET' },
  deviceLookup: { path: '/device/approval/lookup', method: 'POST' },
  deviceDecide: { path: '/device/approval/decide', method: 'POST' },
};

/** Every operation's default route. */
export const DEFAULT_ROUTES: Readonly<Record<Operation, Route>> = { ...CORE_ROUTES, ...FALLBACK_ROUTES };
