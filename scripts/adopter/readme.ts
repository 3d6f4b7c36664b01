import fs from 'node:fs';

export const SECTION_TITLE = '## Installing into your Backstage app';

/** What the README's installation section tells an adopter to do, in order. */
export type ReadmeAction =
  | { type: 'command'; command: string }
  | { type: 'code'; file: string; code: string };

/**
 * Reads the installation section of the README: every line of a ```sh block
 * is a command run in the app's root (comments and blank lines aside, a
 * trailing backslash continues a line), and a ```ts block whose first line
 * is a comment naming a file (`// packages/backend/src/index.ts`) is code
 * added to that file.
 */
export function readInstallSection(readmePath: string): ReadmeAction[] {
  const readme = fs.readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(`\n${SECTION_TITLE}\n`);
  if (start < 0) {
    throw new Error(`${readmePath} has no section "${SECTION_TITLE}"`);
  }
  const rest = readme.slice(start + SECTION_TITLE.length + 2);
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);

  const actions: ReadmeAction[] = [];
  const fence = /^```(\w*)[^\n]*\n([\s\S]*?)^```\s*$/gm;
  for (const match of section.matchAll(fence)) {
    const [, lang, body] = match;
    if (lang === 'sh') {
      const lines = body.replace(/\s*\\\n\s*/g, ' ').split('\n');
      for (const line of lines.map(l => l.trim())) {
        if (line && !line.startsWith('#')) {
          actions.push({ type: 'command', command: line });
        }
      }
    } else if (lang === 'ts' || lang === 'tsx') {
      const [first, ...code] = body.split('\n');
      const file = first.match(/^\/\/\s*(\S+\.(?:ts|tsx))\s*$/)?.[1];
      if (file) {
        actions.push({ type: 'code', file, code: code.join('\n').trimEnd() });
      }
    }
  }
  if (!actions.some(a => a.type === 'command')) {
    throw new Error(`"${SECTION_TITLE}" in ${readmePath} has no sh commands`);
  }
  return actions;
}

/**
 * Adds a README code block to a file of the stock app: to the backend's
 * index before `backend.start();`, to any other file at its end. Imports
 * in the block go to the top of the file.
 */
export function insertCode(filePath: string, code: string) {
  const source = fs.readFileSync(filePath, 'utf8');
  const lines = code.split('\n');
  const imports: string[] = [];
  const body: string[] = [];
  let inImport = false;
  for (const line of lines) {
    if (/^import\s/.test(line) || inImport) {
      imports.push(line);
      inImport = !/;\s*$/.test(line);
    } else {
      body.push(line);
    }
  }
  let result = source;
  if (imports.length > 0) {
    const lastImport = [...result.matchAll(/^import[\s\S]*?;\s*$/gm)].pop();
    const at = lastImport ? lastImport.index! + lastImport[0].length : 0;
    result = `${result.slice(0, at)}\n${imports.join('\n')}${result.slice(at)}`;
  }
  const text = body.join('\n').trim();
  const anchor = 'backend.start();';
  if (result.includes(anchor)) {
    result = result.replace(anchor, `${text}\n\n${anchor}`);
  } else {
    result = `${result.trimEnd()}\n\n${text}\n`;
  }
  fs.writeFileSync(filePath, result);
}
