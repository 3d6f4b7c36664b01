import { parseLenientJson } from '@integration-health/plugin-integration-health-node';
import { isRecord } from '@integration-health/plugin-integration-health-common';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  javaBinary,
  RealWireMock,
  send,
  startWireMock,
} from '../../__testUtils__/wireMock';
import { readWireMock } from './readWireMock';

jest.setTimeout(120_000);

// Our reading of a WireMock mapping is judged against WireMock itself: the
// request the reader says a mapping stands for, when it says it knows all of
// it, must be one WireMock answers with that mapping. The mappings are the
// team-written files shaped like WireMock's recorder output, its users'
// hand-written stubs (templates, partial matchers, literal patterns,
// comments) and its own test mappings.
const fixtures = path.resolve(__dirname, '__fixtures__/wiremock-real');

function mappingFiles(): Array<[string, unknown[]]> {
  return fs.readdirSync(fixtures).flatMap(dir =>
    fs
      .readdirSync(path.join(fixtures, dir))
      .filter(file => file.endsWith('.json'))
      .map(file => {
        const parsed = parseLenientJson(
          fs.readFileSync(path.join(fixtures, dir, file), 'utf8'),
        );
        const mappings =
          isRecord(parsed) && Array.isArray(parsed.mappings)
            ? parsed.mappings
            : [parsed];
        return [`${dir}/${file}`, mappings] as [string, unknown[]];
      }),
  );
}

const describeWithJava =
  !javaBinary() && !process.env.CI ? describe.skip : describe;

describeWithJava(
  'WireMock mappings as our reader reads them, in a real WireMock',
  () => {
    let wireMock: RealWireMock;
    beforeAll(async () => {
      wireMock = await startWireMock();
    });
    afterAll(async () => {
      await wireMock?.stop();
    });

    it('sends the request the reader reads of each fully known mapping, and WireMock answers it with that mapping', async () => {
      const files = mappingFiles();
      expect(files.length).toBeGreaterThanOrEqual(6);
      const wrong: string[] = [];
      let sent = 0;
      for (const [file, raw] of files) {
        const mappings = raw
          .filter(isRecord)
          .filter(
            m => isRecord(m.response) && typeof m.response.status === 'number',
          )
          .map((m): Record<string, unknown> => ({ ...m, id: randomUUID() }));
        for (const mapping of mappings) {
          const { interactions } = readWireMock(mapping, { name: file });
          const [interaction] = interactions;
          if (interaction?.kind !== 'http') continue;
          // Values the reader does not know cannot be sent. A body it knows
          // in part (extra elements ignored) is sent as known; a body it knows
          // nothing of is sent only when the mapping matches any body.
          const { pathValues, query, headers, requestBody } =
            interaction.unknown ?? {};
          const anyBody = !Array.isArray(
            (mapping.request as Record<string, unknown>).bodyPatterns,
          );
          if (
            [...(pathValues ?? []), ...(query ?? []), ...(headers ?? [])]
              .length > 0 ||
            (requestBody === 'whole' && !anyBody)
          ) {
            continue;
          }
          sent++;
          // One mapping at a time: another one of the file may match the
          // same request, and WireMock would answer with either.
          // The request side is judged: the response is left to its status
          // (a recorded body file is not in this WireMock's store), and the
          // recorder's own uuid gives way to ours.
          await wireMock.load([
            {
              ...mapping,
              uuid: mapping.id,
              response: {
                status: (mapping.response as { status: number }).status,
              },
            },
          ]);
          const answer = await send(wireMock.url, interaction);
          if (answer.matched !== mapping.id) {
            wrong.push(
              `${file} ${String(mapping.name ?? '')}: ${
                interaction.request.method
              } ${interaction.request.path}${
                interaction.request.query ? `?${interaction.request.query}` : ''
              } → ${answer.status} ${answer.text.slice(0, 1500)}`,
            );
          }
        }
      }
      expect(wrong).toEqual([]);
      expect(sent).toBeGreaterThanOrEqual(10);
    });
  },
);
