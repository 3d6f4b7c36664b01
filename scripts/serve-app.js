// Serves the production build of the demo app (packages/app/dist) on
// localhost: files as they are, every other path the app's index.html, so
// that the browser router takes over.
//
//   node scripts/serve-app.js [port]
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../packages/app/dist');
const port = Number(process.argv[2] ?? 3000);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

function send(res, file, status = 200) {
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  // Hashed assets never change; the index must be read afresh.
  const cache = file.includes(`${path.sep}static${path.sep}`)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': cache });
  fs.createReadStream(file).pipe(res);
}

const server = http.createServer((req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const file = path.join(root, path.normalize(pathname));
  if (file.startsWith(root + path.sep) && fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
    send(res, file);
  } else {
    send(res, path.join(root, 'index.html'));
  }
});

server.listen(port, () => {
  process.stdout.write(`Serving the app's production build on http://localhost:${port}\n`);
});
