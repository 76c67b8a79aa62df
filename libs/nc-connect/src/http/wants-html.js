/** True when the client prefers HTML to JSON, i.e. it is a browser navigating. */
export function wantsHtml(req) {
    return req.accepts(['json', 'html']) === 'html';
}
//# sourceMappingURL=wants-html.js.map