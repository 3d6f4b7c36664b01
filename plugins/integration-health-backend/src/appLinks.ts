import { parseEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * Where the plugin's pages are in the app, for links in notifications and
 * calendar feeds. Apps that mount the pages elsewhere say so in config.
 */
export class AppLinks {
  static fromConfig(config: Config): AppLinks {
    const links = config.getOptionalConfig('integrationHealth.links');
    const calendarPath =
      links?.getOptionalString('calendarPath') ??
      '/integration-health/calendar';
    const entityPath =
      links?.getOptionalString('entityPath') ??
      '/catalog/{namespace}/{kind}/{name}';
    for (const [key, path] of [
      ['calendarPath', calendarPath],
      ['entityPath', entityPath],
    ]) {
      if (!path.startsWith('/')) {
        throw new InputError(
          `integrationHealth.links.${key} must be a path starting with /, got ${path}`,
        );
      }
    }
    return new AppLinks(
      config.getOptionalString('app.baseUrl') ?? '',
      calendarPath,
      entityPath,
    );
  }

  constructor(
    /** The app's base URL, for links read outside the app (calendar feeds). */
    readonly baseUrl: string,
    private readonly calendarPath: string,
    private readonly entityPath: string,
  ) {}

  /** The calendar page, opened at one entry. */
  calendarEntry(entryId: string): string {
    return `${this.calendarPath}?entry=${encodeURIComponent(entryId)}`;
  }

  /** The Integrations tab of an entity's page. */
  entityIntegrations(entityRef: string): string {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const path = this.entityPath
      .replace('{namespace}', encodeURIComponent(namespace))
      .replace('{kind}', encodeURIComponent(kind.toLocaleLowerCase('en-US')))
      .replace('{name}', encodeURIComponent(name));
    return `${path}/integrations`;
  }
}
