// What Dateline writes into a WXR file beyond what WordPress itself has: post meta and term meta
// under keys of its own (the leading "_" keeps them out of WordPress's custom-fields box), which
// WordPress keeps and ignores and which Dateline's WordPress importer reads back. Shared by the
// WXR exporter and the importer so the two can never disagree on a name.

/** Post meta of a story (and, where it applies, of one of its revisions). */
export const DATELINE_POST_META = {
  dateline: '_dateline_dateline',
  dek: '_dateline_dek',
  correctionNote: '_dateline_correction_note',
  featuredCaption: '_dateline_featured_caption',
  featuredCredit: '_dateline_featured_credit',
  /** Dateline's own status, finer than WordPress's (review, unpublished). */
  status: '_dateline_status',
  language: '_dateline_language',
  /** The WordPress ID of the story a translation group began with. */
  translationOf: '_dateline_translation_of',
  /** The story's revision counter, or a revision's number. */
  revision: '_dateline_revision',
  /** Why a revision was kept ("saved", "published"…). */
  revisionReason: '_dateline_revision_reason',
} as const

/** Post meta of an attachment: the image's credit line, which WordPress has no field for. */
export const DATELINE_MEDIA_CREDIT_META = '_dateline_credit'

/** Term meta of a byline (a Co-Authors Plus "author" term). */
export const DATELINE_TERM_META = {
  kind: '_dateline_kind',
  jobTitle: '_dateline_job_title',
  isPseudonym: '_dateline_is_pseudonym',
} as const

/** Attachments and revisions are numbered apart from posts so that their WordPress IDs never meet. */
export const ATTACHMENT_ID_OFFSET = 10_000_000
export const REVISION_ID_OFFSET = 20_000_000
