/** Where the server listens unless told otherwise. Apart from the server, so that the CLI's help shows it without loading Fastify. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4317;
