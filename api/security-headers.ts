/**
 * Response headers that keep the web app's pages from being framed, sniffed, leaked through the Referer or made to
 * run foreign script (docs/security.md). The policy is what the bundled web app needs and nothing more: all script,
 * fonts and requests from our own origin; inline style attributes, which bpmn-js, form-js and chart.js set as they
 * draw; data: and blob: images, for diagram exports and the favicon.
 */
import helmet from 'helmet';
import type { Config } from '../platform/config';

export function securityHeaders({ COOKIE_SECURE }: Pick<Config, 'COOKIE_SECURE'>) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Behind HTTPS only: on the plain-HTTP dev stack an upgrade would point every asset at a port with no TLS.
        upgradeInsecureRequests: COOKIE_SECURE ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // HSTS only where the site is served over HTTPS (COOKIE_SECURE says so); on HTTP it would lock browsers out.
    strictTransportSecurity: COOKIE_SECURE ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}
