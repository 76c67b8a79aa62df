/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Colours meet WCAG AA contrast: #00539b on white 7.7:1, #1b1b1b on #f6f6f6 15.9:1, #7a0016 on
// #fdecee 10:1, #14521f on #eaf5ec 8.3:1, #4a4a4a on white 8.9:1; the dark focus ring 15.9:1.
const STYLE = `
  body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; margin: 0; color: #1b1b1b; background: #f6f6f6; line-height: 1.5; }
  .skip { position: absolute; left: -999rem; }
  .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
  header, main, footer { max-width: 46rem; margin: 0 auto; padding: 1rem 1.5rem; }
  header { border-bottom: 1px solid #ccc; }
  header a { font-weight: 600; }
  main { background: #fff; }
  footer { color: #4a4a4a; font-size: .9rem; }
  h1 { font-size: 1.6rem; line-height: 1.25; }
  a { color: #00539b; }
  .button { display: inline-block; background: #00539b; color: #fff; padding: .7rem 1.2rem; border: 2px solid #00539b;
    border-radius: .3rem; font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; }
  .button:hover { background: #003f75; }
  .button.secondary { background: #fff; color: #00539b; }
  a:focus-visible, button:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }
  .actions { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: center; }
  .notice { padding: .75rem 1rem; border-left: 4px solid #b00020; background: #fdecee; color: #7a0016; }
  .notice.ok { border-left-color: #1d7a33; background: #eaf5ec; color: #14521f; }
  .technical { color: #4a4a4a; font-size: .9rem; }
  table { border-collapse: collapse; width: 100%; }
  caption { text-align: left; font-weight: 600; padding-bottom: .5rem; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  td { overflow-wrap: anywhere; }
  form { margin: 0; }
  code { font-family: ui-monospace, monospace, monospace; font-size: .95em; }
`;

/** The sample app's page frame (French, New Caledonia); `body` must already be escaped. */
export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr-NC">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Démarche exemple</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header><a href="/">Démarche exemple</a> · service public de démonstration</header>
<main id="contenu">
${body}
</main>
<footer>Application d’exemple de <code>nestjs-nc-connect</code> : aucune démarche réelle n’est effectuée.</footer>
</body>
</html>
`;
}
