import { BadResponseError, MjError } from '../core/errors';

/**
 * Whether an error says the server has no such endpoint (novicezk has no cancel or image-seed,
 * the gateways no cancel): a 404/405/501, a gateway's route error, or a web page where JSON was
 * expected (new-api serves its UI for paths it does not route).
 */
export function serverLacksEndpoint(e: unknown): boolean {
  return e instanceof BadResponseError && (e.reason === 'no-endpoint' || e.reason === 'bare-404' || e.reason === 'html');
}

export function errorText(e: unknown): string {
  return e instanceof MjError ? e.message : e instanceof Error ? e.message : String(e);
}
