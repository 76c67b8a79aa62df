/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #f6f6f6; line-height: 1.5; }
  header, main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.5rem; }
  header { border-bottom: 1px solid #ccc; }
  main { background: #fff; }
  a { color: #00539b; }
  .button { display: inline-block; background: #00539b; color: #fff; padding: .7rem 1.2rem; border: 0;
    border-radius: .3rem; font-size: 1rem; text-decoration: none; cursor: pointer; }
  .button:focus-visible, a:focus-visible { outline: 3px solid #f5a300; outline-offset: 2px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  td { overflow-wrap: anywhere; }
`;

/** The sample app's page frame (French, New Caledonia). */
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
<header><a href="/">Démarche exemple</a> · service public de démonstration</header>
<main>
${body}
</main>
</body>
</html>
`;
}
