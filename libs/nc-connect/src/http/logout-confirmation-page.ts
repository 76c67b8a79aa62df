function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Shown instead of logging out when a GET logout comes from another site: the citizen confirms
 * with a same-origin POST, so a third-party page cannot end their session (and their NC Connect
 * session) behind their back.
 */
export function renderLogoutConfirmationPage(action: string): string {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Se déconnecter ?</title></head>
<body>
<main>
<h1>Se déconnecter ?</h1>
<p>Un autre site demande à vous déconnecter de ce service et de NC Connect.</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit">Se déconnecter</button></form>
<p><a href="/">Rester connecté</a></p>
</main>
</body>
</html>
`;
}
