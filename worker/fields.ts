// The field codes and the valibot messages that carry them, for the server's files: defined once in
// the contract (contract/fields.ts), which the request schemas and the web app read too.
export * from '../contract/fields';
