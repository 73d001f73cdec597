/** Default size limit of one input: larger files are almost never one article. Apart from the readers, so that the CLI's help shows it without loading them. */
export const DEFAULT_MAX_BYTES = 20_000_000;
