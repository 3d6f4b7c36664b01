import { LoggerService } from '@backstage/backend-plugin-api';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { createCalendarRouter, redactFeedToken } from '../calendarRouter';

/** Every line logged, with its metadata. */
function capturingLogger(lines: string[]): LoggerService {
  const write = (message: string, meta?: unknown) =>
    lines.push(`${message} ${JSON.stringify(meta ?? {})}`);
  const logger: LoggerService = {
    error: write,
    warn: write,
    info: write,
    debug: write,
    child: () => logger,
  };
  return logger;
}

describe('the calendar feed token', () => {
  it("never reaches the backend's request log, which writes every URL", async () => {
    const token = 'Zm9vYmFyLXNlY3JldC10b2tlbi12YWx1ZQ';
    const lines: string[] = [];
    const middleware = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: capturingLogger(lines),
    });
    const app = express();
    // As the backend mounts it: the request logger first, then the plugin.
    app.use(middleware.logging());
    app.use(
      createCalendarRouter({
        httpAuth: mockServices.httpAuth(),
        calendarService: {} as any,
        breakingChangeCheck: {} as any,
        feedService: {
          feed: async (given: string) => {
            expect(given).toBe(token);
            return 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';
          },
        } as any,
      }),
    );
    const res = await request(app).get(
      `/v1/calendar/feed.ics?team=group:default/ledger&token=${token}`,
    );
    expect(res.status).toBe(200);
    await new Promise(resolve => setImmediate(resolve));
    expect(lines.join('\n')).toContain(
      '/v1/calendar/feed.ics?team=group:default/ledger&token=[redacted]',
    );
    expect(lines.join('\n')).not.toContain(token);
  });

  it('redacts the token wherever it sits in the query', () => {
    expect(redactFeedToken('/feed.ics?token=abc&team=x')).toBe(
      '/feed.ics?token=[redacted]&team=x',
    );
    expect(redactFeedToken('/feed.ics?team=x&TOKEN=abc#f')).toBe(
      '/feed.ics?team=x&TOKEN=[redacted]#f',
    );
    expect(redactFeedToken('/feed.ics?team=x')).toBe('/feed.ics?team=x');
  });
});
