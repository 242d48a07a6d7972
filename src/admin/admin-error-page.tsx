import { type AdminChrome, AdminLayout } from './admin-layout.tsx'

const HEADINGS: Record<number, string> = {
  400: 'That request could not be understood',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'Someone else changed this',
  410: 'Gone',
  422: 'Please check what you entered',
  429: 'Too many attempts',
}

export function AdminErrorPage(props: {
  chrome: AdminChrome
  status: number
  code: string
  message: string
}) {
  const heading = HEADINGS[props.status] ?? 'Something went wrong'
  return (
    <AdminLayout chrome={props.chrome} title={heading}>
      <section class="admin-error" data-code={props.code}>
        <h1>{heading}</h1>
        <p>{props.message}</p>
        <p>
          {props.chrome.user ? (
            <a href="/admin">Back to the dashboard</a>
          ) : (
            <a href="/admin/login">Sign in</a>
          )}
        </p>
      </section>
    </AdminLayout>
  )
}
