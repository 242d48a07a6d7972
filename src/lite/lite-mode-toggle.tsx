// The lite-mode switch at the foot of every public page: a form, so it works without JavaScript
// (src/lite/lite-mode.site.ts answers it). Readers whose browser sends Save-Data already get the
// lite pages and cannot turn the header off from here, so they are not offered the switch.
import { LITE_MODE_PATH } from './lite-mode-path.ts'

export function LiteModeToggle(props: {
  isOn: boolean
  /** The page to come back to, a path on this site. */
  returnPath: string
  t: (key: string) => string
}) {
  const { t } = props
  return (
    <form class="lite-mode-toggle" method="post" action={LITE_MODE_PATH}>
      <input type="hidden" name="lite" value={props.isOn ? 'off' : 'on'} />
      <input type="hidden" name="back" value={props.returnPath} />
      <button type="submit">{props.isOn ? t('offline.liteModeOff') : t('offline.liteModeOn')}</button>
      <br />
      <small>{t('offline.liteModeHelp')}</small>
    </form>
  )
}
