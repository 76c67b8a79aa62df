/** Normalises `routePrefix` (`'auth'`, `'/auth/'`, `false`). */
export function resolveRoutes(routePrefix) {
    if (routePrefix === false)
        return {};
    const trimmed = (routePrefix ?? 'auth').replace(/^\/+|\/+$/g, '');
    const prefix = trimmed === '' ? '' : `/${trimmed}`;
    return { prefix, loginPath: `${prefix}/login` };
}
//# sourceMappingURL=nc-connect.routes.js.map