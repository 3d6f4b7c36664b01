import request from 'supertest';

/** The response, when it has the status a test's setup needs; throws otherwise. */
export function answered(res: request.Response, status: number) {
  if (res.status !== status) {
    throw new Error(`Expected ${status}, got ${res.status}: ${res.text}`);
  }
  return res;
}
