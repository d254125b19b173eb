/**
 * HTML the server rendered from a participant's Markdown (reflections, portraits). The one place in the SPA that
 * inserts HTML: it is safe because the server renders with goldmark and sanitises with bluemonday before it is
 * stored (raw HTML dropped, only http(s) and mailto links, rel="nofollow noopener"), and the API documents
 * `bodyHtml` as safe to insert. Never pass anything else, such as text a user just typed, to this component.
 */
export function RichText({ html, className }: { html: string; className?: string }) {
  return (
    <div
      className={className ? `lg-richtext ${className}` : 'lg-richtext'}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
