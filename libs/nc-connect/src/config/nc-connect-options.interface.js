export {};
//# sourceMappingURL=nc-connect-options.interface.js.map