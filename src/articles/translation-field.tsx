// The editor's "Translation of" field: the story this one translates, chosen from the newest
// stories of each language. One story per language in a group is checked on save
// (translations.service.ts), which names the clash in the form's problem list.

import type { ArticleStatus } from '../db/tables.ts'
import { asSiteLanguage, LANGUAGES, SITE_LANGUAGES } from '../i18n/languages.ts'
import { useLocale } from '../i18n/locale-context.ts'
import { STATUS_LABELS } from './story-list-page.tsx'
import type { TranslationChoice } from './translations.service.ts'

export function TranslationOfField(props: { choices: readonly TranslationChoice[]; value: string }) {
  const { t } = useLocale()
  const byLanguage = SITE_LANGUAGES.map((language) => ({
    language,
    choices: props.choices.filter((c) => c.language === language),
  })).filter((group) => group.choices.length > 0)
  return (
    <>
      <label for="translationOf">{t('languages.editor.translationOf')}</label>
      <select id="translationOf" name="translationOf" aria-describedby="translationOf-hint">
        <option value="" selected={props.value === ''}>
          {t('languages.editor.translationNone')}
        </option>
        {byLanguage.map((group) => (
          <optgroup
            key={group.language}
            label={`${LANGUAGES[group.language].englishName} (${LANGUAGES[group.language].nativeName})`}
          >
            {group.choices.map((choice) => (
              <option
                key={choice.id}
                value={String(choice.id)}
                selected={props.value === String(choice.id)}
                lang={choice.language}
                dir={LANGUAGES[asSiteLanguage(choice.language)].dir}
              >
                {choice.headline} (#{choice.id},{' '}
                {choice.status in STATUS_LABELS
                  ? t(STATUS_LABELS[choice.status as ArticleStatus])
                  : choice.status}
                )
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <p class="hint" id="translationOf-hint">
        {t('languages.editor.translationHint')}
      </p>
    </>
  )
}
