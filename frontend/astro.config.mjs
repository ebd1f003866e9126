// Server-rendered (the Node adapter): drafts, form posts and revalidation need a server.
import node from "@astrojs/node";
import { defineConfig } from "astro/config";

export default defineConfig({
  output: "server",
  adapter: node({ mode: "standalone" }),
  trailingSlash: "ignore",
  // The host names this site answers to (Astro checks form posts' Origin against them);
  // SKL_FRONTEND_HOSTS=www.example.se,… at build time for a real deployment.
  security: {
    allowedDomains: (process.env.SKL_FRONTEND_HOSTS ?? "127.0.0.1,localhost")
      .split(",")
      .map((hostname) => ({ hostname: hostname.trim() })),
  },
  // Nothing to optimise at build time: images are the CMS's renditions.
  image: { service: { entrypoint: "astro/assets/services/noop" } },
  devToolbar: { enabled: false },
});
