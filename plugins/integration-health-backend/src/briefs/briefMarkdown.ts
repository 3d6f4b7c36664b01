import { IntegrationBrief } from '@integration-health/plugin-integration-health-common';

/** Text a Markdown reader shows as written: no emphasis, links or HTML from data. */
function plain(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1').replace(/\r?\n/g, ' ');
}

/**
 * The brief as Markdown for a post-mortem document: the window, then each
 * fact with its source (and link), section by section.
 */
export function briefMarkdown(brief: IntegrationBrief): string {
  const lines = [
    `# Integration brief: ${plain(brief.title)}`,
    '',
    `Window: ${brief.from.slice(0, 10)} to ${brief.to.slice(
      0,
      10,
    )}. Generated ${brief.generatedAt
      .slice(0, 16)
      .replace(
        'T',
        ' ',
      )} UTC from the records Integration Health keeps. Facts only; each names its source.`,
    '',
  ];
  const sections: [string, string[]][] = [
    ['Integrations', ['catalog']],
    ['Breaking changes', ['breaking-change calendar']],
    ['Incidents', ['incident record']],
    ['Scores', ['daily scores']],
    ['Open findings', ['sync findings']],
  ];
  for (const [title, sources] of sections) {
    const facts = brief.facts.filter(f => sources.includes(f.source));
    lines.push(`## ${title}`, '');
    if (facts.length === 0) {
      lines.push('None recorded in the window.', '');
      continue;
    }
    for (const fact of facts) {
      const link =
        fact.link && /^(https?:\/\/|\/)/.test(fact.link)
          ? ` ([${plain(fact.source)}](${encodeURI(fact.link)}))`
          : ` (${plain(fact.source)})`;
      lines.push(`- ${plain(fact.text)}${link}`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
