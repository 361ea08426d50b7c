/** A report that cannot be read: its message says why, for the person who sent it (answered as a 400). */
export class EvidenceError extends Error {}
