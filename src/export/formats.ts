/** The formats `renderExport` writes. Apart from the renderers, so that the CLI lists them without loading those. */
export const EXPORT_FORMATS = ['geojson', 'acled-csv', 'claimreview', 'annotations', 'timemap', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
