// Validation messages from the services, in the admin's language. Services speak English — the JSON
// API and the CLI return their messages as they are — and the admin translates them here: each
// message a service can produce has one pattern below, naming its catalog key and the parts of the
// message that are values ("The name must be at most 120 characters" → {max: "120"}).
// problem-messages.test.ts reads every service's source and fails when a message has no pattern,
// so a new or reworded message cannot slip through untranslated. An unknown message (from a
// service outside that test's reach) is shown in English rather than not at all.
import type { FastifyRequest } from 'fastify'
import type { AppError, ValidationError } from '../errors.ts'
import { isSiteLanguage, LANGUAGES, type SiteLanguage } from '../i18n/languages.ts'
import type { Locale } from '../i18n/locale.ts'
import { errorMessageKey } from './admin-error-page.tsx'
import { type AdminMessageKey, adminTranslate, requestLocale } from './admin-messages.ts'
import type { FieldErrors } from './form-fields.tsx'

interface ProblemPattern {
  pattern: RegExp
  key: AdminMessageKey
  /** The message arguments, in the order of the pattern's capture groups. */
  values: readonly string[]
}

export const PROBLEM_PATTERNS: readonly ProblemPattern[] = [
  {
    pattern: /^Choose the original story under “Translation of” from the list\.$/,
    key: 'admin.problem.translationOfChoose',
    values: [],
  },
  {
    pattern: /^"(.*)" is not an address: write it whole, e\.g\. https:\/\/mirror\.example\.org\/$/,
    key: 'admin.problem.mirrorNotAddress',
    values: ['value'],
  },
  {
    pattern: /^"(.*)" must start with https:\/\/ \(or http:\/\/ for an \.onion address\)$/,
    key: 'admin.problem.mirrorScheme',
    values: ['value'],
  },
  {
    pattern: /^"(.*)" must not carry a user name or password$/,
    key: 'admin.problem.mirrorCredentials',
    values: ['value'],
  },
  {
    pattern: /^An address may be at most (\d+) characters$/,
    key: 'admin.problem.mirrorTooLong',
    values: ['max'],
  },
  { pattern: /^List at most (\d+) mirrors$/, key: 'admin.problem.mirrorTooMany', values: ['max'] },
  {
    pattern: /^The publication time must be in the future; to publish now, press Publish now\.$/,
    key: 'admin.problem.publicationTimeFutureNow',
    values: [],
  },
  {
    pattern:
      /^The story is too long to save \(([\d,]+) characters of text and formatting; the limit is ([\d,]+)\)\. Split it into parts, or remove pasted formatting\.$/,
    key: 'admin.problem.storyTooLong',
    values: ['length', 'max'],
  },
  {
    pattern: /^The publication time must be in the future; to publish now, press Publish\.$/,
    key: 'admin.problem.publicationTimeFuture',
    values: [],
  },
  { pattern: /^The e-mail address is not valid$/, key: 'admin.problem.emailInvalid', values: [] },
  { pattern: /^The role must be one of .+$/, key: 'admin.problem.roleInvalid', values: [] },
  { pattern: /^Tell us the name to show in the admin$/, key: 'admin.problem.displayNameMissing', values: [] },
  {
    pattern: /^The name must be at most (\d+) characters\.?$/,
    key: 'admin.problem.nameTooLong',
    values: ['max'],
  },
  {
    pattern: /^The password and its confirmation differ$/,
    key: 'admin.problem.passwordConfirmationDiffers',
    values: [],
  },
  {
    pattern: /^The new password and its confirmation differ$/,
    key: 'admin.problem.newPasswordConfirmationDiffers',
    values: [],
  },
  {
    pattern: /^The password must be at least (\d+) characters$/,
    key: 'admin.problem.passwordTooShort',
    values: ['min'],
  },
  {
    pattern: /^The password must be at most (\d+) characters$/,
    key: 'admin.problem.passwordTooLong',
    values: ['max'],
  },
  { pattern: /^The current password is not right$/, key: 'admin.problem.currentPasswordWrong', values: [] },
  {
    pattern: /^The interface language must be one of .+$/,
    key: 'admin.problem.interfaceLanguageInvalid',
    values: [],
  },
  { pattern: /^The section needs a name$/, key: 'admin.problem.sectionNameMissing', values: [] },
  {
    pattern: /^The description must be at most (\d+) characters$/,
    key: 'admin.problem.descriptionTooLong',
    values: ['max'],
  },
  {
    pattern: /^"(.+)" is not one of the site's languages$/,
    key: 'admin.problem.notSiteLanguage',
    values: ['language'],
  },
  {
    pattern: /^The (English|Dari|Pashto) name must be at most (\d+) characters$/,
    key: 'admin.problem.translatedNameTooLong',
    values: ['language', 'max'],
  },
  {
    pattern: /^The (English|Dari|Pashto) description must be at most (\d+) characters$/,
    key: 'admin.problem.translatedDescriptionTooLong',
    values: ['language', 'max'],
  },
  {
    pattern: /^A (English|Dari|Pashto) description needs a (?:English|Dari|Pashto) name too$/,
    key: 'admin.problem.translatedNameMissing',
    values: ['language'],
  },
  {
    pattern: /^Another section already uses the slug "(.+)"$/,
    key: 'admin.problem.sectionSlugTaken',
    values: ['slug'],
  },
  {
    pattern: /^A section cannot be placed inside itself or one of its own subsections$/,
    key: 'admin.problem.sectionInsideItself',
    values: [],
  },
  { pattern: /^The chosen parent section no longer exists$/, key: 'admin.problem.parentGone', values: [] },
  {
    pattern: /^Sections can be nested at most (\d+) levels deep$/,
    key: 'admin.problem.sectionTooDeep',
    values: ['max'],
  },
  {
    pattern: /^The slug (?:needs|must contain) at least one letter or digit\.?$/,
    key: 'admin.problem.slugNeedsLetter',
    values: [],
  },
  {
    pattern:
      /^"(.*)" cannot be a slug: use lowercase letters, digits and single hyphens \(for example "(.*)"\)$/,
    key: 'admin.problem.slugInvalid',
    values: ['slug', 'example'],
  },
  {
    pattern: /^"(.*)" is reserved for the site’s own pages: choose another slug$/,
    key: 'admin.problem.slugReserved',
    values: ['slug'],
  },
  {
    pattern: /^A slug of four digits would hide that year’s archive: choose another slug$/,
    key: 'admin.problem.slugYear',
    values: [],
  },
  {
    pattern: /^Choose at least one author or agency for the byline before publishing\.$/,
    key: 'admin.problem.bylineBeforePublish',
    values: [],
  },
  {
    pattern: /^Choose the date and time at which the story should be published\.$/,
    key: 'admin.problem.scheduleTimeMissing',
    values: [],
  },
  { pattern: /^A headline is required\.?$/, key: 'admin.problem.headlineRequired', values: [] },
  {
    pattern: /^The headline is (\d+) characters long; the limit is (\d+)\.$/,
    key: 'admin.problem.headlineTooLongCount',
    values: ['length', 'max'],
  },
  {
    pattern: /^The headline must be at most (\d+) characters$/,
    key: 'admin.problem.headlineTooLong',
    values: ['max'],
  },
  { pattern: /^Choose a language from the list\.$/, key: 'admin.problem.chooseLanguage', values: [] },
  { pattern: /^Choose a section\.$/, key: 'admin.problem.chooseSection', values: [] },
  {
    pattern: /^The featured image must be a media library number, e\.g\. (\d+)\.$/,
    key: 'admin.problem.featuredImageNumber',
    values: ['example'],
  },
  {
    pattern: /^A tag may be at most (\d+) characters long\.$/,
    key: 'admin.problem.tagTooLong',
    values: ['max'],
  },
  {
    pattern: /^A byline needs at least one author or agency$/,
    key: 'admin.problem.bylineNeedsAuthor',
    values: [],
  },
  { pattern: /^The body is larger than 2 MB$/, key: 'admin.problem.bodyTooLarge', values: [] },
  {
    pattern: /^The publication time is not a valid date$/,
    key: 'admin.problem.publicationTimeInvalid',
    values: [],
  },
  {
    pattern: /^That story already has a translation in this language\. Reload and choose again\.$/,
    key: 'admin.problem.translationExists',
    values: [],
  },
  {
    pattern: /^A story cannot be a translation of itself\.$/,
    key: 'admin.problem.translationOfItself',
    values: [],
  },
  {
    pattern: /^The story chosen under “Translation of” no longer exists; choose another\.$/,
    key: 'admin.problem.translationOriginalGone',
    values: [],
  },
  {
    pattern: /^“(.*)” is in (English|Dari|Pashto) too: a translation must be in another language\.$/,
    key: 'admin.problem.translationSameLanguage',
    values: ['headline', 'language'],
  },
  {
    pattern:
      /^“(.*)” already has a (English|Dari|Pashto) translation: “(.*)”\. A story has one translation per language\.$/,
    key: 'admin.problem.translationClash',
    values: ['headline', 'language', 'other'],
  },
  {
    pattern: /^The chosen section no longer exists; choose another\.$/,
    key: 'admin.problem.sectionGone',
    values: [],
  },
  { pattern: /^One of the chosen bylines no longer exists\.$/, key: 'admin.problem.bylineGone', values: [] },
  {
    pattern: /^A published story needs a byline: choose at least one author or agency\.$/,
    key: 'admin.problem.publishedNeedsByline',
    values: [],
  },
  {
    pattern: /^Alt text is at most (\d+) characters: describe the picture briefly\.$/,
    key: 'admin.problem.altTooLong',
    values: ['max'],
  },
  {
    pattern: /^A caption is at most (\d+) characters\.$/,
    key: 'admin.problem.captionTooLong',
    values: ['max'],
  },
  {
    pattern: /^A credit is at most (\d+) characters\.$/,
    key: 'admin.problem.creditTooLong',
    values: ['max'],
  },
  {
    pattern:
      /^Image number (\d+) has no alt text yet\. Describe it in the media library \(for readers who cannot see it\) before using it\.$/,
    key: 'admin.problem.altMissingForImage',
    values: ['id'],
  },
  { pattern: /^The site needs a name$/, key: 'admin.problem.siteNameMissing', values: [] },
  {
    pattern: /^The site name must be at most (\d+) characters$/,
    key: 'admin.problem.siteNameTooLong',
    values: ['max'],
  },
  {
    pattern: /^The default language must be one of .+$/,
    key: 'admin.problem.defaultLanguageInvalid',
    values: [],
  },
  {
    pattern: /^"(.*)" is not a known time zone: use an IANA name such as Asia\/Kabul or Europe\/London$/,
    key: 'admin.problem.timeZoneInvalid',
    values: ['zone'],
  },
  {
    pattern: /^The logo must be a media item’s number, or empty for none$/,
    key: 'admin.problem.logoNumber',
    values: [],
  },
  { pattern: /^There is no media item number (\d+)$/, key: 'admin.problem.noSuchMedia', values: ['id'] },
  {
    pattern: /^Give the key a name \(who or what uses it\)\.$/,
    key: 'admin.problem.apiKeyNameMissing',
    values: [],
  },
  { pattern: /^Choose what the key may do\.$/, key: 'admin.problem.chooseScope', values: [] },
  { pattern: /^The byline needs a name$/, key: 'admin.problem.bylineNameMissing', values: [] },
  { pattern: /^Choose a person or an organisation$/, key: 'admin.problem.chooseKind', values: [] },
  {
    pattern: /^The job title must be at most (\d+) characters$/,
    key: 'admin.problem.jobTitleTooLong',
    values: ['max'],
  },
  {
    pattern: /^The biography must be at most ([\d,]+) characters$/,
    key: 'admin.problem.bioTooLong',
    values: ['max'],
  },
  {
    pattern: /^The avatar must be a media item’s number, or empty for none$/,
    key: 'admin.problem.avatarNumber',
    values: [],
  },
  { pattern: /^Choose a staff account from the list$/, key: 'admin.problem.chooseStaffAccount', values: [] },
  {
    pattern: /^Another byline already uses the slug "(.+)"$/,
    key: 'admin.problem.bylineSlugTaken',
    values: ['slug'],
  },
  { pattern: /^Choose at least one event\.$/, key: 'admin.problem.chooseEvent', values: [] },
  { pattern: /^The tag needs a name$/, key: 'admin.problem.tagNameMissing', values: [] },
  {
    pattern: /^Another tag already uses the slug "(.+)": to combine the two, merge them instead$/,
    key: 'admin.problem.tagSlugTaken',
    values: ['slug'],
  },
  { pattern: /^Choose a different tag to merge into$/, key: 'admin.problem.chooseOtherTag', values: [] },
  {
    pattern: /^Enter a full address starting with https:\/\/ \(or http:\/\/\)\.$/,
    key: 'admin.problem.webhookUrlNotFull',
    values: [],
  },
  {
    pattern: /^Only http:\/\/ and https:\/\/ addresses can receive webhooks\.$/,
    key: 'admin.problem.webhookUrlScheme',
    values: [],
  },
  {
    pattern: /^Put no user name or password in the address; the signature authenticates us\.$/,
    key: 'admin.problem.webhookUrlCredentials',
    values: [],
  },
  { pattern: /^The address is too long\.$/, key: 'admin.problem.webhookUrlTooLong', values: [] },
  {
    pattern: /^This address points inside the server’s own network, which webhooks may not reach\.$/,
    key: 'admin.problem.webhookUrlInternal',
    values: [],
  },
  { pattern: /^Choose to move the section up or down\.$/, key: 'admin.problem.moveUpOrDown', values: [] },
]

const LANGUAGE_KEYS: Record<SiteLanguage, AdminMessageKey> = {
  en: 'admin.language.en',
  fa: 'admin.language.fa',
  ps: 'admin.language.ps',
}

/** "Dari" inside an English message, as the page's language names it. */
function languageName(locale: Locale, englishName: string): string {
  const code = Object.entries(LANGUAGES).find(([, info]) => info.englishName === englishName)?.[0]
  return isSiteLanguage(code) ? adminTranslate(locale)(LANGUAGE_KEYS[code]) : englishName
}

/** The pattern a service message matches, or undefined for a message this table does not know. */
export function matchProblem(
  message: string,
): { key: AdminMessageKey; values: Record<string, string> } | undefined {
  for (const { pattern, key, values } of PROBLEM_PATTERNS) {
    const match = pattern.exec(message)
    if (match) return { key, values: Object.fromEntries(values.map((name, i) => [name, match[i + 1] ?? ''])) }
  }
  return undefined
}

/** One service message in the locale's language (English pages show it exactly as written). */
export function translateProblem(locale: Locale, message: string): string {
  if (locale.language === 'en') return message
  const found = matchProblem(message)
  if (!found) return message
  const values = { ...found.values }
  if (values.language !== undefined) values.language = languageName(locale, values.language)
  return adminTranslate(locale)(found.key, values)
}

/** A ValidationError's list of problems, for the summary above a form. */
export function translateProblems(request: FastifyRequest, error: ValidationError): string[] {
  const locale = requestLocale(request)
  return error.problems.map((message) => translateProblem(locale, message))
}

/** A ValidationError's problems by field, for the messages beside the inputs. */
export function translateFieldErrors(request: FastifyRequest, error: ValidationError): FieldErrors {
  const locale = requestLocale(request)
  return Object.fromEntries(
    Object.entries(error.fields).map(([field, message]) => [field, translateProblem(locale, message)]),
  )
}

/** Plain problem strings (not from a ValidationError), translated the same way. */
export function translateMessages(request: FastifyRequest, messages: readonly string[]): string[] {
  const locale = requestLocale(request)
  return messages.map((message) => translateProblem(locale, message))
}

/**
 * An AppError's message for a form's summary: English as written; otherwise a pattern's
 * translation, else the sentence the catalog has for the error's code.
 */
export function translateErrorMessage(request: FastifyRequest, error: AppError): string {
  const locale = requestLocale(request)
  if (locale.language === 'en' || matchProblem(error.message)) return translateProblem(locale, error.message)
  return adminTranslate(locale)(errorMessageKey(error.code))
}
