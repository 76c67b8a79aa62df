export {};
//# sourceMappingURL=login-transaction.js.map