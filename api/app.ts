/** The Express application: routes by resource, authentication, the web app, one error handler. */
import path from 'node:path';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import { AppError } from '../shared/app-error';
import type { AppDeps } from './deps';
import { authenticate } from './auth/authenticate';
import { verificationSlots } from './auth/verification-slots';
import { rejectCrossSiteChanges } from './auth/csrf';
import { securityHeaders } from './security-headers';
import { errorHandler } from './errors';
import { admission } from './admission';
import { assertShallowJson } from './json-depth';
import { approvalRoutes } from './routes/approvals';
import { recordsRoutes } from './routes/records';
import { auditRoutes } from './routes/audit';
import { batchRoutes } from './routes/batches';
import { authRoutes } from './routes/auth';
import { calendarRoutes } from './routes/calendar';
import { procurementRoutes } from './routes/procurement';
import { procurementBiddingRoutes } from './routes/procurement-biddings';
import { dashboardRoutes } from './routes/dashboards';
import { deploymentRoutes } from './routes/deployments';
import { eCourtRoutes } from './routes/e-court';
import { draftRoutes } from './routes/drafts';
import { formRoutes } from './routes/forms';
import { healthRoutes } from './routes/health';
import { incidentRoutes } from './routes/incidents';
import { meRoutes } from './routes/me';
import { messageRoutes } from './routes/messages';
import { openApiRoutes } from './routes/openapi';
import { orgRoutes } from './routes/org';
import { petitionObjectionRoutes } from './routes/petition-objections';
import { petitionRoutes } from './routes/petitions';
import { processDefinitionRoutes } from './routes/process-definitions';
import { processInstanceRoutes } from './routes/process-instances';
import { processRoutes } from './routes/processes';
import { needToKnowRoutes, securityRoutes } from './routes/security';
import { signalRoutes } from './routes/signals';
import { taskFilterRoutes } from './routes/task-filters';
import { taskRoutes } from './routes/tasks';
import { camundaApiRoutes } from './routes/v2';

const WEB_APP_DIR = path.resolve(__dirname, '../modeler-ui/dist');

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.TRUST_PROXY);
  app.use((req, res, next) => {
    const started = Date.now();
    res.on('finish', () =>
      deps.logger.info(
        { method: req.method, path: req.path, status: res.statusCode, ms: Date.now() - started },
        'request',
      ),
    );
    next();
  });
  app.use(securityHeaders(deps.config));
  app.use(cookieParser());
  // Health checks first: a load balancer must see a busy API as alive, so they are never shed.
  app.use('/api/health', healthRoutes(deps));
  const admit = admission({
    maxInFlight: deps.config.API_MAX_IN_FLIGHT,
    maxQueued: deps.config.API_MAX_QUEUED,
    queueWaitMs: deps.config.API_QUEUE_WAIT_MS,
  });
  // Logins wait for their own bound on password checks instead (verificationSlots): a burst of slow argon2 checks
  // holding general slots would starve the requests of people already logged in.
  app.use('/api', (req, res, next) => (req.path === '/auth/login' ? next() : admit(req, res, next)));
  app.use('/api', rejectCrossSiteChanges(deps.config));
  const requireLogin = authenticate(deps);
  // One bound per API process on password checks (docs/security.md): logins and the Camunda API's Basic auth share it.
  const passwordChecks = verificationSlots(deps.config.LOGIN_CONCURRENT_VERIFICATIONS);
  // The Camunda API authenticates, parses and answers errors its own way (problem+json, no cookies).
  app.use('/v2', camundaApiRoutes(deps, passwordChecks, admit));
  // Drafts parse their own, larger JSON bodies (a whole diagram), so they come before the default parser.
  app.use('/api/drafts', requireLogin, draftRoutes(deps));
  app.use(express.json({ limit: '1mb', verify: assertShallowJson }));

  app.use('/api/openapi.json', openApiRoutes());
  app.use('/api/auth', authRoutes(deps, passwordChecks));
  app.use('/api/deployments', requireLogin, deploymentRoutes(deps));
  app.use('/api/processes', requireLogin, processRoutes(deps));
  app.use('/api/forms', requireLogin, formRoutes(deps));
  app.use('/api/process-definitions', requireLogin, processDefinitionRoutes(deps));
  // Classified handling (docs/classified.md); need-to-know lists first, under their instance.
  app.use('/api/process-instances/:id/need-to-know', requireLogin, needToKnowRoutes(deps));
  app.use('/api/security', requireLogin, securityRoutes(deps));
  app.use('/api/process-instances', requireLogin, processInstanceRoutes(deps));
  app.use('/api/tasks', requireLogin, taskRoutes(deps));
  app.use('/api/task-filters', requireLogin, taskFilterRoutes(deps));
  app.use('/api/calendar', requireLogin, calendarRoutes(deps));
  app.use('/api/petitions', requireLogin, petitionRoutes(deps));
  app.use('/api/procurement/biddings', requireLogin, procurementBiddingRoutes(deps));
  // 이의신청 on a petition (processes/petition-objection/README.md).
  app.use('/api/petitions', requireLogin, petitionObjectionRoutes(deps));
  app.use('/api/procurement', requireLogin, procurementRoutes());
  app.use('/api/e-court', requireLogin, eCourtRoutes(deps));
  app.use('/api/messages', requireLogin, messageRoutes(deps));
  app.use('/api/signals', requireLogin, signalRoutes(deps));
  app.use('/api/incidents', requireLogin, incidentRoutes(deps));
  app.use('/api/me', requireLogin, meRoutes(deps));
  app.use('/api/org', requireLogin, orgRoutes(deps));
  app.use('/api/approvals', requireLogin, approvalRoutes(deps));
  app.use('/api/batches', requireLogin, batchRoutes(deps));
  app.use('/api/dashboards', requireLogin, dashboardRoutes(deps));
  app.use('/api/records', requireLogin, recordsRoutes(deps));
  app.use('/api/audit', requireLogin, auditRoutes(deps));
  app.use('/api', (req) => {
    throw new AppError('NOT_FOUND', `No API route ${req.method} ${req.originalUrl}.`);
  });

  // The web app: hashed assets cached for a year, and index.html (never cached) for its client-side routes. The
  // assets are compressed (the stylesheet, mostly the typeface's character ranges, shrinks to a quarter); API answers
  // are not, so no secret in them can be guessed through their compressed length.
  app.use(
    '/assets',
    compression(),
    express.static(path.join(WEB_APP_DIR, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  app.get(/^\/(?!api\/|v2\/).*/, (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(
      path.join(WEB_APP_DIR, 'index.html'),
      (error) => error && next(new AppError('NOT_FOUND', 'The web app is not built; run `npm run build:ui`.')),
    );
  });

  app.use(errorHandler(deps));
  return app;
}
