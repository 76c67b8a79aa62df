export {};
//# sourceMappingURL=nc-connect-user.js.map