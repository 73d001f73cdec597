/**
 * Event lists come in time order (undated last), then document and position.
 * With the document's sequence number on each event row, one index holds
 * that order, so a page of the map's list is read off the index instead of
 * sorting every matching event on each request.
 */
export const sql = `
ALTER TABLE events ADD COLUMN doc_seq INTEGER;
UPDATE events SET doc_seq = (SELECT seq FROM documents d WHERE d.id = events.doc_id);
CREATE INDEX events_chronology ON events(from_date IS NULL, from_date, doc_seq, idx);
`;
