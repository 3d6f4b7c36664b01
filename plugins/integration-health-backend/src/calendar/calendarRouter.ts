import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { httpUrl } from '../http/httpUrl';
import { parseInput } from '../http/parseInput';
import { entityRefField } from '../http/routeParams';
import { BreakingChangeCheck } from './BreakingChangeCheck';
import { CalendarService } from './CalendarService';
import { CalendarFeedService } from './ical/CalendarFeedService';
import { jsonBody } from '../http/jsonBody';

const parse = parseInput;

const entityRef = (kind: string) => entityRefField({ kind });

const announcement = z.object({
  apiRef: entityRef('api'),
  title: z.string().trim().min(1).max(300),
  description: z.string().max(10_000).optional(),
  operations: z.array(z.string().min(1).max(300)).max(100).optional(),
  effectiveAt: z.string().datetime({ offset: true }),
  migrationNotes: z.string().max(10_000).optional(),
  migrationUrl: httpUrl.optional(),
  changes: z
    .array(
      z.object({
        ruleId: z.string().min(1).max(200),
        level: z.enum(['breaking', 'warning', 'info']),
        location: z.string().max(1000),
        message: z.string().max(2000),
        fingerprint: z.string().max(200).optional(),
      }),
    )
    .max(1000)
    .optional(),
});

const listQuery = z.object({
  apiRef: entityRef('api').optional(),
  ownerRef: entityRef('group').optional(),
  state: z.enum(['pending', 'overdue', 'acknowledged', 'cancelled']).optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});

const entryParams = z.object({
  entryId: z.string().uuid('must be a calendar entry id'),
});

export const acknowledgement = z.object({
  consumerRef: entityRef('component'),
  action: z.enum(['acknowledged', 'withdrawn']).default('acknowledged'),
  note: z.string().trim().min(1).max(2000).optional(),
});

/** The iCalendar feed: calendar clients cannot sign in, so it checks its own token. */
export const FEED_PATH = '/v1/calendar/feed.ics';

/** A URL with the feed token's value replaced, for logs. */
export function redactFeedToken(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

/** The calendar's routes: entries, announcements and acknowledgements. */
const feedQuery = z.object({
  token: z.string().min(20).max(200),
  team: entityRef('group').optional(),
});

const checkBody = z.object({
  apiRef: entityRef('api'),
  spec: z.string().min(1),
  base: z.string().min(1).optional(),
  announce: z
    .object({
      effectiveAt: z.string().datetime({ offset: true }),
      title: z.string().trim().min(1).max(300).optional(),
    })
    .optional(),
});

export function createCalendarRouter(options: {
  httpAuth: HttpAuthService;
  calendarService: CalendarService;
  breakingChangeCheck: BreakingChangeCheck;
  feedService: CalendarFeedService;
}): express.Router {
  const { httpAuth, calendarService, breakingChangeCheck, feedService } =
    options;
  const router = Router({ caseSensitive: true, strict: true });
  // The backend lets everything under the feed's path through without
  // credentials; only GET of the feed itself, spelled exactly, stays open.
  router.use((req, _res, next) => {
    const open = req.method === 'GET' || req.method === 'HEAD';
    if (
      req.path.toLowerCase().startsWith(FEED_PATH.toLowerCase()) &&
      !(open && req.path === FEED_PATH)
    ) {
      httpAuth
        .credentials(req, { allow: ['user', 'service'] })
        .then(() => next(), next);
    } else {
      next();
    }
  });
  // Calendar clients cannot sign in: the feed's token is its credential
  // (the plugin lets this path through without Backstage credentials).
  router.get(FEED_PATH, async (req, res) => {
    // The backend logs every request's URL when it finishes: not the token.
    req.originalUrl = redactFeedToken(req.originalUrl);
    const query = parse(feedQuery, req.query, 'query');
    const body = await feedService.feed(query.token, query.team);
    res
      .status(200)
      .type('text/calendar; charset=utf-8')
      .set('Cache-Control', 'private, max-age=300')
      .send(body);
  });
  const caller = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  // Candidate specs may be large; other bodies are small.
  router.post(
    '/v1/calendar/check',
    jsonBody({ limit: '25mb' }),
    async (req, res) => {
      const body = parse(checkBody, req.body, 'body');
      const credentials = await caller(req);
      res.json(
        await breakingChangeCheck.check(
          {
            apiRef: body.apiRef,
            candidate: body.spec,
            base: body.base,
            announce: body.announce,
          },
          credentials,
        ),
      );
    },
  );
  router.use('/v1/calendar', jsonBody());
  const entryId = (req: express.Request) =>
    parse(entryParams, req.params, 'entry').entryId;

  router.get('/v1/calendar', async (req, res) => {
    const filter = parse(listQuery, req.query, 'query');
    res.json({ items: await calendarService.list(filter, await caller(req)) });
  });
  router.post('/v1/calendar', async (req, res) => {
    const body = parse(announcement, req.body, 'body');
    res
      .status(201)
      .json(await calendarService.announce(body, await caller(req)));
  });
  router.get('/v1/calendar/feed-tokens', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await feedService.status(credentials));
  });
  router.post('/v1/calendar/feed-tokens', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.status(201).json(await feedService.issue(credentials));
  });
  router.delete('/v1/calendar/feed-tokens', async (req, res) => {
    const { principal } = await httpAuth.credentials(req, { allow: ['user'] });
    await feedService.revoke(principal.userEntityRef);
    res.status(204).end();
  });
  router.get('/v1/calendar/:entryId', async (req, res) => {
    res.json(await calendarService.get(entryId(req), await caller(req)));
  });
  router.put('/v1/calendar/:entryId', async (req, res) => {
    const id = entryId(req);
    const body = parse(announcement, req.body, 'body');
    res.json(await calendarService.update(id, body, await caller(req)));
  });
  router.post('/v1/calendar/:entryId/cancel', async (req, res) => {
    const id = entryId(req);
    res.json(await calendarService.cancel(id, await caller(req)));
  });
  router.post('/v1/calendar/:entryId/acknowledgements', async (req, res) => {
    const id = entryId(req);
    const body = parse(acknowledgement, req.body, 'body');
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await calendarService.acknowledge({ entryId: id, ...body }, credentials),
    );
  });
  return router;
}
