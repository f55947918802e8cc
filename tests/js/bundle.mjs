// What the Node tests share: the vectors, and the search index the Python side wrote from the
// vectors' records (GK_BUNDLE) served over HTTP, as the browser reads it.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";

export const vectors = (name) => JSON.parse(readFileSync(new URL(`../vectors/${name}.json`, import.meta.url), "utf8"));

export async function served(root = process.env.GK_BUNDLE) {
  const server = createServer((request, response) => {
    try {
      response.end(readFileSync(join(root, decodeURIComponent(new URL(request.url, "http://x").pathname))));
    } catch {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}
