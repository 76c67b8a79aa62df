const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

const STYLE = `
  body { margin: 0; font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; background: #f4f5f7; color: #1b1b1b; line-height: 1.5; }
  main { max-width: 34rem; margin: 2rem auto; padding: 1.5rem 2rem; background: #fff; border: 1px solid #d0d4da; border-radius: 6px; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
  .flavor { display: inline-block; margin: 0 0 1rem; padding: .1rem .5rem; border: 1px solid #00427a; border-radius: 3px; color: #00427a; font-size: .9rem; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input[type=text], input[type=password] { box-sizing: border-box; width: 100%; padding: .55rem; font-size: 1rem; border: 1px solid #5c6670; border-radius: 4px; }
  input:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }
  .actions { display: flex; gap: .75rem; margin-top: 1.25rem; }
  button { padding: .6rem 1.2rem; font-size: 1rem; border-radius: 4px; cursor: pointer; }
  .primary { background: #00427a; color: #fff; border: 1px solid #00427a; }
  .secondary { background: #fff; color: #00427a; border: 1px solid #00427a; }
  .error { padding: .75rem; border-left: 4px solid #b00020; background: #fdecee; color: #7a0016; }
  table { border-collapse: collapse; width: 100%; font-size: .95rem; }
  th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #d0d4da; }
  code { font-family: ui-monospace, monospace, monospace; font-size: .95em; }
  td code, .password code { white-space: nowrap; }
  .note { color: #4a525a; font-size: .9rem; }
`;

/** A complete French HTML page in the emulator's sober style; `body` must already be escaped. */
export function htmlPage(title: string, body: string, script?: string): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>${script ? `\n<script>${script}</script>` : ''}
</body>
</html>`;
}
